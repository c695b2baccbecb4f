import { InvalidOptionError } from "../../src/index.js";
import { finiteRows, optionData } from "../../src/engine/internals.js";
import { assignAll } from "./kernels.js";
import { toDataMatrix } from "./to-data-matrix.js";
import type { ClusteringData, LabelAssignment } from "./types.js";

/**
 * The nearest centroid of each point (lowest index on ties), and the inertia of that assignment:
 * k-means' `predict`.
 *
 * @remarks Cost: `n k` distances, `O(n k d)`.
 * @param centroids - One row per cluster, all of one dimension.
 * @param points - The points, of the centroids' dimension.
 * @returns The labels and `sum_i ||x_i - c_{label_i}||^2`.
 * @throws `InvalidOptionError` for malformed centroids; `InvalidProblemError` for malformed points or a
 *   dimension mismatch.
 * @example
 * ```ts
 * predictLabels([[0, 0], [5, 5]], [[1, 0], [4, 6]]).labels; // Int32Array [0, 1]
 * ```
 */
export function predictLabels(centroids: readonly (readonly number[])[], points: ClusteringData): LabelAssignment {
  if (!Array.isArray(centroids) || centroids.length === 0 || !Array.isArray(centroids[0])) {
    throw new InvalidOptionError("centroids", "a non-empty array of rows", centroids);
  }
  const d = (centroids[0] as readonly number[]).length;
  const k = centroids.length;
  centroids.forEach((row, j) => {
    if (!Array.isArray(row) || row.length !== d) {
      throw new InvalidOptionError(`centroids[${j}]`, `a row of ${d} numbers`, row);
    }
  });
  const flat = optionData(() => finiteRows(centroids, "centroids", d)).values;
  const data = toDataMatrix(points, "points", d);
  const labels = new Int32Array(data.rows);
  const { inertia } = assignAll(data.values, data.rows, d, flat, k, new Float64Array(data.rows).fill(1), labels, null);
  return { labels, inertia };
}

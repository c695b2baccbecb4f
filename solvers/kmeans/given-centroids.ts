import { InvalidOptionError, InvalidProblemError } from "../../src/index.js";
import { finiteRows, optionData } from "../../src/engine/internals.js";
import type { InitializationInput, KMeansInitialization } from "./types.js";

/**
 * Starts from centroids the caller chooses (scikit-learn's `init=array`); they also fix `k`.
 *
 * @remarks No randomness: every restart starts from the same centroids, so `nInit > 1` only repeats the
 * run. k-means then converges to the local minimum nearest these centroids, which need not be the global one.
 * @param centroids - One row per cluster, at least one, all finite, all of the data's dimension.
 * @returns The strategy, for the `init` option.
 * @throws `InvalidOptionError` at once for no rows, ragged rows or non-finite coordinates;
 *   `InvalidProblemError` when the run starts if their dimension differs from the data's.
 * @example
 * ```ts
 * solve(kmeans({ init: givenCentroids([[0, 0], [5, 5]]) }), { data });
 * ```
 */
export function givenCentroids(centroids: readonly (readonly number[])[]): KMeansInitialization {
  const valid =
    Array.isArray(centroids) &&
    centroids.length > 0 &&
    centroids.every((row) => Array.isArray(row) && row.length === (centroids[0] as readonly number[]).length) &&
    (centroids[0] as readonly number[]).length > 0;
  if (!valid)
    throw new InvalidOptionError("centroids", "a non-empty array of rows of one length of finite numbers", centroids);
  const { values: flat, rows: k, columns: d } = optionData(() => finiteRows(centroids, "centroids"));
  const strategy = ({ data }: InitializationInput): Float64Array => {
    if (data.columns !== d)
      throw new InvalidProblemError(
        "problem.data",
        `points of dimension ${d} like the given centroids`,
        `points of dimension ${data.columns}`,
        false,
      );
    return Float64Array.from(flat);
  };
  return Object.assign(strategy, { label: "given", k });
}

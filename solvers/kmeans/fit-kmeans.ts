import {
  anyValue,
  bestOf,
  integerAtLeast,
  InvalidOptionError,
  optional,
  optionData,
  prepareProblem,
  solve,
  toFiniteFloat64,
  validateStrictOptions,
} from "../../src/index.js";
import type { OptionSchemaOf, Solver } from "../../src/index.js";
import { assignAll } from "./kernels.js";
import { predictLabels } from "./predict-labels.js";
import { toDataMatrix } from "./to-data-matrix.js";
import type { CentroidState, ClusteringData, FitKMeansOptions, KMeansModel, KMeansProblem } from "./types.js";

/** The rules of {@link FitKMeansOptions}; `seed` and `sampleWeights` are checked where they are read. */
const fitKMeansRules = {
  nInit: optional(integerAtLeast(1)),
  seed: anyValue,
  sampleWeights: anyValue,
  maxIterations: optional(integerAtLeast(0)),
  maxEpochs: optional(integerAtLeast(0)),
  threads: optional(integerAtLeast(1)),
} satisfies OptionSchemaOf<FitKMeansOptions>;

/**
 * Fits k-means with restarts: `nInit` runs of `solver` through `solve`, from seeds `deriveSeed(seed, i)`
 * (the engine's `bestOf`), keeping the lowest inertia; then a final assignment of every point to the
 * winning centroids, so the labels match them (scikit-learn's `KMeans.fit`).
 *
 * @remarks Works with {@link kmeans}, {@link hamerlyKMeans} and {@link miniBatchKMeans}. Cost: `nInit` runs
 * plus one assignment (`n k` distances). Restart `i` alone is reproduced by
 * `solve(solver, problem, { seed: deriveSeed(seed, i) })`.
 * @param solver - A configured k-means solver.
 * @param data - The points.
 * @param options - Restarts, seed, weights and bounds.
 * @returns The fitted model, with `predict`.
 * @throws `InvalidOptionError` for options out of range; `InvalidProblemError` for malformed data.
 * @example
 * ```ts
 * const model = fitKMeans(kmeans({ k: 3 }), getNumbers(), { nInit: 10, seed: 42 });
 * model.inertia; model.predict([[5, 3.4, 1.5, 0.2]]);
 * ```
 * @see scikit-learn's `KMeans` (`n_init`, `inertia_`, `n_iter_`, `predict`).
 */
export function fitKMeans<S extends CentroidState>(
  solver: Solver<KMeansProblem, S, unknown, unknown>,
  data: ClusteringData,
  options: FitKMeansOptions = {},
): KMeansModel {
  validateStrictOptions(options, fitKMeansRules, "fitKMeans");
  const matrix = toDataMatrix(data, "data");
  const problem: KMeansProblem = {
    data: { values: matrix.values, rows: matrix.rows },
    sampleWeights: options.sampleWeights,
  };
  const weights =
    options.sampleWeights === undefined
      ? new Float64Array(matrix.rows).fill(1)
      : optionData(() => toFiniteFloat64(options.sampleWeights, "sampleWeights", matrix.rows));
  const negative = weights.findIndex((w) => w < 0);
  if (negative >= 0) {
    throw new InvalidOptionError(`sampleWeights[${negative}]`, "a finite number >= 0", weights[negative]);
  }
  // The restarts share one prepared problem (the data converted and the kernels bound once).
  using prepared = prepareProblem(solver, problem, { threads: options.threads });
  const runs = bestOf(
    options.nInit ?? 1,
    ({ seed }) => {
      const { maxIterations, maxEpochs } = options;
      const result = solve(solver, prepared, { seed, trace: false, maxIterations, maxEpochs });
      const { centroids, k } = result.state;
      const labels = new Int32Array(matrix.rows);
      const { inertia } = assignAll(matrix.values, matrix.rows, matrix.columns, centroids, k, weights, labels, null);
      return { result, labels, inertia };
    },
    (run) => run.inertia,
    { seed: options.seed ?? 0 },
  );
  const { result, labels, inertia } = runs.best;
  const d = matrix.columns;
  const centroids = Array.from({ length: result.state.k }, (_, j) =>
    Array.from(result.state.centroids.subarray(j * d, (j + 1) * d)),
  );
  return {
    centroids,
    labels,
    inertia,
    iterations: result.iterations,
    converged: result.converged,
    stopReason: result.stopReason,
    inertias: runs.scores,
    distanceComputations: result.state.distanceComputations + matrix.rows * result.state.k,
    predict: (points) => predictLabels(centroids, points).labels,
  };
}

import { bestOf, InvalidOptionError, MAX_SEED, Random, prepareProblem, solve } from "../../src/index.js";
import {
  integerAtLeast,
  optional,
  validateOption,
  validateStrictOptions,
  wasmMinimumSize,
} from "../../src/engine/internals.js";
import type { OptionSchemaOf } from "../../src/engine/internals.js";
import { toDataMatrix } from "../kmeans/index.js";
import type { ClusteringData } from "../kmeans/index.js";
import { cholesky } from "./dense-kernels.js";
import { expectationStep } from "./em-steps.js";
import type { FlatParameters } from "./em-steps.js";
import type {
  FitGaussianMixtureOptions,
  GaussianMixtureModel,
  GaussianMixtureSolver,
  PreparedGaussianMixture,
} from "./types.js";
import { bindMixtureKernel } from "./wasm-kernels.js";

/** The rules of {@link FitGaussianMixtureOptions}. */
const fitGaussianMixtureRules = {
  nInit: optional(integerAtLeast(1)),
  seed: optional(integerAtLeast(0, MAX_SEED)),
  threads: optional(integerAtLeast(1)),
} satisfies OptionSchemaOf<FitGaussianMixtureOptions>;

/**
 * Fits a Gaussian mixture by EM with restarts: `nInit` runs of `solver` (made by {@link gaussianMixture})
 * through `solve`, from seeds `deriveSeed(seed, i)` (the engine's `bestOf`), keeping the highest mean
 * log-likelihood (scikit-learn's `GaussianMixture.fit`). The arguments come in the order of `solve` and
 * `fitKMeans`: solver, data, options.
 *
 * @remarks The model's methods evaluate the winning parameters: `predict`, `predictProba` and
 * `scoreSamples` cost one E-step (`O(n k d^2)` for full covariances); `bic = -2 n score + p ln n` and
 * `aic = -2 n score + 2 p`, with `p` the free parameters (`k d` means, the covariance type's count,
 * `k - 1` weights). A run that hits its bound is a result (`converged: false`), not an error. Restart `i`
 * alone is reproduced by `solve(solver, { data }, { seed: deriveSeed(seed, i) })`.
 * @param solver - A configured Gaussian mixture solver, `gaussianMixture({ k, ... })`.
 * @param data - The points.
 * @param options - Restarts, seed and threads.
 * @returns The fitted model.
 * @throws `InvalidOptionError` for options out of range or a `solver` not made by {@link gaussianMixture};
 *   `InvalidProblemError` for malformed data or a collapsing component.
 * @example
 * ```ts
 * const model = fitGaussianMixture(gaussianMixture({ k: 3, covariance: fullCovariance() }), getNumbers(), { seed: 1 });
 * model.bic(getNumbers());
 * ```
 * @see scikit-learn's `GaussianMixture` (`n_init`, `converged_`, `lower_bound_`, `bic`, `aic`).
 */
export function fitGaussianMixture(
  solver: GaussianMixtureSolver,
  data: ClusteringData,
  options: FitGaussianMixtureOptions = {},
): GaussianMixtureModel {
  const covariance = (solver as Partial<GaussianMixtureSolver> | null)?.covariance;
  if (covariance === undefined || typeof covariance.toMatrices !== "function") {
    throw new InvalidOptionError(
      "solver",
      "a solver made by gaussianMixture({ k, ... }) (the arguments are solver, data, options)",
      solver,
    );
  }
  validateStrictOptions(options, fitGaussianMixtureRules, "fitGaussianMixture");
  const { threads } = options;
  const matrix = toDataMatrix(data, "data");
  const problem = { data: { values: matrix.values, rows: matrix.rows } };
  // The restarts share one prepared problem (the data converted, checked and copied into the kernel once).
  using prepared = prepareProblem(solver, problem, threads === undefined ? {} : { threads });
  const runs = bestOf(
    options.nInit ?? 1,
    ({ seed }) => solve(solver, prepared, { seed }),
    (result) => result.state.logLikelihood,
    { seed: options.seed ?? 0, direction: "maximize" },
  );
  const result = runs.best;
  const { k } = result.state;
  const d = matrix.columns;
  const parameters: FlatParameters = result.state;
  const parameterCount = k * d + covariance.parameterCount(k, d) + k - 1;
  const evaluate = (points: ClusteringData) => {
    const x = toDataMatrix(points, "points", d);
    // Large inputs: one kernel for the whole E-step, freed when it ends (each WebAssembly pass would
    // otherwise bind one of its own).
    using kernel = x.rows * d >= wasmMinimumSize ? bindMixtureKernel() : undefined;
    const data: PreparedGaussianMixture = kernel === undefined ? x : { ...x, kernel };
    const responsibilities = new Float64Array(x.rows * k);
    const logProbabilities = new Float64Array(x.rows);
    const mean = expectationStep(data, parameters, k, covariance, responsibilities, logProbabilities);
    return { x, responsibilities, logProbabilities, mean };
  };
  const covariances = covariance.toMatrices(parameters.covariances, k, d);
  const model: GaussianMixtureModel = {
    covarianceType: covariance.label,
    weights: Array.from(parameters.weights),
    means: Array.from({ length: k }, (_, j) => Array.from(parameters.means.subarray(j * d, (j + 1) * d))),
    covariances,
    converged: result.converged,
    iterations: result.iterations,
    logLikelihood: result.state.logLikelihood,
    stopReason: result.stopReason,
    logLikelihoods: runs.scores,
    parameterCount,
    predict(points) {
      const { x, responsibilities } = evaluate(points);
      return Int32Array.from({ length: x.rows }, (_, i) => {
        let best = 0;
        for (let j = 1; j < k; j++)
          if ((responsibilities[i * k + j] as number) > (responsibilities[i * k + best] as number)) best = j;
        return best;
      });
    },
    predictProba(points) {
      const { x, responsibilities } = evaluate(points);
      return Array.from({ length: x.rows }, (_, i) => Array.from(responsibilities.subarray(i * k, (i + 1) * k)));
    },
    scoreSamples: (points) => evaluate(points).logProbabilities,
    score: (points) => evaluate(points).mean,
    sample(count, seed = 0) {
      validateOption("count", count, integerAtLeast(1));
      validateOption("seed", seed, integerAtLeast(0, MAX_SEED));
      const random = new Random(seed);
      const factors = new Float64Array(k * d * d);
      const flat = Float64Array.from(covariances.flat(2));
      for (let j = 0; j < k; j++)
        if (cholesky(flat, j * d * d, d, factors) >= 0)
          throw new InvalidOptionError("model", "a model with positive definite covariances", "a singular one");
      const components = new Int32Array(count);
      const points = Array.from({ length: count }, (_, i) => {
        const j = random.weightedIndex(parameters.weights);
        components[i] = j;
        const z = Array.from({ length: d }, () => random.normal());
        return Array.from({ length: d }, (_, a) => {
          let value = parameters.means[j * d + a] as number;
          for (let b = 0; b <= a; b++) value += (factors[j * d * d + a * d + b] as number) * (z[b] as number);
          return value;
        });
      });
      return { points, components };
    },
    bic: (points) => {
      const { x, mean } = evaluate(points);
      return -2 * mean * x.rows + parameterCount * Math.log(x.rows);
    },
    aic: (points) => {
      const { x, mean } = evaluate(points);
      return -2 * mean * x.rows + 2 * parameterCount;
    },
  };
  return model;
}

import { absChange, InvalidOptionError, InvalidProblemError } from "../../src/index.js";
import { toDataMatrix } from "../kmeans/index.js";
import { expectationStep, maximizationStep } from "./em-steps.js";
import type { FlatParameters } from "./em-steps.js";
import { fromKMeans } from "./from-kmeans.js";
import { fullCovariance } from "./full-covariance.js";
import { bindMixtureKernel } from "./wasm-kernels.js";
import { createResidentPasses } from "./resident-passes.js";
import type {
  GaussianMixtureOptions,
  GaussianMixtureSolver,
  PreparedGaussianMixture,
  GaussianMixtureState,
  MixtureParameters,
} from "./types.js";
import {
  labelledStrategy,
  integerAtLeast,
  numberAtLeast,
  optional,
  validateStrictOptions,
  wasmMinimumSize,
} from "../../src/engine/internals.js";
import type { OptionSchemaOf } from "../../src/engine/internals.js";

/** The rules of {@link GaussianMixtureOptions}. */
const gaussianMixtureRules = {
  k: integerAtLeast(1),
  covariance: optional({
    expected: "a covariance type such as fullCovariance()",
    test: (v) => typeof v === "object" && v !== null && typeof (v as { estimate?: unknown }).estimate === "function",
  }),
  regCovar: optional(numberAtLeast(0)),
  absTolerance: optional(numberAtLeast(0)),
  maxIterations: optional(integerAtLeast(0)),
  init: optional(labelledStrategy("an initialisation such as fromKMeans()")),
} satisfies OptionSchemaOf<GaussianMixtureOptions>;

/**
 * A Gaussian mixture fitted by expectation-maximisation (EM), scikit-learn's `GaussianMixture`.
 *
 * @remarks
 * Update rule, from iteration `t` (parameters `pi, mu, Sigma` and their responsibilities `r_ij`):
 * M-step `nk_j = sum_i r_ij`, `pi_j = nk_j / n`, `mu_j = sum_i r_ij x_i / nk_j`, `Sigma_j` by the covariance
 * type (plus `regCovar` on the diagonal); E-step `r_ij = pi_j N(x_i | mu_j, Sigma_j) / sum_m pi_m N(x_i |
 * mu_m, Sigma_m)`, computed in logs with log-sum-exp, and the mean log-likelihood `(1/n) sum_i log sum_j
 * pi_j N(x_i | mu_j, Sigma_j)`. Iteration 0 is the initialisation's parameters (an M-step of its
 * responsibilities) with their E-step, so the state's responsibilities always match its parameters.
 *
 * Cost per iteration: `O(n k d^2)` for full and tied covariances (a triangular solve per point and
 * component, and the scatter matrices), `O(n k d)` for diagonal and spherical. Convergence: each iteration
 * never decreases the log-likelihood (EM's monotonicity, up to rounding and the `regCovar` term); the rate is
 * linear, slow when components overlap.
 *
 * Stopping: `|LL_t - LL_{t-1}| <= absTolerance` on the mean log-likelihood per sample (reported as
 * `|dLL/n|`). scikit-learn tests the same change one iteration later (after one more M-step), so its
 * `n_iter_` is ours plus one; see the guide.
 *
 * Threads: on data of 16,384 coordinates or more (the built-in covariance types), EM's passes run
 * in chunks of points on up to the run option `threads` (the same bits on any number); otherwise on one. The
 * result's `kernelThreads` says which.
 *
 * @param options - `k`, covariance type, `regCovar`, `absTolerance`, bound, initialisation.
 * @returns The solver (with its covariance type, for {@link fitGaussianMixture}).
 * @throws `InvalidOptionError` for options out of range; `InvalidProblemError` for malformed data, `k`
 *   greater than the number of points, or a collapsing component (singular covariance), whose message says to
 *   lower `k` or raise `regCovar`.
 * @example
 * ```ts
 * const result = solve(gaussianMixture({ k: 2, covariance: diagonalCovariance() }), { data }, { seed: 1 });
 * result.state.logLikelihood;
 * ```
 * @see A. P. Dempster, N. M. Laird and D. B. Rubin, Maximum likelihood from incomplete data via the EM
 *   algorithm, JRSS B 39 (1977); C. M. Bishop, Pattern Recognition and Machine Learning, section 9.2.
 */
export function gaussianMixture(options: GaussianMixtureOptions): GaussianMixtureSolver {
  if (options === null || typeof options !== "object")
    throw new InvalidOptionError("options", "an object { k, ... }", options);
  validateStrictOptions(options, gaussianMixtureRules, "gaussianMixture");
  const { k } = options;
  const covariance = options.covariance ?? fullCovariance();
  const regCovar = options.regCovar ?? 1e-6;
  const init = options.init ?? fromKMeans();
  const state = (data: PreparedGaussianMixture, parameters: FlatParameters): GaussianMixtureState => {
    const pass = data.passes?.expectation(parameters);
    if (pass !== undefined) return { k, ...parameters, ...pass };
    const responsibilities = new Float64Array(data.rows * k);
    const logLikelihood = expectationStep(data, parameters, k, covariance, responsibilities, undefined);
    return { k, ...parameters, responsibilities, logLikelihood };
  };
  return {
    name: `Gaussian mixture EM (${covariance.label}, ${init.label})`,
    covariance,
    maxIterations: options.maxIterations ?? 100,
    convergence: absChange((s: GaussianMixtureState) => s.logLikelihood, options.absTolerance ?? 1e-3, {
      name: "LL/n",
    }),
    // The prepared problem is the data as a flat matrix, converted and checked once, with the kernels bound
    // for large data (their memory and threads live until dispose).
    prepare(problem, context) {
      if (problem === null || typeof problem !== "object") {
        throw new InvalidProblemError("problem", "an object { data }", problem);
      }
      const data = toDataMatrix(problem.data, "problem.data");
      if (k > data.rows) {
        const points = `${data.rows} points`;
        throw new InvalidProblemError("problem.data", `a set of at least k = ${k} points`, points, false);
      }
      if (data.rows * data.columns < wasmMinimumSize) return data;
      const passes = createResidentPasses(data, k, covariance, regCovar, context.threads, context.kernelPool);
      return { ...data, kernel: bindMixtureKernel(context.kernelPool), passes };
    },
    dispose(data) {
      data.kernel?.dispose();
      data.passes?.dispose();
    },
    kernelThreads: (data) => data.passes?.threads ?? 1,
    init(data, context) {
      const start = init({ data, k, random: context.random });
      const parameters =
        "parameters" in start
          ? givenFlat(start.parameters, data.columns)
          : maximizationStep(data, start.responsibilities, k, covariance, regCovar);
      return state(data, parameters);
    },
    step(data, current) {
      // From the sums the last E-step's pass kept in the state (one pass over the data per iteration), else plainly.
      const statistics = current.sufficientStatistics;
      const parameters =
        (statistics === undefined ? undefined : data.passes?.maximization(statistics, current.means)) ??
        maximizationStep(data, current.responsibilities, k, covariance, regCovar);
      return state(data, parameters);
    },
    record: (s) => ({ logLikelihood: s.logLikelihood }),
  };

  function givenFlat(parameters: MixtureParameters, d: number): FlatParameters {
    if (parameters.weights.length !== k)
      throw new InvalidProblemError("init parameters", `${k} components`, parameters.weights.length);
    parameters.means.forEach((mean, j) => {
      if (mean.length !== d || !mean.every(Number.isFinite))
        throw new InvalidProblemError(`init parameters.means[${j}]`, `a point of dimension ${d} like the data`, mean);
    });
    parameters.covariances.forEach((matrix, j) => {
      if (matrix.length !== d || !matrix.every((row) => row.length === d && row.every(Number.isFinite))) {
        throw new InvalidProblemError(
          `init parameters.covariances[${j}]`,
          `a ${d} x ${d} matrix of finite numbers`,
          matrix,
        );
      }
    });
    const covariances = covariance.fromMatrices(parameters.covariances, k, d);
    return {
      weights: Float64Array.from(parameters.weights),
      means: Float64Array.from(parameters.means.flat()),
      covariances,
      precisionFactors: covariance.precisionFactors(covariances, k, d, regCovar),
    };
  }
}

import type { Random, Solver, StopReason } from "../../src/index.js";
import type { ClusteringData, DataMatrix } from "../kmeans/index.js";
import type { KernelBinding } from "../../src/engine/internals.js";
import type { ResidentPasses } from "./resident-passes.js";

/** A Gaussian mixture problem: the points to model. */
export interface GaussianMixtureProblem {
  /** The points, at least `k`, all finite, all of one dimension (rows, flat with a row count, or a `Matrix`). */
  readonly data: ClusteringData;
}

/**
 * The form of the components' covariances: {@link fullCovariance}, {@link diagonalCovariance},
 * {@link sphericalCovariance} or {@link tiedCovariance}. A strategy object: it estimates the covariances in
 * the M-step, factors them, evaluates the log-densities in the E-step and counts its free parameters.
 * Covariances are stored flat: `k d d` numbers (full), `d d` (tied), `k d` (diagonal), `k` (spherical).
 */
export interface CovarianceType {
  /** `full`, `tied`, `diagonal` or `spherical`. */
  readonly label: string;
  /** Free covariance parameters for `k` components in dimension `d`. */
  parameterCount(k: number, d: number): number;
  /** The M-step: covariances from the responsibilities, component weights `nk` and means, plus `regCovar` on each diagonal. */
  estimate(input: CovarianceEstimateInput): Float64Array;
  /**
   * Factors covariances into precision factors `P` (with `Sigma^{-1} = P^T P`): the inverse lower
   * Cholesky factor (full, tied) or `1 / sigma` (diagonal, spherical).
   * @throws `InvalidProblemError` when a covariance is not positive definite (a collapsing component).
   */
  precisionFactors(covariances: Float64Array, k: number, d: number, regCovar: number): Float64Array;
  /** Writes `log N(x_i | mu_j, Sigma_j)` at `out[i k + j]`. */
  logDensities(data: DataMatrix, means: Float64Array, factors: Float64Array, k: number, out: Float64Array): void;
  /** The covariances as full `d x d` matrices, one per component. */
  toMatrices(covariances: Float64Array, k: number, d: number): number[][][];
  /** The flat covariances of this type nearest to the given full matrices (their diagonal, mean, or average). */
  fromMatrices(matrices: readonly (readonly (readonly number[])[])[], k: number, d: number): Float64Array;
}

/** What {@link CovarianceType.estimate} receives. */
export interface CovarianceEstimateInput {
  /** The data. */
  readonly data: DataMatrix;
  /** Responsibilities, `n k`, row-major. */
  readonly responsibilities: Float64Array;
  /** `nk_j = sum_i r_ij` (plus 10 machine epsilons, as scikit-learn). */
  readonly totals: Float64Array;
  /** The new means, `k d`. */
  readonly means: Float64Array;
  /** The number of components. */
  readonly k: number;
  /** Added to every covariance diagonal. */
  readonly regCovar: number;
}

/** Given mixture parameters: weights, means and full covariance matrices. */
export interface MixtureParameters {
  /** `k` weights > 0 summing to 1. */
  readonly weights: readonly number[];
  /** `k` means of dimension `d`. */
  readonly means: readonly (readonly number[])[];
  /** `k` symmetric positive definite `d x d` matrices (reduced to the covariance type: diagonal, mean, average). */
  readonly covariances: readonly (readonly (readonly number[])[])[];
}

/** What a mixture initialisation returns: initial responsibilities (`n k`), or parameters. */
export type MixtureStart =
  | {
      /** Initial responsibilities, `n k`, row-major, each row summing to 1. */
      readonly responsibilities: Float64Array;
    }
  | {
      /** Initial parameters: iteration 0 as given. */
      readonly parameters: MixtureParameters;
    };

/** What {@link GaussianMixtureModel.sample} returns. */
export interface MixtureSample {
  /** The drawn points, one row each. */
  readonly points: number[][];
  /** The component each point was drawn from. */
  readonly components: Int32Array;
}

/**
 * How EM starts: {@link fromKMeans}, {@link fromKMeansPlusPlus}, {@link randomResponsibilities} or
 * {@link givenParameters}. Responsibilities go through one M-step to give iteration 0's parameters.
 */
export interface MixtureInitialization {
  /** A short label for the solver's name. */
  readonly label: string;
  /** Computes the start. */
  (input: { readonly data: DataMatrix; readonly k: number; readonly random: Random }): MixtureStart;
}

/** Options of {@link gaussianMixture}. */
export interface GaussianMixtureOptions {
  /** The number of components, an integer >= 1 (at most the number of points). */
  readonly k: number;
  /**
   * The form of the covariances.
   * @defaultValue `fullCovariance()`
   */
  readonly covariance?: CovarianceType | undefined;
  /**
   * Added to every covariance diagonal, a finite number >= 0; keeps components from collapsing onto a point.
   * @defaultValue `1e-6`
   */
  readonly regCovar?: number | undefined;
  /**
   * Converged when the mean log-likelihood per sample changes by at most `absTolerance` (reported as
   * `|dLL/n|`), a finite number >= 0.
   * @defaultValue `1e-3`
   */
  readonly absTolerance?: number | undefined;
  /**
   * The iteration bound, an integer >= 0.
   * @defaultValue `100`
   */
  readonly maxIterations?: number | undefined;
  /**
   * How EM starts.
   * @defaultValue `fromKMeans()`
   */
  readonly init?: MixtureInitialization | undefined;
}

/**
 * The state of {@link gaussianMixture}: iteration `t`'s parameters and the responsibilities and mean
 * log-likelihood they give (so one iteration is one M-step and one E-step). Plain data; every step makes
 * new arrays. On large data the E-step's pass also sums what the next M-step needs
 * (`sufficientStatistics`), so that step reads the data once; the sums are part of the iterate, so a
 * checkpoint resumes with the same bits as a run that was never interrupted.
 */
export interface GaussianMixtureState {
  /** The number of components. */
  readonly k: number;
  /** The mixing weights, `k`. */
  readonly weights: Float64Array;
  /** The means, `k d`, row-major. */
  readonly means: Float64Array;
  /** The covariances, in the covariance type's flat layout. */
  readonly covariances: Float64Array;
  /** Their precision factors (see {@link CovarianceType.precisionFactors}). */
  readonly precisionFactors: Float64Array;
  /** `r_ij = P(component j | x_i)`, `n k`, row-major. */
  readonly responsibilities: Float64Array;
  /** The mean log-likelihood per sample, `(1/n) sum_i log sum_j pi_j N(x_i | mu_j, Sigma_j)`. */
  readonly logLikelihood: number;
  /**
   * The responsibilities' sums for the next M-step, from the E-step's pass over the data (large data with
   * a built-in covariance type, where WebAssembly is available); absent otherwise (the M-step then reads
   * the data and the responsibilities itself).
   */
  readonly sufficientStatistics?: MixtureStatistics | undefined;
}

/**
 * What the E-step's pass sums for the next M-step (see {@link GaussianMixtureState.sufficientStatistics}),
 * about the means `mu_j` of the state that holds them.
 */
export interface MixtureStatistics {
  /** `10 eps + sum_i r_ij`, `k`. */
  readonly totals: Float64Array;
  /** `sum_i r_ij (x_i - mu_j)` (diagonal, spherical, tied) or `sum_i r_ij x_i` (full), `k d`. */
  readonly sums: Float64Array;
  /**
   * `sum_i r_ij (x_i - mu_j)^2` per coordinate (`k d`: diagonal, spherical), or the packed lower triangles of
   * `sum_i r_ij (x_i - mu_j)(x_i - mu_j)^T` (full); absent for tied covariances, whose pooled scatter
   * comes from the data alone (kept with the prepared problem).
   */
  readonly scatter?: Float64Array | undefined;
}

/** The trace record of {@link gaussianMixture}. */
export interface GaussianMixtureRecord {
  /** The mean log-likelihood per sample. */
  readonly logLikelihood: number;
}

/**
 * The solver {@link gaussianMixture} returns: a `Solver` that also says which covariance type it fits, so
 * that {@link fitGaussianMixture} builds the model's covariances and counts its parameters with it.
 */
export type GaussianMixtureSolver = Solver<
  GaussianMixtureProblem,
  GaussianMixtureState,
  GaussianMixtureRecord,
  PreparedGaussianMixture
> & {
  /** The form of the covariances, from the options (`fullCovariance()` by default). */
  readonly covariance: CovarianceType;
};

/** Options of {@link fitGaussianMixture}: restarts, seed and threads (the solver carries its own options). */
export interface FitGaussianMixtureOptions {
  /**
   * Independent runs from seeds `deriveSeed(seed, i)`; the highest log-likelihood wins, an integer >= 1.
   * @defaultValue `1`
   */
  readonly nInit?: number | undefined;
  /**
   * The base seed.
   * @defaultValue `0`
   */
  readonly seed?: number | undefined;
  /**
   * Threads for the WebAssembly passes of EM on large data (the run option `threads`, an integer >= 1, the
   * caller's included), shared by every restart. The same bits with any number.
   * @defaultValue the machine's available parallelism, at most 8 (`defaultKernelThreads()`)
   */
  readonly threads?: number | undefined;
}

/** A fitted Gaussian mixture: scikit-learn's fitted attributes and methods. */
export interface GaussianMixtureModel {
  /** The covariance type's label. */
  readonly covarianceType: string;
  /** The mixing weights. */
  readonly weights: number[];
  /** The means, one row per component. */
  readonly means: number[][];
  /** The covariances as full `d x d` matrices (for every covariance type). */
  readonly covariances: number[][][];
  /** Whether the winning run converged. */
  readonly converged: boolean;
  /** Its iterations. */
  readonly iterations: number;
  /** Its mean log-likelihood per sample on the training data. */
  readonly logLikelihood: number;
  /** Why it stopped, the engine's typed reason; `describeStopReason(model.stopReason)` words it. */
  readonly stopReason: StopReason;
  /** Every restart's mean log-likelihood. */
  readonly logLikelihoods: readonly number[];
  /** The free parameters: means, covariances and `k - 1` weights. */
  readonly parameterCount: number;
  /** The most probable component of each point. */
  predict(points: ClusteringData): Int32Array;
  /** `P(component j | x_i)`, one row per point. */
  predictProba(points: ClusteringData): number[][];
  /** `log p(x_i)` of each point. */
  scoreSamples(points: ClusteringData): Float64Array;
  /** The mean of `log p(x_i)`. */
  score(points: ClusteringData): number;
  /** Draws `count` points (and their components) from the mixture with a seeded generator. */
  sample(count: number, seed?: number): MixtureSample;
  /** Bayesian information criterion `-2 n score + p ln n` (lower is better). */
  bic(points: ClusteringData): number;
  /** Akaike information criterion `-2 n score + 2 p` (lower is better). */
  aic(points: ClusteringData): number;
}

/**
 * The prepared problem of {@link gaussianMixture}: the data as a flat matrix, converted and checked once,
 * and for large data (16,384 coordinates or more) the WebAssembly kernel of the E- and M-steps, bound to
 * it (its memory lives until the prepared problem's `dispose`).
 */
export interface PreparedGaussianMixture extends DataMatrix {
  /** The kernel bound to the prepared problem, or undefined (small data; a kernel is bound per call where needed). */
  readonly kernel?: KernelBinding<unknown> | undefined;
  /**
   * EM's passes on the points held in a kernel's shared memory, on the run option `threads` (large data
   * with the built-in covariance types, where WebAssembly SIMD and shared memory are available).
   * @internal
   */
  readonly passes?: ResidentPasses | undefined;
}

// Internal: problem checks and option checks shared by the k-means solvers.
import { InvalidOptionError, InvalidProblemError } from "../../src/index.js";
import {
  labelledStrategy,
  copyFiniteNumbers,
  integerAtLeast,
  numberAtLeast,
  optional,
  validateStrictOptions,
} from "../../src/engine/internals.js";
import type { InitContext, KernelPool, Solver } from "../../src/index.js";
import { kmeansConvergence } from "./convergence-tests.js";
import type { OptionSchema, OptionSchemaOf } from "../../src/engine/internals.js";
import { kmeansPlusPlus } from "./kmeans-plus-plus.js";
import { chunkSize } from "./kernels.js";
import { meanVariance, varianceFromSquares } from "./moments.js";
import { assertFinite, toDataMatrixUnchecked } from "./to-data-matrix.js";
import { createWasmKernels } from "./wasm-kernels.js";
import { wasmMinimumSize } from "../../src/engine/internals.js";
import type { WasmKMeansKernels } from "./wasm-kernel-types.js";
import type {
  DataMatrix,
  KMeansInitialization,
  KMeansOptions,
  KMeansProblem,
  KMeansRecord,
  KMeansState,
} from "./types.js";

/**
 * The prepared problem of the k-means solvers (what their `prepare` returns): flat data, weights, tolerance
 * scale, and the WebAssembly kernels bound to the data.
 */
export interface PreparedKMeans {
  /** The points, checked and flat row-major. */
  readonly data: DataMatrix;
  /**
   * One weight per point (all 1 when none were given: those are made on first read, and the kernels, which
   * take weight 1 without any array, never read them).
   */
  readonly weights: Float64Array;
  /**
   * scikit-learn's tolerance scale, the mean per-feature variance. With kernels, computed by their first
   * pass (or now, if none has run), and only then are the coordinates known to be finite: this throws the
   * problem error for a non-finite one. Call it after the first pass, and before trusting any result.
   */
  varianceScale(): number;
  /** The WebAssembly kernels bound to this data, where available and asked for. */
  readonly kernels: WasmKMeansKernels | undefined;
}

/** Validated options with their defaults. */
export interface ResolvedKMeansOptions {
  readonly k: number;
  readonly init: KMeansInitialization;
  readonly relTolerance: number;
  readonly maxIterations: number;
}

const initRule = labelledStrategy("an initialisation such as kmeansPlusPlus(), randomInit() or givenCentroids(c)");

/** The rules of the options every k-means solver shares. */
export const kmeansRules = {
  k: optional(integerAtLeast(1)),
  init: optional(initRule),
  relTolerance: optional(numberAtLeast(0)),
  maxIterations: optional(integerAtLeast(0)),
} satisfies OptionSchemaOf<KMeansOptions>;

/**
 * Checks the options (names and ranges: `rules` names every option of the solver `owner`) and fills in
 * the defaults of the shared ones.
 */
export function resolveKMeansOptions(
  options: KMeansOptions,
  defaultMaxIterations: number,
  owner: string,
  rules: OptionSchema = kmeansRules,
): ResolvedKMeansOptions {
  if (options === null || typeof options !== "object") throw new InvalidOptionError("options", "an object", options);
  validateStrictOptions(options, rules, owner);
  const init = options.init ?? kmeansPlusPlus();
  const k = options.k ?? init.k;
  if (k === undefined)
    throw new InvalidOptionError("k", "an integer >= 1 (or an init that fixes it, such as givenCentroids)", k);
  if (init.k !== undefined && init.k !== k)
    throw new InvalidOptionError("k", `${init.k}, the number of given centroids`, k);
  return {
    k,
    init,
    relTolerance: options.relTolerance ?? 1e-4,
    maxIterations: options.maxIterations ?? defaultMaxIterations,
  };
}

/**
 * Converts and checks a problem (a k-means solver's `prepare`). With `threads` (the run option, from the
 * prepare context; not for the mini-batch solver), WebAssembly kernels (where available) are bound to the
 * points: their first assignment pass copies the points in and computes the variance scale, on that many
 * threads; the check for non-finite coordinates then comes from the variance scale (see
 * {@link PreparedKMeans.varianceScale}); with `kernelPool` (the run option) their memory and workers come from
 * that pool. {@link disposeKMeans} ends the kernels' workers (or gives them back to the pool).
 */
export function prepareKMeans(
  problem: KMeansProblem,
  k: number,
  threads?: number,
  kernelPool?: KernelPool,
): PreparedKMeans {
  if (problem === null || typeof problem !== "object")
    throw new InvalidProblemError("problem", "an object { data, sampleWeights? }", problem);
  // The kernels keep a reference to `weights`, filled below (they read it only in the assignment passes);
  // without sample weights there is no array: the kernels take weight 1, and the prepared problem makes its
  // unit weights only if something reads them (an initialisation, an empty cluster, the JavaScript path).
  const unitWeights = problem.sampleWeights === undefined;
  let weights: Float64Array | undefined;
  let bound = false;
  let kernels: WasmKMeansKernels | undefined;
  /** Binds the kernels for `n x d` points (`x` undefined: they are converted into the kernels' memory). */
  const bind = (x: Float64Array | undefined, n: number, d: number): void => {
    bound = true;
    if (!unitWeights) weights = new Float64Array(n);
    if (threads !== undefined && n * d >= wasmMinimumSize)
      kernels = createWasmKernels(x, n, d, weights, k, threads, undefined, kernelPool);
  };
  // Rows given as arrays are converted straight into the kernels' memory, bound once their shape is known
  // (not with a pool: its memory serves other problems once this one is disposed, and `data` must stay).
  const inPlace = (n: number, d: number): Float64Array => {
    bind(undefined, n, d);
    return kernels?.points ?? new Float64Array(n * d);
  };
  try {
    const data = Array.isArray(problem.data)
      ? toDataMatrixUnchecked(problem.data, "problem.data", undefined, kernelPool === undefined ? inPlace : undefined)
      : toDataMatrixUnchecked(problem.data, "problem.data");
    const { values, rows: n, columns: d } = data;
    if (!bound) bind(values, n, d);
    return checkedProblem(problem, data, weights, kernels, k);
  } catch (error) {
    // Nothing of a problem that fails its checks lives on: its workers end here.
    kernels?.dispose();
    throw error;
  }
}

/** The rest of {@link prepareKMeans}: the checks after the conversion, and the prepared problem. */
function checkedProblem(
  problem: KMeansProblem,
  data: DataMatrix,
  given: Float64Array | undefined,
  kernels: WasmKMeansKernels | undefined,
  k: number,
): PreparedKMeans {
  const { values, rows: n, columns: d } = data;
  // Without kernels the data is checked now and the scale computed in JavaScript (the same bits).
  let varianceScale: number | undefined;
  if (kernels === undefined) {
    assertFinite(data, "problem.data", problem.data);
    varianceScale = meanVariance(values, n, d, chunkSize(n, d, k));
  }
  if (k > n) throw new InvalidProblemError("problem.data", `a set of at least k = ${k} points`, `${n} points`, false);
  let weights = given;
  if (weights !== undefined) {
    const sampleWeights = problem.sampleWeights;
    if (sampleWeights === null || typeof sampleWeights !== "object" || sampleWeights.length !== n) {
      throw new InvalidProblemError("problem.sampleWeights", `${n} weights, one per point`, sampleWeights);
    }
    copyFiniteNumbers(sampleWeights, weights, 0, "problem.sampleWeights");
    let total = 0;
    for (let i = 0; i < n; i++) {
      const w = weights[i] as number;
      if (!(w >= 0)) throw new InvalidProblemError(`problem.sampleWeights[${i}]`, "a finite number >= 0", w);
      total += w;
    }
    if (!(total > 0))
      throw new InvalidProblemError("problem.sampleWeights", "weights with a positive sum", "all zero", false);
  }
  return {
    data,
    get weights() {
      weights ??= new Float64Array(n).fill(1);
      return weights;
    },
    kernels,
    varianceScale() {
      if (varianceScale === undefined) {
        const moments = (kernels as WasmKMeansKernels).moments();
        // A non-finite coordinate makes its feature's mean non-finite: only then is every coordinate checked.
        if (!moments.means.every(Number.isFinite)) assertFinite(data, "problem.data", problem.data);
        varianceScale = varianceFromSquares(moments.squares, n, d);
      }
      return varianceScale;
    },
  };
}

/**
 * What the batch k-means solvers (Lloyd, Hamerly) share besides their steps: the bound, scikit-learn's
 * stopping tests, and how a problem's kernels are prepared, freed and counted.
 */
export function batchKMeansParts(
  resolved: ResolvedKMeansOptions,
): Pick<
  Solver<KMeansProblem, KMeansState, KMeansRecord, PreparedKMeans>,
  "maxIterations" | "convergence" | "prepare" | "dispose" | "kernelThreads"
> {
  return {
    maxIterations: resolved.maxIterations,
    convergence: kmeansConvergence(resolved.relTolerance),
    prepare: (problem, { threads, kernelPool }) => prepareKMeans(problem, resolved.k, threads, kernelPool),
    dispose: disposeKMeans,
    kernelThreads: (prepared) => prepared.kernels?.threads ?? 1,
  };
}

/** A k-means solver's `dispose`: ends the kernels' worker threads and drops their memory. */
export function disposeKMeans(prepared: PreparedKMeans): void {
  prepared.kernels?.dispose();
}

/**
 * Runs the initialisation strategy and checks what it returns. The data may not have been checked for
 * non-finite coordinates yet (see {@link PreparedKMeans.varianceScale}): when the strategy fails, that
 * check comes first, so a NaN in the data is reported as such.
 */
export function initialCentroids(
  resolved: ResolvedKMeansOptions,
  prepared: PreparedKMeans,
  context: InitContext,
): Float64Array {
  let centroids: Float64Array;
  try {
    centroids = resolved.init({
      data: prepared.data,
      // Read only by strategies that weigh points (given centroids do not: no unit weights are made for them).
      get weights() {
        return prepared.weights;
      },
      k: resolved.k,
      random: context.random,
    });
  } catch (error) {
    prepared.varianceScale();
    throw error;
  }
  if (
    !(centroids instanceof Float64Array) ||
    centroids.length !== resolved.k * prepared.data.columns ||
    !centroids.every(Number.isFinite)
  ) {
    prepared.varianceScale();
    throw new InvalidProblemError(
      "init(...)",
      `${resolved.k * prepared.data.columns} finite coordinates in a Float64Array`,
      centroids,
    );
  }
  return centroids;
}

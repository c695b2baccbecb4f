// Internal: problem checks and option checks shared by the k-means solvers.
import { defaultKernelThreads, InvalidOptionError, InvalidProblemError, integerAtLeast, numberAtLeast, optional, validateOptions } from "../../src/index.js";
import type { InitContext } from "../../src/index.js";
import { kmeansPlusPlus } from "./kmeans-plus-plus.js";
import { meanVariance, varianceFromSquares } from "./kernels.js";
import { assertFinite, toDataMatrixUnchecked } from "./to-data-matrix.js";
import { createWasmKernels } from "./wasm-kernels.js";
import { wasmMinimumSize } from "../../src/index.js";
import type { WasmKMeansKernels } from "./wasm-kernels.js";
import type { DataMatrix, KMeansInitialization, KMeansOptions, KMeansProblem } from "./types.js";

/** A problem converted once: flat data, weights, tolerance scale. */
export interface PreparedProblem {
  readonly data: DataMatrix;
  readonly weights: Float64Array;
  readonly varianceScale: number;
  /** The WebAssembly kernels bound to this data, where available and asked for. */
  readonly kernels: WasmKMeansKernels | undefined;
}

/** Validated options with their defaults. */
export interface ResolvedKMeansOptions {
  readonly k: number;
  readonly init: KMeansInitialization;
  readonly tolerance: number;
  readonly maxIterations: number;
  readonly threads: number;
}

const initRule = {
  expected: "an initialisation such as kmeansPlusPlus(), randomInit() or givenCentroids(c)",
  test: (value: unknown) => typeof value === "function" && typeof (value as { label?: unknown }).label === "string",
};

/** Checks the shared options and fills in the defaults. */
export function resolveKMeansOptions(options: KMeansOptions, defaultMaxIterations: number, extra: Parameters<typeof validateOptions>[1] = {}): ResolvedKMeansOptions {
  if (options === null || typeof options !== "object") throw new InvalidOptionError("options", "an object", options);
  validateOptions(options, {
    k: optional(integerAtLeast(1)),
    init: optional(initRule),
    tolerance: optional(numberAtLeast(0)),
    maxIterations: optional(integerAtLeast(0)),
    threads: optional(integerAtLeast(1)),
    ...extra,
  });
  const init = options.init ?? kmeansPlusPlus();
  const k = options.k ?? init.k;
  if (k === undefined) throw new InvalidOptionError("k", "an integer >= 1 (or an init that fixes it, such as givenCentroids)", k);
  if (init.k !== undefined && init.k !== k) throw new InvalidOptionError("k", `${init.k}, the number of given centroids`, k);
  return {
    k,
    init,
    tolerance: options.tolerance ?? 1e-4,
    maxIterations: options.maxIterations ?? defaultMaxIterations,
    threads: options.threads ?? defaultKernelThreads(),
  };
}

/**
 * Converts and checks a problem, once per problem object (the cache belongs to one solver). With `threads`
 * (not for the mini-batch solver), the points are also copied into WebAssembly kernels (where available)
 * that compute the variance scale and, in the batch solvers, every assignment pass, on that many threads.
 */
export function problemPreparer(k: number, threads?: number): (problem: KMeansProblem) => PreparedProblem {
  const cache = new WeakMap<KMeansProblem, PreparedProblem>();
  return (problem) => {
    const cached = cache.get(problem);
    if (cached !== undefined) return cached;
    if (problem === null || typeof problem !== "object") throw new InvalidProblemError("problem", "an object { data, sampleWeights? }", problem);
    const data = toDataMatrixUnchecked(problem.data, "problem.data");
    const { values, rows: n, columns: d } = data;
    // The kernels keep a reference to `weights`, filled below (they read it only in the assignment passes).
    const weights = new Float64Array(n);
    const kernels = threads !== undefined && n * d >= wasmMinimumSize ? createWasmKernels(values, n, d, weights, k, threads) : undefined;
    let varianceScale: number;
    const moments = kernels?.moments();
    // A non-finite coordinate makes its feature's mean non-finite: only then is every coordinate checked
    // (before the other checks, as toDataMatrix's own check would be).
    if (moments !== undefined && moments.means.every(Number.isFinite)) varianceScale = varianceFromSquares(moments.squares, n, d);
    else {
      assertFinite(data, "problem.data");
      varianceScale = meanVariance(values, n, d);
    }
    if (k > n) throw new InvalidProblemError("problem.data", `a set of at least k = ${k} points`, `${n} points`, false);
    if (problem.sampleWeights === undefined) weights.fill(1);
    else {
      const given = problem.sampleWeights;
      if (given === null || typeof given !== "object" || given.length !== n) {
        throw new InvalidProblemError("problem.sampleWeights", `${n} weights, one per point`, given);
      }
      let total = 0;
      for (let i = 0; i < n; i++) {
        const w = given[i] as number;
        if (!(Number.isFinite(w) && w >= 0)) throw new InvalidProblemError(`problem.sampleWeights[${i}]`, "a finite number >= 0", w);
        weights[i] = w;
        total += w;
      }
      if (!(total > 0)) throw new InvalidProblemError("problem.sampleWeights", "weights with a positive sum", "all zero", false);
    }
    const prepared = { data, weights, varianceScale, kernels };
    cache.set(problem, prepared);
    return prepared;
  };
}

/** Runs the initialisation strategy and checks what it returns. */
export function initialCentroids(resolved: ResolvedKMeansOptions, prepared: PreparedProblem, context: InitContext): Float64Array {
  const centroids = resolved.init({ data: prepared.data, weights: prepared.weights, k: resolved.k, random: context.random });
  if (!(centroids instanceof Float64Array) || centroids.length !== resolved.k * prepared.data.columns || !centroids.every(Number.isFinite)) {
    throw new InvalidProblemError("init(...)", `${resolved.k * prepared.data.columns} finite coordinates in a Float64Array`, centroids);
  }
  return centroids;
}

// Internal: problem checks and option checks shared by the k-means solvers.
import { InvalidOptionError, InvalidProblemError, integerAtLeast, numberAtLeast, optional, validateOptions } from "../../src/index.js";
import type { InitContext } from "../../src/index.js";
import { kmeansPlusPlus } from "./kmeans-plus-plus.js";
import { meanVariance } from "./kernels.js";
import { toDataMatrix } from "./to-data-matrix.js";
import type { DataMatrix, KMeansInitialization, KMeansOptions, KMeansProblem } from "./types.js";

/** A problem converted once: flat data, weights, tolerance scale. */
export interface PreparedProblem {
  readonly data: DataMatrix;
  readonly weights: Float64Array;
  readonly varianceScale: number;
}

/** Validated options with their defaults. */
export interface ResolvedKMeansOptions {
  readonly k: number;
  readonly init: KMeansInitialization;
  readonly tolerance: number;
  readonly maxIterations: number;
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
    ...extra,
  });
  const init = options.init ?? kmeansPlusPlus();
  const k = options.k ?? init.k;
  if (k === undefined) throw new InvalidOptionError("k", "an integer >= 1 (or an init that fixes it, such as givenCentroids)", k);
  if (init.k !== undefined && init.k !== k) throw new InvalidOptionError("k", `${init.k}, the number of given centroids`, k);
  return { k, init, tolerance: options.tolerance ?? 1e-4, maxIterations: options.maxIterations ?? defaultMaxIterations };
}

/** Converts and checks a problem, once per problem object (the cache belongs to one solver). */
export function problemPreparer(k: number): (problem: KMeansProblem) => PreparedProblem {
  const cache = new WeakMap<KMeansProblem, PreparedProblem>();
  return (problem) => {
    const cached = cache.get(problem);
    if (cached !== undefined) return cached;
    if (problem === null || typeof problem !== "object") throw new InvalidProblemError("problem", "an object { data, sampleWeights? }", problem);
    const data = toDataMatrix(problem.data, "problem.data");
    if (k > data.rows) throw new InvalidProblemError("problem.data", `a set of at least k = ${k} points`, `${data.rows} points`, false);
    const weights = new Float64Array(data.rows);
    if (problem.sampleWeights === undefined) weights.fill(1);
    else {
      const given = problem.sampleWeights;
      if (given === null || typeof given !== "object" || given.length !== data.rows) {
        throw new InvalidProblemError("problem.sampleWeights", `${data.rows} weights, one per point`, given);
      }
      let total = 0;
      for (let i = 0; i < data.rows; i++) {
        const w = given[i] as number;
        if (!(Number.isFinite(w) && w >= 0)) throw new InvalidProblemError(`problem.sampleWeights[${i}]`, "a finite number >= 0", w);
        weights[i] = w;
        total += w;
      }
      if (!(total > 0)) throw new InvalidProblemError("problem.sampleWeights", "weights with a positive sum", "all zero", false);
    }
    const prepared = { data, weights, varianceScale: meanVariance(data.values, data.rows, data.columns) };
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

import { deriveSeed, MAX_SEED } from "./random.js";
import type { OptionSchemaOf } from "./validate.js";
import { integerAtLeast, isFunction, oneOf, optional, validateOption, validateStrictOptions } from "./validate.js";

/** What each restart gets: its index and its own seed, derived from the base seed. */
export interface Restart {
  /** The restart's index, from 0. */
  readonly index: number;
  /** Its seed: `deriveSeed(seed, index)`, so one restart can be reproduced alone. */
  readonly seed: number;
}

/** Options of {@link bestOf}. */
export interface BestOfOptions {
  /**
   * The base seed from which each restart's seed is derived.
   * @defaultValue `0`
   */
  readonly seed?: number;
  /**
   * Whether the smallest (inertia, loss) or largest (log-likelihood) score wins.
   * @defaultValue `"minimize"`
   */
  readonly direction?: "minimize" | "maximize";
}

/** What {@link bestOf} returns. */
export interface BestOfResult<T> {
  /** The winning run's result. */
  readonly best: T;
  /** The winning restart's index. */
  readonly bestIndex: number;
  /** Every restart's score, in restart order (NaN scores never win unless all are NaN). */
  readonly scores: readonly number[];
  /** Every restart's seed, in restart order. */
  readonly seeds: readonly number[];
}

/**
 * Runs `restarts` independent runs and keeps the best by `score`: restarts from random initialisations
 * (k-means' `nInit`, EM's restarts), written once for every solver.
 *
 * @remarks Ties go to the earliest restart, so the outcome is deterministic. A NaN score (a diverged
 * restart) loses to any number. To pay a solver's preparation once rather than per restart, run the
 * restarts on one prepared problem (`prepareProblem(solver, problem)`), as `fitKMeans` and
 * `fitGaussianMixture` do.
 * @typeParam T - What one run returns.
 * @param restarts - The number of runs, an integer >= 1.
 * @param run - Performs one run with the given restart's seed.
 * @param score - Reads the score of a run's result.
 * @param options - Base seed and direction.
 * @returns The best result, its index, and every score.
 * @throws {@link InvalidOptionError} for a count below 1, a non-function, or an invalid seed.
 * @example
 * ```ts
 * const solver = kmeans({ k: 3 });
 * using prepared = prepareProblem(solver, { data });
 * const { best } = bestOf(10, ({ seed }) => solve(solver, prepared, { seed }), (r) => r.state.inertia);
 * ```
 */
export function bestOf<T>(
  restarts: number,
  run: (restart: Restart) => T,
  score: (result: T) => number,
  options: BestOfOptions = {},
): BestOfResult<T> {
  const seeds = restartSeeds(restarts, run, score, options, "bestOf");
  const results = seeds.map((seed, index) => run({ index, seed }));
  return pickBest(results, seeds, score, options);
}

/**
 * The asynchronous version of {@link bestOf}: restarts run one after another, each awaited.
 *
 * @typeParam T - What one run resolves to.
 * @param restarts - The number of runs, an integer >= 1.
 * @param run - Performs one run with the given restart's seed.
 * @param score - Reads the score of a run's result.
 * @param options - Base seed and direction.
 * @returns A Promise of the best result, its index, and every score.
 */
export async function bestOfAsync<T>(
  restarts: number,
  run: (restart: Restart) => Promise<T>,
  score: (result: T) => number,
  options: BestOfOptions = {},
): Promise<BestOfResult<T>> {
  const seeds = restartSeeds(restarts, run, score, options, "bestOfAsync");
  const results: T[] = [];
  for (const [index, seed] of seeds.entries()) results.push(await run({ index, seed }));
  return pickBest(results, seeds, score, options);
}

const bestOfRules = {
  seed: optional(integerAtLeast(0, MAX_SEED)),
  direction: optional(oneOf(["minimize", "maximize"])),
} satisfies OptionSchemaOf<BestOfOptions>;

function restartSeeds(restarts: number, run: unknown, score: unknown, options: BestOfOptions, owner: string): number[] {
  validateOption("restarts", restarts, integerAtLeast(1));
  validateOption("run", run, isFunction);
  validateOption("score", score, isFunction);
  validateStrictOptions(options, bestOfRules, owner);
  const seed = options.seed ?? 0;
  return Array.from({ length: restarts }, (_, index) => deriveSeed(seed, index));
}

function pickBest<T>(
  results: readonly T[],
  seeds: readonly number[],
  score: (result: T) => number,
  options: BestOfOptions,
): BestOfResult<T> {
  const sign = options.direction === "maximize" ? -1 : 1;
  const scores = results.map(score);
  let bestIndex = 0;
  for (let i = 1; i < scores.length; i++) {
    const candidate = sign * (scores[i] as number);
    const incumbent = sign * (scores[bestIndex] as number);
    if (candidate < incumbent || (Number.isNaN(incumbent) && !Number.isNaN(candidate))) bestIndex = i;
  }
  return { best: results[bestIndex] as T, bestIndex, scores, seeds };
}

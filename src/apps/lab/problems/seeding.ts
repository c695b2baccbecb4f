import type { Random } from "../../../index.js";
import { kmeansPlusPlus } from "../../../../solvers/kmeans/index.js";
import type { InitializationInput, KMeansInitialization } from "../../../../solvers/kmeans/index.js";

/** One candidate of a k-means++ draw: the point drawn, its weight and what choosing it would leave. */
export interface SeedingCandidate {
  /** The point's row in the data. */
  readonly index: number;
  /** Its weight in the draw: `w_i D(x_i)^2` (`w_i` for the first draw, which is uniform for equal weights). */
  readonly weight: number;
  /** Its chance of being drawn: its weight over the sum of weights. */
  readonly probability: number;
  /** The potential `sum_i w_i D(x_i)^2` after adding it (greedy k-means++ keeps the least). */
  readonly potential: number;
}

/** One centroid's choice in k-means++: the weights of the draw, the candidates drawn and the one kept. */
export interface SeedingStep {
  /** Which centroid this chooses (0 for the first). */
  readonly centroid: number;
  /** Every point's weight in this draw (`w_i D(x_i)^2` from the centroids chosen before). */
  readonly weights: Float64Array;
  readonly candidates: readonly SeedingCandidate[];
  /** The row of the point kept: the candidate with the least potential. */
  readonly chosen: number;
}

/** k-means++ with its draws recorded: the library's own strategy, run on the run's own seeded generator. */
export interface RecordedSeeding {
  /** The strategy for the `init` option: `kmeansPlusPlus()` with the generator's weighted draws recorded. */
  readonly init: KMeansInitialization;
  /** The steps of the latest seeding (empty before the run starts). */
  steps(): readonly SeedingStep[];
}

/**
 * Wraps the library's `kmeansPlusPlus()` so that the page can show its draws: the strategy runs unchanged on
 * the engine's seeded generator, which is only watched (each `weightedIndex` call's weights and result are
 * copied), so the centroids, and the whole run, are the ones Node computes for the same data and seed.
 */
export function recordedKMeansPlusPlus(): RecordedSeeding {
  const library = kmeansPlusPlus();
  let latest: SeedingStep[] = [];
  const strategy = (input: InitializationInput): Float64Array => {
    const draws: { weights: Float64Array; index: number }[] = [];
    const watched = watch(input.random, draws);
    const centroids = library({ ...input, random: watched });
    latest = seedingSteps(input, centroids, draws);
    return centroids;
  };
  return { init: Object.assign(strategy, { label: library.label }), steps: () => latest };
}

/** The random generator with its weighted draws copied into `draws` (every other method passes through). */
function watch(random: Random, draws: { weights: Float64Array; index: number }[]): Random {
  return new Proxy(random, {
    get(target, property) {
      if (property === "weightedIndex") {
        return (weights: ArrayLike<number>) => {
          const index = target.weightedIndex(weights);
          draws.push({ weights: Float64Array.from(weights), index });
          return index;
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** Groups the draws by centroid: one for the first, then `2 + floor(ln k)` candidates per centroid. */
function seedingSteps(
  { data, weights, k }: InitializationInput,
  centroids: Float64Array,
  draws: readonly { weights: Float64Array; index: number }[],
): SeedingStep[] {
  const { values, rows, columns } = data;
  const trials = 2 + Math.floor(Math.log(k));
  const squared = (i: number, j: number) => {
    let sum = 0;
    for (let t = 0; t < columns; t++)
      sum += ((values[i * columns + t] as number) - (values[j * columns + t] as number)) ** 2;
    return sum;
  };
  const isCentroid = (i: number, c: number) => {
    for (let t = 0; t < columns; t++) if (values[i * columns + t] !== centroids[c * columns + t]) return false;
    return true;
  };
  const steps: SeedingStep[] = [];
  let next = 0;
  for (let c = 0; c < k && next < draws.length; c++) {
    const group = draws.slice(next, next + (c === 0 ? 1 : trials));
    next += group.length;
    const drawWeights = group[0]?.weights ?? new Float64Array(rows);
    const total = drawWeights.reduce((sum, w) => sum + w, 0);
    const candidates = group.map(({ index }) => {
      let potential = 0;
      for (let i = 0; i < rows; i++) {
        const current = c === 0 ? Number.POSITIVE_INFINITY : (drawWeights[i] as number);
        potential += Math.min(current, (weights[i] as number) * squared(i, index));
      }
      return {
        index,
        weight: drawWeights[index] as number,
        probability: (drawWeights[index] as number) / total,
        potential,
      };
    });
    const kept = candidates.find((candidate) => isCentroid(candidate.index, c)) ?? candidates[0];
    steps.push({ centroid: c, weights: drawWeights, candidates, chosen: kept?.index ?? -1 });
  }
  return steps;
}

import { InvalidProblemError } from "../../src/index.js";
import { squaredDistance } from "./kernels.js";
import type { InitializationInput, KMeansInitialization } from "./types.js";

/**
 * Greedy k-means++ initialisation, scikit-learn's default: the first centroid is a point drawn with
 * probability proportional to its weight; each next one is the best of `2 + floor(ln k)` candidates drawn
 * with probability proportional to `w_i D(x_i)^2` (`D` the distance to the nearest chosen centroid), the
 * one that lowers the potential `sum_i w_i D(x_i)^2` most.
 *
 * @remarks Cost: `O(n d k log k)`. Plain k-means++ is `O(log k)`-competitive in expectation with the
 * optimal clustering; the greedy variant is what scikit-learn and Arthur and Vassilvitskii's paper use in
 * practice. Every draw comes from the run's seeded generator.
 * @returns The strategy, for the `init` option.
 * @throws `InvalidProblemError` (when the run starts) if the data has fewer than `k` distinct points with
 *   positive weight: the potential reaches 0 before `k` centroids are chosen.
 * @example
 * ```ts
 * solve(kmeans({ k: 3, init: kmeansPlusPlus() }), { data }, { seed: 1 });
 * ```
 * @see D. Arthur and S. Vassilvitskii, k-means++: the advantages of careful seeding, SODA 2007.
 */
export function kmeansPlusPlus(): KMeansInitialization {
  const strategy = ({ data, weights, k, random }: InitializationInput): Float64Array => {
    const { values: x, rows: n, columns: d } = data;
    const centroids = new Float64Array(k * d);
    const trials = 2 + Math.floor(Math.log(k));
    const copy = (j: number, i: number) => {
      for (let t = 0; t < d; t++) centroids[j * d + t] = x[i * d + t] as number;
    };
    const first = random.weightedIndex(weights);
    copy(0, first);
    let closest = Float64Array.from({ length: n }, (_, i) => squaredDistance(x, i, x, first, d));
    let potential = 0;
    for (let i = 0; i < n; i++) potential += (weights[i] as number) * (closest[i] as number);
    const candidateDistances = new Float64Array(n);
    for (let c = 1; c < k; c++) {
      if (!(potential > 0)) {
        throw new InvalidProblemError(
          "problem.data",
          `a set of at least k = ${k} distinct points with positive weight`,
          `${c} distinct points`,
          false,
        );
      }
      const scores = new Float64Array(n);
      for (let i = 0; i < n; i++) scores[i] = (weights[i] as number) * (closest[i] as number);
      let bestCandidate = -1;
      let bestPotential = Infinity;
      let bestDistances = closest;
      for (let trial = 0; trial < trials; trial++) {
        const candidate = random.weightedIndex(scores);
        let candidatePotential = 0;
        const distances = trial === 0 ? candidateDistances : new Float64Array(n);
        for (let i = 0; i < n; i++) {
          const distance = Math.min(closest[i] as number, squaredDistance(x, i, x, candidate, d));
          distances[i] = distance;
          candidatePotential += (weights[i] as number) * distance;
        }
        if (candidatePotential < bestPotential) {
          bestPotential = candidatePotential;
          bestCandidate = candidate;
          bestDistances = distances;
        }
      }
      copy(c, bestCandidate);
      closest = bestDistances === candidateDistances ? Float64Array.from(candidateDistances) : bestDistances;
      potential = bestPotential;
    }
    return centroids;
  };
  return Object.assign(strategy, { label: "k-means++" });
}

import type { InitializationInput, KMeansInitialization } from "./types.js";

/**
 * Random initialisation, scikit-learn's `init="random"`: `k` distinct points chosen uniformly (a random
 * permutation's first `k`), whatever their weights.
 *
 * @remarks Cost: `O(n + k d)`. Cheaper than {@link kmeansPlusPlus} but more often lands in a poor local
 * minimum; use restarts (`fitKMeans(..., { nInit })`). With duplicate points two centroids may coincide:
 * one cluster then stays empty and is given the point farthest from its centre.
 * @returns The strategy, for the `init` option.
 * @example
 * ```ts
 * fitKMeans(kmeans({ k: 3, init: randomInit() }), data, { nInit: 10 });
 * ```
 * @see S. Lloyd, Least squares quantization in PCM, IEEE Trans. Inf. Theory 28 (1982).
 */
export function randomInit(): KMeansInitialization {
  const strategy = ({ data, k, random }: InitializationInput): Float64Array => {
    const { values: x, columns: d } = data;
    const order = random.permutation(data.rows);
    const centroids = new Float64Array(k * d);
    for (let j = 0; j < k; j++)
      for (let t = 0; t < d; t++) centroids[j * d + t] = x[(order[j] as number) * d + t] as number;
    return centroids;
  };
  return Object.assign(strategy, { label: "random" });
}

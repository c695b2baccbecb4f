import { kmeansPlusPlus, predictLabels } from "../kmeans/index.js";
import { oneHot } from "./from-kmeans.js";
import type { MixtureInitialization } from "./types.js";

/**
 * Starts EM from k-means++ seeds without running k-means (scikit-learn's `init_params="k-means++"`): each
 * point is given wholly to its nearest seed.
 *
 * @remarks Cost: `O(n d k log k)` for the seeding and `n k` distances for the assignment.
 * @returns The initialisation, for the `init` option.
 * @example
 * ```ts
 * gaussianMixture({ k: 3, init: fromKMeansPlusPlus() });
 * ```
 * @see D. Arthur and S. Vassilvitskii, k-means++: the advantages of careful seeding, SODA 2007.
 */
export function fromKMeansPlusPlus(): MixtureInitialization {
  const seeding = kmeansPlusPlus();
  return Object.assign(
    ({ data, k, random }: Parameters<MixtureInitialization>[0]) => {
      const seeds = seeding({ data, weights: new Float64Array(data.rows).fill(1), k, random });
      const d = data.columns;
      const rows = Array.from({ length: k }, (_, j) => Array.from(seeds.subarray(j * d, (j + 1) * d)));
      return { responsibilities: oneHot(predictLabels(rows, { values: data.values, rows: data.rows }).labels, k) };
    },
    { label: "k-means++" },
  );
}

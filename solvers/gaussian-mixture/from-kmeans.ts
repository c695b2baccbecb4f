import { MAX_SEED, solve } from "../../src/index.js";
import { kmeans } from "../kmeans/index.js";
import type { MixtureInitialization } from "./types.js";

/**
 * Starts EM from a k-means clustering (scikit-learn's default `init_params="kmeans"`): Lloyd's k-means with
 * k-means++ seeding, one run, its labels as hard responsibilities.
 *
 * @remarks The k-means run's seed is drawn from the EM run's generator, so the whole run is reproducible
 * from its seed. Cost: one k-means run, `O(n k d)` per iteration.
 * @returns The initialisation, for the `init` option.
 * @example
 * ```ts
 * gaussianMixture({ k: 3, init: fromKMeans() });
 * ```
 * @see scikit-learn's `GaussianMixture(init_params="kmeans")`.
 */
export function fromKMeans(): MixtureInitialization {
  const strategy: MixtureInitialization = Object.assign(
    ({ data, k, random }: Parameters<MixtureInitialization>[0]) => {
      const seed = Math.floor(random.float() * MAX_SEED);
      const result = solve(kmeans({ k }), { data: { values: data.values, rows: data.rows } }, { seed, trace: false });
      return { responsibilities: oneHot(result.state.labels, k) };
    },
    { label: "k-means" },
  );
  return strategy;
}

/** Hard responsibilities: r_ij = 1 when label_i = j. */
export function oneHot(labels: Int32Array, k: number): Float64Array {
  const out = new Float64Array(labels.length * k);
  labels.forEach((label, i) => (out[i * k + label] = 1));
  return out;
}

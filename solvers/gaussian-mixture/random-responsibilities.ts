import type { MixtureInitialization } from "./types.js";

/**
 * Starts EM from random responsibilities (scikit-learn's `init_params="random"`): uniform draws, each row
 * normalised to sum 1.
 *
 * @remarks Every component starts near the overall mean and covariance; EM then has to break the symmetry,
 * so it needs more iterations and restarts than {@link fromKMeans}.
 * @returns The initialisation, for the `init` option.
 * @example
 * ```ts
 * fitGaussianMixture(gaussianMixture({ k: 3, init: randomResponsibilities() }), data, { nInit: 5 });
 * ```
 */
export function randomResponsibilities(): MixtureInitialization {
  return Object.assign(
    ({ data, k, random }: Parameters<MixtureInitialization>[0]) => {
      const out = new Float64Array(data.rows * k);
      for (let i = 0; i < data.rows; i++) {
        let sum = 0;
        for (let j = 0; j < k; j++) {
          const value = random.float();
          out[i * k + j] = value;
          sum += value;
        }
        for (let j = 0; j < k; j++) out[i * k + j] = sum > 0 ? (out[i * k + j] as number) / sum : 1 / k;
      }
      return { responsibilities: out };
    },
    { label: "random" },
  );
}

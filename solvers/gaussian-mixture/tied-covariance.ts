import { triangularLogDensities } from "./dense-kernels.js";
import { triangularFactors } from "./full-covariance.js";
import { scatterMatrices } from "./scatter.js";
import { kernelOf } from "./wasm-kernels.js";
import { pooledScatterByMoments } from "./tied-transform.js";
import { wasmMinimumSize } from "../../src/engine/internals.js";
import type { DataMatrix } from "../kmeans/index.js";
import type { CovarianceType } from "./types.js";

/**
 * Tied covariance: all components share one full `d x d` matrix.
 *
 * @remarks M-step: `Sigma = sum_j sum_i r_ij (x_i - mu_j)(x_i - mu_j)^T / sum_j nk_j + regCovar I`; the
 * E-step as {@link fullCovariance} with one factor. Cost per iteration `O(n k d^2)`; parameters `d (d + 1) / 2`.
 * @returns The covariance type.
 * @example
 * ```ts
 * gaussianMixture({ k: 3, covariance: tiedCovariance() });
 * ```
 * @see C. M. Bishop, Pattern Recognition and Machine Learning, section 4.2 (shared covariance).
 */
export function tiedCovariance(): CovarianceType {
  return {
    label: "tied",
    parameterCount: (_k, d) => (d * (d + 1)) / 2,
    estimate(input) {
      const { data, totals, regCovar } = input;
      const d = data.columns;
      // Large data: the moments' form (one triangle per point); small data keeps the per-component sums.
      const large = data.rows * d >= wasmMinimumSize;
      const out = (large ? pooledScatterByMoments(input) : undefined) ?? scatterMatrices(input, true);
      let total = 0;
      for (const value of totals) total += value;
      for (let p = 0; p < d * d; p++) out[p] = (out[p] as number) / total;
      for (let t = 0; t < d; t++) out[t * d + t] = (out[t * d + t] as number) + regCovar;
      return out;
    },
    precisionFactors: (covariances, _k, d, regCovar) => triangularFactors(covariances, 1, d, regCovar, true),
    logDensities: tiedLogDensities,
    toMatrices: (covariances, k, d) =>
      Array.from({ length: k }, () =>
        Array.from({ length: d }, (_, a) => Array.from(covariances.subarray(a * d, (a + 1) * d))),
      ),
    fromMatrices: (matrices, k, d) => {
      const out = new Float64Array(d * d);
      for (let j = 0; j < k; j++)
        for (let a = 0; a < d; a++)
          for (let b = 0; b < d; b++)
            out[a * d + b] = (out[a * d + b] as number) + (matrices[j]?.[a]?.[b] as number) / k;
      return out;
    },
  };
}

/** The tied type's log-densities (the E-step recognises it to map the data and use the axis-aligned kernel). */
export function tiedLogDensities(
  data: DataMatrix,
  means: Float64Array,
  factors: Float64Array,
  k: number,
  out: Float64Array,
): void {
  triangularLogDensities(data.values, data.rows, data.columns, means, factors, k, true, out, false, kernelOf(data));
}

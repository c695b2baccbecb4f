import { InvalidProblemError } from "../../src/index.js";
import { cholesky, collapseMessage, invertLower, triangularLogDensities } from "./dense-kernels.js";
import { scatterMatrices } from "./scatter.js";
import { kernelOf } from "./wasm-kernels.js";
import type { CovarianceType } from "./types.js";

/**
 * Full covariances: each component has its own symmetric positive definite `d x d` matrix.
 *
 * @remarks M-step: `Sigma_j = sum_i r_ij (x_i - mu_j)(x_i - mu_j)^T / nk_j + regCovar I`. E-step: with the
 * Cholesky factor `Sigma_j = L_j L_j^T` and `Q_j = L_j^{-1}`, `log N = -(d ln 2 pi + ||Q_j (x - mu_j)||^2) / 2
 * + sum_t ln (Q_j)_tt`. Cost per iteration `O(n k d^2)`; parameters `k d (d + 1) / 2`.
 * @returns The covariance type, for the `covariance` option.
 * @example
 * ```ts
 * gaussianMixture({ k: 3, covariance: fullCovariance() });
 * ```
 * @see C. M. Bishop, Pattern Recognition and Machine Learning, section 9.2.2.
 */
export function fullCovariance(): CovarianceType {
  return {
    label: "full",
    parameterCount: (k, d) => (k * d * (d + 1)) / 2,
    estimate(input) {
      const { data, totals, k, regCovar } = input;
      const d = data.columns;
      const out = scatterMatrices(input, false);
      for (let j = 0; j < k; j++) {
        const total = totals[j] as number;
        for (let p = j * d * d; p < (j + 1) * d * d; p++) out[p] = (out[p] as number) / total;
        for (let t = 0; t < d; t++) out[j * d * d + t * d + t] = (out[j * d * d + t * d + t] as number) + regCovar;
      }
      return out;
    },
    precisionFactors: (covariances, k, d, regCovar) => triangularFactors(covariances, k, d, regCovar, false),
    logDensities: fullLogDensities,
    toMatrices: (covariances, k, d) =>
      Array.from({ length: k }, (_, j) =>
        Array.from({ length: d }, (_, a) =>
          Array.from(covariances.subarray(j * d * d + a * d, j * d * d + (a + 1) * d)),
        ),
      ),
    fromMatrices: (matrices, k, d) => {
      const out = new Float64Array(k * d * d);
      for (let j = 0; j < k; j++)
        for (let a = 0; a < d; a++)
          for (let b = 0; b < d; b++) out[j * d * d + a * d + b] = matrices[j]?.[a]?.[b] as number;
      return out;
    },
  };
}

/**
 * The full covariance type's log-densities (one function for every `fullCovariance()`, so the E-step can
 * recognise it and use its bounded WebAssembly kernel, which needs the covariances too).
 */
export const fullLogDensities: CovarianceType["logDensities"] = (data, means, factors, k, out) =>
  triangularLogDensities(data.values, data.rows, data.columns, means, factors, k, false, out, false, kernelOf(data));

/** Inverse Cholesky factors of `count` d x d matrices; a failed factorisation is a collapsing component. */
export function triangularFactors(
  covariances: Float64Array,
  count: number,
  d: number,
  regCovar: number,
  tied: boolean,
): Float64Array {
  const factors = new Float64Array(count * d * d);
  for (let j = 0; j < count; j++) {
    const failed = cholesky(covariances, j * d * d, d, factors);
    if (failed >= 0) {
      const [part, expected] = collapseMessage(tied ? "the tied components" : `component ${j}`, regCovar);
      throw new InvalidProblemError(part, expected, `a pivot <= 0 in row ${failed}`, false);
    }
    invertLower(factors, j * d * d, d);
  }
  return factors;
}

import { InvalidProblemError } from "../../src/index.js";
import { collapseMessage } from "./dense-kernels.js";
import type { DataMatrix } from "../kmeans/index.js";
import { wasmAxisDistances } from "./axis-kernels.js";
import type { BlockNormalisation } from "./axis-kernels.js";
import { diagonalScatter } from "./scatter.js";
import { kernelOf } from "./wasm-kernels.js";
import { wasmMinimumSize } from "../../src/engine/internals.js";
import type { KernelBinding } from "../../src/engine/internals.js";
import type { CovarianceType, CovarianceEstimateInput } from "./types.js";

/**
 * Diagonal covariances: each component has its own variance per feature (axis-aligned ellipsoids).
 *
 * @remarks M-step: `sigma_jt^2 = sum_i r_ij (x_it - mu_jt)^2 / nk_j + regCovar`. E-step:
 * `log N = -(d ln 2 pi + sum_t (x_t - mu_jt)^2 / sigma_jt^2) / 2 - sum_t ln sigma_jt`. Cost per iteration
 * `O(n k d)`; parameters `k d`.
 * @returns The covariance type.
 * @example
 * ```ts
 * gaussianMixture({ k: 3, covariance: diagonalCovariance() });
 * ```
 * @see C. M. Bishop, Pattern Recognition and Machine Learning, section 9.2.2.
 */
export function diagonalCovariance(): CovarianceType {
  return {
    label: "diagonal",
    parameterCount: (k, d) => k * d,
    estimate: (input) => perFeatureVariances(input),
    precisionFactors: (covariances, k, d, regCovar) => inverseDeviations(covariances, d, regCovar, k),
    logDensities: diagonalLogDensities,
    toMatrices: (covariances, k, d) =>
      Array.from({ length: k }, (_, j) =>
        Array.from({ length: d }, (_, a) =>
          Array.from({ length: d }, (_, b) => (a === b ? (covariances[j * d + a] as number) : 0)),
        ),
      ),
    fromMatrices: (matrices, k, d) =>
      Float64Array.from({ length: k * d }, (_, p) => matrices[Math.floor(p / d)]?.[p % d]?.[p % d] as number),
  };
}

/** The diagonal type's log-densities (the E-step recognises it to fuse its normalisation). */
export function diagonalLogDensities(
  data: DataMatrix,
  means: Float64Array,
  factors: Float64Array,
  k: number,
  out: Float64Array,
): void {
  axisLogDensities(data.values, data.rows, data.columns, means, factors, k, false, out, false, kernelOf(data));
}

/** sum_i r_ij (x_it - mu_jt)^2 / nk_j + regCovar. */
export function perFeatureVariances(input: CovarianceEstimateInput): Float64Array {
  const { data, totals, k, regCovar } = input;
  const d = data.columns;
  const out = diagonalScatter(input);
  for (let j = 0; j < k; j++)
    for (let t = 0; t < d; t++) out[j * d + t] = (out[j * d + t] as number) / (totals[j] as number) + regCovar;
  return out;
}

/** 1 / sigma for each variance (one group of `perComponent` variances per component). */
export function inverseDeviations(
  variances: Float64Array,
  perComponent: number,
  regCovar: number,
  _k: number,
): Float64Array {
  return variances.map((variance, p) => {
    if (!(variance > 0)) {
      const [part, expected] = collapseMessage(`component ${Math.floor(p / perComponent)}`, regCovar);
      throw new InvalidProblemError(part, expected, `a variance of ${variance}`, false);
    }
    return 1 / Math.sqrt(variance);
  });
}

/**
 * log N with axis-aligned precisions: one factor per feature (`spherical` false) or per component. Runs the
 * WebAssembly SIMD kernel (the same sums in the same order, so the same bits) where available, unless
 * `javascript` is set; there, with `normalisation`, writes the responsibilities instead and returns true.
 */
export function axisLogDensities(
  x: Float64Array,
  n: number,
  d: number,
  means: Float64Array,
  factors: Float64Array,
  k: number,
  spherical: boolean,
  out: Float64Array,
  javascript = false,
  kernel: KernelBinding<unknown> | undefined = undefined,
  normalisation: BlockNormalisation | undefined = undefined,
): boolean {
  const constant = -0.5 * d * Math.log(2 * Math.PI);
  const logDets = new Float64Array(k);
  for (let j = 0; j < k; j++)
    logDets[j] = spherical
      ? d * Math.log(factors[j] as number)
      : Array.from(factors.subarray(j * d, (j + 1) * d), Math.log).reduce((a, b) => a + b, 0);
  if (
    !javascript &&
    n * d >= wasmMinimumSize &&
    wasmAxisDistances(x, n, d, means, factors, k, spherical, constant, logDets, out, kernel, normalisation)
  )
    return normalisation !== undefined;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < k; j++) {
      let squares = 0;
      for (let t = 0; t < d; t++) {
        const z =
          ((x[i * d + t] as number) - (means[j * d + t] as number)) * (factors[spherical ? j : j * d + t] as number);
        squares += z * z;
      }
      out[i * k + j] = constant - 0.5 * squares + (logDets[j] as number);
    }
  }
  return false;
}

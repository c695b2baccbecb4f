import { axisLogDensities, inverseDeviations, perFeatureVariances } from "./diagonal-covariance.js";
import type { DataMatrix } from "../kmeans/index.js";
import type { CovarianceType } from "./types.js";
import { kernelOf } from "./wasm-kernels.js";

/**
 * Spherical covariances: each component has one variance `sigma_j^2 I` (balls).
 *
 * @remarks M-step: `sigma_j^2` is the mean over features of the diagonal estimate (scikit-learn's rule),
 * `regCovar` included. E-step: `log N = -(d ln 2 pi + ||x - mu_j||^2 / sigma_j^2) / 2 - d ln sigma_j`.
 * Cost per iteration `O(n k d)`; parameters `k`.
 * @returns The covariance type.
 * @example
 * ```ts
 * gaussianMixture({ k: 3, covariance: sphericalCovariance() });
 * ```
 * @see C. M. Bishop, Pattern Recognition and Machine Learning, section 9.3.2.
 */
export function sphericalCovariance(): CovarianceType {
  return {
    label: "spherical",
    parameterCount: (k) => k,
    estimate(input) {
      const d = input.data.columns;
      const diagonal = perFeatureVariances(input);
      return Float64Array.from(
        { length: input.k },
        (_, j) => diagonal.subarray(j * d, (j + 1) * d).reduce((a, b) => a + b, 0) / d,
      );
    },
    precisionFactors: (covariances, k, _d, regCovar) => inverseDeviations(covariances, 1, regCovar, k),
    logDensities: sphericalLogDensities,
    toMatrices: (covariances, k, d) =>
      Array.from({ length: k }, (_, j) =>
        Array.from({ length: d }, (_, a) =>
          Array.from({ length: d }, (_, b) => (a === b ? (covariances[j] as number) : 0)),
        ),
      ),
    fromMatrices: (matrices, k, d) =>
      Float64Array.from(
        { length: k },
        (_, j) => Array.from({ length: d }, (_, t) => matrices[j]?.[t]?.[t] as number).reduce((a, b) => a + b, 0) / d,
      ),
  };
}

/** The spherical type's log-densities (the E-step recognises it to fuse its normalisation). */
export function sphericalLogDensities(
  data: DataMatrix,
  means: Float64Array,
  factors: Float64Array,
  k: number,
  out: Float64Array,
): void {
  axisLogDensities(data.values, data.rows, data.columns, means, factors, k, true, out, false, kernelOf(data));
}

// Internal: the E-step and M-step of EM for Gaussian mixtures on flat arrays.
import type { CovarianceType, DataMatrixLike } from "./em-types.js";

/** Parameters of a mixture, flat. */
export interface FlatParameters {
  readonly weights: Float64Array;
  readonly means: Float64Array;
  readonly covariances: Float64Array;
  readonly precisionFactors: Float64Array;
}

/** The M-step: weights, means and covariances from responsibilities (scikit-learn's `_m_step`). */
export function maximizationStep(data: DataMatrixLike, responsibilities: Float64Array, k: number, covariance: CovarianceType, regCovar: number): FlatParameters {
  const { values: x, rows: n, columns: d } = data;
  const totals = new Float64Array(k).fill(10 * Number.EPSILON);
  const means = new Float64Array(k * d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < k; j++) {
      const r = responsibilities[i * k + j] as number;
      if (r === 0) continue;
      totals[j] = (totals[j] as number) + r;
      for (let t = 0; t < d; t++) means[j * d + t] = (means[j * d + t] as number) + r * (x[i * d + t] as number);
    }
  }
  let sum = 0;
  for (let j = 0; j < k; j++) {
    sum += totals[j] as number;
    for (let t = 0; t < d; t++) means[j * d + t] = (means[j * d + t] as number) / (totals[j] as number);
  }
  const weights = totals.map((total) => total / sum);
  const covariances = covariance.estimate({ data, responsibilities, totals, means, k, regCovar });
  return { weights, means, covariances, precisionFactors: covariance.precisionFactors(covariances, k, d, regCovar) };
}

/**
 * Weighted log-densities `log pi_j + log N(x_i | mu_j, Sigma_j)` normalised by log-sum-exp: writes the
 * responsibilities (when `responsibilities` is given) and the per-sample `log p(x_i)`; returns their mean.
 */
export function expectationStep(
  data: DataMatrixLike,
  parameters: FlatParameters,
  k: number,
  covariance: CovarianceType,
  responsibilities: Float64Array | undefined,
  logProbabilities: Float64Array | undefined,
): number {
  const n = data.rows;
  const logs = responsibilities ?? new Float64Array(n * k);
  covariance.logDensities(data, parameters.means, parameters.precisionFactors, k, logs);
  const logWeights = parameters.weights.map(Math.log);
  let total = 0;
  for (let i = 0; i < n; i++) {
    let largest = -Infinity;
    for (let j = 0; j < k; j++) {
      const value = (logs[i * k + j] as number) + (logWeights[j] as number);
      logs[i * k + j] = value;
      if (value > largest) largest = value;
    }
    let sum = 0;
    for (let j = 0; j < k; j++) sum += Math.exp((logs[i * k + j] as number) - largest);
    const logNorm = largest + Math.log(sum);
    for (let j = 0; j < k; j++) logs[i * k + j] = Math.exp((logs[i * k + j] as number) - logNorm);
    if (logProbabilities !== undefined) logProbabilities[i] = logNorm;
    total += logNorm;
  }
  return total / n;
}

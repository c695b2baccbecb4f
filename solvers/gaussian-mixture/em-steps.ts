// Internal: the E-step and M-step of EM for Gaussian mixtures on flat arrays.
import type { DataMatrix } from "../kmeans/index.js";
import type { CovarianceType } from "./types.js";
import { logDensityBases } from "./dense-kernels.js";
import { fullLogDensities } from "./full-covariance.js";
import { kernelOf, wasmWeightedSums } from "./wasm-kernels.js";
import { wasmBoundedLogDensities } from "./bounded-kernels.js";
import { wasmNormalise } from "./axis-kernels.js";
import { axisLogDensities, diagonalLogDensities } from "./diagonal-covariance.js";
import { sphericalLogDensities } from "./spherical-covariance.js";
import { tiedLogDensities } from "./tied-covariance.js";
import { tiedAxisForm } from "./tied-transform.js";
import { wasmMinimumSize } from "../../src/engine/internals.js";

/** Below this exponent `Math.exp` returns exactly 0 (IEEE double underflow starts at about -745.13). */
const underflow = -746;

/** Parameters of a mixture, flat. */
export interface FlatParameters {
  readonly weights: Float64Array;
  readonly means: Float64Array;
  readonly covariances: Float64Array;
  readonly precisionFactors: Float64Array;
}

/** The M-step: weights, means and covariances from responsibilities (scikit-learn's `_m_step`). */
export function maximizationStep(
  data: DataMatrix,
  responsibilities: Float64Array,
  k: number,
  covariance: CovarianceType,
  regCovar: number,
): FlatParameters {
  const { values: x, rows: n, columns: d } = data;
  const totals = new Float64Array(k).fill(10 * Number.EPSILON);
  const means = new Float64Array(k * d);
  // The WebAssembly kernel adds the same terms in the same order; JavaScript where it is unavailable.
  if (n * d < wasmMinimumSize || !wasmWeightedSums(x, n, d, responsibilities, k, totals, means, kernelOf(data))) {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < k; j++) {
        const r = responsibilities[i * k + j] as number;
        if (r === 0) continue;
        totals[j] = (totals[j] as number) + r;
        for (let t = 0; t < d; t++) means[j * d + t] = (means[j * d + t] as number) + r * (x[i * d + t] as number);
      }
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
  data: DataMatrix,
  parameters: FlatParameters,
  k: number,
  covariance: CovarianceType,
  responsibilities: Float64Array | undefined,
  logProbabilities: Float64Array | undefined,
): number {
  const n = data.rows;
  const logs = responsibilities ?? new Float64Array(n * k);
  const logWeights = parameters.weights.map(Math.log);
  const kernel = kernelOf(data);
  // On large data the normalisation runs in the WebAssembly kernel (fused into the block pass for the
  // axis-aligned types), with its own exponential: see wasmNormalise.
  const large = n * data.columns >= wasmMinimumSize;
  const logNorms = large ? (logProbabilities ?? new Float64Array(n)) : undefined;
  const normalisation = logNorms === undefined ? undefined : { logWeights, logNorms };
  const form = axisFormOf(covariance, data, parameters, k, large);
  if (form !== undefined) {
    const { values, means, factors, spherical, shift } = form;
    const columns = data.columns;
    if (axisLogDensities(values, n, columns, means, factors, k, spherical, logs, false, kernel, normalisation)) {
      const norms = logNorms as Float64Array;
      if (shift !== 0) for (let i = 0; i < n; i++) norms[i] = (norms[i] as number) + shift;
      return meanOf(norms);
    }
    if (shift !== 0) for (let p = 0; p < n * k; p++) logs[p] = (logs[p] as number) + shift;
  } else if (
    !(covariance.logDensities === fullLogDensities && large && boundedFull(data, parameters, k, logWeights, logs))
  )
    covariance.logDensities(data, parameters.means, parameters.precisionFactors, k, logs);
  if (normalisation !== undefined && wasmNormalise(logs, n, k, logWeights, normalisation.logNorms, kernel))
    return meanOf(normalisation.logNorms);
  let total = 0;
  for (let i = 0; i < n; i++) {
    let largest = -Infinity;
    for (let j = 0; j < k; j++) {
      const value = (logs[i * k + j] as number) + (logWeights[j] as number);
      logs[i * k + j] = value;
      if (value > largest) largest = value;
    }
    // exp(e) is exactly 0 for e < -745.14 (underflow), so those terms are skipped: the same bits, and far
    // fewer exp calls when the components are well separated.
    let sum = 0;
    for (let j = 0; j < k; j++) {
      const e = (logs[i * k + j] as number) - largest;
      if (!(e < underflow)) sum += Math.exp(e); // NaN still propagates
    }
    const logNorm = largest + Math.log(sum);
    for (let j = 0; j < k; j++) {
      const e = (logs[i * k + j] as number) - logNorm;
      logs[i * k + j] = e < underflow ? 0 : Math.exp(e);
    }
    if (logProbabilities !== undefined) logProbabilities[i] = logNorm;
    total += logNorm;
  }
  return total / n;
}

/**
 * The E-step of the axis-aligned types (diagonal, spherical) as the axis kernel takes it, and of the tied
 * type on large data (mapped points and means, unit factors, a shift of every log-density by sum ln Q_tt;
 * see tied-transform.ts); undefined for the others.
 */
function axisFormOf(
  covariance: CovarianceType,
  data: DataMatrix,
  parameters: FlatParameters,
  k: number,
  large: boolean,
) {
  const { means, precisionFactors: factors } = parameters;
  const logDensities = covariance.logDensities;
  if (logDensities === diagonalLogDensities) return { values: data.values, means, factors, spherical: false, shift: 0 };
  if (logDensities === sphericalLogDensities) return { values: data.values, means, factors, spherical: true, shift: 0 };
  if (logDensities === tiedLogDensities && large) return { ...tiedAxisForm(data, means, factors, k), spherical: true };
  return undefined;
}

/** The mean of the per-sample log-likelihoods, summed in order. */
function meanOf(logNorms: Float64Array): number {
  let total = 0;
  for (const value of logNorms) total += value;
  return total / logNorms.length;
}

/**
 * Full covariances on large data: the bounded kernel leaves out (as -Infinity) only components whose
 * responsibility is exactly 0 anyway, so the results are the same as the plain kernel's.
 */
function boundedFull(
  data: DataMatrix,
  parameters: FlatParameters,
  k: number,
  logWeights: Float64Array,
  out: Float64Array,
) {
  return wasmBoundedLogDensities(
    data.values,
    data.rows,
    data.columns,
    parameters.means,
    parameters.precisionFactors,
    parameters.covariances,
    k,
    logDensityBases(parameters.precisionFactors, k, data.columns, false),
    logWeights,
    out,
    kernelOf(data),
  );
}

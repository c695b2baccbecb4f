// Internal: the M-step from the sums of a resident pass (resident-passes.ts). The pass sums about the means
// its E-step used (mu_old), not the new ones it cannot know yet; with delta = mu_new - mu_old,
// sum_i r_ij (x_i - mu_new)(x_i - mu_new)^T = S_j - nk_j delta_j delta_j^T, which loses digits only when
// delta is large against the spread (early iterations from a poor start): there the caller falls back to
// the plain M-step. The tied type needs no per-iteration scatter: its pooled scatter is the points' own
// about a centre c, less sum_j nk_j (mu_j - c)(mu_j - c)^T (scikit-learn's formula, shifted).
import type { FlatParameters } from "./em-steps.js";
import type { CovarianceType } from "./types.js";

/** The covariance types with a resident pass. */
export type PassKind = "diagonal" | "spherical" | "tied" | "full";

/** What a resident pass sums for the next M-step. */
export interface PassSums {
  /** `10 eps + sum_i r_ij` (as maximizationStep starts its totals). */
  readonly totals: Float64Array;
  /** `sum_i r_ij x_i`, k x d, or with `shifted`, `sum_i r_ij (x_i - mu_old_j)`. */
  readonly sums: Float64Array;
  /** Whether `sums` are about the old means. */
  readonly shifted: boolean;
  /**
   * `sum_i r_ij (x_i - mu_old_j)^2` per coordinate (k x d, axis types), packed lower triangles of
   * `sum_i r_ij (x_i - mu_old_j)(x_i - mu_old_j)^T` (full), or `sum_i (x_i - c)(x_i - c)^T` (tied).
   */
  readonly scatter: Float64Array;
  /** The means the E-step used. */
  readonly means: Float64Array;
  /** The tied type's centre c. */
  readonly centre: Float64Array;
}

/**
 * The smallest variance, relative to the shifted second moment it comes from, taken from the shifted sums
 * (below it more than 5 of 16 digits cancel, and the plain M-step runs instead).
 */
const cancellationLimit = 1e-5;

/** The M-step's parameters from a pass's sums, or undefined where they would lose digits (see above). */
export function parametersFromSums(
  kind: PassKind,
  pass: PassSums,
  covariance: CovarianceType,
  k: number,
  d: number,
  n: number,
  regCovar: number,
): FlatParameters | undefined {
  const { totals, sums, means: old, shifted } = pass;
  let totalWeight = 0;
  for (let j = 0; j < k; j++) totalWeight += totals[j] as number;
  const weights = totals.map((total) => total / totalWeight);
  const means = new Float64Array(k * d);
  for (let p = 0; p < k * d; p++) {
    const mean = (sums[p] as number) / (totals[Math.floor(p / d)] as number);
    means[p] = shifted ? (old[p] as number) + mean : mean;
  }
  const covariances = covariancesFromSums(kind, pass, means, old, totalWeight, k, d, n, regCovar);
  if (covariances === undefined) return undefined;
  return { weights, means, covariances, precisionFactors: covariance.precisionFactors(covariances, k, d, regCovar) };
}

function covariancesFromSums(
  kind: PassKind,
  { totals, scatter, centre }: PassSums,
  means: Float64Array,
  old: Float64Array,
  totalWeight: number,
  k: number,
  d: number,
  n: number,
  regCovar: number,
): Float64Array | undefined {
  /** The centred second moment `shifted - shift^2`, or NaN where too many digits cancel. */
  const centred = (shifted: number, shift: number): number => {
    const value = shifted - shift * shift;
    return value >= cancellationLimit * shifted ? value : Number.NaN;
  };
  if (kind === "diagonal" || kind === "spherical") {
    const variances = new Float64Array(k * d);
    for (let j = 0; j < k; j++) {
      const total = totals[j] as number;
      for (let t = 0; t < d; t++) {
        const p = j * d + t;
        const value = centred((scatter[p] as number) / total, (means[p] as number) - (old[p] as number));
        if (Number.isNaN(value)) return undefined;
        variances[p] = value + regCovar;
      }
    }
    if (kind === "diagonal") return variances;
    return Float64Array.from(
      { length: k },
      (_, j) => variances.subarray(j * d, (j + 1) * d).reduce((a, b) => a + b, 0) / d,
    );
  }
  if (kind === "full") {
    const out = new Float64Array(k * d * d);
    const triangle = (d * (d + 1)) / 2;
    for (let j = 0; j < k; j++) {
      const total = totals[j] as number;
      let p = j * triangle;
      for (let a = 0; a < d; a++) {
        const da = (means[j * d + a] as number) - (old[j * d + a] as number);
        for (let b = 0; b <= a; b++, p++) {
          const db = (means[j * d + b] as number) - (old[j * d + b] as number);
          let value = (scatter[p] as number) / total - da * db;
          if (a === b) {
            value = centred((scatter[p] as number) / total, da);
            if (Number.isNaN(value)) return undefined;
            value += regCovar;
          }
          out[j * d * d + a * d + b] = value;
          out[j * d * d + b * d + a] = value;
        }
      }
    }
    return out;
  }
  // tied: (sum_i (x_i - c)(x_i - c)^T - sum_j nk_j (mu_j - c)(mu_j - c)^T) / sum_j nk_j
  const out = new Float64Array(d * d);
  let p = 0;
  for (let a = 0; a < d; a++) {
    for (let b = 0; b <= a; b++, p++) {
      let between = 0;
      for (let j = 0; j < k; j++)
        between +=
          (totals[j] as number) *
          ((means[j * d + a] as number) - (centre[a] as number)) *
          ((means[j * d + b] as number) - (centre[b] as number));
      let value = ((scatter[p] as number) - between) / totalWeight;
      if (a === b) {
        if (!(value >= (cancellationLimit * (scatter[p] as number)) / n)) return undefined;
        value += regCovar;
      }
      out[a * d + b] = value;
      out[b * d + a] = value;
    }
  }
  return out;
}

import { formatNumber } from "../../index.js";
import { iterationCount } from "./iteration-count.js";

/** The share of the data's RMS radius within which components count as coinciding. */
const coincidence = 0.1;

/**
 * A note for a Gaussian mixture whose run stopped `converged` with every component's mean close to the
 * others (all within a tenth of the data's RMS distance from its mean): EM stops when the log-likelihood
 * per point changes by less than the tolerance, as scikit-learn's does, and near the symmetric start that
 * random responsibilities give, the log-likelihood changes slowly, so such a stop is a slow start, not a fit.
 *
 * @param data - The points, one row each.
 * @param state - The final state: `k` means of the points' dimension, row-major.
 * @param iterations - The iterations the run took.
 * @returns The note, or `undefined` when the means are apart.
 */
export function coincidingComponentsNote(
  data: readonly (readonly number[])[],
  state: { readonly means: ArrayLike<number>; readonly k: number },
  iterations: number,
): string | undefined {
  const { means, k } = state;
  const n = data.length;
  if (k < 2 || n === 0) return undefined;
  const d = means.length / k;
  const centre = Array.from({ length: d }, (_, c) => data.reduce((sum, point) => sum + (point[c] as number), 0) / n);
  const radius = Math.sqrt(data.reduce((sum, point) => sum + squared(point, (c) => centre[c] as number, d), 0) / n);
  let widest = 0;
  for (let a = 0; a < k; a++) {
    for (let b = a + 1; b < k; b++) {
      const apart = squared({ length: d }, (c) => (means[a * d + c] as number) - (means[b * d + c] as number), d, true);
      widest = Math.max(widest, Math.sqrt(apart));
    }
  }
  if (!(widest < coincidence * radius)) return undefined;
  return (
    `note: stopped after ${iterationCount(iterations)} with all ${k} means within ${formatNumber(widest)} of each ` +
    `other (the data's RMS radius is ${formatNumber(radius)}): EM stops when the log-likelihood per point changes ` +
    "by less than --tol, as scikit-learn's does, and from random responsibilities every component starts near " +
    "the overall mean, where it changes slowly. This is a slow start, not a fit: use --init kmeans (the " +
    "default) or a smaller --tol."
  );
}

/** The squared length of `point - shift` (or of `shift` alone when `only`). */
function squared(point: ArrayLike<number>, shift: (c: number) => number, d: number, only = false): number {
  let total = 0;
  for (let c = 0; c < d; c++) {
    const difference = only ? shift(c) : (point[c] as number) - shift(c);
    total += difference * difference;
  }
  return total;
}

// Internal: L-BFGS's direction, `-H g` by the two-loop recursion, and the scratch arrays it works in.
import type { LbfgsPair } from "./lbfgs-types.js";
import { dot } from "./minimize-common.js";

/**
 * `out = -H g` by the two-loop recursion over `pairs` (oldest first), with `H_0 = gamma I`: `gamma = (s .
 * y) / (y . y)` of the newest pair, or `1 / ||g||_2` with no pair. Each pass over `out` also takes the dot
 * product the next pair needs (`s_{k-1} . q` in the first loop, `y_{k+1} . r` in the second), and `y . y`
 * comes with the pair, so the recursion makes 2 m + 1 passes over `n` numbers instead of 4 m + 3.
 */
export function twoLoop(out: Float64Array, g: Float64Array, pairs: readonly LbfgsPair[], alphas: Float64Array): void {
  const n = g.length;
  const m = pairs.length;
  const newest = pairs[m - 1];
  if (newest === undefined) {
    const gamma = 1 / Math.sqrt(dot(g, g));
    for (let i = 0; i < n; i++) out[i] = -gamma * (g[i] as number);
    return;
  }
  // q = g, taking s_newest . q on the way; then the first loop, newest first: a_k = rho_k s_k . q, q -= a_k y_k.
  const newestS = newest.s;
  let sg = 0;
  for (let i = 0; i < n; i++) {
    const q = g[i] as number;
    out[i] = q;
    sg += (newestS[i] as number) * q;
  }
  let a = newest.rho * sg;
  for (let k = m - 1; k >= 0; k--) {
    alphas[k] = a;
    const y = (pairs[k] as LbfgsPair).y;
    const older = pairs[k - 1];
    if (older === undefined) {
      for (let i = 0; i < n; i++) out[i] = (out[i] as number) - a * (y[i] as number);
    } else {
      a = older.rho * updateAndDot(out, -a, y, older.s);
    }
  }
  // r = gamma q, then the second loop, oldest first: r += s_k (a_k - rho_k y_k . r).
  const gamma = 1 / (newest.rho * newest.yy);
  const first = (pairs[0] as LbfgsPair).y;
  let yr = 0;
  for (let i = 0; i < n; i++) {
    const r = gamma * (out[i] as number);
    out[i] = r;
    yr += (first[i] as number) * r;
  }
  for (let k = 0; k < m; k++) {
    const { s, rho } = pairs[k] as LbfgsPair;
    const b = (alphas[k] as number) - rho * yr;
    const newer = pairs[k + 1];
    if (newer === undefined) {
      for (let i = 0; i < n; i++) out[i] = -((out[i] as number) + b * (s[i] as number));
    } else {
      yr = updateAndDot(out, b, s, newer.y);
    }
  }
}

/**
 * Scratch arrays of one prepared problem for {@link lbfgs} (never part of a state): the direction and the
 * two-loop coefficients.
 */
export class LbfgsScratch {
  /** The search direction `-H g` (the two-loop's `q` and `r` on the way). */
  direction = new Float64Array(0);
  /** The coefficients `a_i` of the first loop, one per pair. */
  alphas = new Float64Array(0);

  /**
   * Sizes the arrays for `n` unknowns and `memory` pairs (reallocating only when they change).
   * @param n - The number of unknowns.
   * @param memory - The number of pairs.
   * @returns The direction array.
   */
  fit(n: number, memory: number): Float64Array {
    if (this.direction.length !== n) this.direction = new Float64Array(n);
    if (this.alphas.length !== memory) this.alphas = new Float64Array(memory);
    return this.direction;
  }
}

/**
 * `out += scale * direction`, returning `dotWith . out` (the updated `out`) in the same pass. Four partial
 * sums (indices mod 4), added pairwise at the end, so the additions do not wait on one another: the
 * two-loop recursion is bound by this sum's latency otherwise. The order of additions is fixed, so the
 * result is the same bits on every run.
 */
function updateAndDot(out: Float64Array, scale: number, direction: Float64Array, dotWith: Float64Array): number {
  const n = out.length;
  const whole = n - (n % 4);
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let i = 0; i < whole; i += 4) {
    const r0 = (out[i] as number) + scale * (direction[i] as number);
    const r1 = (out[i + 1] as number) + scale * (direction[i + 1] as number);
    const r2 = (out[i + 2] as number) + scale * (direction[i + 2] as number);
    const r3 = (out[i + 3] as number) + scale * (direction[i + 3] as number);
    out[i] = r0;
    out[i + 1] = r1;
    out[i + 2] = r2;
    out[i + 3] = r3;
    s0 += (dotWith[i] as number) * r0;
    s1 += (dotWith[i + 1] as number) * r1;
    s2 += (dotWith[i + 2] as number) * r2;
    s3 += (dotWith[i + 3] as number) * r3;
  }
  for (let i = whole; i < n; i++) {
    const r = (out[i] as number) + scale * (direction[i] as number);
    out[i] = r;
    s0 += (dotWith[i] as number) * r;
  }
  return s0 + s1 + (s2 + s3);
}

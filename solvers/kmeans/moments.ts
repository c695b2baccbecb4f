// The per-feature moments behind scikit-learn's tolerance scale, on flat row-major points, summed chunk by
// chunk in the order described at the top of kernels.ts (the WebAssembly kernels give the same bits).
// Internal: not part of the public list.
import { chunkSize } from "./kernels.js";

/**
 * scikit-learn's tolerance scale: the mean over features of the (unweighted, population) variance. One
 * pass, shifted by the first point `x_0` against cancellation: per feature, `S1 = sum (x - x_0)` and
 * `S2 = sum (x - x_0)^2`, each accumulated chunk by chunk (see the top of this file; the WebAssembly
 * kernel, one feature per SIMD lane, gives the same bits), then `n Var = S2 - S1 (S1 / n)`; the features
 * are added in feature order.
 */
export function meanVariance(x: Float64Array, n: number, d: number, chunk = chunkSize(n, d, 1)): number {
  return varianceFromSquares(shiftedMoments(x, n, d, chunk).squares, n, d);
}

/** The per-feature means and sums of squared deviations, by {@link meanVariance}'s one shifted pass. */
export function shiftedMoments(
  x: Float64Array,
  n: number,
  d: number,
  chunk: number,
): { means: Float64Array; squares: Float64Array } {
  const first = x.slice(0, d);
  const partials = new Float64Array(2 * d);
  const sums = new Float64Array(2 * d);
  for (let start = 0; start < n; start += chunk) {
    partials.fill(0);
    const end = Math.min(n, start + chunk);
    for (let i = start; i < end; i++) {
      for (let t = 0; t < d; t++) {
        const e = (x[i * d + t] as number) - (first[t] as number);
        partials[t] = (partials[t] as number) + e;
        partials[d + t] = (partials[d + t] as number) + e * e;
      }
    }
    for (let p = 0; p < 2 * d; p++) sums[p] = (sums[p] as number) + (partials[p] as number);
  }
  return momentsFromShiftedSums(sums, first, n, d);
}

/** Means and sums of squared deviations from the shifted sums: `S1` (the first `d`), then `S2`. */
export function momentsFromShiftedSums(
  sums: Float64Array,
  shift: Float64Array,
  n: number,
  d: number,
): { means: Float64Array; squares: Float64Array } {
  const means = new Float64Array(d);
  const squares = new Float64Array(d);
  for (let t = 0; t < d; t++) {
    const s1 = sums[t] as number;
    means[t] = (shift[t] as number) + s1 / n;
    // Rounding may leave a constant feature's S2 - S1^2/n a hair below 0; NaN stays NaN.
    const square = (sums[d + t] as number) - s1 * (s1 / n);
    // biome-ignore lint/complexity/useMathMinMax: Math.max(0, -0) is +0; the comparison keeps the bits as they were.
    squares[t] = square < 0 ? 0 : square;
  }
  return { means, squares };
}

/** The mean variance from per-feature sums of squared deviations, added in feature order. */
export function varianceFromSquares(squares: Float64Array, n: number, d: number): number {
  let total = 0;
  for (let t = 0; t < d; t++) total += squares[t] as number;
  return total / n / d;
}

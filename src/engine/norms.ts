/** A vector norm: maps a vector to a non-negative number. */
export type Norm = (vector: ArrayLike<number>) => number;

/**
 * The infinity norm, `max_i |v_i|`: the default for stopping tests, since it does not grow with the
 * dimension.
 *
 * @param vector - The vector.
 * @returns Its largest absolute entry (NaN if any entry is NaN; 0 for an empty vector).
 */
export function normInf(vector: ArrayLike<number>): number {
  let largest = 0;
  for (let i = 0; i < vector.length; i++) {
    const magnitude = Math.abs(vector[i] as number);
    if (!(magnitude <= largest)) {
      if (Number.isNaN(magnitude)) return NaN; // a later, larger entry must not hide it
      largest = magnitude;
    }
  }
  return largest;
}

/**
 * The Euclidean norm, `sqrt(sum_i v_i^2)`, scaled to avoid overflow and underflow as LAPACK's `dnrm2` does.
 *
 * @param vector - The vector.
 * @returns Its Euclidean length.
 */
export function norm2(vector: ArrayLike<number>): number {
  const scale = normInf(vector);
  if (scale === 0 || !Number.isFinite(scale)) return scale;
  let sum = 0;
  for (let i = 0; i < vector.length; i++) {
    const scaled = (vector[i] as number) / scale;
    sum += scaled * scaled;
  }
  return scale * Math.sqrt(sum);
}

/**
 * The 1-norm, `sum_i |v_i|`.
 *
 * @param vector - The vector.
 * @returns The sum of absolute entries.
 */
export function norm1(vector: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < vector.length; i++) sum += Math.abs(vector[i] as number);
  return sum;
}

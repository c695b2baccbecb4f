/**
 * The second-order part of a least-squares Hessian: writes `sum_i w_i * Hessian(r_i)(x)` (n x n, row-major) into
 * `out`, which holds zeros on entry. With `w = r(x)` it completes `Hessian(f) = 2 (J^T J + sum_i r_i Hessian(r_i))`.
 */
export type ResidualCurvature = (x: Float64Array, weights: Float64Array, out: Float64Array) => void;

/** Builds a function's {@link ResidualCurvature} at a size `n` (unknowns) and `m` (residuals). */
export type CurvatureAtSize = (n: number, m: number) => ResidualCurvature;

/** Adds `value` to entry (i, j) of an n x n matrix and, off the diagonal, to (j, i). */
export function addSymmetric(out: Float64Array, n: number, i: number, j: number, value: number): void {
  out[i * n + j] = (out[i * n + j] as number) + value;
  if (i !== j) out[j * n + i] = (out[j * n + i] as number) + value;
}

/** Reads entry `i` of a typed array (the index is known to be in range). */
export function entry(x: Float64Array, i: number): number {
  return x[i] as number;
}

/** Residuals that are all linear: no second-order part. */
export const linearResiduals: CurvatureAtSize = () => () => {};

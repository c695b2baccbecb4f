import type { CsrMatrix } from "../gauss-seidel/index.js";

// The dense vector kernels of the Krylov methods, on Float64Array, with the CSR product.

/** Writes `out = A x` (`out` distinct from `x`). O(nnz). */
export function multiplyInto(matrix: CsrMatrix, x: Float64Array, out: Float64Array): void {
  const { rowPointers, columnIndices, values } = matrix;
  const n = matrix.rows;
  let start = rowPointers[0] as number;
  for (let i = 0; i < n; i++) {
    const end = rowPointers[i + 1] as number;
    let s = 0;
    for (let k = start; k < end; k++) s += (values[k] as number) * (x[columnIndices[k] as number] as number);
    out[i] = s;
    start = end;
  }
}

/**
 * Rows per chunk of CG's sums (`p^T A p`, and `r^T r` without a preconditioner), whatever the number of
 * threads (even, so that a chunk's rows pair up as the kernel's two lanes): each chunk sums its rows and the
 * chunks' sums are added in chunk order, as the WebAssembly kernel (cg-kernel.ts) sums them on any number
 * of threads.
 */
export const cgChunkRows = 4096;

/**
 * Writes `out = A x` and returns `x^T A x`, in one pass (CG's product and its curvature; the sum runs in
 * chunks of {@link cgChunkRows} rows, each in row order, the chunks' sums added in order). O(nnz).
 */
export function multiplyDotInto(matrix: CsrMatrix, x: Float64Array, out: Float64Array): number {
  const { rowPointers, columnIndices, values } = matrix;
  const n = matrix.rows;
  let start = rowPointers[0] as number;
  let curvature = 0;
  for (let first = 0; first < n; first += cgChunkRows) {
    let partial = 0;
    for (let i = first, last = Math.min(n, first + cgChunkRows); i < last; i++) {
      const end = rowPointers[i + 1] as number;
      let s = 0;
      for (let k = start; k < end; k++) s += (values[k] as number) * (x[columnIndices[k] as number] as number);
      out[i] = s;
      partial += (x[i] as number) * s;
      start = end;
    }
    curvature += partial;
  }
  return curvature;
}

/**
 * CG's updates `x += alpha p`, `r -= alpha ap` in place; returns the new `r^T r`, summed as the WebAssembly
 * kernel sums it on any number of threads: per chunk of {@link cgChunkRows} rows in two lanes (the chunk's
 * even rows and its odd rows, each in order; then lane 0 + lane 1, then an unpaired last row), the chunks'
 * sums added in order. O(n).
 */
export function updateResidual(x: Float64Array, r: Float64Array, p: Float64Array, ap: Float64Array, alpha: number) {
  const n = x.length;
  let total = 0;
  for (let first = 0; first < n; first += cgChunkRows) {
    const last = Math.min(n, first + cgChunkRows);
    let even = 0;
    let odd = 0;
    let i = first;
    for (; i + 1 < last; i += 2) {
      x[i] = (x[i] as number) + alpha * (p[i] as number);
      x[i + 1] = (x[i + 1] as number) + alpha * (p[i + 1] as number);
      const r0 = (r[i] as number) - alpha * (ap[i] as number);
      const r1 = (r[i + 1] as number) - alpha * (ap[i + 1] as number);
      r[i] = r0;
      r[i + 1] = r1;
      even += r0 * r0;
      odd += r1 * r1;
    }
    let partial = even + odd;
    if (i < last) {
      x[i] = (x[i] as number) + alpha * (p[i] as number);
      const ri = (r[i] as number) - alpha * (ap[i] as number);
      r[i] = ri;
      partial += ri * ri;
    }
    total += partial;
  }
  return total;
}

/** Writes `out = b - A x` (`out` distinct from `x`). O(nnz). */
export function residualInto(matrix: CsrMatrix, b: Float64Array, x: Float64Array, out: Float64Array): void {
  const { rowPointers, columnIndices, values } = matrix;
  const n = matrix.rows;
  let start = rowPointers[0] as number;
  for (let i = 0; i < n; i++) {
    const end = rowPointers[i + 1] as number;
    let s = b[i] as number;
    for (let k = start; k < end; k++) s -= (values[k] as number) * (x[columnIndices[k] as number] as number);
    out[i] = s;
    start = end;
  }
}

/** `x^T y`. */
export function dot(x: Float64Array, y: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i] as number) * (y[i] as number);
  return s;
}

/** `||x||_2`. */
export function vectorNorm(x: Float64Array): number {
  return Math.sqrt(dot(x, x));
}

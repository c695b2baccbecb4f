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
 * threads: each chunk sums its rows in order and the chunks' sums are added in chunk order, as the
 * WebAssembly kernel (cg-kernel.ts) sums them on any number of threads (one chunk: the plain row-order sum).
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

import type { CsrMatrix, RedBlackColouring } from "./types.js";

// Sweeps on a general CSR matrix, with the diagonal's position and inverse precomputed. One Gauss-Seidel /
// SOR row's update is
//   next[i] = (1 - omega) current[i] + (omega / a_ii) (b_i - sum_{j > i} a_ij current[j] - sum_{j < i} a_ij lower[j]),
// the row split at its diagonal entry; Jacobi's is next[i] = current[i] + (omega / a_ii) r_i with r_i the row's
// residual, PETSc's form, one loop over the row that also gives the residual of `current`. Summation order
// (the WebAssembly kernel keeps it, so the bits agree): a sweep that reads its own output (Gauss-Seidel, SOR,
// SSOR) subtracts first the entries no earlier row of the sweep wrote, then those it wrote, the nearest column
// last (forward: right of the diagonal in entry order, then left of it in entry order; backward: left in
// entry order, then right from the row's end down), so a row waits for the row just updated for one product
// and subtraction, not the whole sum (the sweep's critical path); Jacobi and residuals sum in entry order.
// The residual of the new iterate costs one more pass over the matrix (`residualSquared`). These are the
// kernels of small systems, red-black ordering, and the fallback where WebAssembly is missing; large systems
// sweep in wasm/csr.wat (csr-kernel.ts), which folds the residual into the sweep and gives the same numbers.
// Jacobi's residual is summed in chunks of `jacobiChunkRows` rows, the chunks' sums added in order, as the
// WebAssembly kernel sums it on any number of threads (one chunk: the plain row-order sum).

/**
 * Rows per chunk of Jacobi's sweep, whatever the number of threads (so the chunk sums, and the residual,
 * are the same bits with any number): about 20,000 stored entries for a 5-point matrix, tens of
 * microseconds per chunk, so that a large sweep splits into many chunks that the threads balance.
 */
export const jacobiChunkRows = 4096;

/**
 * Forward sweep writing `next` from `current`; entries left of the diagonal read `lower` (`next`: Gauss-Seidel
 * / SOR; `current`: Jacobi, swept by {@link jacobi}).
 */
function forward(
  matrix: CsrMatrix,
  diagonalIndex: Int32Array,
  inverseDiagonal: Float64Array,
  b: Float64Array,
  current: Float64Array,
  lower: Float64Array,
  next: Float64Array,
  omega: number,
): void {
  if (lower === current) {
    jacobi(matrix, inverseDiagonal, b, current, next, omega);
    return;
  }
  const { rowPointers, columnIndices, values } = matrix;
  const keep = 1 - omega;
  const n = matrix.rows;
  let start = rowPointers[0] as number;
  for (let i = 0; i < n; i++) {
    const end = rowPointers[i + 1] as number;
    const diagonal = diagonalIndex[i] as number;
    let s = b[i] as number;
    for (let k = diagonal + 1; k < end; k++)
      s -= (values[k] as number) * (current[columnIndices[k] as number] as number);
    for (let k = start; k < diagonal; k++) s -= (values[k] as number) * (lower[columnIndices[k] as number] as number);
    next[i] = keep * (current[i] as number) + omega * (inverseDiagonal[i] as number) * s;
    start = end;
  }
}

/**
 * Jacobi as PETSc's Richardson with PCJACOBI computes it, in one pass: `r_i = b_i - sum_j a_ij current_j`
 * (entry order, the diagonal in its place) and `next_i = current_i + (omega / a_ii) r_i`. Returns
 * `||b - A current||_2^2`, the residual of the start (the same number as {@link residualSquared}).
 */
function jacobi(
  matrix: CsrMatrix,
  inverseDiagonal: Float64Array,
  b: Float64Array,
  current: Float64Array,
  next: Float64Array,
  omega: number,
): number {
  const { rowPointers, columnIndices, values } = matrix;
  let sum = 0;
  let start = rowPointers[0] as number;
  for (let i = 0, n = matrix.rows; i < n; i++) {
    const end = rowPointers[i + 1] as number;
    let r = b[i] as number;
    for (let k = start; k < end; k++) r -= (values[k] as number) * (current[columnIndices[k] as number] as number);
    next[i] = (current[i] as number) + omega * (inverseDiagonal[i] as number) * r;
    sum += r * r;
    start = end;
  }
  return sum;
}

/** Backward sweep (last row first), in place on `x`: the second half of SSOR. */
function backward(
  matrix: CsrMatrix,
  diagonalIndex: Int32Array,
  inverseDiagonal: Float64Array,
  b: Float64Array,
  x: Float64Array,
  omega: number,
): void {
  const { rowPointers, columnIndices, values } = matrix;
  const keep = 1 - omega;
  for (let i = matrix.rows - 1; i >= 0; i--) {
    const start = rowPointers[i] as number;
    const end = rowPointers[i + 1] as number;
    const diagonal = diagonalIndex[i] as number;
    let s = b[i] as number;
    for (let k = start; k < diagonal; k++) s -= (values[k] as number) * (x[columnIndices[k] as number] as number);
    for (let k = end - 1; k > diagonal; k--) s -= (values[k] as number) * (x[columnIndices[k] as number] as number);
    x[i] = keep * (x[i] as number) + omega * (inverseDiagonal[i] as number) * s;
  }
}

/**
 * Red-black sweep: the red rows from `current` (their off-diagonal neighbours are all black), then the black
 * rows from the new red values in `next`.
 */
function redBlack(
  matrix: CsrMatrix,
  diagonalIndex: Int32Array,
  inverseDiagonal: Float64Array,
  b: Float64Array,
  current: Float64Array,
  next: Float64Array,
  colouring: RedBlackColouring,
  omega: number,
): void {
  const { rowPointers, columnIndices, values } = matrix;
  const { order, redCount } = colouring;
  const keep = 1 - omega;
  for (let t = 0; t < order.length; t++) {
    const source = t < redCount ? current : next;
    const i = order[t] as number;
    const diagonal = diagonalIndex[i] as number;
    let s = b[i] as number;
    for (let k = rowPointers[i] as number; k < diagonal; k++)
      s -= (values[k] as number) * (source[columnIndices[k] as number] as number);
    for (let k = diagonal + 1, end = rowPointers[i + 1] as number; k < end; k++) {
      s -= (values[k] as number) * (source[columnIndices[k] as number] as number);
    }
    next[i] = keep * (current[i] as number) + omega * (inverseDiagonal[i] as number) * s;
  }
}

/**
 * `||b - A x||_2^2`, one pass over the matrix: the squares summed in row order within chunks of `chunkRows`
 * rows, the chunks' sums added in order (Jacobi's {@link jacobiChunkRows}; by default one chunk).
 */
function residualSquared(matrix: CsrMatrix, b: Float64Array, x: Float64Array, chunkRows = matrix.rows): number {
  const { rowPointers, columnIndices, values } = matrix;
  const n = matrix.rows;
  let total = 0;
  let start = rowPointers[0] as number;
  for (let first = 0; first < n; first += chunkRows) {
    let sum = 0;
    for (let i = first, last = Math.min(n, first + chunkRows); i < last; i++) {
      const end = rowPointers[i + 1] as number;
      let r = b[i] as number;
      for (let k = start; k < end; k++) r -= (values[k] as number) * (x[columnIndices[k] as number] as number);
      sum += r * r;
      start = end;
    }
    total += sum;
  }
  return total;
}

/** The sweeps of the general CSR kernel. */
export const csrSweeps = { forward, jacobi, backward, redBlack, residualSquared } as const;

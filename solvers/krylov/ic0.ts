import { InvalidProblemError } from "../../src/index.js";
import type { CsrMatrix } from "../gauss-seidel/index.js";
import { positiveDiagonal } from "./diagonal-of.js";
import type { Preconditioner } from "./types.js";

/**
 * The incomplete Cholesky preconditioner with no fill-in, IC(0), for {@link conjugateGradient}:
 * `M = L L^T` with `L` lower triangular on the sparsity pattern of the lower triangle of `A`.
 *
 * @remarks The factorisation (once per problem) computes, row by row, `l_ij = (a_ij - sum_k l_ik l_jk) /
 * l_jj` for the stored `j < i` and `l_ii = sqrt(a_ii - sum_k l_ik^2)`, the sums over the columns `k < j`
 * stored in both rows; it reads the lower triangle only, so `A` must be symmetric. Applying `M^{-1}` is a
 * forward and a backward triangular solve, O(nnz). IC(0) exists for M-matrices such as `poisson2d`
 * (Meijerink and van der Vorst); there it keeps `kappa(M^{-1} A) = O(h^-2)` but with a much smaller constant,
 * roughly halving CG's iterations. For other SPD matrices a pivot can become non-positive (breakdown).
 *
 * @returns The preconditioner, named `IC(0)`.
 * @throws (from the solver's `init`) `InvalidProblemError` naming the row whose pivot
 *   `a_ii - sum_k l_ik^2` is not positive (IC(0) breaks down there), or whose diagonal is missing or not
 *   positive.
 * @example
 * ```ts
 * const solver = conjugateGradient({ preconditioner: ic0() });
 * ```
 * @see J. A. Meijerink and H. A. van der Vorst, An iterative solution method for linear systems of which the
 *   coefficient matrix is a symmetric M-matrix, Math. Comp. 31 (1977); Y. Saad, Iterative Methods for
 *   Sparse Linear Systems, 2nd ed., section 10.3.
 */
export function ic0(): Preconditioner {
  return {
    name: "IC(0)",
    setup(matrix) {
      const factor = factorise(matrix);
      const { rowPointers, columnIndices, values } = factor;
      const n = matrix.rows;
      return (r, z) => {
        // Forward: L y = r (row i holds its diagonal last).
        for (let i = 0; i < n; i++) {
          const end = (rowPointers[i + 1] as number) - 1;
          let s = r[i] as number;
          for (let k = rowPointers[i] as number; k < end; k++) {
            s -= (values[k] as number) * (z[columnIndices[k] as number] as number);
          }
          z[i] = s / (values[end] as number);
        }
        // Backward: L^T z = y, by columns of L^T (rows of L), last row first.
        for (let i = n - 1; i >= 0; i--) {
          const end = (rowPointers[i + 1] as number) - 1;
          const zi = (z[i] as number) / (values[end] as number);
          z[i] = zi;
          for (let k = rowPointers[i] as number; k < end; k++) {
            const j = columnIndices[k] as number;
            z[j] = (z[j] as number) - (values[k] as number) * zi;
          }
        }
      };
    },
  };
}

/** The IC(0) factor `L` in CSR (lower triangle of the pattern of `A`, the diagonal last in each row). */
function factorise(matrix: CsrMatrix): CsrMatrix {
  positiveDiagonal(matrix, "IC(0)");
  const n = matrix.rows;
  const { rowPointers: ap, columnIndices: ac, values: av } = matrix;
  const rowPointers = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    let count = 0;
    for (let k = ap[i] as number; k < (ap[i + 1] as number) && (ac[k] as number) <= i; k++) count++;
    rowPointers[i + 1] = (rowPointers[i] as number) + count;
  }
  const size = rowPointers[n] as number;
  const columnIndices = new Int32Array(size);
  const values = new Float64Array(size);
  for (let i = 0; i < n; i++) {
    let out = rowPointers[i] as number;
    for (let k = ap[i] as number; k < (ap[i + 1] as number) && (ac[k] as number) <= i; k++) {
      columnIndices[out] = ac[k] as number;
      values[out] = av[k] as number;
      out++;
    }
  }
  for (let i = 0; i < n; i++) {
    const start = rowPointers[i] as number;
    const end = (rowPointers[i + 1] as number) - 1; // the diagonal
    for (let k = start; k < end; k++) {
      const j = columnIndices[k] as number;
      // sum over the columns c < j stored in rows i and j of l_ic l_jc (both rows sorted).
      let s = values[k] as number;
      let a = start;
      let b = rowPointers[j] as number;
      const bEnd = (rowPointers[j + 1] as number) - 1;
      while (a < k && b < bEnd) {
        const ca = columnIndices[a] as number;
        const cb = columnIndices[b] as number;
        if (ca === cb) {
          s -= (values[a] as number) * (values[b] as number);
          a++;
          b++;
        } else if (ca < cb) a++;
        else b++;
      }
      values[k] = s / (values[bEnd] as number);
    }
    let pivot = values[end] as number;
    for (let k = start; k < end; k++) pivot -= (values[k] as number) * (values[k] as number);
    if (!(pivot > 0)) {
      throw new InvalidProblemError(
        `problem.matrix (row ${i})`,
        "a matrix whose IC(0) factorisation has positive pivots (IC(0) broke down: a_ii - sum_k l_ik^2 <= 0)",
        `pivot ${pivot} in row ${i}`,
        false,
      );
    }
    values[end] = Math.sqrt(pivot);
  }
  return { rows: n, columns: n, rowPointers, columnIndices, values };
}

import { integerAtLeast, validateOption } from "../../src/engine/internals.js";
import type { CsrMatrix } from "./types.js";

/**
 * The 1-D Poisson matrix: the unscaled 3-point stencil `tridiag(-1, 2, -1)` of order `n`.
 *
 * @remarks It is `h^2` times the finite-difference `-u''` on `n` interior points of [0, 1] with zero
 * boundary values, `h = 1 / (n + 1)`; solve `A x = h^2 f` for `-u'' = f`. Its eigenvalues are
 * `2 - 2 cos(j pi h)` with eigenvectors `v_j(i) = sin(i j pi h)` (`i, j = 1..n`), so the Jacobi iteration
 * matrix `I - A / 2` has spectral radius `cos(pi h)` ({@link poissonJacobiRadius}). Symmetric positive
 * definite, irreducibly diagonally dominant, consistently ordered. Rows in canonical CSR order.
 *
 * @param n - The number of unknowns, an integer >= 1.
 * @returns An `n x n` CSR matrix with `3n - 2` entries.
 * @throws `InvalidOptionError` when `n` is not an integer >= 1.
 * @example
 * ```ts
 * const a = poisson1d(3); // [[2, -1, 0], [-1, 2, -1], [0, -1, 2]]
 * ```
 * @see Y. Saad, Iterative Methods for Sparse Linear Systems, 2nd ed., section 2.2.
 */
export function poisson1d(n: number): CsrMatrix {
  validateOption("n", n, integerAtLeast(1));
  const rowPointers = new Int32Array(n + 1);
  const columnIndices = new Int32Array(3 * n - 2);
  const values = new Float64Array(3 * n - 2);
  let k = 0;
  for (let i = 0; i < n; i++) {
    if (i > 0) {
      columnIndices[k] = i - 1;
      values[k++] = -1;
    }
    columnIndices[k] = i;
    values[k++] = 2;
    if (i < n - 1) {
      columnIndices[k] = i + 1;
      values[k++] = -1;
    }
    rowPointers[i + 1] = k;
  }
  return { rows: n, columns: n, rowPointers, columnIndices, values };
}

import { integerAtLeast, validateOption } from "../../src/engine/internals.js";
import type { CsrMatrix } from "./types.js";

/**
 * The 2-D Poisson matrix: the unscaled 5-point stencil (4 on the diagonal, -1 for each of the up to four
 * grid neighbours) on an `nx x ny` interior grid, numbered row by row (`p = y * nx + x`).
 *
 * @remarks It is `h^2` times the finite-difference `-(u_xx + u_yy)` on the unit square with zero boundary
 * values and `h = 1 / (n + 1)` (square grid); solve `A x = h^2 f` for `-Laplace(u) = f`. On the square grid
 * its eigenvalues are `4 - 2 cos(j pi h) - 2 cos(k pi h)` with eigenvectors
 * `v(x, y) = sin((x + 1) j pi h) sin((y + 1) k pi h)`, so the Jacobi iteration matrix `I - A / 4` has spectral
 * radius `cos(pi h)` ({@link poissonJacobiRadius}), Gauss-Seidel `cos^2(pi h)`, and SOR with
 * {@link optimalRelaxation} `omega - 1 = (1 - sin(pi h)) / (1 + sin(pi h))`. Symmetric positive definite,
 * irreducibly diagonally dominant, consistently ordered (lexicographic and red-black). The solvers
 * recognise it and use their stencil kernel.
 *
 * @param nx - Grid points per row, an integer >= 1.
 * @param ny - Grid rows, an integer >= 1 (default `nx`: a square grid).
 * @returns An `(nx ny) x (nx ny)` CSR matrix.
 * @throws `InvalidOptionError` when `nx` or `ny` is not an integer >= 1.
 * @example
 * ```ts
 * const a = poisson2d(512); // 262,144 unknowns, 1,308,672 entries
 * ```
 * @see Y. Saad, Iterative Methods for Sparse Linear Systems, 2nd ed., section 2.2.
 */
export function poisson2d(nx: number, ny: number = nx): CsrMatrix {
  validateOption("nx", nx, integerAtLeast(1));
  validateOption("ny", ny, integerAtLeast(1));
  const n = nx * ny;
  const entries = 5 * n - 2 * nx - 2 * ny;
  const rowPointers = new Int32Array(n + 1);
  const columnIndices = new Int32Array(entries);
  const values = new Float64Array(entries);
  let k = 0;
  for (let y = 0; y < ny; y++) {
    for (let x = 0; x < nx; x++) {
      const p = y * nx + x;
      if (y > 0) {
        columnIndices[k] = p - nx;
        values[k++] = -1;
      }
      if (x > 0) {
        columnIndices[k] = p - 1;
        values[k++] = -1;
      }
      columnIndices[k] = p;
      values[k++] = 4;
      if (x < nx - 1) {
        columnIndices[k] = p + 1;
        values[k++] = -1;
      }
      if (y < ny - 1) {
        columnIndices[k] = p + nx;
        values[k++] = -1;
      }
      rowPointers[p + 1] = k;
    }
  }
  return { rows: n, columns: n, rowPointers, columnIndices, values };
}

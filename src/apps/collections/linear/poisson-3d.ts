import { integerAtLeast, validateOption } from "../../../index.js";
import type { CsrMatrix } from "../../../../solvers/gauss-seidel/index.js";
import { gridStencil } from "./grid-stencil.js";

/**
 * The 3-D Poisson matrix: the unscaled 7-point stencil (6 on the diagonal, -1 for each of the up to six
 * grid neighbours) on an `nx x ny x nz` interior grid, numbered plane by plane, row by row
 * (`p = (z ny + y) nx + x`).
 *
 * @remarks It is `h^2` times the finite-difference `-(u_xx + u_yy + u_zz)` on the unit cube with zero
 * boundary values and `h = 1 / (n + 1)` (cubic grid). Its eigenvalues are
 * `6 - 2 cos(i pi h) - 2 cos(j pi h) - 2 cos(k pi h)`, so on the cubic grid the smallest is
 * `6 - 6 cos(pi h)` and the largest `6 + 6 cos(pi h)`: condition number
 * `(1 + cos(pi h)) / (1 - cos(pi h))`, about `4 / (pi h)^2`, and the Jacobi iteration matrix `I - A / 6` has spectral radius `cos(pi h)`, as in 1-D and
 * 2-D. Symmetric positive definite, irreducibly diagonally dominant. Rows in canonical CSR order.
 * @param nx - Grid points per row, an integer >= 1.
 * @param ny - Rows per plane, an integer >= 1 (default `nx`).
 * @param nz - Planes, an integer >= 1 (default `nx`: a cubic grid).
 * @returns An `(nx ny nz) x (nx ny nz)` CSR matrix.
 * @throws `InvalidOptionError` when a size is not an integer >= 1.
 * @example
 * ```ts
 * const a = poisson3d(32); // 32,768 unknowns, 223,232 entries
 * ```
 * @see Y. Saad, Iterative Methods for Sparse Linear Systems, 2nd ed., section 2.2.
 */
export function poisson3d(nx: number, ny: number = nx, nz: number = nx): CsrMatrix {
  validateOption("nx", nx, integerAtLeast(1));
  validateOption("ny", ny, integerAtLeast(1));
  validateOption("nz", nz, integerAtLeast(1));
  return gridStencil(nx, ny, nz, { centre: 6, west: -1, east: -1, south: -1, north: -1, down: -1, up: -1 });
}

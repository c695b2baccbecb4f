import { integerAtLeast, validateOption } from "../../src/engine/internals.js";

/**
 * The spectral radius of the Jacobi iteration matrix of {@link poisson1d} or {@link poisson2d}, in closed
 * form: `cos(pi h)` with `h = 1 / (n + 1)`.
 *
 * @remarks For the 1-D matrix `tridiag(-1, 2, -1)` of order `n`, and for the 5-point matrix on an `n x n`
 * grid, the Jacobi iteration matrix `I - D^{-1} A` has eigenvalues `cos(j pi h)` (1-D) and
 * `(cos(j pi h) + cos(k pi h)) / 2` (2-D), the largest being `cos(pi h) = 1 - pi^2 h^2 / 2 + O(h^4)`. On an
 * `nx x ny` grid it is `(cos(pi / (nx + 1)) + cos(pi / (ny + 1))) / 2`. Gauss-Seidel's radius is its
 * square; SOR's with the optimal relaxation is `optimalRelaxation(rho) - 1`.
 *
 * @param nx - Unknowns (1-D) or grid points per row (2-D), an integer >= 1.
 * @param ny - Grid rows for a rectangular 2-D grid, an integer >= 1 (default `nx`).
 * @returns The spectral radius, in (0, 1).
 * @throws `InvalidOptionError` when `nx` or `ny` is not an integer >= 1.
 * @example
 * ```ts
 * poissonJacobiRadius(31); // cos(pi / 32) = 0.99518...
 * ```
 * @see R. S. Varga, Matrix Iterative Analysis, 2nd ed., section 6.1 (model problem).
 */
export function poissonJacobiRadius(nx: number, ny: number = nx): number {
  validateOption("nx", nx, integerAtLeast(1));
  validateOption("ny", ny, integerAtLeast(1));
  return (Math.cos(Math.PI / (nx + 1)) + Math.cos(Math.PI / (ny + 1))) / 2;
}

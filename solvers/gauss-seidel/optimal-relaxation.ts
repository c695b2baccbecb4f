import { numberBetween, validateOption } from "../../src/engine/internals.js";

/**
 * The optimal SOR relaxation factor from the Jacobi spectral radius: `omega = 2 / (1 + sqrt(1 - rho_J^2))`.
 *
 * @remarks Young's theorem: for a consistently ordered matrix whose Jacobi iteration matrix has real
 * eigenvalues with spectral radius `rho_J < 1` (the Poisson matrices, lexicographic or red-black), SOR's
 * spectral radius is minimised by this `omega`, where it equals `omega - 1`. Compared with Gauss-Seidel
 * (`rho_GS = rho_J^2`), for `rho_J = cos(pi h)` the iteration count drops from `O(h^-2)` to `O(h^-1)`: about
 * `ln(rho_GS) / ln(omega - 1) ~ 2 / (pi h)` times fewer iterations. With Jordan blocks at the optimum the
 * residual behaves like `k (omega - 1)^k`, so measured counts run somewhat above `ln(tol) / ln(omega - 1)`.
 *
 * @param rhoJacobi - The Jacobi spectral radius, a number in [0, 1) (e.g. {@link poissonJacobiRadius}).
 * @returns `omega` in [1, 2).
 * @throws `InvalidOptionError` when `rhoJacobi` is outside [0, 1).
 * @example
 * ```ts
 * const omega = optimalRelaxation(poissonJacobiRadius(31)); // 1.8215...
 * solve(sor({ relaxation: omega }), { matrix: poisson2d(31), b });
 * ```
 * @see D. M. Young, Iterative Solution of Large Linear Systems (1971), chapter 6; Y. Saad, Iterative
 *   Methods for Sparse Linear Systems, 2nd ed., section 4.2.5.
 */
export function optimalRelaxation(rhoJacobi: number): number {
  validateOption("rhoJacobi", rhoJacobi, numberBetween(0, 1, "[)"));
  return 2 / (1 + Math.sqrt(1 - rhoJacobi * rhoJacobi));
}

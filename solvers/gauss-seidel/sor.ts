import { formatNumber, numberBetween, validateStrictOptions } from "../../src/engine/internals.js";
import type { Solver } from "../../src/index.js";
import type { OptionSchemaOf } from "../../src/engine/internals.js";
import { stationaryRules, stationarySolver } from "./stationary-solver.js";
import { sweepMethods } from "./sweep-methods.js";
import type {
  GaussSeidelProblem,
  GaussSeidelRecord,
  GaussSeidelState,
  PreparedGaussSeidel,
  SorOptions,
} from "./types.js";

/**
 * Successive over-relaxation (SOR): Gauss-Seidel with each update extrapolated by the factor `omega`.
 *
 * @remarks
 * Update rule: `x_{k+1}(i) = (1 - omega) x_k(i) + (omega / a_ii) (b_i - sum_{j < i} a_ij x_{k+1}(j) -
 * sum_{j > i} a_ij x_k(j))`, that is `x_{k+1} = (D + omega L)^{-1} (omega b - (omega U + (omega - 1) D) x_k)`.
 * `omega = 1` is Gauss-Seidel.
 *
 * Cost per iteration: as {@link gaussSeidel} (one sweep, plus the residual: fused on the 5-point stencil
 * kernel and in the WebAssembly CSR kernel, one more pass in the JavaScript CSR kernel of a small matrix).
 *
 * Convergence: SOR can converge only for `0 < omega < 2` (Kahan), and does for every such `omega` when the
 * matrix is symmetric positive definite (Ostrowski-Reich). For consistently ordered matrices with real
 * Jacobi eigenvalues (the Poisson matrices, lexicographic or red-black), Young's theory gives the optimal
 * `omega = 2 / (1 + sqrt(1 - rho_J^2))` ({@link optimalRelaxation}) and `rho_SOR = omega - 1`; on
 * {@link poisson2d} that is `(1 - sin(pi h)) / (1 + sin(pi h)) ~ 1 - 2 pi h`, so the iterations drop from
 * `O(h^-2)` to `O(h^-1)`: by the factor `ln(rho_GS) / ln(rho_SOR) ~ 2 / (pi h)`, 20.4 for h = 1/32, where
 * 15.6 is measured (1891 against 121 iterations): at the optimum the iteration matrix has a Jordan block and
 * the residual decays like `k rho_SOR^k`, see the guide.
 *
 * Stopping, as PETSc's default test: converged when `||r_k||_2 / ||b||_2 <= relTolerance` (`||r||/||b||`)
 * or `||r_k||_2 <= absTolerance` (`||r||`), checked at iteration 0 too; diverged when
 * `||r_k||_2 > divergenceTolerance ||r_0||_2` or the residual is not finite (`||r|| (dtol)`). `prepare` puts a
 * warning in `result.warnings` when the matrix is neither diagonally dominant nor symmetric positive
 * definite ({@link MatrixProperties}); diagonal dominance alone guarantees convergence only for
 * `omega <= 1`.
 *
 * Threads: one, as {@link gaussSeidel} (a sequential sweep; the result's `kernelThreads` is 1).
 *
 * @param options - The relaxation factor (required), tolerances, bound, rate window, kernel choice.
 * @returns The solver, to run with `solve`.
 * @throws `InvalidOptionError` when `relaxation` is missing or outside (0, 2), or another option is outside
 *   its range. Its `prepare` throws `InvalidProblemError` for a malformed problem: not square, a zero or
 *   missing diagonal entry (naming the row), `b` or `x0` of the wrong length, an entry that is not finite.
 * @example
 * ```ts
 * const n = 31;
 * const omega = optimalRelaxation(poissonJacobiRadius(n)); // 1.8215
 * const result = solve(sor({ relaxation: omega }), { matrix: poisson2d(n), b: new Float64Array(n * n).fill(1) });
 * ```
 * @see Y. Saad, Iterative Methods for Sparse Linear Systems, 2nd ed., sections 4.1 and 4.2.5; D. M. Young,
 *   Iterative Solution of Large Linear Systems (1971); R. S. Varga, Matrix Iterative Analysis, chapter 4.
 */
export function sor(
  options: SorOptions,
): Solver<GaussSeidelProblem, GaussSeidelState, GaussSeidelRecord, PreparedGaussSeidel> {
  const rules = { ...stationaryRules, relaxation: numberBetween(0, 2, "()") } satisfies OptionSchemaOf<SorOptions>;
  validateStrictOptions(options, rules, "sor");
  const omega = options.relaxation;
  return stationarySolver(sweepMethods.sor(`SOR (omega = ${formatNumber(omega)})`, omega), options);
}

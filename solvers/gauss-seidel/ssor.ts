import { formatNumber, numberBetween, optional, validateStrictOptions } from "../../src/engine/internals.js";
import type { Solver } from "../../src/index.js";
import type { OptionSchemaOf } from "../../src/engine/internals.js";
import { stationaryRules, stationarySolver } from "./stationary-solver.js";
import { sweepMethods } from "./sweep-methods.js";
import type {
  GaussSeidelProblem,
  GaussSeidelRecord,
  GaussSeidelState,
  PreparedGaussSeidel,
  SsorOptions,
} from "./types.js";

/**
 * Symmetric SOR (SSOR), symmetric Gauss-Seidel for `omega = 1`: one forward SOR sweep, then one backward
 * sweep (last unknown first).
 *
 * @remarks
 * Update rule: `x_{k+1/2}` = the forward SOR sweep of {@link sor} from `x_k`; `x_{k+1}` = the same sweep run
 * from the last row to the first, from `x_{k+1/2}`. In matrix form `x_{k+1} = x_k + M^{-1} (b - A x_k)` with
 * `M = (D + omega L) D^{-1} (D + omega U) / (omega (2 - omega))`, which is symmetric when `A` is: the
 * reason SSOR (unlike SOR) serves as a preconditioner for conjugate gradients.
 *
 * Cost per iteration: two sweeps (4 flops per stored entry), plus the residual of `x_{k+1}`: fused into the
 * backward sweep on the 5-point stencil kernel and in the WebAssembly CSR kernel, one more pass in the
 * JavaScript CSR kernel of a small matrix.
 *
 * Convergence: for symmetric positive definite matrices and `0 < omega < 2` the iteration matrix has real,
 * non-negative eigenvalues below 1. Per iteration symmetric Gauss-Seidel gains about as much as two
 * Gauss-Seidel sweeps on the Poisson matrices at twice the cost; SSOR's optimal `omega` is not Young's, and
 * its best rate (`1 - O(h)` only with a well-chosen `omega`) is of the same order as SOR's.
 *
 * Stopping, as PETSc's default test: converged when `||r_k||_2 / ||b||_2 <= relTolerance` (`||r||/||b||`)
 * or `||r_k||_2 <= absTolerance` (`||r||`), checked at iteration 0 too; diverged when
 * `||r_k||_2 > divergenceTolerance ||r_0||_2` or the residual is not finite (`||r|| (dtol)`). `prepare` puts a
 * warning in `result.warnings` when the matrix is neither diagonally dominant nor symmetric positive
 * definite ({@link MatrixProperties}).
 *
 * Threads: one, as {@link gaussSeidel} (two sequential sweeps; the result's `kernelThreads` is 1).
 *
 * @param options - The relaxation factor, tolerances, bound, rate window, kernel choice.
 * @returns The solver, to run with `solve`.
 * @throws `InvalidOptionError` for options outside their ranges (`relaxation` outside (0, 2)). Its `prepare`
 *   throws `InvalidProblemError` for a malformed problem: not square, a zero or missing diagonal entry
 *   (naming the row), `b` or `x0` of the wrong length, an entry that is not finite.
 * @example
 * ```ts
 * const result = solve(ssor(), { matrix: poisson2d(31), b: new Float64Array(961).fill(1) });
 * ```
 * @see Y. Saad, Iterative Methods for Sparse Linear Systems, 2nd ed., sections 4.1.1 and 10.2 (SSOR
 *   preconditioning); R. S. Varga, Matrix Iterative Analysis, 2nd ed., section 5.6.
 */
export function ssor(
  options: SsorOptions = {},
): Solver<GaussSeidelProblem, GaussSeidelState, GaussSeidelRecord, PreparedGaussSeidel> {
  const rules = {
    ...stationaryRules,
    relaxation: optional(numberBetween(0, 2, "()")),
  } satisfies OptionSchemaOf<SsorOptions>;
  validateStrictOptions(options, rules, "ssor");
  const omega = options.relaxation ?? 1;
  return stationarySolver(
    sweepMethods.ssor(omega === 1 ? "symmetric Gauss-Seidel" : `SSOR (omega = ${formatNumber(omega)})`, omega),
    options,
  );
}

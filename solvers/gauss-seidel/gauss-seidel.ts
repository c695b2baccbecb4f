import { validateStrictOptions } from "../../src/engine/internals.js";
import type { Solver } from "../../src/index.js";
import { stationaryRules, stationarySolver } from "./stationary-solver.js";
import { sweepMethods } from "./sweep-methods.js";
import type {
  GaussSeidelOptions,
  GaussSeidelProblem,
  GaussSeidelRecord,
  GaussSeidelState,
  PreparedGaussSeidel,
} from "./types.js";

/**
 * The Gauss-Seidel method for `A x = b`: the unknowns are updated in order, each from the newest values.
 *
 * @remarks
 * Update rule: `x_{k+1}(i) = (b_i - sum_{j < i} a_ij x_{k+1}(j) - sum_{j > i} a_ij x_k(j)) / a_ii`, that is
 * `x_{k+1} = (D + L)^{-1} (b - U x_k)` with `A = L + D + U` (strictly lower, diagonal, strictly upper).
 *
 * Cost per iteration: one sweep over the matrix (2 flops per stored entry) and the residual norm
 * `||b - A x_{k+1}||_2` of the new iterate, computed from it directly: fused into the sweep one grid row
 * behind on the 5-point stencil kernel, in the WebAssembly kernel of a large general CSR matrix taken from the
 * sweep that starts at `x_{k+1}` (run one step ahead, sharing its value loads), one more pass over the matrix in the JavaScript CSR kernel of a small one; `checkInterval` skips it
 * between checks. Double-buffered iterates ({@link GaussSeidelState}); nothing allocated after `init`. On
 * the 512 x 512 Poisson matrix an iteration through `solve` takes about 2 ms on a 2-core machine, 0.45x a
 * plain CSR Gauss-Seidel loop and on par with PETSc's SOR sweep (see the guide for the general CSR kernel).
 *
 * Convergence: linear, with the spectral radius of `(D + L)^{-1} U` as the factor; guaranteed for strictly
 * or irreducibly diagonally dominant and for symmetric positive definite matrices. For consistently ordered
 * matrices (the Poisson matrices) `rho_GS = rho_J^2`: on {@link poisson2d}, `cos^2(pi h)`, half the
 * iterations of Jacobi.
 *
 * Stopping, as PETSc's default test: converged when `||r_k||_2 / ||b||_2 <= relTolerance` (`||r||/||b||`)
 * or `||r_k||_2 <= absTolerance` (`||r||`), checked at iteration 0 too; diverged when
 * `||r_k||_2 > divergenceTolerance ||r_0||_2` or the residual is not finite (`||r|| (dtol)`). `prepare` puts a
 * warning in `result.warnings` when the matrix is neither diagonally dominant nor symmetric positive
 * definite ({@link MatrixProperties}).
 *
 * Threads: one. Each row's update reads the rows the sweep has just written, so the sweep is
 * sequential and the run option `threads` is not used (the result's `kernelThreads` is 1); {@link jacobi} is
 * the method of the family whose sweep runs on several threads.
 *
 * @param options - Tolerances, bound, rate window, kernel choice.
 * @returns The solver, to run with `solve`.
 * @throws `InvalidOptionError` for options outside their ranges. Its `prepare` throws `InvalidProblemError`
 *   for a malformed problem: not square, a zero or missing diagonal entry (naming the row), `b` or `x0` of
 *   the wrong length, an entry that is not finite.
 * @example
 * ```ts
 * const result = solve(gaussSeidel(), { matrix: [[4, 1], [1, 3]], b: [1, 2] });
 * result.state.x; // Float64Array [0.0909..., 0.6363...] = [1/11, 7/11]
 * ```
 * @see Y. Saad, Iterative Methods for Sparse Linear Systems, 2nd ed., section 4.1; R. S. Varga, Matrix
 *   Iterative Analysis, 2nd ed., chapter 3.
 */
export function gaussSeidel(
  options: GaussSeidelOptions = {},
): Solver<GaussSeidelProblem, GaussSeidelState, GaussSeidelRecord, PreparedGaussSeidel> {
  validateStrictOptions(options, stationaryRules, "gaussSeidel");
  return stationarySolver(sweepMethods.sor("Gauss-Seidel", 1), options);
}

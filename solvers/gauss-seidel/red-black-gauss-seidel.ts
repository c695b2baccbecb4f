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
  RedBlackGaussSeidelOptions,
} from "./types.js";

/**
 * Red-black Gauss-Seidel (red-black SOR with `relaxation`): the unknowns coloured like a checkerboard, all
 * red ones updated first, then all black ones.
 *
 * @remarks
 * Update rule: for the 5-point stencil, red points (`x + y` even) couple only to black ones and vice versa,
 * so `x_{k+1}(red) = (1 - omega) x_k(red) + omega D^{-1} (b - A_{red,black} x_k(black))`, then
 * `x_{k+1}(black) = (1 - omega) x_k(black) + omega D^{-1} (b - A_{black,red} x_{k+1}(red))`: Gauss-Seidel in
 * the red-black ordering, whose half-sweeps have no dependence between points (vectorisable, parallel).
 * On a recognised 5-point stencil the colours are the checkerboard; on another CSR matrix `prepare` colours
 * its graph by breadth-first search and rejects a graph that is not two-colourable.
 *
 * Cost per iteration: one sweep over the matrix, plus the residual of `x_{k+1}` (one row behind the black
 * half-sweep on the stencil kernel, one more pass on the CSR kernel).
 *
 * Convergence: the red-black ordering is consistently ordered, so Young's theory holds as for the
 * lexicographic order: `rho = rho_J^2` for `omega = 1` (the same rate as {@link gaussSeidel}; the iterates
 * differ) and `omega - 1` at {@link optimalRelaxation}.
 *
 * Stopping, as PETSc's default test: converged when `||r_k||_2 / ||b||_2 <= relTolerance` (`||r||/||b||`)
 * or `||r_k||_2 <= absTolerance` (`||r||`), checked at iteration 0 too; diverged when
 * `||r_k||_2 > divergenceTolerance ||r_0||_2` or the residual is not finite (`||r|| (dtol)`). `prepare` puts a
 * warning in `result.warnings` when the matrix is neither diagonally dominant nor symmetric positive
 * definite ({@link MatrixProperties}).
 *
 * Threads: one. Each colour's half-sweep could be split across threads, but both run on the caller's
 * thread (its kernels are the JavaScript ones); the result's `kernelThreads` is 1.
 *
 * @param options - The relaxation factor, tolerances, bound, rate window, kernel choice.
 * @returns The solver, to run with `solve`.
 * @throws `InvalidOptionError` for options outside their ranges (`relaxation` outside (0, 2)). Its `prepare`
 *   throws `InvalidProblemError` for a malformed problem (as {@link gaussSeidel}), and for a matrix whose
 *   graph is not two-colourable, naming two coupled rows that get one colour.
 * @example
 * ```ts
 * const result = solve(redBlackGaussSeidel(), { matrix: poisson2d(31), b: new Float64Array(961).fill(1) });
 * result.state.spectralRadiusEstimate; // about cos^2(pi / 32) = 0.99039, as lexicographic Gauss-Seidel
 * ```
 * @see Y. Saad, Iterative Methods for Sparse Linear Systems, 2nd ed., sections 4.2 (consistent orderings)
 *   and 12.4 (multicolouring); R. S. Varga, Matrix Iterative Analysis, 2nd ed., section 4.4.
 */
export function redBlackGaussSeidel(
  options: RedBlackGaussSeidelOptions = {},
): Solver<GaussSeidelProblem, GaussSeidelState, GaussSeidelRecord, PreparedGaussSeidel> {
  const rules = {
    ...stationaryRules,
    relaxation: optional(numberBetween(0, 2, "()")),
  } satisfies OptionSchemaOf<RedBlackGaussSeidelOptions>;
  validateStrictOptions(options, rules, "redBlackGaussSeidel");
  const omega = options.relaxation ?? 1;
  return stationarySolver(
    sweepMethods.redBlack(
      omega === 1 ? "red-black Gauss-Seidel" : `red-black SOR (omega = ${formatNumber(omega)})`,
      omega,
    ),
    options,
  );
}

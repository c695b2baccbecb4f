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
  JacobiOptions,
} from "./types.js";

/**
 * The Jacobi method for `A x = b`: every unknown is updated from the previous iterate only.
 *
 * @remarks
 * Update rule: `x_{k+1}(i) = (1 - omega) x_k(i) + (omega / a_ii) (b_i - sum_{j != i} a_ij x_k(j))`, that is
 * `x_{k+1} = x_k + omega D^{-1} (b - A x_k)` with `D` the diagonal of `A` (`omega = 1`: plain Jacobi). A
 * general CSR matrix is swept in the second form, as PETSc's Richardson with PCJACOBI does (one loop over
 * each row gives its residual `r_i`, then `x_k(i) + (omega / a_ii) r_i`); the 5-point stencil kernel in the
 * first (the two differ in the last bits).
 *
 * Cost per iteration: one sweep over the matrix (2 flops per stored entry) and the residual norm
 * `||b - A x_{k+1}||_2` of the new iterate, computed from it directly: fused into the sweep (one grid row
 * behind) on the 5-point stencil kernel; in the WebAssembly kernel of a large general CSR matrix, the
 * residual the sweep that starts at `x_{k+1}` computes anyway (run one step ahead, its iterate kept for the
 * next step: one pass over the matrix per iteration, also between checks, the same number as a separate
 * pass); one more pass over the matrix in the JavaScript CSR kernel of a small one. The iterates are double-buffered
 * ({@link GaussSeidelState}): no vector is allocated after `init`.
 *
 * Convergence: linear, with the spectral radius `rho_J` of `I - omega D^{-1} A` as the factor; `rho_J < 1`
 * for strictly or irreducibly diagonally dominant matrices (and `omega <= 1`). On {@link poisson1d} and
 * {@link poisson2d}, `rho_J = cos(pi h)` ({@link poissonJacobiRadius}), so about `ln(tol) / ln(cos(pi h))
 * ~ 2 ln(1 / tol) / (pi h)^2` iterations; with `b` the lowest eigenvector and `x_0 = 0` the residual is
 * `cos(pi h)^k b`, and exactly `ceil(ln(relTolerance) / ln(cos(pi h)))` iterations are taken.
 *
 * Stopping, as PETSc's default test: converged when `||r_k||_2 / ||b||_2 <= relTolerance` (`||r||/||b||`)
 * or `||r_k||_2 <= absTolerance` (`||r||`), checked at iteration 0 too; diverged when
 * `||r_k||_2 > divergenceTolerance ||r_0||_2` or the residual is not finite (`||r|| (dtol)`). `prepare` puts a
 * warning in `result.warnings` when the matrix is neither diagonally dominant nor symmetric positive
 * definite ({@link MatrixProperties}); note that positive definiteness alone does not make Jacobi converge
 * (it also needs `2 D / omega - A` positive definite), which the `dtol` test then catches.
 *
 * Threads: the rows' updates are independent, so the WebAssembly kernel's sweep of a large general
 * CSR matrix (16,384 stored entries or more) runs in chunks of 4,096 rows on up to the run option `threads`,
 * each chunk's squared residuals summed on their own and the chunks' sums added in chunk order: the same bits
 * on any number of threads, and the JavaScript kernel's (which sums alike). The 5-point stencil kernel, a
 * system of one chunk and a small system run on one thread; the result's `kernelThreads` says which.
 *
 * @param options - Relaxation weight, tolerances, bound, rate window, kernel choice.
 * @returns The solver, to run with `solve`.
 * @throws `InvalidOptionError` for options outside their ranges. Its `prepare` throws `InvalidProblemError`
 *   for a malformed problem: not square, a zero or missing diagonal entry (naming the row), `b` or `x0` of
 *   the wrong length, an entry that is not finite.
 * @example
 * ```ts
 * const n = 31; // h = 1/32
 * const result = solve(jacobi(), { matrix: poisson2d(n), b: new Float64Array(n * n).fill(1) });
 * result.state.spectralRadiusEstimate; // about cos(pi / 32) = 0.99518
 * ```
 * @see Y. Saad, Iterative Methods for Sparse Linear Systems, 2nd ed., section 4.1 (Jacobi, Gauss-Seidel,
 *   SOR); R. S. Varga, Matrix Iterative Analysis, 2nd ed., chapter 3.
 */
export function jacobi(
  options: JacobiOptions = {},
): Solver<GaussSeidelProblem, GaussSeidelState, GaussSeidelRecord, PreparedGaussSeidel> {
  const rules = {
    ...stationaryRules,
    relaxation: optional(numberBetween(0, 2, "()")),
  } satisfies OptionSchemaOf<JacobiOptions>;
  validateStrictOptions(options, rules, "jacobi");
  const omega = options.relaxation ?? 1;
  return stationarySolver(
    sweepMethods.jacobi(omega === 1 ? "Jacobi" : `weighted Jacobi (omega = ${formatNumber(omega)})`, omega),
    options,
  );
}

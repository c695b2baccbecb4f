import type { Solver } from "../../src/index.js";
import { onePointStart, scalarRootSolver } from "./scalar-root.js";
import type { PreparedScalarRoot } from "./scalar-root.js";
import type { ScalarRootOptions, ScalarRootProblem, ScalarRootRecord, ScalarRootState } from "./scalar-root-types.js";

/**
 * Steffensen's method for a scalar equation `f(x) = 0`: Newton's method with `f'(x_k)` replaced by the
 * slope through `x_k` and `x_k + f(x_k)`, `x_{k+1} = x_k - f(x_k)^2 / (f(x_k + f(x_k)) - f(x_k))`.
 *
 * @remarks
 * Cost per iteration: two evaluations of `f`, no derivative. Convergence: quadratic at a simple root once
 * `|f(x_k)|` is small (the slope's step `f(x_k)` shrinks with the error), so it needs a start close to the
 * root, closer than Newton's method does when `f` is steep. Stopping, failures and the bracket safeguard
 * (`problem.bracket`) as for {@link newton}; the step is undefined (divergence, or bisection with a bracket)
 * when `f(x_k + f(x_k)) = f(x_k)`.
 *
 * @param options - Tolerances, bound, divergence factor.
 * @returns The solver, to run with `solve`.
 * @throws `InvalidOptionError` for options outside their ranges; when run, `InvalidProblemError` for a
 *   malformed problem.
 * @example
 * ```ts
 * const result = solve(steffensen(), { f: (x) => Math.cos(x) - x, x0: 1 });
 * result.state.x; // 0.7390851332151607
 * ```
 * @see R. L. Burden and J. D. Faires, Numerical Analysis, section 2.5.
 */
export function steffensen(
  options: ScalarRootOptions = {},
): Solver<ScalarRootProblem, ScalarRootState, ScalarRootRecord, PreparedScalarRoot> {
  return scalarRootSolver(
    {
      name: "Steffensen",
      order: 0,
      onePoint: true,
      init: (_functions, _problem, x0, fx0) => onePointStart(x0, fx0),
      propose({ f }, state) {
        const rise = f(state.x + state.fx) - state.fx;
        if (rise === 0 || !Number.isFinite(rise)) {
          const failure = `f(x + f(x)) - f(x) = ${rise} at x = ${state.x}: the slope is undefined`;
          return { x: undefined, cost: [1, 0, 0], failure };
        }
        return { x: state.x - (state.fx * state.fx) / rise, cost: [1, 0, 0] };
      },
    },
    options,
  );
}

import type { Solver } from "../../src/index.js";
import { addCosts, onePointStart, scalarRootSolver } from "./scalar-root.js";
import type { PreparedScalarRoot } from "./scalar-root.js";
import type { ScalarRootOptions, ScalarRootProblem, ScalarRootRecord, ScalarRootState } from "./scalar-root-types.js";

/**
 * Halley's method for a scalar equation `f(x) = 0`:
 * `x_{k+1} = x_k - 2 f f' / (2 f'^2 - f f'')`, all at `x_k`.
 *
 * @remarks
 * Cost per iteration: one `f'`, one `f''` and one `f` (each given, derived symbolically by mathjs, or by
 * differences). Convergence: cubic at a simple root (`q = 3`, the correct digits triple per step), which
 * pays when `f''` is cheap next to `f`; per evaluation it is no faster than Newton's method. Safeguard, as
 * SciPy's `newton`: where the correction is large, `|f f''| >= 2 f'^2` (far from a root), the step is
 * Newton's `x_k - f / f'` instead, so a start such as 0.1 on `x^(1/9) - 9^(1/9)` no longer jumps to a
 * negative x. Stopping, failures and the bracket safeguard (`problem.bracket`) as for {@link newton}; the
 * step is undefined (divergence, or bisection with a bracket) when `f'(x_k) = 0`.
 *
 * @param options - Tolerances, bound, divergence factor.
 * @returns The solver, to run with `solve`.
 * @throws `InvalidOptionError` for options outside their ranges; when run, `InvalidProblemError` for a
 *   malformed problem.
 * @example
 * ```ts
 * const result = solve(halley(), { f: "x^3 - 2x - 5", x0: 2 });
 * result.state.x; // 2.0945514815423265 (f' and f'' derived by mathjs)
 * ```
 * @see E. Halley, Philosophical Transactions 18 (1694); A. S. Householder, The Numerical Treatment of a
 *   Single Nonlinear Equation, McGraw-Hill, 1970, section 4.4.
 */
export function halley(
  options: ScalarRootOptions = {},
): Solver<ScalarRootProblem, ScalarRootState, ScalarRootRecord, PreparedScalarRoot> {
  return scalarRootSolver(
    {
      name: "Halley",
      order: 2,
      onePoint: true,
      init: (_functions, _problem, x0, fx0) => onePointStart(x0, fx0),
      propose({ derivative, secondDerivative }, state) {
        if (derivative === undefined || secondDerivative === undefined)
          throw new Error("unreachable: Halley's derivatives were not resolved");
        const first = derivative.evaluate(state.x, state.fx);
        const second = secondDerivative.evaluate(state.x, state.fx);
        const cost = addCosts(derivative.cost, secondDerivative.cost);
        const denominator = 2 * first * first - state.fx * second;
        if (first === 0 || !Number.isFinite(denominator)) {
          const failure =
            first === 0
              ? `f'(x) = 0 at x = ${state.x}: the Halley step is undefined`
              : `2 f'^2 - f f'' = ${denominator} at x = ${state.x}: the Halley step is undefined`;
          return { x: undefined, cost, failure };
        }
        // Safeguard (as SciPy's newton does): Halley's correction of the Newton step is the factor
        // 1 / (1 - f f'' / (2 f'^2)); when |f f''| >= 2 f'^2 it is unbounded or flips the step, so take the Newton step.
        const largeCorrection = Math.abs(state.fx * second) >= 2 * first * first;
        const x = largeCorrection ? state.x - state.fx / first : state.x - (2 * state.fx * first) / denominator;
        return { x, cost };
      },
    },
    options,
  );
}

import type { Solver } from "../../src/index.js";
import { onePointStart, scalarRootSolver } from "./scalar-root.js";
import type { PreparedScalarRoot } from "./scalar-root.js";
import type { ScalarRootOptions, ScalarRootProblem, ScalarRootRecord, ScalarRootState } from "./scalar-root-types.js";

/**
 * Newton's method for a scalar equation `f(x) = 0`: `x_{k+1} = x_k - f(x_k) / f'(x_k)`.
 *
 * @remarks
 * Cost per iteration: one `f'` and one `f` (f' as given, derived symbolically from an expression string
 * by mathjs, or by central differences: see {@link ScalarRootProblem}). Convergence: quadratic at a
 * simple root, `e_{k+1} ~ |f''(x*) / (2 f'(x*))| e_k^2`, from a start close enough; linear with rate
 * `(m - 1) / m` at a root of multiplicity `m` (1/2 for a double root). Far from a root it can cycle
 * (`x^3 - 2x + 2` from 0: 0, 1, 0, 1, ...) or run away (`atan x` from 1.5).
 *
 * Stopping: `|f(x_k)| <= absTolerance` (`|f|`, checked at iteration 0), `|dx| <= stepAbsTolerance`
 * (`|dx|`) or `|dx| / |x| <= stepRelTolerance` (`|dx|/|x|`), or a period-2 cycle at rounding level
 * (`2-cycle (ulps)`: `x_{k+1} = x_{k-1}` at most 4 units in the last place from `x_k`, such as the two
 * doubles around a root). Failures end the run as `diverged` with a message, never with a NaN: `f'(x_k) = 0`
 * (or not finite), a wider period-2 cycle, `x` or `f` not finite, or a step `divergenceTolerance` times the
 * first. With `problem.bracket` the run is safeguarded: a step that would leave the bracket or is not
 * shorter than half the step before the last is replaced by bisection (Numerical Recipes' `rtsafe` idea),
 * and a zero derivative bisects instead of failing.
 *
 * @param options - Tolerances, bound, divergence factor.
 * @returns The solver, to run with `solve`.
 * @throws `InvalidOptionError` for options outside their ranges; when run, `InvalidProblemError` for a
 *   malformed problem (an expression that does not parse or uses an unknown variable, a missing
 *   derivative, a non-function).
 * @example
 * ```ts
 * const result = solve(newton(), { f: "x^3 - 2x - 5", x0: 2 });
 * result.state.x; // 2.0945514815423265 (f' = 3x^2 - 2 derived by mathjs)
 * solve(newton(), { f: "atan(x)", x0: 1.5, bracket: [-2, 3] }).state.x; // 0 (unbracketed, it runs away)
 * ```
 * @see J. Nocedal and S. J. Wright, Numerical Optimization, 2nd ed., Springer, 2006, section 11.1;
 *   R. L. Burden and J. D. Faires, Numerical Analysis, section 2.3.
 */
export function newton(
  options: ScalarRootOptions = {},
): Solver<ScalarRootProblem, ScalarRootState, ScalarRootRecord, PreparedScalarRoot> {
  return scalarRootSolver(
    {
      name: "Newton",
      order: 1,
      onePoint: true,
      init: (_functions, _problem, x0, fx0) => onePointStart(x0, fx0),
      propose({ derivative }, state) {
        if (derivative === undefined) throw new Error("unreachable: Newton's derivative was not resolved");
        const slope = derivative.evaluate(state.x, state.fx);
        if (slope === 0 || !Number.isFinite(slope)) {
          const failure = `f'(x) = ${slope} at x = ${state.x}: the Newton step is undefined`;
          return { x: undefined, cost: derivative.cost, failure };
        }
        return { x: state.x - state.fx / slope, cost: derivative.cost };
      },
    },
    options,
  );
}

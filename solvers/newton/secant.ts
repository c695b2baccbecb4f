import { InvalidProblemError } from "../../src/index.js";
import type { Solver } from "../../src/index.js";
import { scalarRootSolver } from "./scalar-root.js";
import type { PreparedScalarRoot } from "./scalar-root.js";
import type { ScalarRootOptions, ScalarRootProblem, ScalarRootRecord, ScalarRootState } from "./scalar-root-types.js";

/**
 * The secant method for a scalar equation `f(x) = 0`: Newton's method with `f'` replaced by the slope
 * through the last two iterates, `x_{k+1} = x_k - f(x_k) (x_k - x_{k-1}) / (f(x_k) - f(x_{k-1}))`.
 *
 * @remarks
 * Cost per iteration: one evaluation of `f`, no derivative. Starts from `x0` and a second point `x1`
 * (`problem.x1`, or `x0 + 1e-4 max(1, |x0|)`), both evaluated at iteration 0. Convergence: superlinear
 * at a simple root, `e_{k+1} ~ C e_k e_{k-1}`, of order the golden ratio `(1 + sqrt 5) / 2 = 1.618`;
 * per evaluation of `f` that beats Newton's method whenever `f'` costs more than about 0.44 of `f`.
 * Stopping, failures and the bracket safeguard (`problem.bracket`) as for {@link newton}; the step is
 * undefined (divergence, or bisection with a bracket) when `f(x_k) = f(x_{k-1})`.
 *
 * @param options - Tolerances, bound, divergence factor.
 * @returns The solver, to run with `solve`.
 * @throws `InvalidOptionError` for options outside their ranges; when run, `InvalidProblemError` for a
 *   malformed problem (also `x1` equal to `x0`).
 * @example
 * ```ts
 * const result = solve(secant(), { f: (x) => x * x * x - 2 * x - 5, x0: 2 });
 * result.state.x; // 2.0945514815423265
 * ```
 * @see R. L. Burden and J. D. Faires, Numerical Analysis, section 2.3; Nocedal and Wright, Numerical
 *   Optimization, 2nd ed., section 11.1 (Broyden's method, its n-dimensional form).
 */
export function secant(
  options: ScalarRootOptions = {},
): Solver<ScalarRootProblem, ScalarRootState, ScalarRootRecord, PreparedScalarRoot> {
  return scalarRootSolver(
    {
      name: "secant",
      order: 0,
      onePoint: false,
      init({ f }, problem, x0, fx0) {
        // Only a missing x1 takes the default: null (what JSON writes for NaN) is an error, not "absent".
        const x1 = problem.x1 === undefined ? x0 + 1e-4 * Math.max(1, Math.abs(x0)) : problem.x1;
        if (typeof x1 !== "number" || !Number.isFinite(x1) || x1 === x0) {
          throw new InvalidProblemError("problem.x1", "a finite number other than x0", x1);
        }
        const fx1 = f(x1);
        if (typeof fx1 !== "number" || !Number.isFinite(fx1))
          throw new InvalidProblemError("problem.f(x1)", "a finite number", fx1);
        return {
          x: x0,
          fx: fx0,
          step: undefined,
          previousX: x1,
          previousFx: fx1,
          fEvaluations: 2,
          derivativeEvaluations: 0,
          secondDerivativeEvaluations: 0,
          bracket: undefined,
          roundingCycle: undefined,
        };
      },
      propose(_functions, state) {
        const rise = state.fx - state.previousFx;
        if (rise === 0) {
          const failure = `f(x) = ${state.fx} at both x = ${state.previousX} and x = ${state.x}: the secant is horizontal and the step undefined`;
          return { x: undefined, cost: [0, 0, 0], failure };
        }
        return { x: state.x - (state.fx * (state.x - state.previousX)) / rise, cost: [0, 0, 0] };
      },
    },
    options,
  );
}

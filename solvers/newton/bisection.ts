import type { Solver } from "../../src/index.js";
import type { OptionSchemaOf } from "../../src/index.js";
import type { Bracket } from "./bracketing-solver.js";
import { bracketingRules, bracketingSolver, halvings } from "./bracketing-solver.js";
import type { BracketingOptions, BracketingProblem, BracketingRecord, BracketingState } from "./bracketing-types.js";

/**
 * The bisection method for `f(x) = 0` on a bracket `[a, b]` where `f` changes sign: evaluate the midpoint,
 * keep the half on which `f` still changes sign.
 *
 * @remarks
 * Update rule: `m = a_k + (b_k - a_k) / 2`; `[a_{k+1}, b_{k+1}] = [a_k, m]` when `f(m)` has the sign of
 * `f(b_k)`, else `[m, b_k]`. Cost: one evaluation of `f` per iteration. Convergence: linear, the bracket
 * halves every iteration whatever `f` is, so the bracket width test holds after exactly
 * `ceil(log2((b - a) / stepAbsTolerance))` iterations (the guaranteed bound, in `state.iterationBound`),
 * earlier only when `f(m) = 0` or another test holds.
 *
 * Stopping: `b_k - a_k <= stepAbsTolerance` (`bracket width`), `(b_k - a_k) / |x_k| <= stepRelTolerance`
 * (`width/|x|`), `|f(x_k)| <= absTolerance` (`|f|`). A bracket of two adjacent floating-point numbers
 * ends the run as `stalled`; a non-finite `f(m)` as `diverged`.
 *
 * @param options - Tolerances and bound.
 * @returns The solver, to run with `solve`.
 * @throws `InvalidOptionError` for an unknown option or one outside its range. Its `prepare` throws
 *   `InvalidProblemError` when the bracket is not `[a, b]` with finite `a < b`, or `f(a)` or `f(b)` is not
 *   finite, or they have the same sign.
 * @example
 * ```ts
 * const result = solve(bisection(), { f: "x^3 - 2x - 5", bracket: [2, 3] });
 * result.iterations; // 39 = ceil(log2(1 / 2e-12))
 * ```
 * @see R. L. Burden and J. D. Faires, Numerical Analysis, section 2.1; SciPy's `scipy.optimize.bisect`.
 */
export function bisection(
  options: BracketingOptions = {},
): Solver<BracketingProblem, BracketingState, BracketingRecord, Bracket> {
  const tolerance = options.stepAbsTolerance ?? 2e-12;
  return bracketingSolver(
    {
      name: "bisection",
      bound: (width) => halvings(width, tolerance),
      memory: () => undefined,
      next: (state) => ({ x: state.lower + (state.upper - state.lower) / 2, memory: undefined }),
      settle: (state) => state,
    },
    options,
    bracketingRules satisfies OptionSchemaOf<BracketingOptions>,
    "bisection",
  );
}

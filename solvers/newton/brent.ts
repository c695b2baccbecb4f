import type { OptionSchemaOf, Solver } from "../../src/index.js";
import type { Bracket } from "./bracketing-solver.js";
import { bracketingRules, bracketingSolver, halvings } from "./bracketing-solver.js";
import type {
  BracketingOptions,
  BracketingProblem,
  BracketingRecord,
  BracketingState,
  BrentMemory,
} from "./bracketing-types.js";

/**
 * Brent's method for `f(x) = 0` on a bracket: inverse quadratic or linear interpolation when it makes good
 * progress, bisection when it does not, so it keeps bisection's guarantee and converges superlinearly on
 * smooth `f`. The step is SciPy's `brentq` (Brent's algorithm as written by Chuck Harris).
 *
 * @remarks
 * Update rule: with `x_k` the bracket end with the smaller `|f|` (the estimate), `c_k` the other end and
 * `x_{k-1}` the previous estimate, take the secant step (when `x_{k-1} = c_k`) or the inverse quadratic
 * interpolation step through the three points; accept it when it is shorter than half the step before
 * last and inside three quarters of the bracket, else bisect; never step less than `delta = (stepAbsTolerance
 * + stepRelTolerance |x_k|) / 2`. The bracket then shrinks by the sign of the new value.
 *
 * Cost: one evaluation of `f` per iteration. Convergence: order about 1.84 near a simple root of a smooth
 * `f`; never more than about `N^2` iterations, `N = ceil(log2((b - a) / stepAbsTolerance))` bisection's count
 * (Brent 1973; the bound in `state.iterationBound`), and in practice never many more than `N`.
 *
 * Stopping: as {@link bisection}.
 *
 * @param options - Tolerances and bound.
 * @returns The solver, to run with `solve`.
 * @throws `InvalidOptionError` for an unknown option or one outside its range. Its `prepare` throws
 *   `InvalidProblemError` for a bracket as {@link bisection} does.
 * @example
 * ```ts
 * const result = solve(brent(), { f: "cos(x) - x", bracket: [0, 1] });
 * result.state.x; // 0.7390851332151559 (within 2e-12 of the root 0.7390851332151607)
 * ```
 * @see R. P. Brent, Algorithms for Minimization without Derivatives, Prentice-Hall, 1973, chapter 4;
 *   SciPy's `scipy.optimize.brentq`.
 */
export function brent(
  options: BracketingOptions = {},
): Solver<BracketingProblem, BracketingState, BracketingRecord, Bracket> {
  const tolerance = options.stepAbsTolerance ?? 2e-12;
  const relative = options.stepRelTolerance ?? 4 * Number.EPSILON;
  return bracketingSolver(
    {
      name: "Brent",
      bound: (width) => halvings(width, tolerance) ** 2,
      memory: ({ a, fa, b, fb }) => {
        // SciPy's start: x_pre = a, x_cur = b, swapped when |f(a)| < |f(b)|; both steps b - a.
        const previous = Math.abs(fa) < Math.abs(fb) ? b : a;
        return { xPrevious: previous, fPrevious: previous === a ? fa : fb, stepBefore: b - a, stepLast: b - a };
      },
      next(state) {
        const { x, fx } = state;
        const memory = brentMemory(state);
        const [other, fOther] = x === state.lower ? [state.upper, state.fUpper] : [state.lower, state.fLower];
        const { xPrevious, fPrevious } = memory;
        const delta = (tolerance + relative * Math.abs(x)) / 2;
        const bisect = (other - x) / 2;
        let stepBefore = bisect;
        let stepLast = bisect;
        if (Math.abs(memory.stepBefore) > delta && Math.abs(fx) < Math.abs(fPrevious)) {
          let trial: number;
          if (xPrevious === other) {
            trial = (-fx * (x - xPrevious)) / (fx - fPrevious); // secant
          } else {
            const dPrevious = (fPrevious - fx) / (xPrevious - x);
            const dOther = (fOther - fx) / (other - x);
            trial = (-fx * (fOther * dOther - fPrevious * dPrevious)) / (dOther * dPrevious * (fOther - fPrevious));
          }
          if (2 * Math.abs(trial) < Math.min(Math.abs(memory.stepBefore), 3 * Math.abs(bisect) - delta)) {
            stepBefore = memory.stepLast;
            stepLast = trial;
          }
        }
        const next = x + (Math.abs(stepLast) > delta ? stepLast : bisect > 0 ? delta : -delta);
        return { x: next, memory: { xPrevious: x, fPrevious: fx, stepBefore, stepLast } };
      },
      settle(state) {
        let memory = brentMemory(state);
        // A sign change between the previous estimate and the new point: both steps become the one taken.
        if (Math.sign(state.fx) !== Math.sign(memory.fPrevious) && state.fx !== 0) {
          const taken = state.x - memory.xPrevious;
          memory = { ...memory, stepBefore: taken, stepLast: taken };
        }
        const [other, fOther] = state.x === state.lower ? [state.upper, state.fUpper] : [state.lower, state.fLower];
        // The estimate is the end with the smaller |f|; the new point then becomes the previous one.
        if (Math.abs(fOther) < Math.abs(state.fx)) {
          return { ...state, x: other, fx: fOther, brent: { ...memory, xPrevious: state.x, fPrevious: state.fx } };
        }
        return { ...state, brent: memory };
      },
    },
    options,
    bracketingRules satisfies OptionSchemaOf<BracketingOptions>,
    "brent",
  );
}

function brentMemory(state: BracketingState): BrentMemory {
  if (state.brent === undefined) throw new Error("unreachable: Brent's memory is missing");
  return state.brent;
}

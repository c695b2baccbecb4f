import type { IterationContext } from "../../src/index.js";
import type { Bracket } from "./bracketing-solver.js";
import type { Proposal } from "./scalar-root.js";
import type { ScalarBracket, ScalarRootState } from "./scalar-root-types.js";
import { ulpsBetween } from "./ulps.js";

/**
 * Iteration 0 of a bracketed run: the method's first state with the bracket, already shrunk by the sign
 * of `f(x0)` (an end where `f` is 0 is itself the starting point).
 */
export function startBracket(state: ScalarRootState, bracket: Bracket): ScalarRootState {
  const { a, b, fa, fb } = bracket;
  const counted = { ...state, fEvaluations: state.fEvaluations + 2 };
  const start = { lower: a, upper: b, fLower: fa, fUpper: fb, stepBefore: b - a, bisections: 0 };
  if (fa === 0 || fb === 0) {
    const x = fa === 0 ? a : b;
    return { ...counted, x, fx: 0, previousX: x, previousFx: 0, bracket: start };
  }
  return { ...counted, bracket: shrink(start, state.x, state.fx) };
}

/**
 * One safeguarded step (the idea of Numerical Recipes' `rtsafe`, for any of Newton, secant and Halley): the
 * method's point is taken when it lies strictly inside the bracket and the step to it is shorter than half
 * the step before the last; otherwise the bracket's midpoint. The bracket then shrinks to the side where
 * `f` changes sign. When no floating-point number lies strictly inside the bracket, its ends are adjacent
 * numbers around the sign change: the run stays at the end with the smaller `|f|` and converges at rounding
 * level (`roundingCycle` holds their distance, 1 unit in the last place).
 */
export function safeguardedStep(
  f: (x: number) => number,
  state: ScalarRootState,
  proposal: Proposal,
  context: IterationContext,
): ScalarRootState {
  const bracket = state.bracket as ScalarBracket;
  const { lower, upper } = bracket;
  const counted = costed(state, proposal);
  const inside = (x: number) => x > lower && x < upper;
  const proposed = proposal.x;
  // A zero step (the method's fixed point, e.g. Newton at a root to the last bit) is taken as it is.
  const stays = proposed === state.x;
  const accepted =
    proposed !== undefined && (stays || (inside(proposed) && Math.abs(proposed - state.x) < 0.5 * bracket.stepBefore));
  const x = accepted ? proposed : lower + (upper - lower) / 2;
  if (!stays && !inside(x)) {
    const atLower = Math.abs(bracket.fLower) <= Math.abs(bracket.fUpper);
    const best = atLower ? lower : upper;
    const fBest = atLower ? bracket.fLower : bracket.fUpper;
    return {
      ...counted,
      x: best,
      fx: fBest,
      step: best - state.x,
      previousX: state.x,
      previousFx: state.fx,
      roundingCycle: ulpsBetween(lower, upper),
    };
  }
  const fx = f(x);
  if (!Number.isFinite(fx)) {
    context.control.diverge(`f(x) = ${fx} at x = ${x} inside the bracket [${lower}, ${upper}]`);
    return { ...counted, fEvaluations: counted.fEvaluations + 1 };
  }
  const step = x - state.x;
  const next = shrink(bracket, x, fx);
  return {
    ...counted,
    x,
    fx,
    step,
    previousX: state.x,
    previousFx: state.fx,
    fEvaluations: counted.fEvaluations + 1,
    bracket: {
      ...next,
      stepBefore: Math.abs(state.step ?? bracket.stepBefore),
      bisections: bracket.bisections + (accepted ? 0 : 1),
    },
    roundingCycle: undefined,
  };
}

/** The state with the proposal's evaluations counted. */
function costed(state: ScalarRootState, { cost }: Proposal): ScalarRootState {
  return {
    ...state,
    fEvaluations: state.fEvaluations + cost[0],
    derivativeEvaluations: state.derivativeEvaluations + cost[1],
    secondDerivativeEvaluations: state.secondDerivativeEvaluations + cost[2],
  };
}

/** The bracket after `f(x) = fx` inside it: the end with the sign of `fx` moves to `x`. */
function shrink(bracket: ScalarBracket, x: number, fx: number): ScalarBracket {
  if (fx === 0) return { ...bracket, lower: x, upper: x, fLower: 0, fUpper: 0 };
  if (Math.sign(fx) === Math.sign(bracket.fLower)) return { ...bracket, lower: x, fLower: fx };
  return { ...bracket, upper: x, fUpper: fx };
}

import { anyOf, below, InvalidProblemError } from "../../src/index.js";
import {
  integerAtLeast,
  numberAbove,
  numberAtLeast,
  optional,
  validateStrictOptions,
  describeValue,
} from "../../src/engine/internals.js";
import type { IterationContext, Solver } from "../../src/index.js";
import type { OptionSchema } from "../../src/engine/internals.js";
import type {
  BracketingOptions,
  BracketingProblem,
  BracketingRecord,
  BracketingState,
  BrentMemory,
} from "./bracketing-types.js";
import { scalarFunctions } from "./scalar-functions.js";
import type { ScalarRootProblem } from "./scalar-root-types.js";

/**
 * A bracketing method's prepared problem (what its `prepare` returns): the checked bracket `[a, b]` with
 * `f(a)`, `f(b)`, and the compiled `f`, shared read-only by every run on it.
 */
export interface Bracket {
  /** The compiled `f`. */
  readonly f: (x: number) => number;
  /** The lower end. */
  readonly a: number;
  /** The upper end. */
  readonly b: number;
  /** `f(a)`, finite. */
  readonly fa: number;
  /** `f(b)`, finite, of the opposite sign to `f(a)` (or one of them 0). */
  readonly fb: number;
}

/** What distinguishes bisection, Brent and ITP: the iteration bound, the first state's memory, the step. */
export interface BracketMethod {
  readonly name: string;
  /** The guaranteed iteration bound for a bracket of this width. */
  bound(width: number): number;
  /** Brent's memory at iteration 0 (`undefined` for the others). */
  memory(bracket: Bracket): BrentMemory | undefined;
  /**
   * The next point to evaluate, strictly inside the bracket, from a state whose `fx` is not 0, and Brent's
   * memory for the state after it (`undefined` for the others).
   */
  next(state: BracketingState, initial: Bracket): { readonly x: number; readonly memory: BrentMemory | undefined };
  /** Brent's bookkeeping on the shrunk bracket (the estimate is the end with the smaller `|f|`); else the identity. */
  settle(state: BracketingState): BracketingState;
}

/** The option rules every bracketing method shares. */
export const bracketingRules = {
  stepAbsTolerance: optional(numberAbove(0)),
  stepRelTolerance: optional(numberAtLeast(0)),
  absTolerance: optional(numberAtLeast(0)),
  maxIterations: optional(integerAtLeast(0)),
} satisfies OptionSchema;

/**
 * `ceil(log2(width / tolerance))`, at least 0: how many halvings bring `width` down to `tolerance` (bisection's
 * guaranteed iteration count, `n_{1/2}` in ITP's paper).
 */
export function halvings(width: number, tolerance: number): number {
  return Math.max(0, Math.ceil(Math.log2(width / tolerance)));
}

/**
 * Checks a bracketing problem: `f` compiled as the scalar root finders compile it, `a < b` finite, `f(a)` and
 * `f(b)` finite and of opposite signs (or one of them 0).
 *
 * @throws `InvalidProblemError` naming the part: the bracket, or `f` at an end.
 */
export function checkBracket(problem: BracketingProblem): Bracket {
  const { f } = scalarFunctions(problem as unknown as ScalarRootProblem, 0, "{ f, bracket: [a, b] }");
  return checkBracketEnds(problem.bracket as unknown, f);
}

/**
 * Checks a bracket `[a, b]` for a compiled `f`: `a < b` finite, `f(a)` and `f(b)` finite and of opposite
 * signs (or one of them 0). Shared by the bracketing methods and the bracketed Newton, secant and Halley.
 *
 * @throws `InvalidProblemError` naming the part: `problem.bracket`, or `f` at an end.
 */
export function checkBracketEnds(bracket: unknown, f: (x: number) => number): Bracket {
  const ends = Array.isArray(bracket) && bracket.length === 2 ? (bracket as unknown[]) : undefined;
  const [a, b] = ends ?? [];
  if (typeof a !== "number" || typeof b !== "number" || !Number.isFinite(a) || !Number.isFinite(b) || !(a < b)) {
    const shown = ends?.map((end) => describeValue(end)).join(", ");
    const received = shown === undefined ? describeValue(bracket) : `[${shown}]`;
    throw new InvalidProblemError("problem.bracket", "[a, b] with finite numbers a < b", received, false);
  }
  const fa = f(a);
  const fb = f(b);
  if (!Number.isFinite(fa)) throw new InvalidProblemError(`problem.f(a) at a = ${a}`, "a finite number", fa);
  if (!Number.isFinite(fb)) throw new InvalidProblemError(`problem.f(b) at b = ${b}`, "a finite number", fb);
  if (fa !== 0 && fb !== 0 && Math.sign(fa) === Math.sign(fb)) {
    const sign = fa > 0 ? "positive" : "negative";
    throw new InvalidProblemError(
      "problem.bracket",
      "[a, b] with f(a) and f(b) of opposite signs",
      `f(${a}) = ${describeValue(fa)} and f(${b}) = ${describeValue(fb)}, both ${sign}`,
      false,
    );
  }
  return { f, a, b, fa, fb };
}

/**
 * Builds a bracketing root finder: options validated now, the bracket checked and `f` compiled once per
 * problem (its `prepare`), the bracket updated from the sign of each new value.
 */
export function bracketingSolver(
  method: BracketMethod,
  options: BracketingOptions,
  rules: OptionSchema,
  owner: string,
): Solver<BracketingProblem, BracketingState, BracketingRecord, Bracket> {
  validateStrictOptions(options, rules, owner);
  const width = (state: BracketingState) => state.width;
  const relativeWidth = (state: BracketingState) => (state.x === 0 ? Infinity : state.width / Math.abs(state.x));
  return {
    name: method.name,
    maxIterations: options.maxIterations ?? 100,
    convergence: anyOf(
      below((state: BracketingState) => Math.abs(state.fx), options.absTolerance ?? 0, { name: "|f|" }),
      below(width, options.stepAbsTolerance ?? 2e-12, { name: "bracket width" }),
      below(relativeWidth, options.stepRelTolerance ?? 4 * Number.EPSILON, { name: "width/|x|" }),
    ),
    prepare: checkBracket,
    init(bracket) {
      const { a, b, fa, fb } = bracket;
      const best = Math.abs(fa) < Math.abs(fb) ? a : b;
      return {
        x: best,
        fx: best === a ? fa : fb,
        lower: a,
        upper: b,
        fLower: fa,
        fUpper: fb,
        width: b - a,
        fEvaluations: 2,
        iterationBound: method.bound(b - a),
        brent: method.memory(bracket),
      };
    },
    step(bracket, state, context) {
      if (state.fx === 0) return state; // an exact root (the |f| test normally stops the run first)
      const proposed = method.next(state, bracket);
      // Rounding can put an interpolated point on an end of a narrow bracket: the midpoint then (it keeps
      // every method's guarantee); when not even the midpoint is inside, the bracket is two adjacent numbers.
      const inside = (x: number) => x > state.lower && x < state.upper;
      const x = inside(proposed.x) ? proposed.x : state.lower + (state.upper - state.lower) / 2;
      if (!inside(x)) return stalled(state, context);
      const memory = proposed.memory;
      const fx = bracket.f(x);
      if (!Number.isFinite(fx)) {
        context.control.diverge(`f(x) = ${fx} at x = ${x} inside the bracket [${state.lower}, ${state.upper}]`);
        return { ...state, fEvaluations: state.fEvaluations + 1 };
      }
      return method.settle(shrink(state, x, fx, memory));
    },
    // Numbers only: the state's fields but Brent's memory, in a new object.
    record: ({ brent: _memory, ...record }) => record,
    recordKeepsNoState: true,
  };
}

/** The bracket after evaluating `f(x) = fx` inside it: the end with the sign of `fx` moves to `x`. */
function shrink(state: BracketingState, x: number, fx: number, brent: BrentMemory | undefined): BracketingState {
  const base = { ...state, x, fx, fEvaluations: state.fEvaluations + 1, brent };
  if (fx === 0) return { ...base, lower: x, upper: x, fLower: 0, fUpper: 0, width: 0 };
  if (Math.sign(fx) === Math.sign(state.fLower)) return { ...base, lower: x, fLower: fx, width: state.upper - x };
  return { ...base, upper: x, fUpper: fx, width: x - state.lower };
}

/** No floating-point number lies strictly inside the bracket: the run stalls at rounding level. */
function stalled(state: BracketingState, context: IterationContext): BracketingState {
  context.control.stall(`the bracket [${state.lower}, ${state.upper}] holds no other floating-point number`);
  return state;
}

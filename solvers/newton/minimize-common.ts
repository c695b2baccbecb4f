import { anyOf, below, confirmedBy, InvalidProblemError } from "../../src/index.js";
import type { Criterion, LineSearch, LineSearchResult } from "../../src/index.js";
import type { ObjectiveFunctions } from "./objective-functions.js";
import { objectiveFunctions } from "./objective-functions.js";
import type { BfgsOptions, MinimizeProblem } from "./minimize-types.js";
import {
  integerAtLeast,
  labelledStrategy,
  numberAtLeast,
  objectiveDivergence,
  optional,
  withFusedCheck,
} from "../../src/engine/internals.js";
import type { MeasuredMemory, OptionRule, OptionSchemaOf } from "../../src/engine/internals.js";

// What Newton minimisation and BFGS share: options, stopping rules, the first state, compiled functions.

/** The rule for a `lineSearch` option (the same words as gradient descent's). */
export const lineSearchRule: OptionRule = labelledStrategy("a line search such as backtracking() or fixedStep(alpha)");

/** The options both minimisers validate. */
export const minimizeSchema = {
  lineSearch: optional(lineSearchRule),
  absTolerance: optional(numberAtLeast(0)),
  stepAbsTolerance: optional(numberAtLeast(0)),
  functionRelTolerance: optional(numberAtLeast(0)),
  maxIterations: optional(integerAtLeast(0)),
  divergenceTolerance: optional(numberAtLeast(1)),
} satisfies OptionSchemaOf<BfgsOptions>;

/** What the stopping rules read. */
interface Progress {
  readonly f: number;
  readonly gradientNorm: number;
  readonly stepNorm: number | undefined;
  readonly functionChange: number | undefined;
}

/** The options the stopping rules read. */
interface StoppingOptions {
  readonly absTolerance?: number;
  readonly stepAbsTolerance?: number;
  readonly functionRelTolerance?: number;
  readonly divergenceTolerance?: number;
}

/** How far above `absTolerance` the gradient norm may be for a change test to count. */
export const confirmationFactor = 1000;

/**
 * `|grad| <= absTolerance`, or `||dx|| <= stepAbsTolerance`, or `|df|/|f| <= functionRelTolerance`.
 * The change tests read the step's own measurements, which are undefined (not measured) after a failed
 * line search, so that standing still is never mistaken for convergence; and they count only while
 * `|grad| <= 1000 absTolerance` (see `confirmedBy`), so that two iterates that agree far from a
 * minimiser are not either. With `absTolerance: 0` the gradient test is off and the change tests
 * count alone.
 */
export function minimizeConvergence<S extends Progress>(options: StoppingOptions): Criterion<S> {
  const absTolerance = options.absTolerance ?? 1e-8;
  const stepAbsTolerance = options.stepAbsTolerance ?? 0;
  const functionRelTolerance = options.functionRelTolerance ?? 0;
  const gradientNorm = (state: S): number => state.gradientNorm;
  const bound = confirmationFactor * absTolerance;
  const confirmed = (change: Criterion<S>): Criterion<S> =>
    absTolerance === 0 ? change : confirmedBy(change, gradientNorm, bound, { name: "|grad|" });
  const reference = anyOf(
    below(gradientNorm, absTolerance, { name: "|grad|" }),
    confirmed(below((state: S) => state.stepNorm, stepAbsTolerance, { name: "||dx||" })),
    confirmed(below((state: S) => state.functionChange, functionRelTolerance, { name: "|df|/|f|" })),
  ) as Criterion<S, unknown[]>;
  // The same test with one fused check (it runs at every iteration): each `below` leaf settles as
  // `below` does, each confirmed change as `allOf(change, below(|grad|, bound))`, every leaf checked.
  const changeHeld = (
    memory: unknown,
    value: number | undefined,
    norm: number,
    iteration: number,
    tolerance: number,
  ) => {
    if (absTolerance === 0) return settleBelow(memory as BelowMemory, value, iteration, tolerance);
    const [change, confirmation] = memory as [BelowMemory, BelowMemory];
    const held = settleBelow(change, value, iteration, tolerance);
    return settleBelow(confirmation, norm, iteration, bound) && held;
  };
  return withFusedCheck(reference, (state, context, memory) => {
    const iteration = context.iteration;
    const norm = state.gradientNorm;
    const gradientHeld = settleBelow(memory[0] as BelowMemory, norm, iteration, absTolerance);
    const stepHeld = changeHeld(memory[1], state.stepNorm, norm, iteration, stepAbsTolerance);
    const functionHeld = changeHeld(memory[2], state.functionChange, norm, iteration, functionRelTolerance);
    return gradientHeld || stepHeld || functionHeld;
  }) as Criterion<S>;
}

/** The memory of a `below` leaf (the engine's scalar test memory). */
type BelowMemory = MeasuredMemory;

/** `below`'s check of a measured value: an unmeasured one keeps the last answer. */
function settleBelow(memory: BelowMemory, value: number | undefined, iteration: number, tolerance: number): boolean {
  if (value === undefined) return memory.met;
  memory.value = value;
  memory.iteration = iteration;
  memory.met = value <= tolerance;
  return memory.met;
}

/** `a . b`, summed in index order (BFGS and L-BFGS). */
export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] as number) * (b[i] as number);
  return sum;
}

/** `||x - previous||_inf`. */
export function stepNormOf(x: Float64Array, previous: Float64Array): number {
  let largest = 0;
  for (let i = 0; i < x.length; i++) {
    const magnitude = Math.abs((x[i] as number) - (previous[i] as number));
    if (!(magnitude <= largest)) largest = magnitude;
  }
  return largest;
}

/** `|f - previous| / max(|f|, |previous|)`, 0 when both are 0 (as the engine's relChange). */
export function functionChangeOf(f: number, previous: number): number {
  const scale = Math.max(Math.abs(f), Math.abs(previous));
  return scale === 0 ? 0 : Math.abs(f - previous) / scale;
}

/**
 * `f` or the gradient not finite, or the gradient norm beyond `divergenceTolerance` times its initial value:
 * combined here once (as the engine would combine a list of them on every run).
 */
export function minimizeDivergence<S extends Progress>(options: StoppingOptions): Criterion<S> {
  return objectiveDivergence<S>(options.divergenceTolerance ?? 1e8);
}

/**
 * The prepared problem of the minimisers: the compiled objective (with the Hessian for Newton) and the
 * scratch arrays every step of every run on the problem reuses (never part of a state).
 *
 * @typeParam W - The scratch type of the method.
 */
export interface PreparedObjective<W> {
  /** `f`, its gradient (and Hessian) and `x0`, compiled once. */
  readonly functions: ObjectiveFunctions;
  /** The method's scratch arrays. */
  readonly work: W;
}

/** Compiles a problem's functions once (a solver's `prepare`), with the method's scratch arrays. */
export function prepareObjective<W>(problem: MinimizeProblem, withHessian: boolean, work: W): PreparedObjective<W> {
  return { functions: objectiveFunctions(problem, withHessian), work };
}

/** `f(x0)` and the gradient at x0, checked. */
export function startOf(functions: ObjectiveFunctions): { x: Float64Array; f: number; gradient: Float64Array } {
  const x = functions.x0.slice();
  const f = functions.f(x);
  if (typeof f !== "number" || !Number.isFinite(f))
    throw new InvalidProblemError("problem.f(x0)", "a finite number", f);
  const gradient = new Float64Array(functions.n);
  functions.gradient.evaluate(x, gradient);
  return { x, f, gradient };
}

/** The Hessian of a problem prepared with `needsHessian` (Newton minimize, trust-region Newton). */
export function resolvedHessian(functions: ObjectiveFunctions): NonNullable<ObjectiveFunctions["hessian"]> {
  const hessian = functions.hessian;
  if (hessian === undefined) throw new Error("unreachable: the Hessian was not resolved");
  return hessian;
}

/**
 * Runs the line search, or takes the step in full when it is already within the step tolerance. The search
 * reads the gradient at its trials through `functions.gradient` when it uses it (`strongWolfe()`); with
 * `out`, the new point is written there (by the searches that take one) instead of into a new array.
 */
export function searchOrStep(
  lineSearch: LineSearch,
  functions: ObjectiveFunctions,
  x: Float64Array,
  f: number,
  gradient: Float64Array,
  direction: Float64Array,
  stepAbsTolerance: number,
  out?: Float64Array,
): LineSearchResult {
  const objective = functions.f;
  let largest = 0;
  // With stepAbsTolerance 0 no direction is within it: the pass over d is skipped.
  if (stepAbsTolerance > 0) {
    for (let i = 0; i < direction.length; i++) largest = Math.max(largest, Math.abs(direction[i] as number));
  }
  if (largest > 0 && largest <= stepAbsTolerance) {
    const next = out ?? new Float64Array(x.length);
    for (let i = 0; i < x.length; i++) next[i] = (x[i] as number) + (direction[i] as number);
    return { step: 1, x: next, f: objective(next), evaluations: 1 };
  }
  return lineSearch({ objective, x, f, gradient, direction, gradientAt: functions.gradient.evaluate, out });
}

/**
 * The evaluations a step spent, as `[f, gradient, Hessian]` counts: the line search's own `f` trials, and
 * its gradient trials (or the one gradient the solver evaluates after it) at the gradient's cost.
 */
export function searchCost(search: LineSearchResult, functions: ObjectiveFunctions): readonly [number, number, number] {
  const gradients = search.gradientEvaluations ?? 0;
  const cost = functions.gradient.cost;
  return [search.evaluations + gradients * cost[0], gradients * cost[1], gradients * cost[2]];
}

/** Formats a point for messages: `(1, 2.5)`. */
export function formatPoint(x: ArrayLike<number>): string {
  return `(${Array.from(x).join(", ")})`;
}

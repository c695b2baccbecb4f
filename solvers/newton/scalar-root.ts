import { absChange, anyOf, below, growsBeyond, InvalidProblemError, nonFinite, relChange } from "../../src/index.js";
import type { IterationContext, Solver } from "../../src/index.js";
import { checkBracketEnds } from "./bracketing-solver.js";
import type { Bracket } from "./bracketing-solver.js";
import { safeguardedStep, startBracket } from "./safeguarded-step.js";
import type { ScalarFunctions } from "./scalar-functions.js";
import { scalarFunctions } from "./scalar-functions.js";
import type { Cost } from "./problem-parts.js";
import { ulpsBetween } from "./ulps.js";
import type { ScalarRootOptions, ScalarRootProblem, ScalarRootRecord, ScalarRootState } from "./scalar-root-types.js";
import { integerAtLeast, numberAtLeast, optional, validateStrictOptions } from "../../src/engine/internals.js";
import type { OptionSchemaOf } from "../../src/engine/internals.js";

/**
 * A method's proposed next point and what computing it cost; `x` is `undefined` when the step is undefined
 * (`failure` then says why: a zero derivative, a horizontal secant).
 */
export interface Proposal {
  readonly x: number | undefined;
  readonly cost: Cost;
  readonly failure?: string;
}

/** What distinguishes Newton, secant and Halley: the derivatives they need, the first state, the step. */
export interface ScalarMethod {
  readonly name: string;
  /** How many derivatives the method evaluates. */
  readonly order: 0 | 1 | 2;
  /** Whether the next point depends on `x_k` only (Newton, Halley), so a return to `x_{k-1}` is a cycle. */
  readonly onePoint: boolean;
  /** Iteration 0 from x0 and f(x0) (the secant evaluates its second point here). */
  init(functions: ScalarFunctions, problem: ScalarRootProblem, x0: number, fx0: number): ScalarRootState;
  /** The next point from a state whose `fx` is not 0 (not yet evaluated). */
  propose(functions: ScalarFunctions, state: ScalarRootState): Proposal;
}

/** A period-2 cycle this narrow (in units in the last place) is rounding level next to a root: converged. */
export const roundingCycleUlps = 4;

/** The prepared problem of the scalar root finders: the problem, its compiled functions and its validated `x0`. */
export interface PreparedScalarRoot {
  /** The problem as given. */
  readonly problem: ScalarRootProblem;
  /** `f` and the derivatives the method needs, compiled once. */
  readonly functions: ScalarFunctions;
  /** The starting point, a finite number (inside the bracket when there is one). */
  readonly x0: number;
  /** The problem's bracket, checked, with `f(a)` and `f(b)`; `undefined` when the problem gives none. */
  readonly bracket: Bracket | undefined;
}

/** Builds a scalar root finder: options validated now, stopping rules shared, functions compiled once per problem. */
export function scalarRootSolver(
  method: ScalarMethod,
  options: ScalarRootOptions,
): Solver<ScalarRootProblem, ScalarRootState, ScalarRootRecord, PreparedScalarRoot> {
  validateStrictOptions(
    options,
    {
      absTolerance: optional(numberAtLeast(0)),
      stepAbsTolerance: optional(numberAtLeast(0)),
      stepRelTolerance: optional(numberAtLeast(0)),
      maxIterations: optional(integerAtLeast(0)),
      divergenceTolerance: optional(numberAtLeast(1)),
    } satisfies OptionSchemaOf<ScalarRootOptions>,
    method.name.toLowerCase(),
  );
  return {
    name: method.name,
    maxIterations: options.maxIterations ?? 100,
    convergence: anyOf(
      below((state: ScalarRootState) => Math.abs(state.fx), options.absTolerance ?? 0, { name: "|f|" }),
      absChange((state: ScalarRootState) => state.x, options.stepAbsTolerance ?? 1e-12, { name: "x" }),
      relChange((state: ScalarRootState) => state.x, options.stepRelTolerance ?? 4 * Number.EPSILON, {
        name: "x",
      }),
      below((state: ScalarRootState) => state.roundingCycle ?? Infinity, roundingCycleUlps, {
        name: "2-cycle (ulps)",
      }),
    ),
    divergence: [
      nonFinite((state: ScalarRootState) => state.x, { name: "x" }),
      nonFinite((state: ScalarRootState) => state.fx, { name: "f" }),
      growsBeyond(
        (state: ScalarRootState) => (state.step === undefined ? undefined : Math.abs(state.step)),
        options.divergenceTolerance ?? 1e6,
        {
          name: "|dx|",
        },
      ),
    ],
    prepare(problem) {
      const functions = scalarFunctions(problem, method.order);
      const x0 = problem.x0;
      if (typeof x0 !== "number" || !Number.isFinite(x0))
        throw new InvalidProblemError("problem.x0", "a finite number", x0);
      const bracket = problem.bracket === undefined ? undefined : checkBracketEnds(problem.bracket, functions.f);
      if (bracket !== undefined && !(x0 >= bracket.a && x0 <= bracket.b))
        throw new InvalidProblemError("problem.x0", `a number in the bracket [${bracket.a}, ${bracket.b}]`, x0);
      return { problem, functions, x0, bracket };
    },
    init({ problem, functions, x0, bracket }) {
      const fx0 = functions.f(x0);
      if (typeof fx0 !== "number" || !Number.isFinite(fx0))
        throw new InvalidProblemError("problem.f(x0)", "a finite number", fx0);
      const state = method.init(functions, problem, x0, fx0);
      return bracket === undefined ? state : startBracket(state, bracket);
    },
    step({ functions }, state, context) {
      // An exact root stays put (the |f| test normally stops the run before this step).
      if (state.fx === 0) return { ...state, step: 0, previousX: state.x, previousFx: 0 };
      const proposal = method.propose(functions, state);
      if (state.bracket !== undefined) return safeguardedStep(functions.f, state, proposal, context);
      if (proposal.x === undefined) {
        context.control.diverge(proposal.failure ?? `the ${method.name} step is undefined at x = ${state.x}`);
        return stay(state, proposal.cost);
      }
      const x = proposal.x;
      const cycle = method.onePoint ? checkCycle(state, x, context, method.name) : undefined;
      return { ...advance(state, x, functions.f(x), addCosts(proposal.cost, [1, 0, 0])), roundingCycle: cycle };
    },
    // A new object with a copy of the bracket, so that a trace keeps no part of a state.
    record: (state) => ({ ...state, bracket: state.bracket === undefined ? undefined : { ...state.bracket } }),
    recordKeepsNoState: true,
  };
}

/** The state after a step to `x` (with `f(x) = fx`) from `state`, with the evaluations it cost. */
export function advance(state: ScalarRootState, x: number, fx: number, cost: Cost): ScalarRootState {
  return {
    x,
    fx,
    step: x - state.x,
    previousX: state.x,
    previousFx: state.fx,
    fEvaluations: state.fEvaluations + cost[0],
    derivativeEvaluations: state.derivativeEvaluations + cost[1],
    secondDerivativeEvaluations: state.secondDerivativeEvaluations + cost[2],
    bracket: state.bracket,
    roundingCycle: undefined,
  };
}

/** The state after a failed step: the point unchanged, the evaluations counted. */
export function stay(state: ScalarRootState, cost: Cost): ScalarRootState {
  return advance(state, state.x, state.fx, cost);
}

/** The first state of a one-point method (Newton, Halley). */
export function onePointStart(x0: number, fx0: number): ScalarRootState {
  return {
    x: x0,
    fx: fx0,
    step: undefined,
    previousX: x0,
    previousFx: fx0,
    fEvaluations: 1,
    derivativeEvaluations: 0,
    secondDerivativeEvaluations: 0,
    bracket: undefined,
    roundingCycle: undefined,
  };
}

/**
 * Checks whether a one-point method returns to where it was two steps ago: its map is deterministic, so
 * it will cycle between the two points for ever. A cycle of at most {@link roundingCycleUlps} units in the
 * last place is rounding level next to a root (adjacent numbers around a sign change of `f`, or where the
 * step `f / f'` is itself a few units): its width is returned and the run converges. A wider cycle is
 * declared divergence.
 *
 * @returns The cycle's width in units in the last place when it is at rounding level; else `undefined`.
 */
export function checkCycle(
  state: ScalarRootState,
  x: number,
  context: IterationContext,
  method: string,
): number | undefined {
  if (context.iteration === 0 || x !== state.previousX || x === state.x) return undefined;
  const width = ulpsBetween(x, state.x);
  if (width <= roundingCycleUlps) return width;
  context.control.diverge(`${method}'s iterates cycle with period 2 between x = ${state.x} and x = ${x}`);
  return undefined;
}

/** Adds two costs. */
export function addCosts(a: Cost, b: Cost): Cost {
  return [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
}

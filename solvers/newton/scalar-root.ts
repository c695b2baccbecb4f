import {
  absChange,
  anyOf,
  below,
  growsBeyond,
  integerAtLeast,
  InvalidProblemError,
  nonFinite,
  numberAtLeast,
  optional,
  relChange,
  validateStrictOptions,
} from "../../src/index.js";
import type { IterationContext, OptionSchemaOf, Solver } from "../../src/index.js";
import type { ScalarFunctions } from "./scalar-functions.js";
import { scalarFunctions } from "./scalar-functions.js";
import type { Cost } from "./problem-parts.js";
import type { ScalarRootOptions, ScalarRootProblem, ScalarRootRecord, ScalarRootState } from "./types.js";

/** What distinguishes Newton, secant and Halley: the derivatives they need, the first state, the step. */
export interface ScalarMethod {
  readonly name: string;
  /** How many derivatives the method evaluates. */
  readonly order: 0 | 1 | 2;
  /** Iteration 0 from x0 and f(x0) (the secant evaluates its second point here). */
  init(functions: ScalarFunctions, problem: ScalarRootProblem, x0: number, fx0: number): ScalarRootState;
  /** One step from a state whose `fx` is not 0. */
  step(functions: ScalarFunctions, state: ScalarRootState, context: IterationContext): ScalarRootState;
}

/** The prepared problem of the scalar root finders: the problem, its compiled functions and its validated `x0`. */
export interface PreparedScalarRoot {
  /** The problem as given. */
  readonly problem: ScalarRootProblem;
  /** `f` and the derivatives the method needs, compiled once. */
  readonly functions: ScalarFunctions;
  /** The starting point, a finite number. */
  readonly x0: number;
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
      return { problem, functions, x0 };
    },
    init({ problem, functions, x0 }) {
      const fx0 = functions.f(x0);
      if (typeof fx0 !== "number" || !Number.isFinite(fx0))
        throw new InvalidProblemError("problem.f(x0)", "a finite number", fx0);
      return method.init(functions, problem, x0, fx0);
    },
    step({ functions }, state, context) {
      // An exact root stays put (the |f| test normally stops the run before this step).
      if (state.fx === 0) return { ...state, step: 0, previousX: state.x, previousFx: 0 };
      return method.step(functions, state, context);
    },
    record: (state) => state,
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
  };
}

/**
 * Declares divergence when a one-point method returns to where it was two steps ago: its map is
 * deterministic, so it will cycle between the two points for ever.
 */
export function checkCycle(state: ScalarRootState, x: number, context: IterationContext, method: string): void {
  if (context.iteration > 0 && x === state.previousX && x !== state.x) {
    context.control.diverge(`${method}'s iterates cycle with period 2 between x = ${state.x} and x = ${x}`);
  }
}

/** Adds two costs. */
export function addCosts(a: Cost, b: Cost): Cost {
  return [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
}

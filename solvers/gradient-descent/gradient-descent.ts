import { backtracking, below, InvalidProblemError, normInf } from "../../src/index.js";
import {
  integerAtLeast,
  isFunction,
  numberAtLeast,
  objectiveDivergence,
  optional,
  fixedStepLengthOf,
  returnedNumber,
  toFiniteFloat64,
  validateStrictOptions,
  stopAfterFailedSearch,
} from "../../src/engine/internals.js";
import type { LineSearch, LineSearchResult, Solver, StepControl } from "../../src/index.js";
import type { OptionSchemaOf } from "../../src/engine/internals.js";
import { checkGradientForm, GradientReader } from "./gradient-forms.js";
import type {
  DescentProblem,
  InPlaceObjectiveProblem,
  GradientDescentOptions,
  GradientDescentRecord,
  GradientDescentState,
  PreparedGradientDescent,
} from "./types.js";
import { labelledStrategy } from "../../src/engine/internals.js";

/**
 * Gradient descent: `x_{k+1} = x_k - alpha_k grad f(x_k)`, with the step length from a line search.
 *
 * @remarks
 * Cost per iteration: one gradient, plus the line search's objective evaluations (one for a fixed step).
 * Convergence: on a strongly convex quadratic with condition number `kappa`, a fixed step
 * `alpha = 2 / (L + mu)` contracts the error by exactly `(kappa - 1) / (kappa + 1)` per iteration; that
 * linear rate is why ill-conditioned problems need Newton or quasi-Newton methods. With Armijo
 * backtracking the method converges to a stationary point of any smooth function bounded below.
 *
 * The problem gives its gradient as `gradient(x)`, a new array, or as `gradientInto(x, out)`, written into
 * `out` ({@link InPlaceObjectiveProblem}: no array per evaluation, the same iterates).
 *
 * Stopping: `||grad f||_inf <= absTolerance` (reported as `|grad|`, checked at iteration 0 too).
 * Divergence: a non-finite `f` or gradient (the value a user function returned), `f` NaN or infinite at
 * every step length the line search tried, or a gradient norm beyond `divergenceTolerance` times its initial
 * value (a fixed step that is too long). When the line search cannot decrease `f` because the decrease it
 * predicts is below the rounding level of `f`, the run ends `stalled` ("at rounding level", with the
 * gradient norm reached); any other line-search failure ends `stopRequested` with the search's message.
 *
 * @param options - Line search, tolerance, bound, divergence factor.
 * @returns The solver, to run with `solve`.
 * @throws `InvalidOptionError` for options outside their ranges.
 * @example
 * ```ts
 * const quadratic = { f: ([x, y]) => x * x + 10 * y * y, gradient: ([x, y]) => [2 * x, 20 * y], x0: [1, 1] };
 * const result = solve(gradientDescent({ lineSearch: fixedStep(2 / 22) }), quadratic);
 * const inPlace = { ...quadratic, gradient: undefined, gradientInto: ([x, y], out) => { out[0] = 2 * x; out[1] = 20 * y; } };
 * solve(gradientDescent({ lineSearch: fixedStep(2 / 22) }), inPlace).iterations === result.iterations; // true
 * ```
 * @see J. Nocedal and S. J. Wright, Numerical Optimization, 2nd ed., section 3.3 (rate of steepest descent).
 */
export function gradientDescent(
  options: GradientDescentOptions = {},
): Solver<DescentProblem, GradientDescentState, GradientDescentRecord, PreparedGradientDescent> {
  validateStrictOptions(
    options,
    {
      lineSearch: optional(labelledStrategy("a line search such as backtracking() or fixedStep(alpha)")),
      absTolerance: optional(numberAtLeast(0)),
      maxIterations: optional(integerAtLeast(0)),
      divergenceTolerance: optional(numberAtLeast(1)),
    } satisfies OptionSchemaOf<GradientDescentOptions>,
    "gradientDescent",
  );
  const lineSearch = options.lineSearch ?? backtracking();
  const absTolerance = options.absTolerance ?? 1e-8;
  // fixedStep(alpha) says its length: unobserved steps then take it without the search's objects.
  const fixedLength = fixedStepLengthOf(lineSearch);
  return {
    name: `gradient descent (${lineSearch.label})`,
    maxIterations: options.maxIterations ?? 10_000,
    convergence: below((state: GradientDescentState) => state.gradientNorm, absTolerance, { name: "|grad|" }),
    // One combined test with one fused check, made once (the engine would combine a list of them on every run).
    divergence: objectiveDivergence<GradientDescentState>(options.divergenceTolerance ?? 1e8),
    prepare: (problem) => prepareDescent(problem),
    init({ problem, x0, gradientAt }) {
      const x = x0.slice();
      const f = returnedNumber(problem.f(x), "problem.f(x0)");
      if (!Number.isFinite(f)) throw new InvalidProblemError("problem.f(x0)", "a finite number", f);
      const gradient = new Float64Array(x.length);
      gradientAt(x, gradient);
      return {
        x,
        f,
        gradient,
        gradientNorm: normInf(gradient),
        stepLength: 0,
        fEvaluations: 1,
        gradientEvaluations: 1,
      };
    },
    step(prepared, state, context) {
      // When no state escapes, a fixed step writes the state in place with no objects at all.
      if (!context.statesEscape && fixedLength !== undefined) return fixedStepInPlace(fixedLength, prepared, state);
      const { objective, gradientAt, direction } = prepared;
      const n = state.x.length;
      // The direction is scratch of the prepared problem: the line searches read it and keep none of it.
      for (let i = 0; i < n; i++) direction[i] = -(state.gradient[i] as number);
      // When no state escapes, the trial points go to scratch and the state is updated in place.
      if (!context.statesEscape) return stepInPlace(lineSearch, prepared, state, context.control, absTolerance);
      const { x, f, gradient } = state;
      const search = lineSearch({ objective, x, f, gradient, direction, gradientAt, out: undefined });
      if (search.failure !== undefined) return failedStep(search, state, context.control, absTolerance);
      // A search that read the gradient at its accepted point (strongWolfe()) hands it over.
      const next = search.gradient ?? evaluateGradient(gradientAt, search.x);
      return {
        x: search.x,
        f: search.f,
        gradient: next,
        gradientNorm: normInf(next),
        stepLength: search.step,
        fEvaluations: state.fEvaluations + search.evaluations,
        gradientEvaluations: state.gradientEvaluations + gradientsSpent(search),
      };
    },
    // A copy of x (the in-place steps overwrite the state's own array under the default trace); the typed-array
    // constructor costs about two thirds of slice() on a few entries.
    record: ({ x, f, gradientNorm, stepLength, fEvaluations, gradientEvaluations }) => ({
      x: new Float64Array(x),
      f,
      gradientNorm,
      stepLength,
      fEvaluations,
      gradientEvaluations,
    }),
    recordKeepsNoState: true,
  };
}

/** The checked start, the user's functions wrapped with their checks once, and the direction's scratch. */
function prepareDescent(problem: DescentProblem): PreparedGradientDescent {
  const x0 = checkProblem(problem);
  const reader = new GradientReader(problem, x0.length);
  return {
    problem,
    x0,
    objective: (x) => returnedNumber(problem.f(x), "problem.f(x)"),
    gradientAt: (x, out) => reader.read(x, out),
    gradients: reader,
    direction: new Float64Array(x0.length),
    trial: new Float64Array(x0.length),
  };
}

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * One step whose state nobody keeps: the trial points go to the prepared problem's scratch and the accepted
 * one is written into the state's own arrays, which the run's `init` made (the same numbers as a new state,
 * in the same order of evaluation). A function of its own, small, so that the quiet loop inlines all of it.
 */
function stepInPlace(
  lineSearch: LineSearch,
  { objective, gradients, gradientAt, direction, trial }: PreparedGradientDescent,
  state: GradientDescentState,
  control: StepControl,
  absTolerance: number,
): GradientDescentState {
  const own = state as Writable<GradientDescentState>;
  const { x, gradient } = own;
  const search = lineSearch({ objective, x, f: own.f, gradient, direction, gradientAt, out: trial });
  if (search.failure !== undefined) return failedStep(search, state, control, absTolerance);
  // Loops, not TypedArray.set: for a few entries the builtin call costs more than the copy.
  for (let i = 0; i < x.length; i++) x[i] = search.x[i] as number;
  const searched = search.gradient;
  if (searched === undefined) gradients.read(x, gradient);
  else for (let i = 0; i < gradient.length; i++) gradient[i] = searched[i] as number;
  own.f = search.f;
  own.gradientNorm = normInf(gradient);
  own.stepLength = search.step;
  own.fEvaluations += search.evaluations;
  own.gradientEvaluations += gradientsSpent(search);
  return own;
}

/**
 * An unobserved step of `fixedStep(length)`: the numbers of `stepInPlace` with that search (`x + length d`
 * with `d = -gradient`, then `f` there, then the gradient), written straight into the state's arrays with no
 * search input or result objects. `f` sees the state's own `x` (its point belongs to it only during the call).
 */
function fixedStepInPlace(
  length: number,
  { objective, gradients }: PreparedGradientDescent,
  state: GradientDescentState,
): GradientDescentState {
  const own = state as Writable<GradientDescentState>;
  const { x, gradient } = own;
  for (let i = 0; i < x.length; i++) x[i] = (x[i] as number) + length * -(gradient[i] as number);
  own.f = objective(x);
  gradients.read(x, gradient);
  own.gradientNorm = normInf(gradient);
  own.stepLength = length;
  own.fEvaluations += 1;
  own.gradientEvaluations += 1;
  return own;
}

/** Gradient evaluations of a successful step: the search's, and one at the new point unless it handed it over. */
function gradientsSpent(search: LineSearchResult): number {
  return (search.gradientEvaluations ?? 0) + (search.gradient === undefined ? 1 : 0);
}

/** A failed search: the run stops (diverged, stalled or a stop request); the point stays, the evaluations count. */
function failedStep(
  search: LineSearchResult,
  state: GradientDescentState,
  control: StepControl,
  absTolerance: number,
): GradientDescentState {
  stopAfterFailedSearch(search, state.f, state.gradientNorm, absTolerance, control);
  return {
    ...state,
    fEvaluations: state.fEvaluations + search.evaluations,
    gradientEvaluations: state.gradientEvaluations + (search.gradientEvaluations ?? 0),
  };
}

function checkProblem(problem: DescentProblem): Float64Array {
  if (problem === null || typeof problem !== "object")
    throw new InvalidProblemError("problem", "an object { f, gradient, x0 }", problem);
  if (!isFunction.test(problem.f))
    throw new InvalidProblemError("problem.f", "a function of a Float64Array", problem.f);
  checkGradientForm(problem);
  const x0 = problem.x0;
  const valid = x0 !== null && typeof x0 === "object" && x0.length > 0;
  if (!valid) throw new InvalidProblemError("problem.x0", "a non-empty array of finite numbers", x0);
  return toFiniteFloat64(x0, "problem.x0");
}

function evaluateGradient(gradientAt: PreparedGradientDescent["gradientAt"], x: Float64Array): Float64Array {
  const copy = new Float64Array(x.length);
  gradientAt(x, copy);
  return copy;
}

import { backtracking, normInf } from "../../src/index.js";
import { numberAbove, optional, validateStrictOptions, stopAfterFailedSearch } from "../../src/engine/internals.js";
import type { LineSearchResult, Solver } from "../../src/index.js";
import type { OptionSchemaOf } from "../../src/engine/internals.js";
import { allFinite, DenseWorkspace, solveCholesky, solveLu } from "./dense.js";
import { modifiedCholesky } from "./hessian-modification.js";
import {
  formatPoint,
  functionChangeOf,
  minimizeConvergence,
  minimizeDivergence,
  minimizeSchema,
  prepareObjective,
  resolvedHessian,
  searchCost,
  searchOrStep,
  startOf,
  stepNormOf,
} from "./minimize-common.js";
import type { PreparedObjective } from "./minimize-common.js";
import type { ObjectiveFunctions } from "./objective-functions.js";
import type {
  MinimizeProblem,
  NewtonMinimizeOptions,
  NewtonMinimizeRecord,
  NewtonMinimizeState,
} from "./minimize-types.js";

/** Doublings of the shift before a Hessian counts as impossible to make positive definite. */
const maxShiftTrials = 200;

/**
 * Newton's method for minimisation with a line search: solve `(H_k + tau_k I) d_k = -grad f(x_k)` by
 * Cholesky, then `x_{k+1} = x_k + alpha_k d_k`.
 *
 * @remarks
 * `tau_k = 0` when the Hessian is positive definite; otherwise it is modified as in Nocedal and Wright's
 * Algorithm 3.3 (Cholesky with added multiple of the identity): start from `tau = -min_i h_ii + beta`
 * (or 0 when the diagonal is positive) and double it, at least to `beta = minimumShift`, until the
 * Cholesky factorisation succeeds. The state and record say so (`hessianModified`, `hessianShift`), and
 * `d_k` is then a descent direction. With `hessianModification: noModification()` the Hessian is used as
 * it is (`H_k d_k = -grad f` by LU): with `lineSearch: fixedStep(1)` that is pure Newton, which goes to
 * the nearest stationary point of the quadratic model, a saddle or maximum included. The step length comes
 * from the shared line search: Armijo backtracking from 1 (`c1 = 1e-4`) by default, or `fixedStep(1)`.
 *
 * Cost per iteration: one Hessian, one gradient, the line search's evaluations of `f` (one when the full
 * step is accepted), and an O(n^3) factorisation (written out on Float64Arrays up to 16 unknowns,
 * ml-matrix beyond). Convergence: quadratic near a minimiser with a positive definite Hessian, where the
 * full step is eventually always accepted; linear where the Hessian is singular at the minimiser (rate
 * 2/3 for `x^4`); one step on a strictly convex quadratic.
 *
 * Stopping: `||grad f||_inf <= absTolerance` (`|grad|`, checked at iteration 0 too), `||dx||_inf <=
 * stepAbsTolerance` (`||dx||`) or `|df| / |f| <= functionRelTolerance` (`|df|/|f|`); the two change tests
 * count only while `|grad| <= 1000 absTolerance` (see `confirmedBy`). Divergence: `f` or the gradient
 * not finite, `f` not finite at the line search's shortest step, the gradient norm beyond
 * `divergenceTolerance` times its initial value, or a Hessian that is not finite (or singular, unmodified).
 * When the line search cannot decrease `f` because the predicted decrease is below the rounding level of
 * `f`, the run ends `stalled` with the gradient norm reached; other line-search failures end
 * `stopRequested` with the search's message.
 *
 * @param options - Line search, tolerances, minimum shift, bound, divergence factor.
 * @returns The solver, to run with `solve`.
 * @throws `InvalidOptionError` for options outside their ranges; when run, `InvalidProblemError` for a
 *   malformed problem (a Hessian of the wrong shape is found at its first evaluation, in the first step).
 * @example
 * ```ts
 * const result = solve(newtonMinimize(), { f: "100 (y - x^2)^2 + (1 - x)^2", x0: [-1.2, 1] });
 * result.state.x; // within 1.4e-10 of (1, 1) after 21 iterations (gradient and Hessian derived by mathjs)
 * ```
 * @see J. Nocedal and S. J. Wright, Numerical Optimization, 2nd ed., Springer, 2006, sections 3.3 (rate)
 *   and 3.4 (Hessian modification, Algorithm 3.3).
 */
export function newtonMinimize(
  options: NewtonMinimizeOptions = {},
): Solver<MinimizeProblem, NewtonMinimizeState, NewtonMinimizeRecord, PreparedObjective<DenseWorkspace>> {
  const rules = {
    ...minimizeSchema,
    minimumShift: optional(numberAbove(0)),
    hessianModification: optional({
      expected: "modifiedCholesky() or noModification()",
      test: (value) =>
        value !== null && typeof value === "object" && ["modifiedCholesky", "none"].includes(kindOf(value)),
    }),
  } satisfies OptionSchemaOf<NewtonMinimizeOptions>;
  validateStrictOptions(options, rules, "newtonMinimize");
  const lineSearch = options.lineSearch ?? backtracking();
  const pure = (options.hessianModification ?? modifiedCholesky()).kind === "none";
  const stepAbsTolerance = options.stepAbsTolerance ?? 0;
  const absTolerance = options.absTolerance ?? 1e-8;
  const beta = options.minimumShift ?? 1e-3;
  return {
    name: pure ? `Newton minimize (${lineSearch.label}, unmodified Hessian)` : `Newton minimize (${lineSearch.label})`,
    maxIterations: options.maxIterations ?? 1000,
    convergence: minimizeConvergence<NewtonMinimizeState>(options),
    divergence: minimizeDivergence<NewtonMinimizeState>(options),
    prepare: (problem) => prepareObjective(problem, true, new DenseWorkspace()),
    init({ functions }) {
      const { x, f, gradient } = startOf(functions);
      return {
        x,
        f,
        gradient,
        gradientNorm: normInf(gradient),
        stepLength: 0,
        stepNorm: undefined,
        functionChange: undefined,
        hessianModified: false,
        hessianShift: 0,
        fEvaluations: 1,
        gradientEvaluations: 1,
        hessianEvaluations: 0,
      };
    },
    step({ functions, work }, state, context) {
      const n = functions.n;
      const hessian = resolvedHessian(functions);
      work.fit(n);
      const h = work.matrix;
      hessian.evaluate(state.x, state.f, h);
      let fEvaluations = state.fEvaluations + hessian.cost[0];
      let gradientEvaluations = state.gradientEvaluations + hessian.cost[1];
      let hessianEvaluations = state.hessianEvaluations + hessian.cost[2];
      if (!allFinite(h)) {
        context.control.diverge(`the Hessian is not finite at x = ${formatPoint(state.x)}`);
        return unchanged(state, fEvaluations, gradientEvaluations, hessianEvaluations);
      }
      const rightHandSide = work.rightHandSide;
      for (let i = 0; i < n; i++) rightHandSide[i] = -(state.gradient[i] as number);
      const direction = work.solution;
      const shift = pure
        ? solveLu(h, n, rightHandSide, direction, work)
          ? 0
          : Number.NaN
        : shiftedSolve(h, n, beta, rightHandSide, direction, work);
      if (Number.isNaN(shift)) {
        context.control.diverge(undefinedStep(pure, state.x, h, n, beta));
        return unchanged(state, fEvaluations, gradientEvaluations, hessianEvaluations);
      }
      // When no state escapes, the trial points go to scratch and the state is updated in place (below).
      const reuse = !context.statesEscape;
      const out = reuse ? work.trial : undefined;
      const { x, f, gradient: g } = state;
      const search = searchOrStep(lineSearch, functions, x, f, g, direction, stepAbsTolerance, out);
      const spent = searchCost(search, functions);
      fEvaluations += spent[0];
      gradientEvaluations += spent[1];
      hessianEvaluations += spent[2];
      if (search.failure !== undefined) {
        stopAfterFailedSearch(search, state.f, state.gradientNorm, absTolerance, context.control);
        return unchanged(state, fEvaluations, gradientEvaluations, hessianEvaluations);
      }
      if (reuse)
        return acceptInPlace(functions, state, search, shift, fEvaluations, gradientEvaluations, hessianEvaluations);
      let gradient = search.gradient;
      if (gradient === undefined) {
        gradient = new Float64Array(n);
        functions.gradient.evaluate(search.x, gradient);
        const cost = functions.gradient.cost;
        fEvaluations += cost[0];
        gradientEvaluations += cost[1];
        hessianEvaluations += cost[2];
      }
      return {
        x: search.x,
        f: search.f,
        gradient,
        gradientNorm: normInf(gradient),
        stepLength: search.step,
        stepNorm: stepNormOf(search.x, state.x),
        functionChange: functionChangeOf(search.f, state.f),
        hessianModified: shift > 0,
        hessianShift: shift,
        fEvaluations,
        gradientEvaluations,
        hessianEvaluations,
      };
    },
    record: ({
      x,
      f,
      gradientNorm,
      stepLength,
      stepNorm,
      hessianModified,
      hessianShift,
      fEvaluations,
      gradientEvaluations,
      hessianEvaluations,
    }) => ({
      x: new Float64Array(x),
      f,
      gradientNorm,
      stepLength,
      stepNorm,
      hessianModified,
      hessianShift,
      fEvaluations,
      gradientEvaluations,
      hessianEvaluations,
    }),
    // The record copies x (the in-place step overwrites the state's own array), so the default trace keeps no
    // state and lets `step` reuse it.
    recordKeepsNoState: true,
  };
}

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The accepted step written into the state's own arrays, which the run's `init` made: the same numbers as
 * the new state of `step`, evaluated in the same order; only while no state escapes the run.
 */
function acceptInPlace(
  functions: ObjectiveFunctions,
  state: NewtonMinimizeState,
  search: LineSearchResult,
  shift: number,
  fEvaluations: number,
  gradientEvaluations: number,
  hessianEvaluations: number,
): NewtonMinimizeState {
  const own = state as Writable<NewtonMinimizeState>;
  own.stepNorm = stepNormOf(search.x, state.x);
  own.functionChange = functionChangeOf(search.f, state.f);
  // Loops, not TypedArray.set: for a few entries the builtin call costs more than the copy.
  for (let i = 0; i < own.x.length; i++) own.x[i] = search.x[i] as number;
  if (search.gradient === undefined) {
    functions.gradient.evaluate(own.x, own.gradient);
    const cost = functions.gradient.cost;
    fEvaluations += cost[0];
    gradientEvaluations += cost[1];
    hessianEvaluations += cost[2];
  } else {
    const gradient = search.gradient;
    for (let i = 0; i < gradient.length; i++) own.gradient[i] = gradient[i] as number;
  }
  own.f = search.f;
  own.gradientNorm = normInf(own.gradient);
  own.stepLength = search.step;
  own.hessianModified = shift > 0;
  own.hessianShift = shift;
  own.fEvaluations = fEvaluations;
  own.gradientEvaluations = gradientEvaluations;
  own.hessianEvaluations = hessianEvaluations;
  return own;
}

/**
 * Nocedal & Wright, Algorithm 3.3: the smallest tau in {tau_0, 2 tau_0, ...} that makes `H + tau I` positive
 * definite, with `(H + tau I) d = b` solved into `direction`; NaN when `maxShiftTrials` doublings do not.
 */
function shiftedSolve(
  h: Float64Array,
  n: number,
  beta: number,
  rightHandSide: Float64Array,
  direction: Float64Array,
  work: DenseWorkspace,
): number {
  let shift = initialShift(h, n, beta);
  for (let trial = 1; !solveCholesky(h, n, shift, rightHandSide, direction, work); trial++) {
    if (trial >= maxShiftTrials) return Number.NaN;
    shift = Math.max(2 * shift, beta);
  }
  return shift;
}

/** tau_0: 0 when the diagonal is positive, else `beta - min_i h_ii`. */
function initialShift(h: Float64Array, n: number, beta: number): number {
  let smallestDiagonal = Infinity;
  for (let i = 0; i < n; i++) smallestDiagonal = Math.min(smallestDiagonal, h[i * n + i] as number);
  return smallestDiagonal > 0 ? 0 : beta - smallestDiagonal;
}

/** Why no Newton step exists at `x`: a singular Hessian (unmodified), or one no shift made positive definite. */
function undefinedStep(pure: boolean, x: Float64Array, h: Float64Array, n: number, beta: number): string {
  if (pure) return `the Hessian is singular at x = ${formatPoint(x)}: the Newton step is undefined`;
  return `the Hessian at x = ${formatPoint(x)} could not be made positive definite (shift up to ${largestShift(h, n, beta)})`;
}

/** The last shift `shiftedSolve` tried before giving up (for the message). */
function largestShift(h: Float64Array, n: number, beta: number): number {
  let shift = initialShift(h, n, beta);
  for (let trial = 1; trial < maxShiftTrials; trial++) shift = Math.max(2 * shift, beta);
  return shift;
}

/** A strategy object's `kind`, as a string. */
function kindOf(value: object): string {
  return String((value as { kind?: unknown }).kind);
}

/** A failed step: the point unchanged, the evaluations counted, no step measured (so no change test holds). */
function unchanged(
  state: NewtonMinimizeState,
  fEvaluations: number,
  gradientEvaluations: number,
  hessianEvaluations: number,
): NewtonMinimizeState {
  return {
    ...state,
    stepLength: 0,
    stepNorm: undefined,
    functionChange: undefined,
    fEvaluations,
    gradientEvaluations,
    hessianEvaluations,
  };
}

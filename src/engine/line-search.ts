import type { StepControl } from "./context.js";
import { formatNumber } from "./format-number.js";
import type { OptionSchemaOf } from "./validate.js";
import {
  integerAtLeast,
  numberAbove,
  numberBetween,
  optional,
  validateOptions,
  validateStrictOptions,
} from "./validate.js";

/** What a line search gets: the objective, the current point and a search direction. */
export interface LineSearchInput {
  /** The objective function. */
  readonly objective: (x: Float64Array) => number;
  /** The current point. */
  readonly x: Float64Array;
  /** The objective at `x`. */
  readonly f: number;
  /** The gradient at `x`. */
  readonly gradient: ArrayLike<number>;
  /** The search direction (a descent direction: `gradient . direction < 0`). */
  readonly direction: ArrayLike<number>;
  /**
   * Writes the gradient at a trial point into `out`; needed by searches that test the slope at their trials
   * ({@link LineSearch.usesGradient}, e.g. `strongWolfe()`), ignored by the others.
   */
  readonly gradientAt?: (x: Float64Array, out: Float64Array) => void;
  /**
   * Where to write the trial points, an array of `x`'s length that is not `x` itself: a search that honours
   * it (`fixedStep`, `backtracking`) returns it as the new point instead of a new array each trial, so a
   * solver whose states do not escape makes no arrays per step. Absent, every trial point is a new array.
   */
  readonly out?: Float64Array | undefined;
}

/** What a line search returns. */
export interface LineSearchResult {
  /** The accepted step length `alpha`; 0 when the search failed. */
  readonly step: number;
  /** The new point `x + alpha d` (a new array, or the input's `out`); `x` itself when the search failed. */
  readonly x: Float64Array;
  /** The objective at the new point. */
  readonly f: number;
  /** Objective evaluations spent. */
  readonly evaluations: number;
  /** Gradient evaluations spent (searches that use the gradient only; absent means none). */
  readonly gradientEvaluations?: number;
  /**
   * The gradient at the accepted point, when the search evaluated it (`strongWolfe()` does): the solver then
   * reuses it instead of evaluating it again.
   */
  readonly gradient?: Float64Array;
  /** Why the search failed, when it did. */
  readonly failure?: string;
  /**
   * For a failed search whose last (shortest) trial value of the objective was NaN or infinite: that
   * value. The solvers then stop as `diverged` (the objective is not finite arbitrarily close to the
   * current point), not as a line-search failure.
   */
  readonly nonFiniteValue?: number;
  /**
   * For a failed search of a descent direction: the decrease of `f` that the first-order model predicts
   * for the longest step tried, `-alpha_0 (grad f . d)`; see {@link roundingStall}.
   */
  readonly predictedDecrease?: number;
}

/**
 * Rounding units of `f` below which a predicted decrease counts as invisible: evaluating `f` rounds each
 * of its terms, so its computed value is only known to some multiple of `eps |f|` (`eps = 2^-52`).
 */
const roundingUnits = 1024;

/**
 * Tells a line search that failed because no decrease of `f` can be seen at rounding level from one that
 * failed for another reason: the decrease its longest step predicts, `-alpha_0 (grad f . d)`, is at most
 * 1024 rounding units of `f`, `1024 eps max(|f|, 1e-300)`. Near a minimiser whose gradient cannot be
 * driven lower in floating point (e.g. Newton's method on Freudenstein-Roth at f = 48.98425, where the
 * predicted decrease is 4e-16), no step length can lower `f` visibly; the run has stalled there, it has not
 * failed.
 *
 * @param search - The line search's result.
 * @param f - The objective at the current point.
 * @returns A phrase for the stop reason, e.g. `the predicted decrease 4.4e-16 is below the rounding level
 *   of f = 48.98425 (1.1e-11)`, or `undefined` when the search succeeded or failed for another reason.
 */
export function roundingStall(search: LineSearchResult, f: number): string | undefined {
  const predicted = search.predictedDecrease;
  if (search.failure === undefined || predicted === undefined) return undefined;
  const level = roundingUnits * Number.EPSILON * Math.max(Math.abs(f), 1e-300);
  if (!(predicted <= level)) return undefined;
  const what = `the predicted decrease ${formatNumber(predicted)}`;
  return `${what} is below the rounding level of f = ${formatNumber(f)} (${formatNumber(level)})`;
}

/**
 * A step-length strategy shared by the descent solvers (gradient descent, Newton, BFGS): chooses `alpha`
 * for `x + alpha d`. Its `label` names it in solver names and reports.
 */
export interface LineSearch {
  /** Chooses the step. */
  (input: LineSearchInput): LineSearchResult;
  /** A short description, e.g. `backtracking` or `fixed step 0.01`. */
  readonly label: string;
  /**
   * Whether it evaluates the gradient at its trials (through {@link LineSearchInput.gradientAt}), as
   * `strongWolfe()` does; absent means no. Solvers whose problems have no gradient along the search (Newton's
   * method for systems, on its merit function) refuse such a search.
   */
  readonly usesGradient?: boolean;
}

/**
 * A fixed step length: `x_{k+1} = x_k + length * d_k`, with no test of the objective. For gradient descent
 * on an L-smooth function, `length < 2 / L` converges; `2 / (L + mu)` is optimal on a quadratic.
 *
 * @param length - The step length, a finite number > 0.
 * @returns The strategy.
 * @throws {@link InvalidOptionError} for a length that is not a finite number > 0.
 */
export function fixedStep(length: number): LineSearch {
  validateOptions({ length }, { length: numberAbove(0) });
  const search = ({ objective, x, direction, out }: LineSearchInput): LineSearchResult => {
    const next = axpy(x, length, direction, out);
    return { step: length, x: next, f: objective(next), evaluations: 1 };
  };
  return Object.assign(search, { label: `fixed step ${formatNumber(length)}`, [fixedLength]: length });
}

/** The key under which `fixedStep` keeps its length: a symbol of this module, so no other search can claim it. */
const fixedLength = Symbol("fixedStep length");

/**
 * The length of a search made by {@link fixedStep}, `undefined` for any other: a solver may then take the
 * step itself (`x + length d`, `f` there, one evaluation, never a failure) without the search's objects.
 */
export function fixedStepLengthOf(search: LineSearch): number | undefined {
  return (search as LineSearch & { readonly [fixedLength]?: number })[fixedLength];
}

/** Options of {@link backtracking}. */
export interface BacktrackingOptions {
  /**
   * The first step tried, a finite number > 0 (1 is the natural step of Newton and quasi-Newton methods).
   * @defaultValue `1`
   */
  readonly initialStep?: number;
  /**
   * The factor the step is multiplied by after each rejection, in (0, 1).
   * @defaultValue `0.5`
   */
  readonly shrink?: number;
  /**
   * The sufficient-decrease constant of the Armijo condition, in (0, 1).
   * @defaultValue `1e-4`
   */
  readonly c1?: number;
  /**
   * The most step lengths tried, an integer >= 1.
   * @defaultValue `60`
   */
  readonly maxSteps?: number;
}

const backtrackingRules = {
  initialStep: optional(numberAbove(0)),
  shrink: optional(numberBetween(0, 1, "()")),
  c1: optional(numberBetween(0, 1, "()")),
  maxSteps: optional(integerAtLeast(1)),
} satisfies OptionSchemaOf<BacktrackingOptions>;

/**
 * Backtracking line search with the Armijo condition: tries `alpha = initialStep, shrink * initialStep,
 * ...` until `f(x + alpha d) <= f(x) + c1 alpha (grad f . d)`.
 *
 * @remarks Nocedal & Wright, Numerical Optimization (2nd ed.), Algorithm 3.1. A non-finite trial value is
 * rejected like an insufficient decrease, and so is a trial that does not lower `f` at all (at tiny steps
 * the Armijo bound rounds to `f(x)` and would accept standing still). It fails (with a message, never a NaN point) when `d` is not a
 * descent direction or `maxSteps` trials all fail, which near a minimum usually means rounding has made
 * further decrease invisible.
 * @param options - Initial step, shrink factor, Armijo constant and trial limit.
 * @returns The strategy.
 * @throws {@link InvalidOptionError} for options outside their ranges.
 * @see J. Nocedal and S. J. Wright, Numerical Optimization, 2nd ed., Springer, 2006, section 3.1.
 */
export function backtracking(options: BacktrackingOptions = {}): LineSearch {
  validateStrictOptions(options, backtrackingRules, "backtracking");
  const initialStep = options.initialStep ?? 1;
  const shrink = options.shrink ?? 0.5;
  const c1 = options.c1 ?? 1e-4;
  const maxSteps = options.maxSteps ?? 60;
  const search = ({ objective, x, f, gradient, direction, out }: LineSearchInput): LineSearchResult => {
    let slope = 0;
    for (let i = 0; i < x.length; i++) slope += (gradient[i] as number) * (direction[i] as number);
    if (!(slope < 0)) {
      return {
        step: 0,
        x,
        f,
        evaluations: 0,
        failure: `the direction is not a descent direction (grad . d = ${slope})`,
      };
    }
    let step = initialStep;
    let last = f;
    for (let trial = 1; trial <= maxSteps; trial++) {
      const candidate = axpy(x, step, direction, out);
      const value = objective(candidate);
      // `value < f` too: at tiny steps f + c1 alpha slope rounds to f, and Armijo alone would accept no progress.
      if (value <= f + c1 * step * slope && value < f) return { step, x: candidate, f: value, evaluations: trial };
      last = value;
      step *= shrink;
    }
    const shortest = (step / shrink).toExponential(1);
    // f finite at x but not at the shortest step: f is not finite arbitrarily near x (it turned NaN).
    if (!(last - last === 0)) {
      const failure = `f(x + alpha d) = ${last} at the shortest step length tried (alpha = ${shortest})`;
      return { step: 0, x, f, evaluations: maxSteps, failure, nonFiniteValue: last };
    }
    return {
      step: 0,
      x,
      f,
      evaluations: maxSteps,
      predictedDecrease: -initialStep * slope,
      failure: `no step length down to ${shortest} decreased f enough (Armijo, c1 = ${c1}) in ${maxSteps} trials`,
    };
  };
  return Object.assign(search, { label: "backtracking" });
}

/**
 * `x + alpha d`, written into `out` (a new array when none is given).
 *
 * @param x - The point.
 * @param alpha - The step length.
 * @param direction - The direction.
 * @param out - Where to write it, of `x`'s length (not `x` itself).
 * @returns The new point, `out`.
 */
export function axpy(
  x: Float64Array,
  alpha: number,
  direction: ArrayLike<number>,
  out: Float64Array = new Float64Array(x.length),
): Float64Array {
  const result = out;
  for (let i = 0; i < x.length; i++) result[i] = (x[i] as number) + alpha * (direction[i] as number);
  return result;
}

/**
 * Ends a step whose line search failed with the reason that says what happened: `diverged` when `f` was
 * NaN or infinite at the shortest step length tried; `stalled` when the failure is at rounding level (see
 * {@link roundingStall}), naming the gradient norm reached; otherwise `stopRequested` with the line
 * search's message. Shared by gradient descent, Newton minimisation and BFGS.
 *
 * @param search - The failed search.
 * @param f - The objective at the current point.
 * @param gradientNorm - `||grad f||_inf` at the current point.
 * @param gradientTolerance - The solver's gradient tolerance, for the message.
 * @param control - The step's control.
 */
export function stopAfterFailedSearch(
  search: LineSearchResult,
  f: number,
  gradientNorm: number,
  gradientTolerance: number,
  control: StepControl,
): void {
  if (search.nonFiniteValue !== undefined) {
    control.diverge(search.failure ?? `f(x + alpha d) = ${search.nonFiniteValue}`);
    return;
  }
  const stall = roundingStall(search, f);
  if (stall !== undefined) {
    const reached = `|grad| = ${formatNumber(gradientNorm)} > ${gradientTolerance} reached`;
    control.stall(`at rounding level, ${reached}: ${stall}, so no step can lower f`);
    return;
  }
  control.stop(`line search failed: ${search.failure ?? "no step accepted"}`);
}

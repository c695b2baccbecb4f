import type { LineSearch } from "../../src/index.js";

/** The prepared problem of {@link gradientDescent}: the problem, validated once, and its `x0` as a typed array. */
export interface PreparedGradientDescent {
  /** The problem as given. */
  readonly problem: DescentProblem;
  /** The starting point; each run starts from a copy. */
  readonly x0: Float64Array;
  /** `problem.f`, its result checked. */
  readonly objective: (x: Float64Array) => number;
  /** `problem.gradient` (or `problem.gradientInto`) into `out`, its result checked. */
  readonly gradientAt: (x: Float64Array, out: Float64Array) => void;
  /** What `gradientAt` calls: the in-place steps call it directly. */
  readonly gradients: {
    /** Writes the gradient at `x` into `out`, checked. */
    read(x: Float64Array, out: Float64Array): void;
  };
  /** Scratch for the search direction (no state holds it). */
  readonly direction: Float64Array;
  /** Scratch for the line search's trial points when states do not escape (no state holds it). */
  readonly trial: Float64Array;
}

/**
 * A smooth objective to minimise: `f`, its gradient, and a starting point.
 *
 * @remarks The point `x` handed to `f` and `gradient` is only theirs during the call: a run whose states
 * nobody keeps (no trace or the default trace, no hooks) writes its next points into the same arrays, so copy
 * `x` to keep it.
 */
export interface ObjectiveProblem {
  /** The objective `f: R^n -> R`. */
  readonly f: (x: Float64Array) => number;
  /** Its gradient, an array of length n. */
  readonly gradient: (x: Float64Array) => ArrayLike<number>;
  /** Absent: the gradient is returned by `gradient` (see {@link InPlaceObjectiveProblem} for the other form). */
  readonly gradientInto?: undefined;
  /** The starting point, n >= 1 finite numbers. */
  readonly x0: ArrayLike<number>;
}

/**
 * The objective of {@link ObjectiveProblem} with its gradient written in place, as Optim.jl's `g!(G, x)`: no
 * array per evaluation.
 *
 * @remarks `gradientInto(x, out)` writes `grad f(x)` into `out` (a `Float64Array` of `x`'s length) and
 * returns nothing (or `out`). It is checked as `gradient`'s result is: an entry left unwritten is an
 * `InvalidProblemError`; NaN or infinite entries end the run `diverged`; a function that returns an array
 * other than `out` has that array read as `gradient`'s would be (so one of the wrong length is the same
 * `InvalidProblemError`). A problem gives `gradient` or `gradientInto`, not both. Both `x` and `out` belong to
 * the function only during the call: keep neither.
 * @example
 * ```ts
 * const problem = {
 *   f: (x) => 0.5 * (x[0] ** 2 + 100 * x[1] ** 2),
 *   gradientInto: (x, out) => { out[0] = x[0]; out[1] = 100 * x[1]; },
 *   x0: [1, 1],
 * };
 * ```
 */
export interface InPlaceObjectiveProblem {
  /** The objective `f: R^n -> R`. */
  readonly f: (x: Float64Array) => number;
  /** Writes the gradient at `x` into `out` (length n); returns nothing or `out`. */
  readonly gradientInto: (x: Float64Array, out: Float64Array) => void;
  /** Absent: the gradient comes from `gradientInto`. */
  readonly gradient?: undefined;
  /** The starting point, n >= 1 finite numbers. */
  readonly x0: ArrayLike<number>;
}

/** What {@link gradientDescent} minimises: an objective whose gradient is returned, or written in place. */
export type DescentProblem = ObjectiveProblem | InPlaceObjectiveProblem;

/** Options of {@link gradientDescent}. */
export interface GradientDescentOptions {
  /**
   * How far to move along `-grad f`: `backtracking()` (Armijo), `strongWolfe()` (Armijo and the strong
   * curvature condition; `strongWolfe({ c2: 0.1 })` is the usual choice for steepest descent) or
   * `fixedStep(alpha)`.
   * @defaultValue `backtracking()`
   */
  readonly lineSearch?: LineSearch;
  /**
   * Stop when `||grad f(x_k)||_inf <= absTolerance`, a finite number >= 0 (checked at iteration 0 too).
   * @defaultValue `1e-8`
   */
  readonly absTolerance?: number;
  /**
   * The iteration bound, an integer >= 0.
   * @defaultValue `10000`
   */
  readonly maxIterations?: number;
  /**
   * Declare divergence when the gradient norm exceeds this factor times its initial value, a number >= 1.
   * @defaultValue `1e8`
   */
  readonly divergenceTolerance?: number;
}

/**
 * The state of {@link gradientDescent}: plain data. A step makes new arrays when states escape the run (a
 * caller's trace record, hooks, the caller's own tests, a step-through consumer); otherwise (no trace, or the
 * default trace) it writes the next point into the run's own state.
 */
export interface GradientDescentState {
  /** The current point `x_k`. */
  readonly x: Float64Array;
  /** `f(x_k)`. */
  readonly f: number;
  /** `grad f(x_k)`. */
  readonly gradient: Float64Array;
  /** `||grad f(x_k)||_inf`. */
  readonly gradientNorm: number;
  /** The step length `alpha_k` taken to reach `x_k` (0 at iteration 0). */
  readonly stepLength: number;
  /** Objective evaluations so far. */
  readonly fEvaluations: number;
  /** Gradient evaluations so far. */
  readonly gradientEvaluations: number;
}

/** The trace record of {@link gradientDescent}: new data, which later steps never change. */
export interface GradientDescentRecord {
  /** The point: a copy of the state's `x`, not the state's own array. */
  readonly x: Float64Array;
  /** The objective. */
  readonly f: number;
  /** The gradient's infinity norm. */
  readonly gradientNorm: number;
  /** The step length taken to get here. */
  readonly stepLength: number;
  /** Objective evaluations so far. */
  readonly fEvaluations: number;
  /** Gradient evaluations so far. */
  readonly gradientEvaluations: number;
}

import type { LineSearch } from "../../src/index.js";
import type { FiniteDifferences } from "./finite-differences.js";
import type { HessianModification } from "./hessian-modification.js";

/**
 * A smooth objective to minimise, for {@link newtonMinimize} and {@link bfgs}: `f`, optionally its
 * gradient and Hessian, and a starting point.
 *
 * @remarks `f` is a function of a Float64Array or an expression string in `variables`
 * (`"100 (y - x^2)^2 + (1 - x)^2"`). A gradient or Hessian left out is derived symbolically (the gradient
 * from `f`; the Hessian from `gradient` when it is expression strings, else from `f`); write
 * {@link finiteDifferences}`()` to approximate it instead (a Hessian by differences of the gradient when the
 * gradient is exact, by second differences of `f` otherwise). Matrices returned by functions may be n rows
 * of n numbers or n * n numbers in row-major order. The problems of `iterlab/solvers/gradient-descent` are
 * valid here too. The point `x` handed to the functions is only theirs during the call (a run without a
 * trace, or with the default trace, writes its next points into the same arrays): copy it to keep it.
 */
export interface MinimizeProblem {
  /** The objective `f: R^n -> R`: a function of a Float64Array, or an expression string. */
  readonly f: ((x: Float64Array) => number) | string;
  /**
   * The gradient: a function returning n numbers, n expression strings, or `finiteDifferences()`.
   * @defaultValue derived symbolically from `f`
   */
  readonly gradient?: ((x: Float64Array) => ArrayLike<number>) | readonly string[] | FiniteDifferences;
  /**
   * The Hessian (used by {@link newtonMinimize} only): a function returning an n x n matrix, n x n
   * expression strings, or `finiteDifferences()`. It is symmetrised as `(H + H^T) / 2`.
   * @defaultValue derived symbolically from `gradient` (expression strings) or `f`
   */
  readonly hessian?:
    | ((x: Float64Array) => ArrayLike<ArrayLike<number>> | ArrayLike<number>)
    | readonly (readonly string[])[]
    | FiniteDifferences;
  /** The starting point: n >= 1 finite numbers. */
  readonly x0: ArrayLike<number>;
  /**
   * The names of the unknowns in expression strings, one per entry of `x0`.
   * @defaultValue `x, y, z` for up to three unknowns, `x1, ..., xn` beyond
   */
  readonly variables?: readonly string[];
}

/** Options of {@link newtonMinimize}. */
export interface NewtonMinimizeOptions {
  /**
   * How far to move along the Newton direction: `backtracking()` (Armijo, c1 = 1e-4, first trial 1),
   * `strongWolfe()` (Armijo and the strong curvature condition, the slope read at each trial) or
   * `fixedStep(1)` (the full step; pure Newton together with `hessianModification: noModification()`).
   * @defaultValue `backtracking()`
   */
  readonly lineSearch?: LineSearch;
  /**
   * Converged when `||grad f(x_k)||_inf <= absTolerance` (reported as `|grad|`, checked at iteration
   * 0 too), a finite number >= 0.
   * @defaultValue `1e-8`
   */
  readonly absTolerance?: number;
  /**
   * Converged when `||x_k - x_{k-1}||_inf <= stepAbsTolerance` (reported as `||dx||`), a finite number >= 0.
   * @defaultValue `0` (only a step of exactly zero)
   */
  readonly stepAbsTolerance?: number;
  /**
   * Converged when `|f_k - f_{k-1}| / max(|f_k|, |f_{k-1}|) <= functionRelTolerance` (reported as
   * `|df|/|f|`), a finite number >= 0.
   * @defaultValue `0` (only no change at all)
   */
  readonly functionRelTolerance?: number;
  /**
   * The smallest multiple of the identity added to a Hessian that is not positive definite (`beta` in
   * Nocedal and Wright's Algorithm 3.3), a finite number > 0.
   * @defaultValue `1e-3`
   */
  readonly minimumShift?: number;
  /**
   * What to do with a Hessian that is not positive definite: `modifiedCholesky()` shifts it (a descent
   * direction always), `noModification()` uses it as it is (pure Newton, with `lineSearch: fixedStep(1)`).
   * @defaultValue `modifiedCholesky()`
   */
  readonly hessianModification?: HessianModification;
  /**
   * The iteration bound, an integer >= 0.
   * @defaultValue `1000`
   */
  readonly maxIterations?: number;
  /**
   * Declare divergence when the gradient norm exceeds this factor times its initial value, a number >= 1.
   * @defaultValue `1e8`
   */
  readonly divergenceTolerance?: number;
}

/**
 * The state of {@link newtonMinimize}: plain data. A step makes new arrays when states escape the run (a
 * caller's trace record, hooks, the caller's own tests, a step-through consumer); otherwise (no trace, or the
 * default trace) it writes the next point and gradient into the run's own state.
 */
export interface NewtonMinimizeState {
  /** The current point `x_k`. */
  readonly x: Float64Array;
  /** `f(x_k)`. */
  readonly f: number;
  /** `grad f(x_k)`. */
  readonly gradient: Float64Array;
  /** `||grad f(x_k)||_inf`. */
  readonly gradientNorm: number;
  /** The step length `alpha_k` that reached `x_k` (0 at iteration 0, and when the line search failed). */
  readonly stepLength: number;
  /** `||x_k - x_{k-1}||_inf`, read by the step test; `undefined` at iteration 0 and when no step was taken. */
  readonly stepNorm: number | undefined;
  /**
   * `|f_k - f_{k-1}| / max(|f_k|, |f_{k-1}|)` (0 when both are 0), read by the function-change test;
   * `undefined` at iteration 0 and when no step was taken.
   */
  readonly functionChange: number | undefined;
  /** Whether the Hessian at `x_{k-1}` was not positive definite and was shifted to get this step. */
  readonly hessianModified: boolean;
  /** The shift `tau` added to that Hessian's diagonal (0 when it was positive definite). */
  readonly hessianShift: number;
  /** Evaluations of `f` so far (line-search trials and finite differences included). */
  readonly fEvaluations: number;
  /** Evaluations of the gradient so far (given or symbolic). */
  readonly gradientEvaluations: number;
  /** Evaluations of the Hessian so far (given or symbolic). */
  readonly hessianEvaluations: number;
}

/**
 * The trace record of {@link newtonMinimize}: the state's numbers but the function change, and a copy of the
 * point (new data, which later steps never change).
 */
export interface NewtonMinimizeRecord {
  /** The point: a copy of the state's `x`, not the state's own array. */
  readonly x: Float64Array;
  /** The objective. */
  readonly f: number;
  /** The gradient's infinity norm. */
  readonly gradientNorm: number;
  /** The step length taken to get here. */
  readonly stepLength: number;
  /** `||x_k - x_{k-1}||_inf`; `undefined` at iteration 0 and when no step was taken. */
  readonly stepNorm: number | undefined;
  /** Whether the Hessian was modified for the step that got here. */
  readonly hessianModified: boolean;
  /** The shift added to the Hessian's diagonal for that step. */
  readonly hessianShift: number;
  /** Evaluations of `f` so far. */
  readonly fEvaluations: number;
  /** Evaluations of the gradient so far. */
  readonly gradientEvaluations: number;
  /** Evaluations of the Hessian so far. */
  readonly hessianEvaluations: number;
}

/** Options of {@link bfgs}. */
export interface BfgsOptions {
  /**
   * How far to move along the quasi-Newton direction: `backtracking()` (Armijo), or `strongWolfe()`, whose
   * accepted steps always have the curvature `s . y > 0` the update needs (SciPy's and Optim.jl's choice).
   * @defaultValue `backtracking()`
   */
  readonly lineSearch?: LineSearch;
  /**
   * Converged when `||grad f(x_k)||_inf <= absTolerance` (reported as `|grad|`, checked at iteration
   * 0 too), a finite number >= 0.
   * @defaultValue `1e-8`
   */
  readonly absTolerance?: number;
  /**
   * Converged when `||x_k - x_{k-1}||_inf <= stepAbsTolerance` (reported as `||dx||`), a finite number >= 0.
   * @defaultValue `0`
   */
  readonly stepAbsTolerance?: number;
  /**
   * Converged when `|f_k - f_{k-1}| / max(|f_k|, |f_{k-1}|) <= functionRelTolerance` (reported as
   * `|df|/|f|`), a finite number >= 0.
   * @defaultValue `0`
   */
  readonly functionRelTolerance?: number;
  /**
   * The iteration bound, an integer >= 0.
   * @defaultValue `1000`
   */
  readonly maxIterations?: number;
  /**
   * Declare divergence when the gradient norm exceeds this factor times its initial value, a number >= 1.
   * @defaultValue `1e8`
   */
  readonly divergenceTolerance?: number;
}

/** The state of {@link bfgs}: plain data; every step makes new arrays. */
export interface BfgsState {
  /** The current point `x_k`. */
  readonly x: Float64Array;
  /** `f(x_k)`. */
  readonly f: number;
  /** `grad f(x_k)`. */
  readonly gradient: Float64Array;
  /** `||grad f(x_k)||_inf`. */
  readonly gradientNorm: number;
  /** The inverse-Hessian approximation `H_k`, n x n row-major (the identity at iteration 0). */
  readonly inverseHessian: Float64Array;
  /** The step length `alpha_k` that reached `x_k` (0 at iteration 0, and when the line search failed). */
  readonly stepLength: number;
  /** `||x_k - x_{k-1}||_inf`, read by the step test; `undefined` at iteration 0 and when no step was taken. */
  readonly stepNorm: number | undefined;
  /**
   * `|f_k - f_{k-1}| / max(|f_k|, |f_{k-1}|)` (0 when both are 0), read by the function-change test;
   * `undefined` at iteration 0 and when no step was taken.
   */
  readonly functionChange: number | undefined;
  /** Whether the update of `H` was skipped at this step because the curvature `s . y` was not positive. */
  readonly updateSkipped: boolean;
  /** Evaluations of `f` so far (line-search trials and finite differences included). */
  readonly fEvaluations: number;
  /** Evaluations of the gradient so far (given or symbolic). */
  readonly gradientEvaluations: number;
}

/** The trace record of {@link bfgs}: new data. */
export interface BfgsRecord {
  /** The point: a copy of the state's `x`, not the state's own array. */
  readonly x: Float64Array;
  /** The objective. */
  readonly f: number;
  /** The gradient's infinity norm. */
  readonly gradientNorm: number;
  /** The step length taken to get here. */
  readonly stepLength: number;
  /** `||x_k - x_{k-1}||_inf`; `undefined` at iteration 0 and when no step was taken. */
  readonly stepNorm: number | undefined;
  /** Whether the update was skipped at this step. */
  readonly updateSkipped: boolean;
  /** Evaluations of `f` so far. */
  readonly fEvaluations: number;
  /** Evaluations of the gradient so far. */
  readonly gradientEvaluations: number;
}

import type { LineSearch } from "../../src/index.js";
import type { FiniteDifferences } from "./finite-differences.js";

/**
 * A system of n equations in n unknowns for {@link newtonSystem}: find `x` with `F(x) = 0`, starting from
 * `x0`.
 *
 * @remarks `f` is a function returning n numbers, or n expression strings in `variables`. A Jacobian left
 * out is derived symbolically from the expression strings; write {@link finiteDifferences}`()` to
 * approximate it instead. Matrices returned by functions may be n rows of n numbers or n * n numbers in
 * row-major order.
 */
export interface NewtonSystemProblem {
  /** `F: R^n -> R^n`: a function of a Float64Array returning n numbers, or n expression strings. */
  readonly f: ((x: Float64Array) => ArrayLike<number>) | readonly string[];
  /**
   * The Jacobian `J_ij = dF_i / dx_j`: a function returning an n x n matrix, n x n expression strings, or
   * `finiteDifferences()`.
   * @defaultValue derived symbolically from `f` (which must then be expression strings)
   */
  readonly jacobian?:
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

/** Options of {@link newtonSystem}. */
export interface NewtonSystemOptions {
  /**
   * How far to move along the Newton step `d`: `backtracking()` on the merit `||F||^2 / 2` (damped
   * Newton), or `fixedStep(1)` (pure Newton).
   * @defaultValue `backtracking()`
   */
  readonly lineSearch?: LineSearch;
  /**
   * Converged when `||F(x_k)||_inf <= absTolerance` (reported as `||F||`, checked at iteration 0
   * too), a finite number >= 0.
   * @defaultValue `0`
   */
  readonly absTolerance?: number;
  /**
   * Converged when `||x_k - x_{k-1}||_inf <= stepAbsTolerance` (reported as `||dx||`), a finite number >= 0.
   * A Newton step already this short is taken in full, without a line search: at that size `||F||` is at
   * rounding level and cannot judge a step.
   * @defaultValue `1e-12`
   */
  readonly stepAbsTolerance?: number;
  /**
   * Converged when `||x_k - x_{k-1}||_inf / ||x_k||_inf <= stepRelTolerance` (reported as
   * `||dx||/||x||`), a finite number >= 0.
   * @defaultValue `4 * Number.EPSILON`
   */
  readonly stepRelTolerance?: number;
  /**
   * The iteration bound, an integer >= 0.
   * @defaultValue `100`
   */
  readonly maxIterations?: number;
  /**
   * Declare divergence when `||F||` exceeds this factor times its initial value (possible with full
   * steps), a number >= 1.
   * @defaultValue `1e8`
   */
  readonly divergenceTolerance?: number;
}

/** The state of {@link newtonSystem}: plain data; every step makes new arrays. */
export interface NewtonSystemState {
  /** The current point `x_k`. */
  readonly x: Float64Array;
  /** `F(x_k)`. */
  readonly residual: Float64Array;
  /** `||F(x_k)||_inf`. */
  readonly residualNorm: number;
  /** The step length `alpha_k` along the Newton step that reached `x_k` (1 for a full step; 0 at iteration 0 and when no step was taken). */
  readonly stepLength: number;
  /** Evaluations of `F` so far (line-search trials and finite differences included). */
  readonly fEvaluations: number;
  /** Evaluations of the Jacobian so far (given or symbolic). */
  readonly jacobianEvaluations: number;
}

/** The trace record of {@link newtonSystem}: new data. */
export interface NewtonSystemRecord {
  /** The point: a copy of the state's `x`, not the state's own array. */
  readonly x: Float64Array;
  /** `||F(x)||_inf`. */
  readonly residualNorm: number;
  /** The step length taken to get here. */
  readonly stepLength: number;
  /** Evaluations of `F` so far. */
  readonly fEvaluations: number;
  /** Evaluations of the Jacobian so far. */
  readonly jacobianEvaluations: number;
}

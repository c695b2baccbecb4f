import type { LineSearch } from "../../src/index.js";

/** Options of {@link lbfgs}. */
export interface LbfgsOptions {
  /**
   * The number `m` of pairs `(s, y)` kept, an integer >= 1: each iteration costs about `4 m n` operations
   * and the memory holds `2 m n` numbers. 3 to 20 is the usual range (SciPy's L-BFGS-B uses 10).
   * @defaultValue `10`
   */
  readonly memory?: number;
  /**
   * How far to move along the quasi-Newton direction. The strong Wolfe conditions guarantee the curvature
   * `s . y > 0` the update needs; with `backtracking()` (Armijo only) an update whose curvature is not
   * positive is skipped.
   * @defaultValue `strongWolfe()` (`c1 = 1e-4`, `c2 = 0.9`)
   */
  readonly lineSearch?: LineSearch;
  /**
   * Converged when `||grad f(x_k)||_inf <= absTolerance` (reported as `|grad|`, checked at iteration 0 too),
   * a finite number >= 0; SciPy's `gtol` (`pgtol`) for an unbounded problem.
   * @defaultValue `1e-8`
   */
  readonly absTolerance?: number;
  /**
   * Converged when `||grad f(x_k)||_inf <= relTolerance ||grad f(x_0)||_inf` (reported as `|grad|/|grad0|`),
   * a finite number >= 0; 0 turns the test off.
   * @defaultValue `0`
   */
  readonly relTolerance?: number;
  /**
   * Converged when `||x_k - x_{k-1}||_inf <= stepAbsTolerance` (reported as `||dx||`), a finite number >= 0;
   * counts only while `|grad| <= 1000 absTolerance`, as for {@link bfgs}.
   * @defaultValue `0`
   */
  readonly stepAbsTolerance?: number;
  /**
   * Converged when `|f_k - f_{k-1}| / max(|f_k|, |f_{k-1}|) <= functionRelTolerance` (reported as
   * `|df|/|f|`), a finite number >= 0 (SciPy's `ftol`, with its `max(|f_k|, |f_{k-1}|, 1)` scale); counts
   * only while `|grad| <= 1000 absTolerance`.
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

/** One pair of the L-BFGS memory: never written after it is made, so states can share it. */
export interface LbfgsPair {
  /** The step `s_k = x_{k+1} - x_k`. */
  readonly s: Float64Array;
  /** The gradient change `y_k = grad f(x_{k+1}) - grad f(x_k)`. */
  readonly y: Float64Array;
  /** `1 / (s_k . y_k)`, > 0. */
  readonly rho: number;
  /** `y_k . y_k`, for the scaling `gamma = (s . y) / (y . y)` of the newest pair. */
  readonly yy: number;
}

/**
 * The state of {@link lbfgs}: plain data. Each step makes new `x` and gradient arrays and one new pair;
 * the other pairs are shared with the previous state (they are never written), so a step copies no memory
 * and a checkpoint holds the whole memory, which resumes the run exactly.
 */
export interface LbfgsState {
  /** The current point `x_k`. */
  readonly x: Float64Array;
  /** `f(x_k)`. */
  readonly f: number;
  /** `grad f(x_k)`. */
  readonly gradient: Float64Array;
  /** `||grad f(x_k)||_inf`. */
  readonly gradientNorm: number;
  /** `||grad f(x_0)||_inf`, the scale of the relative test. */
  readonly initialGradientNorm: number;
  /** `||grad f(x_k)||_inf / ||grad f(x_0)||_inf` (0 when the first gradient is 0), read by `relTolerance`. */
  readonly relativeGradientNorm: number;
  /** The last `m` pairs, oldest first (fewer at the start, after skipped updates and after a reset). */
  readonly pairs: readonly LbfgsPair[];
  /** The step length `alpha_k` that reached `x_k` (0 at iteration 0, and when the line search failed). */
  readonly stepLength: number;
  /** `||x_k - x_{k-1}||_inf`, read by the step test; `undefined` at iteration 0 and when no step was taken. */
  readonly stepNorm: number | undefined;
  /**
   * `|f_k - f_{k-1}| / max(|f_k|, |f_{k-1}|, 1)`, read by the function-change test; `undefined` at iteration
   * 0 and when no step was taken.
   */
  readonly functionChange: number | undefined;
  /** Whether this step's pair was left out of the memory because `s . y <= eps ||s||_2 ||y||_2`. */
  readonly updateSkipped: boolean;
  /** Whether the memory was emptied at this step because rounding made `-H g` an ascent direction. */
  readonly memoryReset: boolean;
  /** Evaluations of `f` so far (line-search trials and finite differences included). */
  readonly fEvaluations: number;
  /** Evaluations of the gradient so far (line-search trials included). */
  readonly gradientEvaluations: number;
}

/** The trace record of {@link lbfgs}: new data. */
export interface LbfgsRecord {
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
  /** The pairs in the memory after this step. */
  readonly pairsStored: number;
  /** Whether the update was skipped at this step. */
  readonly updateSkipped: boolean;
  /** Evaluations of `f` so far. */
  readonly fEvaluations: number;
  /** Evaluations of the gradient so far. */
  readonly gradientEvaluations: number;
}

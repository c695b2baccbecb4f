import type { HessianModification } from "./hessian-modification.js";
import type { LineSearch } from "../../src/index.js";

/**
 * The finite-difference strategy: put it where a derivative goes in a problem (`derivative`,
 * `secondDerivative`, `gradient`, `hessian`, `jacobian`) to have it approximated from the function by
 * central differences. Create it with {@link finiteDifferences}.
 */
export interface FiniteDifferences {
  /** Discriminant: tells the strategy apart from a given derivative (a function) or an expression string. */
  readonly kind: "finiteDifferences";
  /** `finite differences`, for tables and reports. */
  readonly label: string;
}

/**
 * A scalar root-finding problem for {@link newton}, {@link secant} and {@link halley}: find `x` with
 * `f(x) = 0`, starting from `x0`.
 *
 * @remarks Each function is given as a JavaScript function of one number or as a mathjs expression string
 * in `variable` (`"x^3 - 2x - 5"`). A derivative the problem leaves out is derived symbolically from the
 * expression string above it (f' from f, f'' from f' or f); write {@link finiteDifferences}`()` in its
 * place to approximate it instead. Expression strings are parsed, differentiated and compiled into plain
 * closures once per problem object, never in the solver's loop.
 */
export interface ScalarRootProblem {
  /** The function whose root is sought: `(x) => number`, or an expression string in `variable`. */
  readonly f: ((x: number) => number) | string;
  /**
   * `f'`: a function, an expression string, or `finiteDifferences()`. Used by Newton and Halley.
   * @defaultValue derived symbolically from `f` (which must then be an expression string)
   */
  readonly derivative?: ((x: number) => number) | string | FiniteDifferences;
  /**
   * `f''`: a function, an expression string, or `finiteDifferences()`. Used by Halley only.
   * @defaultValue derived symbolically from `derivative` when it is an expression string, else from `f`
   */
  readonly secondDerivative?: ((x: number) => number) | string | FiniteDifferences;
  /** The starting point, a finite number (inside `bracket` when one is given). */
  readonly x0: number;
  /**
   * A bracket `[a, b]` known to hold a root: finite `a < b` with `f(a)` and `f(b)` of opposite signs (or one
   * of them 0). With it, Newton, secant and Halley are safeguarded: a step that leaves the current bracket
   * or does not shrink fast enough (longer than half the step before the last) is replaced by bisection,
   * and the bracket shrinks with the sign of each new value, so the run cannot leave it or cycle. The same
   * problem then also suits {@link brent}, {@link bisection} and {@link itp}.
   * @defaultValue none: unsafeguarded steps
   */
  readonly bracket?: readonly [number, number];
  /**
   * The secant method's second starting point, a finite number other than `x0`. Ignored by Newton and
   * Halley.
   * @defaultValue `x0 + 1e-4 * max(1, |x0|)`
   */
  readonly x1?: number;
  /**
   * The name of the unknown in expression strings.
   * @defaultValue `"x"`
   */
  readonly variable?: string;
}

/** Options of {@link newton}, {@link secant} and {@link halley}: the stopping rules and the bound. */
export interface ScalarRootOptions {
  /**
   * Converged when `|f(x_k)| <= absTolerance` (reported as `|f|`, checked at iteration 0 too), a
   * finite number >= 0. 0 asks for an exact zero of the floating-point `f`.
   * @defaultValue `0`
   */
  readonly absTolerance?: number;
  /**
   * Converged when `|x_k - x_{k-1}| <= stepAbsTolerance` (reported as `|dx|`), a finite number >= 0. With a
   * superlinear method the error is then far below the step.
   * @defaultValue `1e-12`
   */
  readonly stepAbsTolerance?: number;
  /**
   * Converged when `|x_k - x_{k-1}| / max(|x_k|, |x_{k-1}|) <= stepRelTolerance` (reported as
   * `|dx|/|x|`), a finite number >= 0: the test that ends runs on large roots, where a step of one unit in
   * the last place exceeds `stepAbsTolerance`.
   * @defaultValue `4 * Number.EPSILON` (about 8.9e-16)
   */
  readonly stepRelTolerance?: number;
  /**
   * The iteration bound, an integer >= 0.
   * @defaultValue `100`
   */
  readonly maxIterations?: number;
  /**
   * Declare divergence when a step exceeds this factor times the first step, a number >= 1.
   * @defaultValue `1e6`
   */
  readonly divergenceTolerance?: number;
}

/**
 * The state of {@link newton}, {@link secant} and {@link halley}: plain numbers, one shape for all three so
 * their runs compare column by column.
 */
export interface ScalarRootState {
  /** The current iterate `x_k`. */
  readonly x: number;
  /** `f(x_k)`. */
  readonly fx: number;
  /** The last step `x_k - x_{k-1}`; `undefined` at iteration 0. */
  readonly step: number | undefined;
  /**
   * The previous iterate `x_{k-1}` (the secant's other point). At iteration 0: the secant's second
   * starting point `x1`, and `x0` itself for Newton and Halley.
   */
  readonly previousX: number;
  /** `f(previousX)`. */
  readonly previousFx: number;
  /** Evaluations of `f` so far (finite differences included). */
  readonly fEvaluations: number;
  /** Evaluations of `f'` so far (given or symbolic; finite differences count as evaluations of what they difference). */
  readonly derivativeEvaluations: number;
  /** Evaluations of `f''` so far. */
  readonly secondDerivativeEvaluations: number;
  /**
   * The bracket the run keeps when the problem gives one (`undefined` without): it always holds a root
   * and never widens.
   */
  readonly bracket: ScalarBracket | undefined;
  /**
   * When the iterates sit at rounding level next to a root, the distance in units in the last place
   * between the two points they cannot get past: the two points of a period-2 cycle `x_{k+1} = x_{k-1}`,
   * or the ends of a bracket with no floating-point number inside. `undefined` otherwise. The run
   * converges (test `2-cycle (ulps)`) when it is at most 4.
   */
  readonly roundingCycle: number | undefined;
}

/** The bracket of a safeguarded Newton, secant or Halley run. */
export interface ScalarBracket {
  /** The lower end `a_k`. */
  readonly lower: number;
  /** The upper end `b_k`; `f(lower)` and `f(upper)` have opposite signs (or one is 0). */
  readonly upper: number;
  /** `f(lower)`. */
  readonly fLower: number;
  /** `f(upper)`. */
  readonly fUpper: number;
  /**
   * The length of the step before the last (the bracket's width at iteration 0): a method step must be
   * shorter than half of it, or bisection is taken instead.
   */
  readonly stepBefore: number;
  /** How many steps so far were bisection steps (the safeguard's fallbacks). */
  readonly bisections: number;
}

/** The trace record of the scalar root finders: the state itself (small and immutable). */
export type ScalarRootRecord = ScalarRootState;

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

/** The trace record of {@link newtonSystem}. */
export interface NewtonSystemRecord {
  /** The point. */
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
 * valid here too. The point `x` handed to the functions is only theirs during the call (a quiet run writes
 * its next points into the same arrays): copy it to keep it.
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

/** The state of {@link newtonMinimize}: plain data; every step makes new arrays. */
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

/** The trace record of {@link newtonMinimize}: everything in the state but the gradient vector. */
export interface NewtonMinimizeRecord {
  /** The point. */
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

/** The trace record of {@link bfgs}. */
export interface BfgsRecord {
  /** The point. */
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

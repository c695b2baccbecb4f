import type { FiniteDifferences } from "./finite-differences.js";

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

/** The trace record of the scalar root finders: the state's fields in a new object (its `bracket` a copy). */
export type ScalarRootRecord = ScalarRootState;

/**
 * A scalar equation `f(x) = 0` with a bracket for {@link bisection}, {@link brent} and {@link itp}: an
 * interval `[a, b]` on whose ends `f` takes opposite signs, so it holds a root of a continuous `f`.
 */
export interface BracketingProblem {
  /** The function whose root is sought: `(x) => number`, or an expression string in `variable`. */
  readonly f: ((x: number) => number) | string;
  /** `[a, b]`: finite numbers `a < b` with `f(a)` and `f(b)` finite and of opposite signs (or one of them 0). */
  readonly bracket: readonly [number, number];
  /**
   * The name of the unknown in expression strings.
   * @defaultValue `"x"`
   */
  readonly variable?: string;
}

/** Options of {@link bisection} and {@link brent}: the stopping rules and the bound. */
export interface BracketingOptions {
  /**
   * Converged when the bracket is this narrow: `b_k - a_k <= stepAbsTolerance` (reported as `bracket width`),
   * a finite number > 0 (SciPy's `xtol`; the root is then known to within it).
   * @defaultValue `2e-12` (SciPy's)
   */
  readonly stepAbsTolerance?: number;
  /**
   * Converged when `(b_k - a_k) / |x_k| <= stepRelTolerance` (reported as `width/|x|`), a finite number
   * >= 0 (SciPy's `rtol`): the test that ends runs on large roots.
   * @defaultValue `4 * Number.EPSILON` (about 8.9e-16, SciPy's)
   */
  readonly stepRelTolerance?: number;
  /**
   * Converged when `|f(x_k)| <= absTolerance` (reported as `|f|`, checked at iteration 0 too), a finite
   * number >= 0. 0 asks for an exact zero of the floating-point `f`.
   * @defaultValue `0`
   */
  readonly absTolerance?: number;
  /**
   * The iteration bound (one iteration is one evaluation of `f`), an integer >= 0.
   * @defaultValue `100` (SciPy's)
   */
  readonly maxIterations?: number;
}

/** Options of {@link itp}: those of {@link bisection} and ITP's three parameters. */
export interface ItpOptions extends BracketingOptions {
  /**
   * ITP's truncation scale `kappa_1`, a finite number > 0: the step from the regula falsi point towards the
   * midpoint is `kappa_1 (b - a)^kappa_2`.
   * @defaultValue `0.2 / (b - a)` of the problem's bracket
   */
  readonly k1?: number;
  /**
   * ITP's truncation exponent `kappa_2`, in `[1, 1 + phi)` (phi the golden ratio); the order of convergence
   * is `sqrt(kappa_2)` for a simple root.
   * @defaultValue `2`
   */
  readonly k2?: number;
  /**
   * ITP's slack `n_0`, an integer >= 0: ITP never needs more than `n_{1/2} + n_0` iterations, `n_{1/2} =
   * ceil(log2((b - a) / stepAbsTolerance))` those of bisection.
   * @defaultValue `1`
   */
  readonly n0?: number;
}

/**
 * The state of the bracketing methods: the bracket, which always holds a root and never widens, and the
 * best point so far. One shape for all three (and `x`, `fx` as the scalar root finders have them), so runs
 * compare column by column with Newton's.
 */
export interface BracketingState {
  /**
   * The estimate of the root: the last point evaluated (bisection, ITP) or the bracket end with the smaller
   * `|f|` (Brent).
   */
  readonly x: number;
  /** `f(x)`. */
  readonly fx: number;
  /** The bracket's left end `a_k`. */
  readonly lower: number;
  /** The bracket's right end `b_k`; `f(lower)` and `f(upper)` have opposite signs (or one is 0). */
  readonly upper: number;
  /** `f(lower)`. */
  readonly fLower: number;
  /** `f(upper)`. */
  readonly fUpper: number;
  /** `upper - lower`. */
  readonly width: number;
  /** Evaluations of `f` so far (the two bracket ends included). */
  readonly fEvaluations: number;
  /**
   * The method's guaranteed iteration bound for this bracket and `stepAbsTolerance`: `ceil(log2((b - a) /
   * stepAbsTolerance))` for bisection, that plus `n0` for ITP, its square for Brent.
   */
  readonly iterationBound: number;
  /** Brent's method's memory (the previous point and steps); `undefined` for bisection and ITP. */
  readonly brent: BrentMemory | undefined;
}

/** What Brent's method carries from one iteration to the next (names of SciPy's `brentq`). */
export interface BrentMemory {
  /** The previous estimate (SciPy's `xpre`). */
  readonly xPrevious: number;
  /** `f(xPrevious)`. */
  readonly fPrevious: number;
  /** The step before the last (SciPy's `spre`): an interpolation step must be under half of it. */
  readonly stepBefore: number;
  /** The last step proposed (SciPy's `scur`). */
  readonly stepLast: number;
}

/** The trace record of the bracketing methods: the state without Brent's memory. */
export type BracketingRecord = Omit<BracketingState, "brent">;

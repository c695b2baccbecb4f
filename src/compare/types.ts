import type { SolveOptions, Solver } from "../engine/solver.js";

/**
 * How far a state is from the answer: a named function of a solver's state (and the problem) returning an
 * error `>= 0`, the quantity {@link compare} tracks per iteration and estimates rates from.
 *
 * @remarks Build one with {@link distanceTo}, {@link residualNorm}, {@link gradientNorm},
 * {@link objectiveGap}, {@link logLikelihoodGap}, or {@link errorMeasure} for your own. The measure runs on
 * every iteration's state inside the run (as its trace record), so it must be cheap next to a step and
 * must not keep the state: it returns a number.
 *
 * @typeParam S - The state type it reads (any state with these fields will do).
 * @typeParam P - The problem type it reads, if any.
 */
export interface ErrorMeasure<S, P = unknown> {
  /** A short name for tables and axis titles, e.g. `|x - x*|` or `||grad f||`. */
  readonly name: string;
  /** The error of one state: a number `>= 0` (`Infinity` is allowed, `NaN` is an error). */
  readonly measure: (state: S, problem: P) => number;
  /**
   * Errors at or below this level are rounding noise and are left out of rate and order estimates (see
   * `estimateOrder`'s `floor`), a finite number >= 0. {@link compare} also leaves out errors at or below
   * `1e-14` times a run's first error, whatever this floor.
   * @defaultValue `0`
   */
  readonly floor?: number | undefined;
  /**
   * The tolerances {@link compare} reports iterations and time to when its own `tolerances` is not given:
   * finite numbers > 0.
   * @defaultValue chosen from the errors the runs reached (see {@link CompareOptions.tolerances})
   */
  readonly tolerances?: readonly number[] | undefined;
}

/**
 * A cost counted along a run, read from each state (function or gradient evaluations, matrix-vector
 * products, distance computations): {@link compare} records it beside the error so that charts can plot
 * the error against it (`comparisonChartSpec(comparison, { x: "cost" })`).
 *
 * @typeParam S - The state type it reads.
 */
export interface CostMeasure<S> {
  /** The axis title, e.g. `gradient evaluations`. */
  readonly name: string;
  /** The cost spent up to this state, a finite number >= 0 that never decreases. */
  readonly measure: (state: S) => number;
}

/** A state with an iterate `x` (root finders, minimisers, linear solvers), read by {@link distanceTo}. */
export interface StateWithX {
  /** The iterate: a number or a vector. */
  readonly x: number | ArrayLike<number>;
}

/** A state with a residual, read by {@link residualNorm}: `residualNorm` or, for scalar root finders, `fx`. */
export type StateWithResidual = StateWithResidualNorm | StateWithFx;

/** A state with a residual norm (linear solvers, Newton for systems). */
export interface StateWithResidualNorm {
  /** The residual norm. */
  readonly residualNorm: number;
}

/** A scalar root finder's state. */
export interface StateWithFx {
  /** `f(x_k)`. */
  readonly fx: number;
}

/** A linear solver's state, read by {@link relativeResidual}. */
export interface StateWithRelativeResidual {
  /** `||b - A x|| / ||b||`. */
  readonly relativeResidual: number;
}

/** A minimiser's state, read by {@link gradientNorm}. */
export interface StateWithGradientNorm {
  /** The gradient's norm. */
  readonly gradientNorm: number;
}

/** A minimiser's state, read by {@link objectiveGap}. */
export interface StateWithObjective {
  /** The objective `f(x_k)`. */
  readonly f: number;
}

/** An EM state, read by {@link logLikelihoodGap}. */
export interface StateWithLogLikelihood {
  /** The log-likelihood. */
  readonly logLikelihood: number;
}

/**
 * One contestant of a {@link compare}: a labelled solver with its run options. One solver with several
 * option sets is several methods with different labels.
 *
 * @typeParam P - The problem type.
 * @typeParam S - The state type the comparison's error measure reads; the solver's state must have it.
 */
export interface CompareMethod<P, S> {
  /** The row label, unique within a comparison, e.g. `SOR (w = 1.9)`. */
  readonly label: string;
  /** The configured solver. */
  readonly solver: Solver<P, S, unknown, unknown>;
  /**
   * Run options for this method (bounds, convergence test, time limit, hooks). `trace` and `seed` are set
   * by {@link compare} and `resumeFrom` is ignored: every run starts afresh.
   * @defaultValue the solver's defaults
   */
  readonly options?: SolveOptions<S, unknown> | undefined;
  /**
   * The options the solver was built with (`sor({ relaxation: 1.9 })` keeps them in closures), as JSON-able
   * data, so that {@link describeCompareOptions} and reports can show every option used.
   * @defaultValue none
   */
  readonly settings?: unknown;
}

/**
 * Options of {@link compare} and {@link compareAsync}.
 *
 * @typeParam P - The problem type.
 * @typeParam S - The state type the error measure reads.
 */
export interface CompareOptions<P, S> {
  /**
   * The problem every method runs on, or a function of the seed that builds it (random problems: one per
   * seed, shared by all methods).
   */
  readonly problem: P | ((seed: number) => P);
  /** The methods, at least one, with distinct labels. */
  readonly methods: readonly CompareMethod<P, S>[];
  /** The error measured at every iteration of every run. */
  readonly error: ErrorMeasure<S, P>;
  /**
   * The tolerances to report iterations and time to: finite numbers > 0, any order (reported as given).
   * @defaultValue the error measure's `tolerances`, else chosen from the errors the runs reached: up to four
   * powers of ten, evenly spaced from the decade below the largest initial error down to the smallest error
   * that most methods reached (never below ten times the rounding floor), so that every column is reached by
   * most methods
   */
  readonly tolerances?: readonly number[] | undefined;
  /**
   * The seeds: each method runs once per seed (integers in [0, 2^32 - 1]); rows then show medians and spreads.
   * @defaultValue `[0]`
   */
  readonly seeds?: readonly number[] | undefined;
  /**
   * The iteration bound of every method whose own options do not set one, an integer >= 0.
   * @defaultValue each solver's default
   */
  readonly maxIterations?: number | undefined;
  /**
   * Errors at or below this level are left out of rate and order estimates, a finite number >= 0; so are
   * errors at or below `1e-14` times a run's first error, whatever this floor.
   * @defaultValue the error measure's `floor`, else `0`
   */
  readonly floor?: number | undefined;
  /**
   * Untimed runs of each method before the measured ones (on the first seed's problem), an integer >= 0:
   * the first run of a method in a process also pays for compiling its code, which distorts times of
   * short runs (SOR's 60 iterations on a 15 x 15 Poisson grid took tens of milliseconds on a first run and
   * 0.2 to 0.4 ms after one, on a loaded two-core machine). Iteration counts do not change. With `0`,
   * tables say that the times include compilation.
   * @defaultValue `1`
   */
  readonly warmup?: number | undefined;
  /**
   * A cost to record at every iteration beside the error (evaluations, products), for charts against it.
   * @defaultValue none
   */
  readonly cost?: CostMeasure<S> | undefined;
}

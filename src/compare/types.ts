import type { SolveOptions, Solver } from "../engine/solver.js";
import type { StopReason } from "../engine/stop-reason.js";

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

/**
 * A fitted rate or order with the evidence behind it. The value is reported (in `rate` or `order`) only
 * when `reason` is `undefined`.
 */
export interface FitEvidence {
  /** The fitted value, trusted or not; `undefined` when there was nothing to fit. */
  readonly value: number | undefined;
  /** How many errors the fit used. */
  readonly points: number;
  /** The fit's coefficient of determination R^2 (1 for a perfect fit); `undefined` when there was no fit. */
  readonly rSquared: number | undefined;
  /** Why the value is not to be trusted, in words; `undefined` when it is. */
  readonly reason: string | undefined;
}

/** How a row's rate or order was obtained from its seeds' fits. */
export interface RowFit {
  /** How many seeds gave a trusted value (the row's value is their median). */
  readonly seeds: number;
  /** Why no seed gave a trusted value (the first seed's reason); `undefined` when one did. */
  readonly reason: string | undefined;
}

/** The mean and spread of one quantity over a comparison's seeds. */
export interface Spread {
  /** The mean. */
  readonly mean: number;
  /** The sample standard deviation (0 for one seed). */
  readonly sd: number;
  /** The smallest value. */
  readonly min: number;
  /** The largest value. */
  readonly max: number;
}

/** The spread over seeds of a {@link ComparisonRow}'s iterations and final error. */
export interface SeedSpread {
  /** Of the iterations run. */
  readonly iterations: Spread;
  /** Of the final error. */
  readonly finalError: Spread;
}

/** How one run of one method ended, as a kind and a sentence. */
export interface ComparisonStop {
  /** The stop reason's kind, e.g. `converged` or `maxIterations`. */
  readonly kind: StopReason["kind"];
  /** The stop reason as a sentence (see `describeStopReason`). */
  readonly text: string;
}

/** One run (one method, one seed) of a comparison. */
export interface ComparisonRun {
  /** The seed. */
  readonly seed: number;
  /** Completed iterations. */
  readonly iterations: number;
  /** Whether the run's convergence test held. */
  readonly converged: boolean;
  /** Why it stopped. */
  readonly stopReason: ComparisonStop;
  /** The error of the final state. */
  readonly finalError: number;
  /** Milliseconds the run took. */
  readonly elapsedMs: number;
  /** Per tolerance: the first iteration whose error is at or below it; `undefined` when never reached. */
  readonly iterationsTo: readonly (number | undefined)[];
  /** Per tolerance: milliseconds from the start to that iteration; `undefined` when never reached. */
  readonly timeToMs: readonly (number | undefined)[];
  /** The fitted linear rate rho when the fit is trusted (see `rateFit`); else `undefined`. */
  readonly rate: number | undefined;
  /** The fitted order q when the fit is trusted (see `orderFit`); else `undefined`. */
  readonly order: number | undefined;
  /** The rate's fit: value, errors used, R^2, and why it is not trusted. */
  readonly rateFit: FitEvidence;
  /** The order's fit: value, errors used, R^2, and why it is not trusted. */
  readonly orderFit: FitEvidence;
}

/** One method's row of a {@link Comparison}: over all seeds when there are several. */
export interface ComparisonRow {
  /** The method's label. */
  readonly label: string;
  /** The solver's own name. */
  readonly solver: string;
  /**
   * Per tolerance: the iterations to reach it, exact for one seed; with several, the median over the seeds
   * that reached it (see `reachedBy`); `undefined` when no seed did.
   */
  readonly iterationsTo: readonly (number | undefined)[];
  /** Per tolerance: how many of the seeds reached it. */
  readonly reachedBy: readonly number[];
  /** Per tolerance: milliseconds to reach it (the median over the seeds that did); `undefined` when none did. */
  readonly timeToMs: readonly (number | undefined)[];
  /** The final error (the mean over seeds). */
  readonly finalError: number;
  /** How the first seed's run stopped. */
  readonly stopReason: ComparisonStop;
  /** Whether every seed's run converged. */
  readonly converged: boolean;
  /** Completed iterations (the mean over seeds). */
  readonly iterations: number;
  /** Milliseconds per iteration: total time over total iterations (`undefined` for 0 iterations). */
  readonly timePerIterationMs: number | undefined;
  /**
   * The linear rate rho, `e_{k+1} ~ rho e_k`, fitted on the tail of log error against iteration: the factor
   * the error shrinks by per iteration (the median over the seeds whose fit is trusted); `undefined` when
   * no seed's fit is trusted (`rateFit.reason` says why).
   */
  readonly rate: number | undefined;
  /**
   * The order q fitted on successive errors: ~1 linear, ~1.6 secant, 2 Newton (the median over the seeds
   * whose fit is trusted); `undefined` when none is (`orderFit.reason` says why).
   */
  readonly order: number | undefined;
  /** How the rate was obtained, or why there is none. */
  readonly rateFit: RowFit;
  /** How the order was obtained, or why there is none. */
  readonly orderFit: RowFit;
  /** How many seeds ran. */
  readonly seeds: number;
  /** With two or more seeds: the spread of iterations and of the final error; `undefined` for one seed. */
  readonly spread: SeedSpread | undefined;
  /** Each seed's run. */
  readonly runs: readonly ComparisonRun[];
}

/** One method's error curve on one seed: three arrays of equal length, iteration 0 first. */
export interface ComparisonSeries {
  /** The method's label. */
  readonly label: string;
  /** The seed. */
  readonly seed: number;
  /** The iterations. */
  readonly iteration: readonly number[];
  /** Milliseconds from the start of the run at each iteration. */
  readonly timeMs: readonly number[];
  /** The error at each iteration. */
  readonly error: readonly number[];
  /** The cost at each iteration, when the comparison has a `cost` measure. */
  readonly cost?: readonly number[] | undefined;
}

/** What {@link compare} returns: a table (rows) and the curves behind it (series). Plain, JSON-able data. */
export interface Comparison {
  /** The error measure's name. */
  readonly errorName: string;
  /** The tolerances, in the order given (or chosen). */
  readonly tolerances: readonly number[];
  /**
   * Where the tolerances came from: the options, the error measure, or chosen from the errors the runs
   * reached.
   */
  readonly tolerancesFrom: "options" | "measure" | "errors";
  /** Untimed warm-up runs per method before the timed ones (0: the times include one-off compilation). */
  readonly warmup: number;
  /** The cost measure's name, when the comparison recorded one. */
  readonly costName?: string | undefined;
  /** The seeds. */
  readonly seeds: readonly number[];
  /** One row per method, in the order given. */
  readonly rows: readonly ComparisonRow[];
  /** One curve per method and seed. */
  readonly series: readonly ComparisonSeries[];
}

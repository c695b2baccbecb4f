import type { StopReason } from "../engine/stop-reason.js";

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

import type { Solver } from "../../index.js";

/**
 * One problem of a study: a name, the problem as its solvers take it (or a function of the seed that builds
 * it), and its known solution where one exists. Problem collections are arrays of these.
 *
 * @typeParam P - The problem type.
 */
export interface StudyProblem<P = unknown> {
  /** The problem's name, unique within the study, e.g. `rosenbrock`. */
  readonly name: string;
  /** The problem, or a function of the run's seed that builds it (random problems). */
  readonly problem: P | ((seed: number) => P);
  /**
   * The known solution: a number or a vector (the error measure {@link distanceToSolution} reads it), or
   * any data your own error measure reads.
   * @defaultValue unknown
   */
  readonly solution?: unknown;
}

/** JSON data: what a study's option grids, run keys and database rows hold. */
export type StudyValue =
  | null
  | boolean
  | number
  | string
  | readonly StudyValue[]
  | { readonly [key: string]: StudyValue };

/**
 * One method of a study: a solver factory and a grid of its options. Every combination of the grid's
 * values is one configuration, run on every problem with every seed.
 *
 * @typeParam P - The problem type.
 */
export interface StudyMethod<P = unknown> {
  /** The method's name, unique within the study, e.g. `bfgs`. */
  readonly name: string;
  /**
   * Builds the solver from one configuration's options (e.g. `(options) => bfgs(options)`), in whichever
   * process runs the run.
   */
  readonly solver: (options: Readonly<Record<string, StudyValue>>) => Solver<P, unknown, unknown, unknown>;
  /**
   * The option grid: each name's values (JSON data), crossed with every other name's, e.g.
   * `{ absTolerance: [1e-6, 1e-8] }`; options passed to every configuration are one-value lists.
   * @defaultValue `{}` (one configuration, the factory's defaults)
   */
  readonly grid?: Readonly<Record<string, readonly StudyValue[]>> | undefined;
}

/**
 * How far a run's state is from the answer: {@link distanceToSolution} by default.
 *
 * @typeParam P - The problem type.
 */
export interface StudyErrorMeasure<P = unknown> {
  /** The name shown on axes and in tables, e.g. `||x - x*||`. */
  readonly name: string;
  /**
   * The error of a state for a problem entry: a number `>= 0`, `Infinity`, or `undefined` where it cannot be
   * measured (no known solution).
   */
  readonly measure: (state: unknown, entry: StudyProblem<P>) => number | undefined;
}

/**
 * A study: methods (with option grids) x problems x seeds, each combination one ordinary `solve` run.
 * Build it in code with {@link defineStudy} or write it as a JSON/YAML study file ({@link loadStudyFile}).
 *
 * @typeParam P - The problem type.
 */
export interface StudyDefinition<P = unknown> {
  /** The study's name, e.g. `minimisers on MGH`. */
  readonly name: string;
  /** The methods, at least one, with distinct names. */
  readonly methods: readonly StudyMethod<P>[];
  /** The problems, at least one, with distinct names. */
  readonly problems: readonly StudyProblem<P>[];
  /**
   * The seeds: a count `n` (seeds `0 .. n-1`) or a list of integers in [0, 2^32 - 1].
   * @defaultValue `1` (seed 0)
   */
  readonly seeds?: number | readonly number[] | undefined;
  /**
   * The error measure recorded along each run.
   * @defaultValue {@link distanceToSolution}
   */
  readonly error?: StudyErrorMeasure<P> | undefined;
  /**
   * The iteration bound of every run, an integer >= 0.
   * @defaultValue each solver's own
   */
  readonly maxIterations?: number | undefined;
  /**
   * The time limit of every run in milliseconds, a number > 0 (stops with `timeLimit`, so runs stay
   * reproducible in their iterations only without it).
   * @defaultValue none
   */
  readonly timeLimitMs?: number | undefined;
  /**
   * The error trace kept per run: at most this many points, evenly spaced in the iteration (the stride doubles
   * as a run grows), an integer >= 2.
   * @defaultValue `64`
   */
  readonly traceLength?: number | undefined;
  /**
   * Error reductions recorded exactly per run: the first iteration (and evaluations) where the error is at
   * most `tolerance x` its initial value, for data profiles; numbers in (0, 1).
   * @defaultValue `[1e-1, 1e-3, 1e-5, 1e-7]`
   */
  readonly tolerances?: readonly number[] | undefined;
}

/** One planned run: a method's configuration on a problem with a seed. */
export interface StudyRunSpec {
  /** The run's unique key: method, problem, options (keys sorted) and seed. */
  readonly key: string;
  /** The method's name. */
  readonly method: string;
  /** The problem's name. */
  readonly problem: string;
  /** The configuration's options. */
  readonly options: Readonly<Record<string, StudyValue>>;
  /** The seed. */
  readonly seed: number;
}

/** One recorded run: a row of the study's database. */
export interface StudyRun extends StudyRunSpec {
  /** `done` for a run that ended (converged or not), `failed` for one that threw or crashed. */
  readonly status: "done" | "failed";
  /** Iterations made; `0` for a failed run. */
  readonly iterations: number;
  /** Evaluations by kind where the solver counts them (`f`, `gradient`, `hessian`, ...), e.g. `{ f: 31, gradient: 22 }`. */
  readonly evaluations: Readonly<Record<string, number>>;
  /** The run's time in milliseconds (its `elapsedMs`). */
  readonly timeMs: number;
  /** The error at iteration 0; `undefined` where it was not measured. */
  readonly initialError: number | undefined;
  /** The error at the end; `undefined` where it was not measured. */
  readonly finalError: number | undefined;
  /** The stop reason's kind (`converged`, `maxIterations`, ...), or `failed`. */
  readonly stopKind: string;
  /** The stop reason in words, or the failure's message. */
  readonly stopMessage: string;
  /**
   * Per study tolerance, the first iteration where the error was at most `tolerance x initialError`, or
   * `undefined` where it never was.
   */
  readonly reached: readonly (number | undefined)[];
  /** Per study tolerance, the evaluations (all kinds) spent by then, or `undefined`. */
  readonly reachedEvaluations: readonly (number | undefined)[];
  /** The thinned error trace. */
  readonly trace: StudyTrace;
  /** How many times the run was started (more than 1 after a worker died or a crash was retried). */
  readonly attempts: number;
}

/** A run's error trace, thinned to the study's `traceLength` points (iteration 0 and the last included). */
export interface StudyTrace {
  /** The iterations recorded, increasing. */
  readonly iteration: readonly number[];
  /** The error at each, `null` where it was not measured. */
  readonly error: readonly (number | null)[];
}

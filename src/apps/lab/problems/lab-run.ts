import {
  estimateOrder,
  estimateRateFit,
  solve,
  solveAsync,
  solveIterations,
  solveIterationsAsync,
} from "../../../index.js";
import type { CriterionReport, IterationEvent, RunResult, Solver } from "../../../index.js";

/** What a page shows beside the measured rate and order: the textbook's figure, when there is one. */
export interface Theory {
  /** The asymptotic linear rate, e.g. the spectral radius of an iteration matrix. */
  readonly rate?: number | undefined;
  /** The order of convergence (1 linear, 2 quadratic). */
  readonly order?: number | undefined;
  /** Where the figure comes from, in a few words. */
  readonly note: string;
}

/**
 * One method on one problem, as a lab page steps it and as the tests solve it in Node: the library's own
 * solver and problem, run with the same seed by both.
 */
export interface LabRun<S> {
  /** The solver's name. */
  readonly name: string;
  /** A fresh step-through run (the engine's generator; the async one for solvers whose steps are async). */
  readonly start: () =>
    | Generator<IterationEvent<S>, unknown, undefined>
    | AsyncGenerator<IterationEvent<S>, unknown, undefined>;
  /** The same run solved at once, bounded by `maxIterations` when given. */
  readonly solve: (maxIterations?: number) => RunResult<S, unknown> | Promise<RunResult<S, unknown>>;
  /**
   * The error the chart plots: a distance to a known answer where there is one, otherwise a convergence
   * test's value (its leaves' reports are passed in).
   */
  error(state: S, criteria: readonly CriterionReport[]): number;
  /** What that error is, e.g. `|x - x*|`. */
  readonly errorName: string;
  /** The theory beside the measurement, if any. */
  readonly theory: Theory | undefined;
  /** Whether the solver counts epochs (batched training); pages show the epoch only then. */
  readonly epochs: boolean;
  /**
   * Solves a throwaway copy of the run for a few iterations, once per run (later calls return at once), so
   * that the steps a user times do not pay for the first calls of the solver's code (the JavaScript engine
   * compiles it as it runs; TensorFlow.js builds its first training step). Absent for runs whose problem
   * records what the solver does (a copy would add to the record).
   */
  readonly warmUp?: (() => Promise<void>) | undefined;
}

/** Options of {@link labRun}. */
export interface LabRunOptions<S> {
  readonly seed?: number;
  readonly maxIterations?: number;
  readonly error: (state: S, criteria: readonly CriterionReport[]) => number;
  readonly errorName: string;
  readonly theory?: Theory | undefined;
  /** Drive the run with the async drivers (neural training: its steps are async, and it counts epochs). */
  readonly async?: boolean;
  /** Iterations of the throwaway run of {@link LabRun.warmUp} (none: no warm-up). */
  readonly warmUpIterations?: number;
  /** Frees the throwaway run's final state (a network's model and optimiser). */
  readonly release?: (state: S) => void;
}

/** A {@link LabRun} of a configured solver on a problem. Kernels run on one thread: pages share the CPU. */
export function labRun<P, S, R, Q>(solver: Solver<P, S, R, Q>, problem: P, options: LabRunOptions<S>): LabRun<S> {
  const base = {
    seed: options.seed ?? 1,
    threads: 1,
    ...(options.maxIterations === undefined ? {} : { maxIterations: options.maxIterations }),
  };
  const solveFor = (maxIterations: number | undefined) =>
    (options.async === true ? solveAsync : solve)(
      solver,
      problem,
      maxIterations === undefined ? base : { ...base, maxIterations },
    );
  let warmed: Promise<void> | undefined;
  const iterations = options.warmUpIterations ?? 0;
  const warmUp = async () => {
    try {
      const result = await solveFor(iterations);
      // The page reads the error and the tests' reports on every step too.
      options.error(result.state, result.criteria.convergence);
      options.release?.(result.state);
    } catch {
      // A problem the solver rejects is rejected again by the run itself, which shows the error.
    }
  };
  return {
    name: solver.name,
    start: () => (options.async === true ? solveIterationsAsync : solveIterations)(solver, problem, base),
    solve: solveFor,
    error: options.error,
    errorName: options.errorName,
    theory: options.theory,
    epochs: options.async === true,
    warmUp: iterations > 0 ? () => (warmed ??= warmUp()) : undefined,
  };
}

/** How every page prints an error or residual (the tests compare these strings with Node's). */
export function formatError(value: number): string {
  if (Number.isNaN(value)) return "n/a";
  return Number.isFinite(value) ? value.toExponential(4) : String(value);
}

/** The measured tail rate (with its fit quality) and order of an error sequence, as one line. */
export function describeFit(errors: readonly number[]): string {
  if (errors.filter((error) => error > 1e-13).length < 4) return "rate: - (fewer than 4 errors above 1e-13)";
  const fit = estimateRateFit(errors, { floor: 1e-13, tail: 8 });
  const order = estimateOrder(errors, { floor: 1e-13 });
  const rate =
    fit.rate === undefined
      ? "rate: -"
      : `rate ${fit.rate.toPrecision(4)} (R² ${fit.rSquared === undefined ? "-" : fit.rSquared.toFixed(3)}, ${fit.points} points)`;
  const q = order.order === undefined ? "order: -" : `order ${order.order.toFixed(2)} (${order.pairs} pairs)`;
  return `${rate}; ${q}`;
}

/** The value of the convergence test's leaf with the given label (NaN when it has none yet). */
export function criterionValue(criteria: readonly CriterionReport[], label: string): number {
  return criteria.find((report) => report.label === label)?.value ?? Number.NaN;
}

/** The run of an empty compare slot: it has no iterations (its stepper shows none). */
export const idleRun: LabRun<unknown> = {
  name: "-",
  start: function* () {},
  solve: () => {
    throw new Error("an empty slot has no run");
  },
  error: () => Number.NaN,
  errorName: "-",
  theory: undefined,
  epochs: false,
};

import type { Checkpoint } from "./checkpoint.js";
import type { IterationContext } from "./context.js";
import type { Criterion } from "./criterion.js";
import { IterlabError, InvalidOptionError, StepError } from "./errors.js";
import type { IterationEvent } from "./hooks.js";
import { createCore } from "./internal/create-core.js";
import { driveAsync, driveSync, stepAsync, stepSync } from "./internal/drivers.js";
import type { RunCore } from "./internal/run-core.js";
import { fingerprintProblem } from "./problem-fingerprint.js";
import type { Random } from "./random.js";
import type { RunResult } from "./result.js";
import type { RunOptions } from "./run-options.js";
import { solveOptionNames } from "./internal/plan.js";
import { integerAtLeast, isFunction, rejectUnknownOptions, validateOption } from "./validate.js";

/**
 * A solver: data plus pure functions that the engine drives. Configure one with its factory
 * (`gradientDescent({ ... })`) and run it with {@link solve}.
 *
 * @remarks Method configuration lives in the solver object, the problem in `problem`, the mutable
 * progress in the state, run options (bounds, hooks, trace) in {@link SolveOptions}, and the outcome in
 * the {@link SolveResult}, so that every solver counts, logs, traces and stops the same way.
 *
 * @typeParam P - The problem type. Solvers must not mutate it.
 * @typeParam S - The state type: plain data (numbers, typed arrays, plain objects), so runs can be
 *   checkpointed.
 * @typeParam R - The trace record type.
 */
export interface Solver<P, S, R = S> {
  /** A short name for tables and logs, e.g. `gradient descent (backtracking)`. */
  readonly name: string;
  /**
   * Validates the problem and builds iteration 0.
   * @throws {@link InvalidProblemError} when the problem has the wrong shape.
   */
  init(problem: P, context: InitContext): S;
  /** Computes iteration `k + 1` from iteration `k`. */
  step(problem: P, state: S, context: IterationContext): S | Promise<S>;
  /** The trace record of a state: new data, never a buffer a later step overwrites. */
  record(state: S): R;
  /** The default convergence test, built from the solver's options. */
  readonly convergence: Criterion<S> | readonly Criterion<S>[] | undefined;
  /** The default divergence test, if the solver has one. */
  readonly divergence?: Criterion<S> | readonly Criterion<S>[] | undefined;
  /** The default iteration bound. */
  readonly maxIterations: number;
  /** Iterations per epoch for this problem, for batched solvers; omit for the others. */
  epochLength?(problem: P): number | undefined;
}

/** What a solver's `init` gets besides the problem. */
export interface InitContext {
  /** The run's seeded random generator (random initialisations draw from it). */
  readonly random: Random;
}

/**
 * Run options for {@link solve}: those of {@link RunOptions} without `update`, with the solver's defaults
 * for the bound and tests, plus `resumeFrom`.
 *
 * @typeParam S - The state type.
 * @typeParam R - The trace record type.
 */
export interface SolveOptions<S, R = S> extends Omit<RunOptions<S, R>, "update" | "maxIterations"> {
  /**
   * The iteration bound, an integer >= 0.
   * @defaultValue the solver's `maxIterations`
   */
  readonly maxIterations?: number | undefined;
  /**
   * Continue from this checkpoint instead of calling the solver's `init`.
   * @defaultValue a new run
   */
  readonly resumeFrom?: Checkpoint<S, R> | undefined;
}

/**
 * What {@link solve} returns: the run's result and the solver's name.
 *
 * @typeParam S - The state type.
 * @typeParam R - The trace record type.
 */
export interface SolveResult<S, R = S> extends RunResult<S, R> {
  /** The solver's name. */
  readonly solver: string;
}

/**
 * Runs a solver on a problem to its end, synchronously.
 *
 * @remarks The engine calls `solver.init(problem)` for iteration 0, then `solver.step` until a stopping
 * rule holds. `options.converged` and `options.diverged` replace the solver's defaults (combine them with
 * `anyOf(solver.convergence, ...)` to extend them).
 * @typeParam P - The problem type.
 * @typeParam S - The state type.
 * @typeParam R - The solver's trace record type.
 * @typeParam T - The trace record type of this run: `R` unless `options.trace.record` says otherwise.
 * @param solver - The configured solver.
 * @param problem - The problem; never mutated.
 * @param options - Bounds, tests, hooks, trace, seed, checkpoint to resume from.
 * @returns The result, with the solver's name.
 * @throws {@link InvalidOptionError} for invalid options, {@link InvalidProblemError} for a malformed
 *   problem, {@link StepError} or {@link HookError} when user code throws.
 * @example
 * ```ts
 * const result = solve(fixedPoint(), { map: Math.cos, x0: 1 });
 * result.state.x; // 0.7390851332151607
 * ```
 */
export function solve<P, S, R, T = R>(solver: Solver<P, S, R>, problem: P, options: SolveOptions<S, T> = {}): SolveResult<S, T> {
  return named(driveSync(solverCore(solver, problem, options, "solve")), solver.name);
}

/**
 * Runs a solver to its end with the async driver: for steps that return Promises (tensor training) and
 * for long runs that must not block the event loop.
 *
 * @typeParam P - The problem type.
 * @typeParam S - The state type.
 * @typeParam R - The solver's trace record type.
 * @typeParam T - The trace record type of this run: `R` unless `options.trace.record` says otherwise.
 * @param solver - The configured solver.
 * @param problem - The problem; never mutated.
 * @param options - Bounds, tests, hooks, trace, seed, checkpoint to resume from.
 * @returns A Promise of the result.
 */
export async function solveAsync<P, S, R, T = R>(
  solver: Solver<P, S, R>,
  problem: P,
  options: SolveOptions<S, T> = {},
): Promise<SolveResult<S, T>> {
  const core = solverCore(solver, problem, options, "solveAsync");
  return named(await driveAsync(core, options.yieldEveryMs ?? 10), solver.name);
}

/**
 * Steps through a solver's run one iteration at a time (see {@link iterations}).
 *
 * @typeParam P - The problem type.
 * @typeParam S - The state type.
 * @typeParam R - The solver's trace record type.
 * @typeParam T - The trace record type of this run: `R` unless `options.trace.record` says otherwise.
 * @param solver - The configured solver.
 * @param problem - The problem.
 * @param options - Run options.
 * @returns A generator of iteration events whose return value is the result.
 */
export function solveIterations<P, S, R, T = R>(
  solver: Solver<P, S, R>,
  problem: P,
  options: SolveOptions<S, T> = {},
): Generator<IterationEvent<S>, RunResult<S, T>, undefined> {
  return stepSync(solverCore(solver, problem, options, "solveIterations"));
}

/**
 * Steps through a solver's run one iteration at a time, asynchronously (see {@link iterationsAsync}).
 *
 * @typeParam P - The problem type.
 * @typeParam S - The state type.
 * @typeParam R - The solver's trace record type.
 * @typeParam T - The trace record type of this run: `R` unless `options.trace.record` says otherwise.
 * @param solver - The configured solver.
 * @param problem - The problem.
 * @param options - Run options.
 * @returns An async generator of iteration events whose return value is the result.
 */
export function solveIterationsAsync<P, S, R, T = R>(
  solver: Solver<P, S, R>,
  problem: P,
  options: SolveOptions<S, T> = {},
): AsyncGenerator<IterationEvent<S>, RunResult<S, T>, undefined> {
  return stepAsync(solverCore(solver, problem, options, "solveIterationsAsync"));
}

function solverCore<P, S, R, T>(
  solver: Solver<P, S, R>,
  problem: P,
  options: SolveOptions<S, T>,
  owner: string,
): RunCore<S, T> {
  checkSolver(solver);
  if (options === null || typeof options !== "object") throw new InvalidOptionError("options", "an object", options);
  rejectUnknownOptions(options, solveOptionNames, owner);
  // Every run option listed (the mapped type makes a new one a compile error here): a literal of known
  // keys is far cheaper than spreading the caller's object, which matters for many short runs (restarts).
  const runOptions: { readonly [K in keyof RunOptions<S, T>]-?: RunOptions<S, T>[K] } = {
    update: (state, context) => solver.step(problem, state, context),
    maxIterations: options.maxIterations ?? solver.maxIterations,
    maxEpochs: options.maxEpochs,
    epochLength: options.epochLength ?? solver.epochLength?.(problem),
    converged: options.converged ?? solver.convergence,
    diverged: options.diverged ?? solver.divergence,
    timeLimitMs: options.timeLimitMs,
    signal: options.signal,
    hooks: options.hooks,
    trace: options.trace,
    clock: options.clock,
    seed: options.seed,
    yieldEveryMs: options.yieldEveryMs,
  };
  const initial = (random: Random): S => {
    try {
      return solver.init(problem, { random });
    } catch (cause) {
      throw cause instanceof IterlabError ? cause : new StepError("init", 0, cause);
    }
  };
  // Without a trace.record of the caller's, T is R (its default) and the solver's record is the record.
  const record = (state: S): T => solver.record(state) as unknown as T;
  return createCore(runOptions, options.resumeFrom, initial, record, owner, () =>
    fingerprintProblem(problem),
  );
}

/** Adds the solver's name to a run's result (the result object is the run's own, so no copy is made). */
function named<S, T>(result: RunResult<S, T>, solver: string): SolveResult<S, T> {
  return Object.assign(result, { solver });
}

function checkSolver(solver: Solver<unknown, unknown, unknown>): void {
  if (solver === null || typeof solver !== "object") throw new InvalidOptionError("solver", "a solver object", solver);
  validateOption("solver.init", solver.init, isFunction);
  validateOption("solver.step", solver.step, isFunction);
  validateOption("solver.record", solver.record, isFunction);
  validateOption("solver.maxIterations", solver.maxIterations, integerAtLeast(0));
}

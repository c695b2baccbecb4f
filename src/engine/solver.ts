import type { Checkpoint } from "./checkpoint.js";
import type { IterationContext } from "./context.js";
import type { Criterion } from "./criterion.js";
import type { IterationEvent } from "./hooks.js";
import { driveAsync, driveSync, stepAsync, stepSync } from "./internal/drivers.js";
import { startSolverRun } from "./internal/solver-run.js";
import type { KernelPool } from "./kernel-pool.js";
import type { PrepareContext, PreparedProblem, PrepareOptions } from "./prepared-problem.js";
import type { Random } from "./random.js";
import type { RunResult } from "./result.js";
import type { RunOptions } from "./run-options.js";

/**
 * A solver: data plus pure functions that the engine drives. Configure one with its factory
 * (`gradientDescent({ ... })`) and run it with {@link solve}.
 *
 * @remarks Method configuration lives in the solver object, the problem in `problem`, the work done once
 * per problem in what `prepare` returns, the mutable progress in the state, run options (bounds, hooks,
 * trace) in {@link SolveOptions}, and the outcome in the {@link SolveResult}, so that every solver counts,
 * logs, traces and stops the same way.
 *
 * One run: `prepare(problem)` once (skipped when the caller passes a {@link prepareProblem} handle), then
 * `init(prepared)` for iteration 0, `step(prepared, state)` per iteration, and `dispose(prepared)` at the
 * end (also after an error; never for a caller's handle). States hold the iterate only, so checkpoints
 * stay small; a checkpoint carries the problem's fingerprint instead of the problem.
 *
 * @typeParam P - The problem type. Solvers must not mutate it.
 * @typeParam S - The state type: plain data (numbers, typed arrays, plain objects), so runs can be
 *   checkpointed.
 * @typeParam R - The trace record type.
 * @typeParam Q - The prepared-problem type: what `prepare` returns (the problem itself without `prepare`).
 */
export interface Solver<P, S, R = S, Q = P> {
  /** A short name for tables and logs, e.g. `gradient descent (backtracking)`. */
  readonly name: string;
  /**
   * Does the work needed once per problem: validation, conversion, factorisations, kernel memory. Its
   * result is shared by every run on the problem and must not be changed by `init` or `step`.
   * Without it, `init` and `step` get the problem itself.
   * @throws {@link InvalidProblemError} when the problem has the wrong shape.
   */
  prepare?(problem: P, context: PrepareContext): Q;
  /**
   * Builds iteration 0 from the prepared problem.
   * @throws {@link InvalidProblemError} when the problem has the wrong shape (solvers without `prepare`).
   */
  init(prepared: Q, context: InitContext): S;
  /** Computes iteration `k + 1` from iteration `k`. */
  step(prepared: Q, state: S, context: IterationContext): S | Promise<S>;
  /**
   * Brings the run's last state up to date with what the solver kept beside it (a kernel's resident copy of
   * the iterate), once, before the state leaves the run; returns the state (the same object or a new one).
   *
   * @remarks Called only in runs where `context.willSettle` was `true` for every update: states do not
   * escape (no trace, or only one of the solver's own records with `recordKeepsNoState`; no hooks, none of
   * the caller's stopping tests, no step-through consumer) and the solver the engine runs has this method (a
   * wrapper that forwards `step` but not `settle` gets `false`). In those runs `step` may leave arrays of the
   * state it returns behind its own copy, and the solver's own stopping tests and `record` must read only
   * what `step` kept current (numbers such as a residual norm). The engine
   * calls it after the last update and before anything reads the state (the result and its `checkpoint`),
   * never after an error. An error it throws ends the run as a `StepError` of phase `settle`.
   */
  settle?(prepared: Q, state: S): S;
  /** Frees what `prepare` acquired (kernel memory, workers); called once per prepared problem. */
  dispose?(prepared: Q): void;
  /**
   * The most threads the prepared problem's kernels run on, the caller's included: the run option `threads`
   * where the method's update is parallel and the problem large enough for its threaded kernel, else 1.
   * Omit for solvers whose updates all run on the caller's thread (then 1 is reported).
   */
  kernelThreads?(prepared: Q): number;
  /** The trace record of a state: new data, never a buffer a later step overwrites. */
  record(state: S): R;
  /**
   * Whether `record` keeps no part of the state it is given (no array or object of it, only numbers, strings
   * or new copies). Then a trace built with the solver's own record keeps no state, so it does not make
   * states escape (see {@link IterationContext.statesEscape}): a run whose only observer is that trace lets
   * `step` reuse the arrays of the state it is given. A caller's `trace.record`, hooks, the caller's own
   * stopping tests or a step-through consumer still make states escape.
   * @defaultValue `false` (the record may keep what the state holds)
   */
  readonly recordKeepsNoState?: boolean | undefined;
  /** The default convergence test, built from the solver's options. */
  readonly convergence: Criterion<S> | readonly Criterion<S>[] | undefined;
  /** The default divergence test, if the solver has one. */
  readonly divergence?: Criterion<S> | readonly Criterion<S>[] | undefined;
  /** The default iteration bound. */
  readonly maxIterations: number;
  /**
   * The default epoch bound, for batched solvers (used when the problem has an epoch length and the run
   * gives no `maxEpochs`); omit for the others.
   */
  readonly maxEpochs?: number | undefined;
  /** Iterations per epoch for this problem (the problem as given), for batched solvers; omit for the others. */
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
  /**
   * The most threads the run's kernels may use, an integer >= 1, the caller's included; a method whose
   * update is sequential uses one. Passed to the solver's `prepare` (see {@link PrepareOptions.threads});
   * the result's `kernelThreads` says how many the kernels were bound to, and the workers end with the
   * run. With a {@link prepareProblem} handle, give it to `prepareProblem` instead.
   * @defaultValue the machine's available parallelism, at most 8 (`defaultKernelThreads()`)
   */
  readonly threads?: number | undefined;
  /**
   * A caller's pool of kernel memories and workers for the solver's `prepare` (see
   * {@link PrepareOptions.kernelPool}): a series of one-off runs on new problems maps kernel memory and
   * starts workers once. With a {@link prepareProblem} handle, give it to `prepareProblem` instead.
   * @defaultValue none: the run's kernels get fresh memory and workers, ended with the run
   */
  readonly kernelPool?: KernelPool | undefined;
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
  /**
   * The most threads the run's kernels were bound to use, the caller's included (see the solver's
   * `kernelThreads`): 1 for a method whose update is sequential, a problem below its kernel's size, or a
   * solver without threaded kernels, whatever the run option `threads` asked for. A kernel's workers start
   * once its passes pay for them (see `bindKernel`), so a short run may do all its passes on the caller's
   * thread; the results are the same bits either way.
   */
  readonly kernelThreads: number;
}

/**
 * Runs a solver on a problem to its end, synchronously.
 *
 * @remarks The engine calls `solver.prepare(problem)` once (unless `problem` is a {@link prepareProblem}
 * handle), `solver.init(prepared)` for iteration 0, then `solver.step` until a stopping rule holds, and
 * `solver.dispose(prepared)` at the end, also after an error (never for a caller's handle).
 * `options.converged` and `options.diverged` replace the solver's defaults (combine them with
 * `anyOf(solver.convergence, ...)` to extend them).
 * @typeParam P - The problem type.
 * @typeParam S - The state type.
 * @typeParam R - The solver's trace record type.
 * @typeParam T - The trace record type of this run: `R` unless `options.trace.record` says otherwise.
 * @typeParam Q - The solver's prepared-problem type.
 * @param solver - The configured solver.
 * @param problem - The problem (never mutated), or a handle from {@link prepareProblem} for this solver.
 * @param options - Bounds, tests, hooks, trace, seed, checkpoint to resume from.
 * @returns The result, with the solver's name.
 * @throws {@link InvalidOptionError} for invalid options or a handle of another solver or disposed,
 *   {@link InvalidProblemError} for a malformed problem, {@link CheckpointError} for a checkpoint of another
 *   problem, {@link StepError} or {@link HookError} when user code throws.
 * @example
 * ```ts
 * const result = solve(fixedPoint(), { map: Math.cos, x0: 1 });
 * result.state.x; // 0.7390851332151607
 * ```
 */
export function solve<P, S, R, T = R, Q = P>(
  solver: Solver<P, S, R, Q>,
  problem: P | PreparedProblem<P, Q>,
  options: SolveOptions<S, T> = {},
): SolveResult<S, T> {
  const run = startSolverRun(solver, problem, options, "solve");
  return run.finally(() => named(driveSync(run.core), solver.name, run.kernelThreads()));
}

/**
 * Runs a solver to its end with the async driver: for steps that return Promises (tensor training) and
 * for long runs that must not block the event loop.
 *
 * @typeParam P - The problem type.
 * @typeParam S - The state type.
 * @typeParam R - The solver's trace record type.
 * @typeParam T - The trace record type of this run: `R` unless `options.trace.record` says otherwise.
 * @typeParam Q - The solver's prepared-problem type.
 * @param solver - The configured solver.
 * @param problem - The problem (never mutated), or a handle from {@link prepareProblem} for this solver.
 * @param options - Bounds, tests, hooks, trace, seed, checkpoint to resume from.
 * @returns A Promise of the result.
 */
export async function solveAsync<P, S, R, T = R, Q = P>(
  solver: Solver<P, S, R, Q>,
  problem: P | PreparedProblem<P, Q>,
  options: SolveOptions<S, T> = {},
): Promise<SolveResult<S, T>> {
  const run = startSolverRun(solver, problem, options, "solveAsync");
  return run.finallyAsync(async () =>
    named(await driveAsync(run.core, options.yieldEveryMs ?? 10), solver.name, run.kernelThreads()),
  );
}

/**
 * Steps through a solver's run one iteration at a time (see {@link iterations}).
 *
 * @remarks The run is set up (options checked, problem prepared) by this call; the prepared problem is
 * disposed when the generator finishes or is closed after its first `next()`.
 * @typeParam P - The problem type.
 * @typeParam S - The state type.
 * @typeParam R - The solver's trace record type.
 * @typeParam T - The trace record type of this run: `R` unless `options.trace.record` says otherwise.
 * @typeParam Q - The solver's prepared-problem type.
 * @param solver - The configured solver.
 * @param problem - The problem, or a handle from {@link prepareProblem} for this solver.
 * @param options - Run options.
 * @returns A generator of iteration events whose return value is the result.
 */
export function solveIterations<P, S, R, T = R, Q = P>(
  solver: Solver<P, S, R, Q>,
  problem: P | PreparedProblem<P, Q>,
  options: SolveOptions<S, T> = {},
): Generator<IterationEvent<S>, RunResult<S, T>, undefined> {
  const run = startSolverRun(solver, problem, options, "solveIterations");
  return (function* () {
    try {
      return yield* stepSync(run.core);
    } finally {
      run.release();
    }
  })();
}

/**
 * Steps through a solver's run one iteration at a time, asynchronously (see {@link iterationsAsync}).
 *
 * @typeParam P - The problem type.
 * @typeParam S - The state type.
 * @typeParam R - The solver's trace record type.
 * @typeParam T - The trace record type of this run: `R` unless `options.trace.record` says otherwise.
 * @typeParam Q - The solver's prepared-problem type.
 * @param solver - The configured solver.
 * @param problem - The problem, or a handle from {@link prepareProblem} for this solver.
 * @param options - Run options.
 * @returns An async generator of iteration events whose return value is the result.
 */
export function solveIterationsAsync<P, S, R, T = R, Q = P>(
  solver: Solver<P, S, R, Q>,
  problem: P | PreparedProblem<P, Q>,
  options: SolveOptions<S, T> = {},
): AsyncGenerator<IterationEvent<S>, RunResult<S, T>, undefined> {
  const run = startSolverRun(solver, problem, options, "solveIterationsAsync");
  return (async function* () {
    try {
      return yield* stepAsync(run.core);
    } finally {
      run.release();
    }
  })();
}

/**
 * Adds the solver's name and threads to a run's result (the run's own object, so no copy is made): two plain
 * writes, in this order, which V8 turns into cached shape changes (cheaper than `Object.assign` with a new
 * object literal, which every short solve paid).
 */
function named<S, T>(result: RunResult<S, T>, solver: string, kernelThreads: number): SolveResult<S, T> {
  const named = result as { -readonly [K in keyof SolveResult<S, T>]: SolveResult<S, T>[K] };
  named.solver = solver;
  named.kernelThreads = kernelThreads;
  return named;
}

import { InvalidOptionError, IterlabError, StepError } from "../errors.js";
import { kernelPoolRule, PreparedHandle } from "../prepared-problem.js";
import { fingerprintProblem } from "../problem-fingerprint.js";
import type { ProblemFingerprint } from "../problem-fingerprint.js";
import type { PreparedProblem } from "../prepared-problem.js";
import type { Random } from "../random.js";
import type { IterationContext } from "../context.js";
import type { RunOptions } from "../run-options.js";
import type { Solver, SolveOptions } from "../solver.js";
import { integerAtLeast, isFunction, rejectUnknownOptions, validateOption } from "../validate.js";
import { createCore } from "./create-core.js";
import type { SolverParts } from "./create-core.js";
import { solveOptionNames } from "./plan.js";
import type { RunCore } from "./run-core.js";

/**
 * One solver run, set up: its core, and the release of the prepared problem when the run made it (a
 * caller's handle is never released here).
 */
export interface SolverRun<S, T> {
  readonly core: RunCore<S, T>;
  /** Disposes the prepared problem if this run made it; idempotent. */
  release(): void;
  /** The prepared problem's `kernelThreads` (1 before it is prepared). */
  kernelThreads(): number;
  /** Runs `body`, then releases; an error of `body` wins over an error of the release. */
  finally<U>(body: () => U): U;
  /** The same for an async body. */
  finallyAsync<U>(body: () => Promise<U>): Promise<U>;
}

/**
 * Sets up a solver run: checks the solver and the options, then prepares the problem (unless it is a
 * caller's handle), then builds iteration 0 or resumes the checkpoint. If any of it throws, what was
 * prepared is disposed before the error leaves.
 */
export function startSolverRun<P, S, R, Q, T>(
  solver: Solver<P, S, R, Q>,
  input: P | PreparedProblem<P, Q>,
  options: SolveOptions<S, T>,
  owner: string,
): SolverRun<S, T> {
  checkSolver(solver);
  if (options === null || typeof options !== "object") throw new InvalidOptionError("options", "an object", options);
  rejectUnknownOptions(options, solveOptionNames, owner);
  const { threads, kernelPool } = options;
  if (threads !== undefined) validateOption("threads", threads, atLeastOne);
  if (kernelPool !== undefined) validateOption("kernelPool", kernelPool, kernelPoolRule);
  const held =
    input instanceof PreparedHandle ? (input as PreparedHandle<P, Q>).checkUsableBy(solver, owner) : undefined;
  if (held !== undefined) {
    for (const [name, value] of [
      ["threads", threads],
      ["kernelPool", kernelPool],
    ] as const) {
      if (value === undefined) continue;
      const message =
        `${name} shapes the preparation, and problem is already prepared: ` +
        `pass it to prepareProblem(solver, problem, { ${name} }) instead`;
      throw new InvalidOptionError(name, "undefined with a prepared problem", value, message);
    }
  }
  const problem = held === undefined ? (input as P) : held.problem;
  const run = new SolverRunner<P, S, R, Q, T>(solver, problem, held, options, owner);
  try {
    run.core = createCore(run.runOptions(), options.resumeFrom, noInitial, run.record, owner, run);
  } catch (error) {
    releaseQuietly(run);
    throw error;
  }
  return run;
}

/** A solver run's initial state comes from `SolverParts.initial`; createCore never calls this one. */
function noInitial(): never {
  throw new Error("a solver run's initial state comes from its solver");
}

/** The trace record of a run that records nothing (never called). */
function noRecord(): never {
  throw new Error("a run without a trace has no record");
}

/**
 * One solver run: the solver's parts that the core asks for (prepare, iteration 0, fingerprint) as methods of
 * one object, and the release of the prepared problem when the run made it (a caller's handle is never
 * released here).
 */
class SolverRunner<P, S, R, Q, T> implements SolverRun<S, T>, SolverParts<S> {
  declare core: RunCore<S, T>;
  readonly callerTests: boolean;
  readonly recordKeepsNoState: boolean | undefined;
  readonly settle: ((state: S) => S) | undefined;
  /** The update rule: the solver's step on the prepared problem. */
  readonly update: (state: S, context: IterationContext) => S | Promise<S>;
  /** Without a trace.record of the caller's, T is R (its default) and the solver's record is the record. */
  readonly record: (state: S) => T;
  /** The prepared problem's handle: the caller's, or made by `prepare`. */
  private handle: PreparedHandle<P, Q> | undefined;
  private prepared = undefined as Q;
  /** A run's own problem is fingerprinted at most once (a caller's handle keeps its own across runs). */
  private print: ProblemFingerprint | undefined;

  constructor(
    private readonly solver: Solver<P, S, R, Q>,
    private readonly problem: P,
    private readonly held: PreparedHandle<P, Q> | undefined,
    private readonly options: SolveOptions<S, T>,
    private readonly owner: string,
  ) {
    this.handle = held;
    this.callerTests = options.converged !== undefined || options.diverged !== undefined;
    this.recordKeepsNoState = solver.recordKeepsNoState;
    this.settle = solver.settle === undefined ? undefined : (state) => solver.settle?.(this.prepared, state) as S;
    this.update = (state, context) => solver.step(this.prepared, state, context);
    this.record = options.trace === false ? noRecord : (state) => solver.record(state) as unknown as T;
  }

  /**
   * The run options: every one listed (the mapped type makes a new one a compile error here). A literal of
   * known keys is far cheaper than spreading the caller's object, which matters for many short runs.
   */
  runOptions(): RunOptions<S, T> {
    const { options, solver } = this;
    const epochLength = options.epochLength ?? solver.epochLength?.(this.problem);
    const runOptions: { readonly [K in keyof RunOptions<S, T>]-?: RunOptions<S, T>[K] } = {
      update: this.update,
      maxIterations: options.maxIterations ?? solver.maxIterations,
      // The solver's epoch bound applies only where the problem has an epoch length (a malformed problem has
      // none, and its prepare says how, not a complaint about the epoch length).
      maxEpochs: options.maxEpochs ?? (epochLength === undefined ? undefined : solver.maxEpochs),
      epochLength,
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
    return runOptions;
  }

  fingerprint(): ProblemFingerprint {
    if (this.held !== undefined) return this.held.fingerprint();
    this.print ??= fingerprintProblem(this.problem);
    return this.print;
  }

  prepare(): PreparedHandle<P, Q> {
    const { threads, kernelPool } = this.options;
    this.handle ??= PreparedHandle.create(this.solver as Solver<P, unknown, unknown, Q>, this.problem, this.owner, {
      threads,
      kernelPool,
    });
    this.prepared = this.handle.prepared;
    return this.handle;
  }

  initial(random: Random): S {
    try {
      return this.solver.init(this.prepared, { random });
    } catch (cause) {
      throw cause instanceof IterlabError ? cause : new StepError("init", 0, cause);
    }
  }

  release(): void {
    if (this.held === undefined) this.handle?.dispose();
  }

  kernelThreads(): number {
    return this.handle?.kernelThreads ?? 1;
  }

  finally<U>(body: () => U): U {
    return releasing(this, body, true);
  }

  async finallyAsync<U>(body: () => Promise<U>): Promise<U> {
    let result: U;
    try {
      result = await body();
    } catch (error) {
      releaseQuietly(this);
      throw error;
    }
    this.release();
    return result;
  }
}

/** Runs `body`; releases when it throws (keeping its error), and after it returns when `always`. */
function releasing<U>(run: { release(): void }, body: () => U, always = false): U {
  let result: U;
  try {
    result = body();
  } catch (error) {
    releaseQuietly(run);
    throw error;
  }
  if (always) run.release();
  return result;
}

/** Releases after an error, which stays the error the caller sees. */
function releaseQuietly(run: { release(): void }): void {
  try {
    run.release();
  } catch {
    // The run's own error is the one to report; a failing dispose after it would hide it.
  }
}

/** The rules every run checks, made once (a rule made per run costs a closure and a message string). */
const atLeastOne = integerAtLeast(1);
const atLeastZero = integerAtLeast(0);

function checkSolver(solver: Solver<unknown, unknown, unknown, unknown>): void {
  if (solver === null || typeof solver !== "object") throw new InvalidOptionError("solver", "a solver object", solver);
  validateOption("solver.init", solver.init, isFunction);
  validateOption("solver.step", solver.step, isFunction);
  validateOption("solver.record", solver.record, isFunction);
  validateOption("solver.maxIterations", solver.maxIterations, atLeastZero);
  if (solver.prepare !== undefined) validateOption("solver.prepare", solver.prepare, isFunction);
  if (solver.dispose !== undefined) validateOption("solver.dispose", solver.dispose, isFunction);
  if (solver.settle !== undefined) validateOption("solver.settle", solver.settle, isFunction);
}

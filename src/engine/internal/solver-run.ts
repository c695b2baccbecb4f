import { InvalidOptionError, IterlabError, StepError } from "../errors.js";
import { kernelPoolRule, PreparedHandle } from "../prepared-problem.js";
import { fingerprintProblem } from "../problem-fingerprint.js";
import type { ProblemFingerprint } from "../problem-fingerprint.js";
import type { PreparedProblem } from "../prepared-problem.js";
import type { Random } from "../random.js";
import type { RunOptions } from "../run-options.js";
import type { Solver, SolveOptions } from "../solver.js";
import { integerAtLeast, isFunction, rejectUnknownOptions, validateOption } from "../validate.js";
import { createCore } from "./create-core.js";
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
  let handle: PreparedHandle<P, Q> | undefined = held;
  let prepared = undefined as Q;
  // Every run option listed (the mapped type makes a new one a compile error here): a literal of known
  // keys is far cheaper than spreading the caller's object, which matters for many short runs (restarts).
  const epochLength = options.epochLength ?? solver.epochLength?.(problem);
  const runOptions: { readonly [K in keyof RunOptions<S, T>]-?: RunOptions<S, T>[K] } = {
    update: (state, context) => solver.step(prepared, state, context),
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
  // A caller's handle keeps the fingerprint across runs; a run's own problem is fingerprinted at most once.
  let print: ProblemFingerprint | undefined;
  const fingerprint = (): ProblemFingerprint => held?.fingerprint() ?? (print ??= fingerprintProblem(problem));
  const owned = (): PreparedHandle<P, Q> | undefined => (held === undefined ? handle : undefined);
  const release = (): void => owned()?.dispose();
  const prepare = (): PreparedHandle<P, Q> => {
    handle ??= PreparedHandle.create(solver as Solver<P, unknown, unknown, Q>, problem, owner, {
      threads,
      kernelPool,
    });
    prepared = handle.prepared;
    return handle;
  };
  const initial = (random: Random): S => {
    try {
      return solver.init(prepared, { random });
    } catch (cause) {
      throw cause instanceof IterlabError ? cause : new StepError("init", 0, cause);
    }
  };
  // Without a trace.record of the caller's, T is R (its default) and the solver's record is the record.
  const record = (state: S): T => solver.record(state) as unknown as T;
  const callerTests = options.converged !== undefined || options.diverged !== undefined;
  const settle = solver.settle === undefined ? undefined : (state: unknown) => solver.settle?.(prepared, state as S);
  const core = releasing(release, () =>
    createCore(runOptions, options.resumeFrom, initial, record, owner, {
      fingerprint,
      prepare,
      callerTests,
      recordKeepsNoState: solver.recordKeepsNoState,
      settle,
    }),
  );
  return {
    core,
    release,
    kernelThreads: () => handle?.kernelThreads ?? 1,
    finally: (body) => releasing(release, body, true),
    finallyAsync: async <U>(body: () => Promise<U>): Promise<U> => {
      let result: U;
      try {
        result = await body();
      } catch (error) {
        releaseQuietly(release);
        throw error;
      }
      release();
      return result;
    },
  };
}

/** Runs `body`; releases when it throws (keeping its error), and after it returns when `always`. */
function releasing<U>(release: () => void, body: () => U, always = false): U {
  let result: U;
  try {
    result = body();
  } catch (error) {
    releaseQuietly(release);
    throw error;
  }
  if (always) release();
  return result;
}

/** Releases after an error, which stays the error the caller sees. */
function releaseQuietly(release: () => void): void {
  try {
    release();
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

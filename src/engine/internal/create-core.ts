import type { Checkpoint } from "../checkpoint.js";
import { CheckpointError } from "../errors.js";
import { checkProblemFingerprint } from "../problem-fingerprint.js";
import type { ProblemFingerprint } from "../problem-fingerprint.js";
import { noWarnings } from "../prepared-problem.js";
import { Random } from "../random.js";
import type { RunOptions } from "../run-options.js";
import { planRun } from "./plan.js";
import { RunCore } from "./run-core.js";

/** What a prepared problem gives a run: the prepared value (for stopping tests) and its warnings. */
export interface PreparedView {
  readonly prepared: unknown;
  readonly warnings: readonly string[];
}

/** The parts of a run that only solver runs have. */
export interface SolverParts {
  /** The problem's fingerprint, for checkpoints and for checking a checkpoint before resuming. */
  readonly fingerprint: () => ProblemFingerprint;
  /** Prepares the problem (or takes the caller's handle). */
  readonly prepare: () => PreparedView;
  /** Whether the stopping tests include the caller's own (otherwise they are the solver's). */
  readonly callerTests: boolean;
  /** Whether the solver's own record keeps no part of a state (`Solver.recordKeepsNoState`). */
  readonly recordKeepsNoState?: boolean | undefined;
  /** The solver's `settle`, bound to the prepared problem, if it has one. */
  readonly settle?: ((state: unknown) => unknown) | undefined;
}

/** Where a run starts: iteration 0 of a new run, or a checkpoint. */
export interface RunStart<S, R> {
  readonly state: S;
  readonly iteration: number;
  readonly elapsedMs: number;
  readonly random: Random;
  readonly checkpoint: Checkpoint<S, R> | undefined;
  /** Computes the problem's fingerprint for checkpoints (solver runs only); called only when one is taken. */
  readonly fingerprint?: (() => ProblemFingerprint) | undefined;
  /** Whether the stopping tests include the caller's own, which may keep the states they check. */
  readonly callerTests: boolean;
  /** Whether the trace's record may keep states (default true; false: the solver's, `recordKeepsNoState`). */
  readonly traceKeepsStates?: boolean | undefined;
  /** The prepared problem (for the stopping tests' `init`) and its warnings (for the result). */
  readonly problem: PreparedView;
  /** The solver's `settle`, bound to the prepared problem (solver runs whose solver has one). */
  readonly settle?: ((state: S) => S) | undefined;
}

/** What an `iterate` run (no problem) gives its stopping tests. */
const noProblem: PreparedView = Object.freeze({ prepared: undefined, warnings: noWarnings });

/**
 * Builds the run core for a new run or a resumed one: validates the options first (and a checkpoint's
 * problem fingerprint), then prepares the problem (solver runs), then creates the random generator, then the
 * initial state (a solver's `init` may draw from the generator).
 */
export function createCore<S, R>(
  options: RunOptions<S, R>,
  checkpoint: Checkpoint<S, R> | undefined,
  initial: (random: Random) => S,
  defaultRecord: (state: S) => R = (state) => state as unknown as R,
  owner = "iterate",
  solver?: SolverParts,
): RunCore<S, R> {
  // A solver run's options object is built by `startSolverRun` from names `solve` checked.
  const plan = planRun(options, defaultRecord, owner, solver !== undefined);
  // Without a solver every test is the caller's.
  const callerTests = solver?.callerTests ?? (plan.convergence !== undefined || plan.divergence !== undefined);
  const fingerprint = solver?.fingerprint;
  // The trace keeps states unless its record is the solver's own and that keeps none (a caller's may).
  const callerRecord = typeof options.trace === "object" && options.trace?.record !== undefined;
  const traceKeepsStates = callerRecord || solver?.recordKeepsNoState !== true;
  const settle = solver?.settle as ((state: S) => S) | undefined;
  if (checkpoint === undefined) {
    const problem = solver?.prepare() ?? noProblem;
    const random = new Random(plan.seed);
    const state = initial(random);
    return new RunCore(plan, {
      state,
      iteration: 0,
      elapsedMs: 0,
      random,
      checkpoint,
      fingerprint,
      callerTests,
      traceKeepsStates,
      problem,
      settle,
    });
  }
  checkCheckpoint(checkpoint);
  // A checkpoint of a solver run carries its problem's fingerprint: resuming into another problem is refused
  // (before the problem is prepared, so the refusal names the part that differs, whatever prepare thinks of it).
  if (checkpoint.problem !== undefined && fingerprint !== undefined) {
    checkProblemFingerprint(checkpoint.problem, fingerprint());
  }
  const problem = solver?.prepare() ?? noProblem;
  return new RunCore(plan, {
    fingerprint,
    state: structuredClone(checkpoint.state),
    iteration: checkpoint.iteration,
    elapsedMs: checkpoint.elapsedMs,
    random: Random.fromState(checkpoint.randomState),
    checkpoint,
    callerTests,
    traceKeepsStates,
    problem,
    settle,
  });
}

function checkCheckpoint(checkpoint: Checkpoint<unknown, unknown>): void {
  if (checkpoint === null || typeof checkpoint !== "object" || checkpoint.format !== "iterlab.checkpoint") {
    throw new CheckpointError('checkpoint must be an object with format "iterlab.checkpoint"');
  }
  if (!Number.isInteger(checkpoint.iteration) || checkpoint.iteration < 0) {
    throw new CheckpointError(`checkpoint.iteration must be an integer >= 0, got ${String(checkpoint.iteration)}`);
  }
  if (!(checkpoint.elapsedMs >= 0)) {
    throw new CheckpointError(`checkpoint.elapsedMs must be a number >= 0, got ${String(checkpoint.elapsedMs)}`);
  }
}

import type { Checkpoint } from "../checkpoint.js";
import { CheckpointError } from "../errors.js";
import { checkProblemFingerprint } from "../problem-fingerprint.js";
import type { ProblemFingerprint } from "../problem-fingerprint.js";
import { Random } from "../random.js";
import type { RunOptions } from "../run-options.js";
import { planRun } from "./plan.js";
import { RunCore } from "./run-core.js";

/**
 * Builds the run core for a new run or a resumed one: validates the options first (and a checkpoint's
 * problem fingerprint), then prepares the problem (solver runs), then creates the random generator, then the
 * initial state (a solver's `init` may draw from the generator). `callerTests` says whether the stopping tests
 * include the caller's own (default: every test is).
 */
export function createCore<S, R>(
  options: RunOptions<S, R>,
  checkpoint: Checkpoint<S, R> | undefined,
  initial: (random: Random) => S,
  defaultRecord: (state: S) => R = (state) => state as unknown as R,
  owner = "iterate",
  fingerprint?: () => ProblemFingerprint,
  prepare?: () => void,
  callerTests?: boolean,
): RunCore<S, R> {
  const plan = planRun(options, defaultRecord, owner);
  // Without a solver every test is the caller's.
  const withCallerTests = callerTests ?? (plan.convergence !== undefined || plan.divergence !== undefined);
  if (checkpoint === undefined) {
    prepare?.();
    const random = new Random(plan.seed);
    const state = initial(random);
    return new RunCore(plan, {
      state,
      iteration: 0,
      elapsedMs: 0,
      random,
      checkpoint,
      fingerprint,
      callerTests: withCallerTests,
    });
  }
  checkCheckpoint(checkpoint);
  // A checkpoint of a solver run carries its problem's fingerprint: resuming into another problem is refused
  // (before the problem is prepared, so the refusal names the part that differs, whatever prepare thinks of it).
  if (checkpoint.problem !== undefined && fingerprint !== undefined) {
    checkProblemFingerprint(checkpoint.problem, fingerprint());
  }
  prepare?.();
  return new RunCore(plan, {
    fingerprint,
    state: structuredClone(checkpoint.state),
    iteration: checkpoint.iteration,
    elapsedMs: checkpoint.elapsedMs,
    random: Random.fromState(checkpoint.randomState),
    checkpoint,
    callerTests: withCallerTests,
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

import type { Checkpoint, TraceSnapshot } from "../checkpoint.js";
import { CheckpointError } from "../errors.js";
import type { ProblemFingerprint } from "../problem-fingerprint.js";
import type { Random } from "../random.js";
import type { RunTests } from "./run-tests.js";
import type { TraceBuffer } from "./trace-buffer.js";

/** What a checkpoint is taken from: the run as of its last completed iteration. */
export interface CheckpointSource<S, R> {
  readonly state: S;
  readonly iteration: number;
  readonly elapsedMs: number;
  readonly epochLength: number | undefined;
  readonly random: Random;
  readonly tests: RunTests<S>;
  readonly trace: TraceBuffer<R> | undefined;
  readonly fingerprint: (() => ProblemFingerprint) | undefined;
}

/**
 * A deep copy of the run as plain data: state, counters, the random generator's state, the tests' memories,
 * the trace and (for solver runs) the problem's fingerprint.
 *
 * @throws {@link CheckpointError} when the state or a test's memory is not plain data.
 */
export function takeCheckpoint<S, R>(source: CheckpointSource<S, R>): Checkpoint<S, R> {
  const tests = source.tests;
  let state: S;
  let memories: { convergence: unknown; divergence: unknown };
  try {
    state = structuredClone(source.state);
    memories = structuredClone({ convergence: tests.convergenceMemory, divergence: tests.divergenceMemory });
  } catch (cause) {
    throw new CheckpointError(
      `the state is not plain data and cannot be checkpointed: ${cause instanceof Error ? cause.message : String(cause)}`,
    );
  }
  return {
    format: "iterlab.checkpoint",
    version: 1,
    state,
    iteration: source.iteration,
    elapsedMs: source.elapsedMs,
    epochLength: source.epochLength,
    randomState: source.random.state(),
    convergence:
      tests.convergence === undefined ? undefined : { label: tests.convergence.label, memory: memories.convergence },
    divergence:
      tests.divergence === undefined ? undefined : { label: tests.divergence.label, memory: memories.divergence },
    trace: source.trace?.snapshot(),
    ...(source.fingerprint === undefined ? {} : { problem: source.fingerprint() }),
  };
}

/**
 * Refuses a checkpoint that does not fit the run: its trace settings differ from the run's (or it has no trace
 * when the run has one), or its epoch length differs.
 */
export function checkCheckpointFits(
  checkpoint: Checkpoint<unknown, unknown>,
  trace: { every: number; maxLength: number } | undefined,
  epochLength: number | undefined,
): void {
  if (trace !== undefined) checkTraceMatches(trace, checkpoint.trace);
  if (checkpoint.epochLength !== epochLength) {
    throw new CheckpointError(
      `the checkpoint has epochLength ${String(checkpoint.epochLength)} but the run has ${String(epochLength)}`,
    );
  }
}

function checkTraceMatches(
  trace: { every: number; maxLength: number },
  snapshot: TraceSnapshot<unknown> | undefined,
): void {
  if (snapshot === undefined) throw new CheckpointError("the checkpoint has no trace but the run records one");
  if (snapshot.every !== trace.every || snapshot.maxLength !== trace.maxLength) {
    throw new CheckpointError(
      `the checkpoint's trace has every ${snapshot.every}, maxLength ${snapshot.maxLength} but the run's has every ${trace.every}, maxLength ${trace.maxLength}`,
    );
  }
}

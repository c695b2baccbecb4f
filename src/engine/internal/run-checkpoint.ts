import type { Checkpoint, CriterionSnapshot, TraceSnapshot } from "../checkpoint.js";
import type { Criterion, CriterionContext } from "../criterion.js";
import { CheckpointError } from "../errors.js";
import type { ProblemFingerprint } from "../problem-fingerprint.js";
import type { Random } from "../random.js";
import type { RunPlan } from "./plan.js";
import { TraceBuffer } from "./trace-buffer.js";

/** What a run carries between iterations besides its state: the tests' memories and the trace. */
export interface RunMemory<R> {
  readonly convergence: unknown;
  readonly divergence: unknown;
  readonly trace: TraceBuffer<R> | undefined;
}

/**
 * The memory a run starts with: fresh for a new run, restored from the checkpoint for a resumed one, which
 * must have been taken by a run with the same tests, trace settings and epoch length. New memories are made
 * with the run's prepared problem in `context`; restored ones come from the checkpoint, which was taken on the
 * same problem (its fingerprint is checked first).
 *
 * @throws {@link CheckpointError} naming what differs.
 */
export function startMemory<S, R>(
  plan: RunPlan<S, R>,
  checkpoint: Checkpoint<S, R> | undefined,
  context: CriterionContext,
): RunMemory<R> {
  const convergence = restoreCriterion(plan.convergence, checkpoint?.convergence, "convergence", context);
  const divergence = restoreCriterion(plan.divergence, checkpoint?.divergence, "divergence", context);
  let trace: TraceBuffer<R> | undefined;
  if (plan.trace !== undefined) {
    const snapshot = checkpoint?.trace;
    if (checkpoint !== undefined) checkTraceMatches(plan.trace, snapshot);
    trace = new TraceBuffer<R>(plan.trace.every, plan.trace.maxLength, snapshot as TraceSnapshot<R> | undefined);
  }
  if (checkpoint !== undefined && checkpoint.epochLength !== plan.epochLength) {
    throw new CheckpointError(
      `the checkpoint has epochLength ${String(checkpoint.epochLength)} but the run has ${String(plan.epochLength)}`,
    );
  }
  return { convergence, divergence, trace };
}

/** Everything a checkpoint is taken from. */
export interface CheckpointSource<S, R> {
  readonly plan: RunPlan<S, R>;
  readonly state: S;
  readonly iteration: number;
  readonly elapsedMs: number;
  readonly random: Random;
  readonly memory: RunMemory<R>;
  /** The prepared problem's fingerprint, for solver runs. */
  readonly fingerprint: (() => ProblemFingerprint) | undefined;
}

/**
 * A deep copy of the run as of now, from which `resume` continues exactly.
 *
 * @throws {@link CheckpointError} when the state or a test's memory is not plain data.
 */
export function takeCheckpoint<S, R>(source: CheckpointSource<S, R>): Checkpoint<S, R> {
  const { plan, memory } = source;
  let state: S;
  let memories: { convergence: unknown; divergence: unknown };
  try {
    state = structuredClone(source.state);
    memories = structuredClone({ convergence: memory.convergence, divergence: memory.divergence });
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
    epochLength: plan.epochLength,
    randomState: source.random.state(),
    convergence:
      plan.convergence === undefined ? undefined : { label: plan.convergence.label, memory: memories.convergence },
    divergence:
      plan.divergence === undefined ? undefined : { label: plan.divergence.label, memory: memories.divergence },
    trace: memory.trace?.snapshot(),
    ...(source.fingerprint === undefined ? {} : { problem: source.fingerprint() }),
  };
}

function restoreCriterion<S>(
  criterion: Criterion<S> | undefined,
  snapshot: CriterionSnapshot | undefined,
  role: string,
  context: CriterionContext,
): unknown {
  if (criterion === undefined) {
    if (snapshot !== undefined)
      throw new CheckpointError(`the checkpoint has a ${role} test (${snapshot.label}) but the run has none`);
    return undefined;
  }
  if (snapshot === undefined) return criterion.init(context);
  if (snapshot.label !== criterion.label) {
    throw new CheckpointError(`the checkpoint's ${role} test is ${snapshot.label} but the run's is ${criterion.label}`);
  }
  return structuredClone(snapshot.memory);
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

import type { CriterionReport } from "../criterion.js";
import type { EpochEndEvent, HookControl, IterationEvent, StartEvent, StopEvent } from "../hooks.js";
import type { StopReason } from "../stop-reason.js";
import type { RunContext } from "./run-context.js";

/** What the events of a run describe: the run as of now. */
export interface RunView<S> {
  readonly state: S;
  readonly context: RunContext;
  readonly maxIterations: number;
  readonly stopReason: StopReason | undefined;
  /** Elapsed time from the sampled clock (see SampledClock). */
  sampledElapsedMs(): number;
  /** The convergence test's reports as of now. */
  convergenceReports(): readonly CriterionReport[];
}

/**
 * The event of the current iteration, for `onIteration` hooks and step-through consumers: a class, so the
 * many events of a run share one shape.
 */
export class IterationEventObject<S> implements IterationEvent<S> {
  readonly kind = "iteration" as const;
  private readonly run: RunView<S>;
  readonly state: S;
  readonly iteration: number;
  readonly epoch: number;
  readonly iterationInEpoch: number;
  readonly epochLength: number | undefined;
  readonly maxIterations: number;
  readonly elapsedMs: number;
  readonly stopReason: StopReason | undefined;
  readonly control: HookControl<S>;

  constructor(run: RunView<S>, control: HookControl<S>) {
    const context = run.context;
    this.run = run;
    this.state = run.state;
    this.iteration = context.iteration;
    this.epoch = context.epoch;
    this.iterationInEpoch = context.iterationInEpoch;
    this.epochLength = context.epochLength;
    this.maxIterations = run.maxIterations;
    this.elapsedMs = run.sampledElapsedMs();
    this.stopReason = run.stopReason;
    this.control = control;
  }

  criteria(): readonly CriterionReport[] {
    return this.run.convergenceReports();
  }
}

/** The fields that every start, epoch-end and stop event shares: the state and where the run stands. */
function whereTheRunIs<S>(run: RunView<S>, elapsedMs: number) {
  const context = run.context;
  return {
    state: run.state,
    iteration: context.iteration,
    epoch: context.epoch,
    iterationInEpoch: context.iterationInEpoch,
    epochLength: context.epochLength,
    maxIterations: run.maxIterations,
    elapsedMs,
  };
}

/** The event of `onStart`. */
export function startEvent<S>(run: RunView<S>, resumed: boolean, control: HookControl<S>): StartEvent<S> {
  return {
    kind: "start",
    ...whereTheRunIs(run, run.sampledElapsedMs()),
    resumed,
    control,
  };
}

/** The event of `onEpochEnd`. */
export function epochEndEvent<S>(run: RunView<S>, control: HookControl<S>): EpochEndEvent<S> {
  return {
    kind: "epochEnd",
    ...whereTheRunIs(run, run.sampledElapsedMs()),
    criteria: () => run.convergenceReports(),
    control,
  };
}

/** The event of `onStop`: the final elapsed time, and the stop reason or the run's error. */
export function stopEvent<S>(
  run: RunView<S>,
  elapsedMs: number,
  stopReason: StopReason | undefined,
  error: unknown,
): StopEvent<S> {
  // The sampled clock is read as for any event, so the schedule of clock reads stays the same.
  run.sampledElapsedMs();
  return {
    kind: "stop",
    ...whereTheRunIs(run, elapsedMs),
    stopReason,
    error,
    criteria: () => run.convergenceReports(),
  };
}

import type { CriterionReport } from "../criterion.js";
import type { EpochEndEvent, HookControl, IterationEvent, RunEventBase, StartEvent, StopEvent } from "../hooks.js";
import type { StopReason } from "../stop-reason.js";
import type { RunContext } from "./run-context.js";

/** What the events of a run are made from: the run core, seen through the fields the events copy. */
export interface RunView<S> {
  /** The current state. */
  readonly state: S;
  /** The run's counters. */
  readonly context: RunContext;
  /** The iteration bound (the epoch bound included). */
  readonly maxIterations: number;
  /** The stop reason decided so far. */
  readonly stopReason: StopReason | undefined;
  /** Milliseconds since the run started, from the sampled clock. */
  sampledElapsedMs(): number;
  /** The convergence test's reports as of now. */
  convergenceReports(): readonly CriterionReport[];
}

/** The fields every event shares, in the order events list them. */
export function eventBase<S>(view: RunView<S>): RunEventBase<S> {
  const context = view.context;
  return {
    state: view.state,
    iteration: context.iteration,
    epoch: context.epoch,
    iterationInEpoch: context.iterationInEpoch,
    epochLength: context.epochLength,
    maxIterations: view.maxIterations,
    elapsedMs: view.sampledElapsedMs(),
  };
}

/** The event passed to `onStart`. */
export function startEvent<S>(view: RunView<S>, resumed: boolean, control: HookControl<S>): StartEvent<S> {
  return { kind: "start", ...eventBase(view), resumed, control };
}

/** The event of the current iteration, for `onIteration` and the step-through drivers. */
export function iterationEvent<S>(view: RunView<S>, control: HookControl<S>): IterationEvent<S> {
  const context = view.context;
  return new IterationEventObject(
    view,
    view.state,
    context.iteration,
    context.epoch,
    context.iterationInEpoch,
    context.epochLength,
    view.maxIterations,
    view.sampledElapsedMs(),
    view.stopReason,
    control,
  );
}

/** The event passed to `onEpochEnd`. */
export function epochEndEvent<S>(view: RunView<S>, control: HookControl<S>): EpochEndEvent<S> {
  return { kind: "epochEnd", ...eventBase(view), criteria: () => view.convergenceReports(), control };
}

/** The event of one iteration: a class, so the many step-through and hook events share one shape. */
class IterationEventObject<S> implements IterationEvent<S> {
  readonly kind = "iteration" as const;

  constructor(
    private readonly view: { convergenceReports(): readonly CriterionReport[] },
    readonly state: S,
    readonly iteration: number,
    readonly epoch: number,
    readonly iterationInEpoch: number,
    readonly epochLength: number | undefined,
    readonly maxIterations: number,
    readonly elapsedMs: number,
    readonly stopReason: StopReason | undefined,
    readonly control: HookControl<S>,
  ) {}

  criteria(): readonly CriterionReport[] {
    return this.view.convergenceReports();
  }
}

/** The event passed to `onStop`: the final counters, time and stop reason, or the error that ended the run. */
export function stopEvent<S>(
  view: RunView<S>,
  elapsedMs: number,
  stopReason: StopReason | undefined,
  error: unknown,
  tests: { convergenceReports(): readonly CriterionReport[] },
): StopEvent<S> {
  return { kind: "stop", ...eventBase(view), elapsedMs, stopReason, error, criteria: () => tests.convergenceReports() };
}

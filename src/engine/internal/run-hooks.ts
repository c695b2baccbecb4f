import type { HookName } from "../errors.js";
import { HookError } from "../errors.js";
import type { EpochEndEvent, HookControl, Hooks, IterationEvent, StartEvent, StopEvent } from "../hooks.js";
import { epochEndEvent, IterationEventObject, startEvent } from "./run-events.js";
import type { RunView } from "./run-events.js";
import { isThenable } from "./thenable.js";

type Handler<E> = (event: E) => unknown;

/** The hook lists of a run without hooks (frozen: a push would be a bug). */
const emptyHandlers: readonly unknown[] = Object.freeze([]);
function noHandlers<E>(): Handler<E>[] {
  return emptyHandlers as Handler<E>[];
}

/** What the hook runner needs from its run: what its events describe, and suspension. */
export interface HookHost<S> extends RunView<S> {
  readonly resumed: boolean;
  /** The handle hooks receive as `event.control`. */
  readonly hookControl: HookControl<S>;
  /** The run waits for `pending`, returned by a `hook`, before it goes on. */
  suspend(pending: PromiseLike<unknown>, hook: HookName): void;
  /** An `onStop` hook threw: the run keeps the error and goes on with the next `onStop` hook. */
  keepStopError(error: unknown): void;
}

/**
 * The run's hooks, grouped by when they fire, and a cursor so that a run suspended on a hook's Promise
 * resumes with the next hook. Each `run...` method returns true when it suspended the run.
 */
export class HookRunner<S> {
  /** Whether anything fires between iterations (`onIteration` or `onEpochEnd`). */
  readonly hasIterationHooks: boolean;
  /** Whether any `onStop` hook is set (a run without one builds no stop event). */
  get hasStopHooks(): boolean {
    return this.onStop.length > 0;
  }
  private readonly onStart: Handler<StartEvent<S>>[];
  private readonly onIteration: Handler<IterationEvent<S>>[];
  private readonly onEpochEnd: Handler<EpochEndEvent<S>>[];
  private readonly onStop: Handler<StopEvent<S>>[];
  /** The next hook to call in the current group. */
  private cursor = 0;
  private startEvent: StartEvent<S> | undefined;
  private iterationEvent: IterationEvent<S> | undefined;
  private epochEvent: EpochEndEvent<S> | undefined;
  private stopEvent: StopEvent<S> | undefined;

  constructor(
    hooks: readonly Hooks<S>[],
    private readonly host: HookHost<S>,
  ) {
    // A run without hooks (most short runs) shares one empty list for every group: nothing is pushed to it.
    const none = hooks.length === 0;
    this.onStart = none ? noHandlers() : [];
    this.onIteration = none ? noHandlers() : [];
    this.onEpochEnd = none ? noHandlers() : [];
    this.onStop = none ? noHandlers() : [];
    for (const set of hooks) {
      if (set.onStart) this.onStart.push(set.onStart);
      if (set.onIteration) this.onIteration.push(set.onIteration);
      if (set.onEpochEnd) this.onEpochEnd.push(set.onEpochEnd);
      if (set.onStop) this.onStop.push(set.onStop);
    }
    this.hasIterationHooks = this.onIteration.length > 0 || this.onEpochEnd.length > 0;
  }

  /** Calls the `onStart` hooks from the cursor. */
  runStart(): boolean {
    const handlers = this.onStart;
    if (this.cursor === 0 && handlers.length > 0)
      this.startEvent = startEvent(this.host, this.host.resumed, this.host.hookControl);
    while (this.cursor < handlers.length) {
      const returned = (handlers[this.cursor++] as Handler<StartEvent<S>>)(this.startEvent as StartEvent<S>);
      if (isThenable(returned)) {
        this.host.suspend(returned, "onStart");
        return true;
      }
    }
    this.cursor = 0;
    return false;
  }

  /** Calls the `onIteration` hooks, then (when the iteration ended an epoch) the `onEpochEnd` hooks. */
  runIteration(epochEnded: boolean): boolean {
    const iterationCount = this.onIteration.length;
    const total = iterationCount + (epochEnded ? this.onEpochEnd.length : 0);
    if (this.cursor === 0) {
      const host = this.host;
      this.iterationEvent = iterationCount > 0 ? new IterationEventObject(host, host.hookControl) : undefined;
      this.epochEvent = epochEnded ? epochEndEvent(host, host.hookControl) : undefined;
    }
    while (this.cursor < total) {
      const index = this.cursor++;
      const returned =
        index < iterationCount
          ? (this.onIteration[index] as Handler<IterationEvent<S>>)(this.iterationEvent as IterationEvent<S>)
          : (this.onEpochEnd[index - iterationCount] as Handler<EpochEndEvent<S>>)(this.epochEvent as EpochEndEvent<S>);
      if (isThenable(returned)) {
        this.host.suspend(returned, index < iterationCount ? "onIteration" : "onEpochEnd");
        return true;
      }
    }
    this.cursor = 0;
    return false;
  }

  /** The between-iterations hook that threw, going by the cursor. */
  failedIterationHook(): HookName {
    return this.cursor <= this.onIteration.length ? "onIteration" : "onEpochEnd";
  }

  /** Starts the `onStop` group with its event (whatever group was interrupted by an error). */
  beginStop(event: StopEvent<S>): void {
    this.cursor = 0;
    this.stopEvent = event;
  }

  /** Calls every `onStop` hook once, even when earlier ones threw. */
  runStop(): boolean {
    const event = this.stopEvent as StopEvent<S>;
    while (this.cursor < this.onStop.length) {
      const handler = this.onStop[this.cursor++] as Handler<StopEvent<S>>;
      let returned: unknown;
      try {
        returned = handler(event);
      } catch (cause) {
        this.host.keepStopError(new HookError("onStop", event.iteration, cause));
        continue;
      }
      if (isThenable(returned)) {
        this.host.suspend(returned, "onStop");
        return true;
      }
    }
    return false;
  }
}

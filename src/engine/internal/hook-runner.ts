import type { HookName } from "../errors.js";
import { HookError } from "../errors.js";
import type { EpochEndEvent, HookControl, Hooks, IterationEvent, StartEvent, StopEvent } from "../hooks.js";
import type { RunView } from "./run-events.js";
import { epochEndEvent, iterationEvent, startEvent } from "./run-events.js";
import { isThenable } from "./thenable.js";

/** Where a hook's Promise is left for the driver to await. */
export interface PendingSink {
  pending: PromiseLike<unknown> | undefined;
  pendingSource: "update" | HookName;
}

type Handler<E> = (event: E) => unknown;

/**
 * Runs a run's hooks in array order. A hook that returns a Promise suspends the run: the runner remembers
 * which hook comes next (its cursor) and continues from there when the run resumes after the await.
 */
export class HookRunner<S> {
  private readonly start: Handler<StartEvent<S>>[] = [];
  private readonly iteration: Handler<IterationEvent<S>>[] = [];
  private readonly epochEnd: Handler<EpochEndEvent<S>>[] = [];
  private readonly stop: Handler<StopEvent<S>>[] = [];
  /** The next handler to run in the current group. */
  private cursor = 0;
  private startEventNow: StartEvent<S> | undefined;
  private iterationEventNow: IterationEvent<S> | undefined;
  private epochEventNow: EpochEndEvent<S> | undefined;
  /** Whether the run has `onIteration` or `onEpochEnd` hooks. */
  readonly hasIterationHooks: boolean;

  constructor(
    hooks: readonly Hooks<S>[],
    private readonly view: RunView<S>,
    private readonly control: HookControl<S>,
    private readonly sink: PendingSink,
  ) {
    for (const set of hooks) {
      if (set.onStart) this.start.push(set.onStart);
      if (set.onIteration) this.iteration.push(set.onIteration);
      if (set.onEpochEnd) this.epochEnd.push(set.onEpochEnd);
      if (set.onStop) this.stop.push(set.onStop);
    }
    this.hasIterationHooks = this.iteration.length > 0 || this.epochEnd.length > 0;
  }

  /** Runs the `onStart` handlers from the cursor; true while one is pending. */
  runStart(resumed: boolean): boolean {
    const handlers = this.start;
    if (this.cursor === 0 && handlers.length > 0) this.startEventNow = startEvent(this.view, resumed, this.control);
    while (this.cursor < handlers.length) {
      const returned = (handlers[this.cursor++] as Handler<StartEvent<S>>)(this.startEventNow as StartEvent<S>);
      if (this.suspended(returned, "onStart")) return true;
    }
    this.cursor = 0;
    return false;
  }

  /** Runs `onIteration`, then (at an epoch end) `onEpochEnd` handlers from the cursor; true while one is pending. */
  runIteration(epochEnded: boolean): boolean {
    const iterationCount = this.iteration.length;
    const total = iterationCount + (epochEnded ? this.epochEnd.length : 0);
    if (this.cursor === 0) {
      this.iterationEventNow = iterationCount > 0 ? iterationEvent(this.view, this.control) : undefined;
      this.epochEventNow = epochEnded ? epochEndEvent(this.view, this.control) : undefined;
    }
    while (this.cursor < total) {
      const index = this.cursor++;
      const returned =
        index < iterationCount
          ? (this.iteration[index] as Handler<IterationEvent<S>>)(this.iterationEventNow as IterationEvent<S>)
          : (this.epochEnd[index - iterationCount] as Handler<EpochEndEvent<S>>)(
              this.epochEventNow as EpochEndEvent<S>,
            );
      if (this.suspended(returned, index < iterationCount ? "onIteration" : "onEpochEnd")) return true;
    }
    this.cursor = 0;
    return false;
  }

  /** The iteration hook that ran last (or runs now), to name in a HookError. */
  runningIterationHook(): "onIteration" | "onEpochEnd" {
    return this.cursor <= this.iteration.length ? "onIteration" : "onEpochEnd";
  }

  /** Starts the `onStop` group from its first handler. */
  beginStop(): void {
    this.cursor = 0;
  }

  /**
   * Runs every `onStop` handler once, even if earlier ones threw (each error goes to `fail` as a HookError);
   * true while one is pending.
   */
  runStop(event: StopEvent<S>, iteration: number, fail: (error: unknown) => void): boolean {
    while (this.cursor < this.stop.length) {
      const handler = this.stop[this.cursor++] as Handler<StopEvent<S>>;
      let returned: unknown;
      try {
        returned = handler(event);
      } catch (cause) {
        fail(new HookError("onStop", iteration, cause));
        continue;
      }
      if (this.suspended(returned, "onStop")) return true;
    }
    return false;
  }

  private suspended(returned: unknown, source: HookName): boolean {
    if (!isThenable(returned)) return false;
    this.sink.pending = returned;
    this.sink.pendingSource = source;
    return true;
  }
}

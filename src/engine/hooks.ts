import type { Checkpoint } from "./checkpoint.js";
import type { RunCounters } from "./context.js";
import type { CriterionReport } from "./criterion.js";
import type { StopReason } from "./stop-reason.js";
import { integerAtLeast, isFunction, validateOption } from "./validate.js";

/**
 * Callbacks that observe a run. Every member is optional; pass one object or an array of them as the
 * `hooks` run option. They run in array order.
 *
 * @remarks
 * | hook | fires |
 * |---|---|
 * | `onStart` | once, before iteration 0 is checked (or, on resume, before the first update) |
 * | `onIteration` | after the checks and trace of every iteration, iteration 0 included |
 * | `onEpochEnd` | after `onIteration` when the iteration completes an epoch |
 * | `onStop` | exactly once at the end, also after an error (then with `error` set) |
 *
 * A hook may return a Promise only under an async driver. A hook that throws stops the run with a
 * {@link HookError}; `onStop` still runs and never swallows the error.
 *
 * @typeParam S - The state type.
 */
export interface Hooks<S> {
  /** Before iteration 0 is checked. */
  readonly onStart?: (event: StartEvent<S>) => void | Promise<void>;
  /** After each iteration's checks and trace. */
  readonly onIteration?: (event: IterationEvent<S>) => void | Promise<void>;
  /** After `onIteration`, at iterations that complete an epoch. */
  readonly onEpochEnd?: (event: EpochEndEvent<S>) => void | Promise<void>;
  /** Once, when the run ends, whatever the reason. */
  readonly onStop?: (event: StopEvent<S>) => void | Promise<void>;
}

/** What a hook can do to the run. */
export interface HookControl<S> {
  /** Stops the run after this iteration with reason `stopRequested` (source `hook`). */
  stop(message: string): void;
  /** A snapshot of the run as of the last completed iteration, to save and resume later. */
  checkpoint(): Checkpoint<S, unknown>;
}

/** Fields every event shares: the run's counters, the state and the time. */
export interface RunEventBase<S> extends RunCounters {
  /** The current state. */
  readonly state: S;
  /** Milliseconds since the run started when the event was created. */
  readonly elapsedMs: number;
}

/** Passed to `onStart`. */
export interface StartEvent<S> extends RunEventBase<S> {
  /** Discriminant. */
  readonly kind: "start";
  /** Whether the run continues from a checkpoint. */
  readonly resumed: boolean;
  /** Stop the run or take a checkpoint. */
  readonly control: HookControl<S>;
}

/** Passed to `onIteration`, and yielded by the step-through iterators. */
export interface IterationEvent<S> extends RunEventBase<S> {
  /** Discriminant. */
  readonly kind: "iteration";
  /**
   * The stop reason decided so far at this iteration: divergence, convergence or a solver's request. For
   * step-through iterators also the time limit and iteration bound; `undefined` while the run goes on.
   */
  readonly stopReason: StopReason | undefined;
  /** The convergence tests' reports as of this iteration. Read them during the callback. */
  criteria(): readonly CriterionReport[];
  /** Stop the run or take a checkpoint. */
  readonly control: HookControl<S>;
}

/** Passed to `onEpochEnd`. */
export interface EpochEndEvent<S> extends RunEventBase<S> {
  /** Discriminant. */
  readonly kind: "epochEnd";
  /** The convergence tests' reports as of this iteration. Read them during the callback. */
  criteria(): readonly CriterionReport[];
  /** Stop the run or take a checkpoint. */
  readonly control: HookControl<S>;
}

/** Passed to `onStop`. */
export interface StopEvent<S> extends RunEventBase<S> {
  /** Discriminant. */
  readonly kind: "stop";
  /** Why the run stopped; `undefined` when it ended with an error. */
  readonly stopReason: StopReason | undefined;
  /** The error that ended the run, if any; it is thrown after every `onStop` hook has run. */
  readonly error: unknown;
  /** The convergence tests' reports as of the last iteration. */
  criteria(): readonly CriterionReport[];
}

/** An event that filters can count: iterations count by `iteration`, epoch ends by `epoch`. */
export type CountedEvent<S> = IterationEvent<S> | EpochEndEvent<S>;

/**
 * Runs `handler` only at every `n`-th iteration (iteration 0 included) for `onIteration`, or every `n`-th
 * epoch for `onEpochEnd` (epoch ends are counted from 1: `event.epoch` is the number of completed epochs).
 *
 * @param n - The period, an integer >= 1.
 * @param handler - The hook to filter.
 * @returns The filtered hook.
 * @throws {@link InvalidOptionError} when `n` is not an integer >= 1 or `handler` is not a function.
 * @example
 * ```ts
 * const hooks = { onIteration: every(100, (e) => console.log(e.iteration, e.state)) };
 * ```
 */
export function every<E extends CountedEvent<unknown>>(n: number, handler: (event: E) => void | Promise<void>) {
  validateOption("every(n)", n, integerAtLeast(1));
  validateOption("every(n, handler)", handler, isFunction);
  return (event: E): void | Promise<void> => (countOf(event) % n === 0 ? handler(event) : undefined);
}

/**
 * Runs `handler` only at iteration `k` for `onIteration`, or when `k` epochs are complete for `onEpochEnd`
 * (so `once(1, ...)` fires at the end of the first epoch, the one the update saw as `context.epoch === 0`).
 *
 * @param k - The iteration or epoch, an integer >= 0.
 * @param handler - The hook to filter.
 * @returns The filtered hook.
 * @throws {@link InvalidOptionError} when `k` is not an integer >= 0 or `handler` is not a function.
 */
export function once<E extends CountedEvent<unknown>>(k: number, handler: (event: E) => void | Promise<void>) {
  validateOption("once(k)", k, integerAtLeast(0));
  validateOption("once(k, handler)", handler, isFunction);
  return (event: E): void | Promise<void> => (countOf(event) === k ? handler(event) : undefined);
}

function countOf(event: CountedEvent<unknown>): number {
  return event.kind === "epochEnd" ? event.epoch : event.iteration;
}

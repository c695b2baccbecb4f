import { PromiseInSyncDriverError } from "../errors.js";
import type { IterationEvent } from "../hooks.js";
import type { RunResult } from "../result.js";
import { FINISHED, SUSPEND_AWAIT, SUSPEND_SLICE, SUSPEND_STATE } from "./run-loop.js";
import type { RunCore } from "./run-core.js";

/**
 * The three ways to drive the one loop (`advance` in `run-loop.ts`). Each driver only answers suspensions: the sync
 * driver refuses Promises, the async driver awaits them and yields to the event loop, the step-through
 * drivers hand each iteration to their consumer.
 */

/** Runs to the end synchronously; a Promise from user code becomes a PromiseInSyncDriverError. */
export function driveSync<S, R>(core: RunCore<S, R>): RunResult<S, R> {
  for (;;) {
    const suspension = core.run();
    if (suspension === FINISHED) return core.finish();
    if (suspension === SUSPEND_AWAIT) refusePromise(core);
  }
}

/** Runs to the end, awaiting Promises from user code and yielding to the event loop every `yieldEveryMs`. */
export async function driveAsync<S, R>(core: RunCore<S, R>, yieldEveryMs: number): Promise<RunResult<S, R>> {
  core.sliceMs = yieldEveryMs;
  for (;;) {
    const suspension = core.run();
    if (suspension === FINISHED) return core.finish();
    if (suspension === SUSPEND_AWAIT) await settle(core);
    else if (suspension === SUSPEND_SLICE) await nextTurn();
  }
}

/** Yields the event of every iteration, iteration 0 included; returns the result. */
export function* stepSync<S, R>(core: RunCore<S, R>): Generator<IterationEvent<S>, RunResult<S, R>, undefined> {
  core.handOutStates();
  try {
    for (;;) {
      const suspension = core.run();
      if (suspension === FINISHED) return core.finish();
      if (suspension === SUSPEND_AWAIT) refusePromise(core);
      else if (suspension === SUSPEND_STATE) yield core.currentEvent();
    }
  } finally {
    if (!core.isFinished()) {
      // The consumer left early (break, return or throw): run the stop hooks, then let its exit proceed.
      core.abandon();
      while (core.run() !== FINISHED) refusePromise(core);
      core.finish();
    }
  }
}

/** Async step-through: yields the event of every iteration; returns the result. */
export async function* stepAsync<S, R>(
  core: RunCore<S, R>,
): AsyncGenerator<IterationEvent<S>, RunResult<S, R>, undefined> {
  core.handOutStates();
  try {
    for (;;) {
      const suspension = core.run();
      if (suspension === FINISHED) return core.finish();
      if (suspension === SUSPEND_AWAIT) await settle(core);
      else if (suspension === SUSPEND_STATE) yield core.currentEvent();
    }
  } finally {
    if (!core.isFinished()) {
      core.abandon();
      while (core.run() !== FINISHED) await settle(core);
      core.finish();
    }
  }
}

function refusePromise<S, R>(core: RunCore<S, R>): void {
  const pending = core.pending;
  // The Promise may still reject later; nobody else will observe it, so keep it from being unhandled.
  pending?.then(undefined, () => undefined);
  core.fail(new PromiseInSyncDriverError(core.pendingSource, core.iteration));
}

async function settle<S, R>(core: RunCore<S, R>): Promise<void> {
  try {
    core.resolvePending(await core.pending);
  } catch (error) {
    core.fail(error);
  }
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof setImmediate === "function") setImmediate(resolve);
    else setTimeout(resolve, 0);
  });
}

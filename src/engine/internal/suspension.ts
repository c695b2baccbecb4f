/** What `RunCore.run` returns: the run finished, or it waits for its driver. */
export const FINISHED = 0;
/** The loop needs `pending` awaited, then `resolvePending(value)` or `fail(error)`. */
export const SUSPEND_AWAIT = 1;
/** Step-through drivers: the iteration is complete; hand `currentEvent()` to the consumer. */
export const SUSPEND_STATE = 2;
/** Async drivers: `yieldEveryMs` has passed; give the event loop a turn. */
export const SUSPEND_SLICE = 3;
/** The codes `RunCore.run` returns. */
export type Suspension = typeof FINISHED | typeof SUSPEND_AWAIT | typeof SUSPEND_STATE | typeof SUSPEND_SLICE;

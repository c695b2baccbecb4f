import type { Update } from "../run-options.js";
import type { RunContext } from "./run-context.js";
import type { RunRequests } from "./run-requests.js";
import type { SampledClock } from "./sampled-clock.js";
import { isThenable } from "./thenable.js";

/** Where `quietUpdates` leaves an update's Promise for the driver to await. */
export interface Awaiting {
  pending: PromiseLike<unknown> | undefined;
}

/**
 * The quiet path: repeated updates of a run with nothing to evaluate, trace or hook between them (no tests, no
 * trace, no iteration hooks, no epochs, no step-through). Every phase but the update and the bound is empty for
 * such a run, so this loop makes updates until a request arrives (`requests.count`), the bound is reached, or a
 * clock check is due (`clock`, given only with a time limit or async slicing), and returns the last state; the
 * caller finishes that iteration through the full phases. An update that returns a thenable is left in
 * `awaiting.pending`, and the state before it is returned.
 *
 * @remarks A small function of its own, so V8 optimises this loop as a unit and inlines a small update rule
 * into it. `test/engine/quiet-path.test.ts` runs every stop reason through this path and through the full
 * phases and requires the same results.
 */
export function quietUpdates<S>(
  update: Update<S>,
  state: S,
  context: RunContext,
  requests: RunRequests,
  maxIterations: number,
  clock: SampledClock | undefined,
  awaiting: Awaiting,
): S {
  for (;;) {
    const next = update(state, context);
    if (typeof next === "object" && next !== null && isThenable(next)) {
      awaiting.pending = next;
      return state;
    }
    state = next;
    const k = ++context.iteration;
    if (requests.count !== 0 || k >= maxIterations || clock?.due() === true) return state;
  }
}

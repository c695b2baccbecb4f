import { bellmanSweep } from "./bellman.js";
import type { SweepOrder } from "./types.js";

/**
 * In-place (Gauss-Seidel) value-iteration sweeps: states are updated in order, each from the newest values,
 * `V(s) <- max_a [r(s, a) + gamma sum_s' P(s' | s, a) V(s')]`.
 *
 * @remarks Still a `gamma`-contraction in the sup norm (Puterman, Theorem 6.3.4), so the same stopping rules
 * hold, and usually needs fewer sweeps than {@link synchronousSweep}. Cost: one pass over the transitions
 * with two dot products per row (the second, from the old values, gives the Bellman residual `||T V_k - V_k||`).
 * Models with at least 16,384 transition entries, sparse or dense, are swept by a WebAssembly kernel where
 * available (the same sums in the same order: the same bits), on one thread: each state reads the values
 * of the states before it.
 * @returns The sweep order, for `valueIteration({ sweep })`.
 * @example
 * ```ts
 * solve(valueIteration({ sweep: inPlaceSweep() }), frozenLake());
 * ```
 * @see M. L. Puterman, Markov Decision Processes, Wiley 1994, section 6.3.3; Sutton & Barto, section 4.1.
 */
export function inPlaceSweep(): SweepOrder {
  return {
    name: "in-place",
    sweep(model, current, next, previousPolicy, policy) {
      if (model.sweeps !== undefined) return model.sweeps.sweepInPlace(current, next, previousPolicy, policy);
      return bellmanSweep(model, current, next, true, previousPolicy, policy);
    },
  };
}

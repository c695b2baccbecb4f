import { bellmanSweep } from "./bellman.js";
import type { SweepOrder } from "./types.js";

/**
 * Synchronous (Jacobi) value-iteration sweeps: `V_{k+1}(s) = max_a [r(s, a) + gamma sum_s' P(s' | s, a) V_k(s')]`
 * for every state, reading only `V_k`.
 *
 * @remarks Cost: one pass over the transitions, `O(A S^2)` dense or `O(nnz)` sparse. Converges linearly with
 * factor `gamma` in the sup norm. The Bellman residual of `V_k` is the change, for free.
 * @returns The sweep order, for `valueIteration({ sweep })`.
 * @example
 * ```ts
 * solve(valueIteration({ sweep: synchronousSweep() }), frozenLake());
 * ```
 * @see M. L. Puterman, Markov Decision Processes, Wiley 1994, section 6.3.
 */
export function synchronousSweep(): SweepOrder {
  return {
    name: "synchronous",
    sweep: (model, current, next, previousPolicy, policy) => bellmanSweep(model, current, next, false, previousPolicy, policy),
  };
}

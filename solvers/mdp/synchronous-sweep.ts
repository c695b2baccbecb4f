import { bellmanSweep } from "./bellman.js";
import type { SweepOrder } from "./types.js";
import { validateStrictOptions } from "../../src/index.js";

/**
 * Synchronous (Jacobi) value-iteration sweeps: `V_{k+1}(s) = max_a [r(s, a) + gamma sum_s' P(s' | s, a) V_k(s')]`
 * for every state, reading only `V_k`.
 *
 * @remarks Cost: one pass over the transitions, `O(A S^2)` dense or `O(nnz)` sparse. Converges linearly with
 * factor `gamma` in the sup norm. The Bellman residual of `V_k` is the change, for free. Models with at
 * least 16,384 transition entries, sparse or dense, are swept by a WebAssembly kernel where available (the
 * same sums in the same order: the same bits), on the run option's `threads`
 * (`solve(valueIteration(), model, { threads })`): every state's new value depends only on the previous
 * values, so the states are cut into chunks swept in any order, the same bits with any number.
 * @param options - No options (`threads` is a run option now).
 * @returns The sweep order, for `valueIteration({ sweep })`.
 * @throws `InvalidOptionError` for an option (it takes none).
 * @example
 * ```ts
 * solve(valueIteration({ sweep: synchronousSweep() }), frozenLake());
 * ```
 * @see M. L. Puterman, Markov Decision Processes, Wiley 1994, section 6.3.
 */
export function synchronousSweep(options: Record<string, never> = {}): SweepOrder {
  validateStrictOptions(options, {}, "synchronousSweep");
  return {
    name: "synchronous",
    parallel: true,
    sweep(model, current, next, previousPolicy, policy) {
      if (model.sweeps !== undefined) return model.sweeps.sweep(current, next, previousPolicy, policy);
      return bellmanSweep(model, current, next, false, previousPolicy, policy);
    },
  };
}

import { bellmanSweep } from "./bellman.js";
import type { PreparedMdp, SweepOrder } from "./types.js";
import { wasmMinimumSize } from "../../src/index.js";
import { createSparseSweep } from "./wasm-sweep.js";
import type { SparseSweep } from "./wasm-sweep.js";

/**
 * Synchronous (Jacobi) value-iteration sweeps: `V_{k+1}(s) = max_a [r(s, a) + gamma sum_s' P(s' | s, a) V_k(s')]`
 * for every state, reading only `V_k`.
 *
 * @remarks Cost: one pass over the transitions, `O(A S^2)` dense or `O(nnz)` sparse. Converges linearly with
 * factor `gamma` in the sup norm. The Bellman residual of `V_k` is the change, for free. Sparse models are
 * swept by a WebAssembly kernel where available (the same sums in the same order: the same bits).
 * @returns The sweep order, for `valueIteration({ sweep })`.
 * @example
 * ```ts
 * solve(valueIteration({ sweep: synchronousSweep() }), frozenLake());
 * ```
 * @see M. L. Puterman, Markov Decision Processes, Wiley 1994, section 6.3.
 */
export function synchronousSweep(): SweepOrder {
  // The WebAssembly sweep of each sparse model this order has swept (null: none possible, use JavaScript).
  const kernels = new WeakMap<PreparedMdp, SparseSweep | null>();
  return {
    name: "synchronous",
    sweep(model, current, next, previousPolicy, policy) {
      if (model.dense === undefined && (model.probabilities?.length ?? 0) >= wasmMinimumSize) {
        let kernel = kernels.get(model);
        if (kernel === undefined) {
          kernel = createSparseSweep(model) ?? null;
          kernels.set(model, kernel);
        }
        if (kernel !== null) return kernel(current, next, previousPolicy, policy);
      }
      return bellmanSweep(model, current, next, false, previousPolicy, policy);
    },
  };
}

import { bellmanSweep } from "./bellman.js";
import type { PreparedMdp, SweepOrder } from "./types.js";
import { wasmMinimumSize } from "../../src/index.js";
import { createSparseSweep } from "./wasm-sweep.js";
import type { SparseSweep, SweepInstance } from "./wasm-sweep.js";

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
  // One WebAssembly instance per sweep order, bound to the last sparse model swept: another model is copied
  // into the same instance (its memory, already mapped, is reused when large enough), so repeated solves
  // with one solver do not map a fresh 100 MB each time. Runs that alternate models stay correct, each
  // switch costing a copy. The model is held weakly, so the order does not keep a finished run's model.
  let bound: { readonly model: WeakRef<PreparedMdp>; readonly sweep: SparseSweep } | undefined;
  let instance: SweepInstance | undefined;
  return {
    name: "synchronous",
    sweep(model, current, next, previousPolicy, policy) {
      if (model.dense === undefined && (model.probabilities?.length ?? 0) >= wasmMinimumSize) {
        if (bound?.model.deref() !== model) {
          const created = createSparseSweep(model, instance);
          bound = created === undefined ? undefined : { model: new WeakRef(model), sweep: created.sweep };
          instance = created?.instance ?? instance;
        }
        if (bound !== undefined) return bound.sweep(current, next, previousPolicy, policy);
      }
      return bellmanSweep(model, current, next, false, previousPolicy, policy);
    },
  };
}

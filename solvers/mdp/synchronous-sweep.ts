import { bellmanSweep } from "./bellman.js";
import type { SweepOrder } from "./types.js";
import { defaultKernelThreads, integerAtLeast, optional, validateStrictOptions } from "../../src/engine/internals.js";
import type { OptionSchemaOf } from "../../src/engine/internals.js";
import { wasmSweepBinder } from "./wasm-sweep.js";

/** Options of {@link synchronousSweep}. */
export interface SynchronousSweepOptions {
  /**
   * Threads for the sweeps of large models (the WebAssembly kernel, from 16,384 transition entries,
   * sparse or dense), an integer >= 1, the caller's thread included. Every state's new value depends only on the
   * previous values, so the states are cut into chunks swept in any order: the same bits with any number.
   * @defaultValue the machine's available parallelism, at most 8 (`defaultKernelThreads()`)
   */
  readonly threads?: number | undefined;
}

/**
 * Synchronous (Jacobi) value-iteration sweeps: `V_{k+1}(s) = max_a [r(s, a) + gamma sum_s' P(s' | s, a) V_k(s')]`
 * for every state, reading only `V_k`.
 *
 * @remarks Cost: one pass over the transitions, `O(A S^2)` dense or `O(nnz)` sparse. Converges linearly with
 * factor `gamma` in the sup norm. The Bellman residual of `V_k` is the change, for free. Models with at
 * least 16,384 transition entries, sparse or dense, are swept by a WebAssembly kernel where available (the
 * same sums in the same order: the same bits), on `threads` threads.
 * @param options - `threads`.
 * @returns The sweep order, for `valueIteration({ sweep })`.
 * @throws `InvalidOptionError` for `threads` below 1 or not an integer.
 * @example
 * ```ts
 * solve(valueIteration({ sweep: synchronousSweep() }), frozenLake());
 * ```
 * @see M. L. Puterman, Markov Decision Processes, Wiley 1994, section 6.3.
 */
export function synchronousSweep(options: SynchronousSweepOptions = {}): SweepOrder {
  const rules = { threads: optional(integerAtLeast(1)) } satisfies OptionSchemaOf<SynchronousSweepOptions>;
  validateStrictOptions(options, rules, "synchronousSweep");
  const threads = options.threads ?? defaultKernelThreads();
  const wasmSweeps = wasmSweepBinder(threads);
  return {
    name: "synchronous",
    sweep(model, current, next, previousPolicy, policy) {
      const wasm = wasmSweeps(model);
      if (wasm !== undefined) return wasm.sweep(current, next, previousPolicy, policy);
      return bellmanSweep(model, current, next, false, previousPolicy, policy);
    },
  };
}

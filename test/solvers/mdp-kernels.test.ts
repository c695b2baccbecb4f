import { describe, expect, it, vi } from "vitest";
import { DisposedError } from "../../src/index.js";
import { bellmanSweep } from "../../solvers/mdp/bellman.js";
import { synchronousSweep } from "../../solvers/mdp/index.js";
import type { PreparedMdp } from "../../solvers/mdp/index.js";
import type { PreparedValueIteration } from "../../solvers/mdp/index.js";
import { createWasmSweep, kernelTransitions } from "../../solvers/mdp/wasm-sweep.js";
import { bound, sparseModel, bits, expectSweepsLikeBellman } from "../fixtures/mdp-kernels.js";

describe("the WebAssembly sparse Bellman sweep", () => {
  it.each([1, 2, 3, 4, 5, 8, 9])(
    "A = %i: values, policy and statistics bit-for-bit those of bellmanSweep over 20 sweeps",
    (A) => {
      const S = 57;
      const model = sparseModel(S, A, A);
      const last = expectSweepsLikeBellman(model, createWasmSweep(model, 2, 5)?.sweep, false); // chunks of 5 states, two threads
      // Terminal states keep value 0 and action -1; the statistics are those of a contraction by gamma.
      expect(last.values[3]).toBe(0);
      expect(last.policy[3]).toBe(-1);
    },
  );

  it("lays out the transitions for the kernel: column byte offsets, each group of four rows interleaved over their common length, then the rows' tails", () => {
    // One state with 5 actions: rows of 2, 3, 2 and 1 entries (common length 1), then a fifth row outside
    // the group, which keeps its place.
    const rowPointers = Int32Array.from([0, 2, 5, 7, 8, 10]);
    const columnIndices = Int32Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const probabilities = Float64Array.from({ length: 10 }, (_, k) => 0.1 * (k + 1));
    const model: PreparedMdp = {
      ...sparseModel(10, 5, 1),
      states: 1,
      rowPointers,
      columnIndices,
      probabilities,
      rewards: new Float64Array(5),
      allowed: new Uint8Array(5).fill(1),
      terminal: new Uint8Array(1),
    };
    const columns = new Int32Array(10);
    const laidOut = new Float64Array(10);
    kernelTransitions(model, columns, laidOut);
    // entry 0 of rows 0..3, then row 0's rest (entry 1), row 1's (3, 4), row 2's (6), row 3 has none; row 4 as it was
    const order = [0, 2, 5, 7, 1, 3, 4, 6, 8, 9];
    expect(Array.from(columns)).toEqual(order.map((k) => 8 * (columnIndices[k] as number)));
    expect(Array.from(laidOut)).toEqual(order.map((k) => probabilities[k]));
  });

  it("synchronousSweep() on a large sparse model (the WebAssembly path) gives bellmanSweep's result", () => {
    const S = 3000;
    const model = sparseModel(S, 3, 7);
    expect(model.probabilities?.length).toBeGreaterThan(16_384); // above wasmMinimumSize
    const order = synchronousSweep();
    const prepared = bound(model);
    expect(prepared.sweeps).toBeDefined();
    const values = Float64Array.from({ length: S }, (_, s) => s / 10);
    const next = new Float64Array(S);
    const policy = new Int32Array(S);
    const jsNext = new Float64Array(S);
    const jsPolicy = new Int32Array(S);
    const previous = new Int32Array(S);
    expect(order.sweep(prepared, values, next, previous, policy)).toEqual(
      bellmanSweep(model, values, jsNext, false, previous, jsPolicy),
    );
    expect(bits(next)).toBe(bits(jsNext));
    expect(Array.from(policy)).toEqual(Array.from(jsPolicy));
    prepared.sweeps?.dispose();
  });

  it("synchronousSweep() on models swept in turn (A, B, A again, a smaller C), each with its own kernel, stays exact on each", () => {
    const order = synchronousSweep();
    const models = [sparseModel(3000, 3, 7), sparseModel(2500, 4, 8), sparseModel(2000, 3, 9)].map((m) => bound(m));
    for (const model of [models[0], models[1], models[0], models[2], models[1]] as PreparedValueIteration[]) {
      const S = model.states;
      const values = Float64Array.from({ length: S }, (_, s) => (s % 17) / 3);
      const [next, jsNext] = [new Float64Array(S), new Float64Array(S)];
      const [policy, jsPolicy, previous] = [new Int32Array(S), new Int32Array(S), new Int32Array(S)];
      expect(order.sweep(model, values, next, previous, policy)).toEqual(
        bellmanSweep(model, values, jsNext, false, previous, jsPolicy),
      );
      expect(bits(next)).toBe(bits(jsNext));
      expect(Array.from(policy)).toEqual(Array.from(jsPolicy));
    }
  });

  it("a disposed sweep kernel ends its workers and refuses to sweep (DisposedError)", async () => {
    const model = sparseModel(3000, 3, 7);
    const sweeps = createWasmSweep(model, 2);
    if (sweeps === undefined) throw new Error("no WebAssembly shared memory");
    const S = model.states;
    sweeps.kernel.startWorkers();
    sweeps.sweep(new Float64Array(S), new Float64Array(S), new Int32Array(S), new Int32Array(S));
    expect(sweeps.kernel.liveWorkers).toBe(1);
    sweeps.dispose();
    expect(sweeps.kernel.disposed).toBe(true);
    await vi.waitFor(() => expect(sweeps.kernel.liveWorkers).toBe(0));
    expect(() => sweeps.sweep(new Float64Array(S), new Float64Array(S), new Int32Array(S), new Int32Array(S))).toThrow(
      DisposedError,
    );
  });
});

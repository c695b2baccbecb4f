// The dense sweep kernel alternates its direction over the blocks of states (a sweep first reads what the one
// before read last, still in the cache): the mapping of chunks to blocks, and the same bits either way.
import { describe, expect, it } from "vitest";
import { createWasmSweep } from "../../solvers/mdp/wasm-sweep.js";
import { denseModel, expectSweepsLikeBellman } from "../fixtures/mdp-kernels.js";

/** A dense sweep kernel on `threads` threads with chunks of 5 states whose passes' arguments are recorded. */
function recordedKernel(S: number, threads: number) {
  const model = denseModel(S, 3, 7, 0.3);
  const sweeps = createWasmSweep(model, threads, 5);
  if (sweeps === undefined) throw new Error("no WebAssembly shared memory");
  const passes: (readonly number[])[] = [];
  const run = sweeps.kernel.runChunks.bind(sweeps.kernel);
  Object.assign(sweeps.kernel, {
    runChunks: (name: string, chunks: number, args: readonly number[], ...rest: []) => {
      passes.push(args);
      return run(name as "denseSweepChunk", chunks, args, ...rest);
    },
  });
  return { model, sweeps, passes };
}

describe("the dense sweep's direction", () => {
  it("chunk c of a reversed pass sweeps the c-th block from the last (the last block short), and only it", () => {
    const S = 37; // blocks of 5: [0, 5) ... [30, 35), [35, 37)
    const { sweeps, passes } = recordedKernel(S, 1);
    sweeps.sweep(new Float64Array(S), new Float64Array(S), new Int32Array(S), new Int32Array(S));
    sweeps.sweep(new Float64Array(S), new Float64Array(S), new Int32Array(S), new Int32Array(S));
    expect(passes.map((args) => args[1])).toEqual([0, 1]); // forward, then reversed
    const args = passes[1] as readonly number[];
    const next = new Float64Array(sweeps.kernel.buffer, args[10] as number, S);
    for (const [chunk, states] of [
      [0, [35, 36]],
      [1, [30, 31, 32, 33, 34]],
      [7, [0, 1, 2, 3, 4]],
    ] as const) {
      next.fill(Number.NaN);
      sweeps.kernel.exports.denseSweepChunk(chunk, ...args);
      const written = Array.from(next.keys()).filter((s) => !Number.isNaN(next[s]));
      expect(written).toEqual(states);
    }
    sweeps.dispose();
  });

  it("sweeps alternate forward and reversed, each with bellmanSweep's values, policy and statistics, on 1 and 2 threads", () => {
    for (const threads of [1, 2]) {
      const S = 43;
      const { model, sweeps, passes } = recordedKernel(S, threads);
      expectSweepsLikeBellman(model, (c, n, p, q) => sweeps.sweep(c, n, p, q), false, 6);
      expect(passes.map((args) => args[1])).toEqual([0, 1, 0, 1, 0, 1]);
      sweeps.dispose();
    }
  });
});

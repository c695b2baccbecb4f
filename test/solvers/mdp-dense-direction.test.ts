// The dense sweep kernel alternates its direction over the blocks of states (a sweep first reads what the one
// before read last, still in the cache): the mapping of chunks to blocks, and the same bits either way.
import { describe, expect, it } from "vitest";
import { bellmanSweep } from "../../solvers/mdp/bellman.js";
import { createWasmSweep } from "../../solvers/mdp/wasm-sweep.js";
import { bits, denseModel } from "../fixtures/mdp-kernels.js";

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
      let [current, next, jsCurrent, jsNext] = [0, 0, 0, 0].map(() => new Float64Array(S)) as Float64Array[];
      let [previous, policy, jsPrevious, jsPolicy] = [0, 0, 0, 0].map(() => new Int32Array(S).fill(-1)) as Int32Array[];
      for (let sweep = 0; sweep < 6; sweep++) {
        const statistics = sweeps.sweep(
          current as Float64Array,
          next as Float64Array,
          previous as Int32Array,
          policy as Int32Array,
        );
        const expected = bellmanSweep(
          model,
          jsCurrent as Float64Array,
          jsNext as Float64Array,
          false,
          jsPrevious as Int32Array,
          jsPolicy as Int32Array,
        );
        expect(statistics).toEqual(expected);
        expect(bits(next as Float64Array)).toBe(bits(jsNext as Float64Array));
        expect(Array.from(policy as Int32Array)).toEqual(Array.from(jsPolicy as Int32Array));
        [current, next, previous, policy] = [next, current, policy, previous];
        [jsCurrent, jsNext, jsPrevious, jsPolicy] = [jsNext, jsCurrent, jsPolicy, jsPrevious];
      }
      expect(passes.map((args) => args[1])).toEqual([0, 1, 0, 1, 0, 1]);
      sweeps.dispose();
    }
  });
});

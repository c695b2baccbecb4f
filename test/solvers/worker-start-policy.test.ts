import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it, vi } from "vitest";
import { prepareProblem, Random, solve } from "../../src/index.js";
import type { KernelBinding } from "../../src/engine/internals.js";
import { givenCentroids, kmeans } from "../../solvers/kmeans/index.js";
import { randomMdp, valueIteration } from "../../solvers/mdp/index.js";
import type { PreparedValueIteration } from "../../solvers/mdp/index.js";

// A kernel binding starts its worker threads at its first pass where the machine has a core free for each,
// else only once its passes have taken about as long as starting them costs (kernel-binding.ts; both
// branches are tested there with a fixed answer for the free cores). Through solve, whichever branch this
// machine's load picks: a long run has its workers after its first passes, and the results are the same
// bits whoever ran the chunks.

const n = 4000;
const d = 8;
const random = new Random(11);
const values = Float64Array.from({ length: n * d }, (_, p) => 5 * (Math.floor(p / d) % 4) + random.normal());
const problem = { data: { values, rows: n } }; // 32,000 coordinates: the WebAssembly kernels
const init = givenCentroids(Array.from({ length: 4 }, (_, j) => Array.from(values.subarray(j * d, (j + 1) * d))));

const bits = (array: Float64Array): string =>
  Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString("hex");

/** The sweep kernel's binding (the object createWasmSweep returns carries it). */
const sweepBinding = (prepared: PreparedValueIteration): KernelBinding<unknown> =>
  (prepared.sweeps as unknown as { readonly kernel: KernelBinding<unknown> }).kernel;

describe("the worker start policy", () => {
  it("a short k-means run on two threads has the bits of one thread and of started workers", async () => {
    const solver = kmeans({ k: 4, init });
    using short = prepareProblem(solver, problem, { threads: 2 });
    const result = solve(solver, short);
    const binding = short.prepared.kernels?.binding as KernelBinding<unknown>;
    expect(binding.threads).toBe(2);
    expect(binding.liveWorkers).toBe(binding.workersStarted ? 1 : 0); // started only if a core was free

    using alone = prepareProblem(solver, problem, { threads: 1 });
    const single = solve(solver, alone);
    expect(bits(result.state.centroids)).toBe(bits(single.state.centroids));
    expect(result.state.inertia).toBe(single.state.inertia);
    expect(Array.from(result.state.labels)).toEqual(Array.from(single.state.labels));

    // Workers started by hand (for a run known to be long) change nothing in the answer.
    using helped = prepareProblem(solver, problem, { threads: 2 });
    const helpedBinding = helped.prepared.kernels?.binding as KernelBinding<unknown>;
    helpedBinding.startWorkers();
    expect(helpedBinding.liveWorkers).toBe(1);
    await sleep(100); // up and watching for jobs
    const again = solve(solver, helped);
    expect(bits(again.state.centroids)).toBe(bits(single.state.centroids));
    expect(Array.from(again.state.labels)).toEqual(Array.from(single.state.labels));
  });

  it("long value iteration runs start the worker after their first sweeps, with the bits of one thread", async () => {
    const small = randomMdp({ states: 4000, actions: 3, successors: 6, seed: 12 });
    const shortRun = valueIteration({ maxIterations: 5 });
    using short = prepareProblem(shortRun, small, { threads: 2 });
    const shortResult = solve(shortRun, short);
    expect(sweepBinding(short.prepared).liveWorkers).toBe(sweepBinding(short.prepared).workersStarted ? 1 : 0);
    using shortAlone = prepareProblem(shortRun, small, { threads: 1 });
    expect(bits(shortResult.state.values)).toBe(bits(solve(shortRun, shortAlone).state.values));

    // A long run: its sweeps add up to the start cost (twice 30 ms of CPU on two threads) within a run or
    // two on any machine; the runs on the handle keep counting.
    const large = randomMdp({ states: 20_000, actions: 4, successors: 8, seed: 3, discount: 0.999 });
    const longRun = valueIteration({ maxIterations: 100 });
    const long = prepareProblem(longRun, large, { threads: 2 });
    const binding = sweepBinding(long.prepared);
    let runs = 0;
    for (; runs < 20 && !binding.workersStarted; runs++) solve(longRun, long);
    expect(binding.workersStarted).toBe(true);
    expect(binding.liveWorkers).toBe(1);
    await sleep(100); // the worker up and watching for jobs
    const threaded = solve(longRun, long);
    expect(threaded.iterations).toBe(100);
    using alone = prepareProblem(longRun, large, { threads: 1 });
    const single = solve(longRun, alone);
    expect(bits(threaded.state.values)).toBe(bits(single.state.values));
    expect(Array.from(threaded.state.policy)).toEqual(Array.from(single.state.policy));
    long.dispose();
    await vi.waitFor(() => expect(binding.liveWorkers).toBe(0));
  }, 60_000);
});

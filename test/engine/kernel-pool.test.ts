import { describe, expect, it, vi } from "vitest";
import { DisposedError, InvalidOptionError, kernelPool, prepareProblem, Random, solve } from "../../src/index.js";
import { bindKernel } from "../../src/engine/internals.js";
import { givenCentroids, hamerlyKMeans, kmeans } from "../../solvers/kmeans/index.js";
import { randomMdp, valueIteration } from "../../solvers/mdp/index.js";
import { compiledKernel } from "./mark-kernel.js";

/** Runs `mark` over `chunks` chunks and checks that every chunk ran exactly once (slots 0.. and calls at 4096). */
function markAll(kernel: NonNullable<ReturnType<typeof bindKernel<object>>>, chunks: number, threads?: number): void {
  const calls = new Int32Array(kernel.buffer, 4096, chunks);
  calls.fill(0);
  kernel.runChunks("mark", chunks, [0, 2000, 4096], threads);
  expect(Array.from(new Int32Array(kernel.buffer, 0, chunks))).toEqual(Array.from({ length: chunks }, (_, c) => c));
  expect(calls.every((count) => count === 1)).toBe(true);
}

describe("kernelPool", () => {
  it("a disposed binding gives its memory back; the next binding of the module that fits takes the same memory", async () => {
    const module = await compiledKernel();
    using pool = kernelPool();
    const first = bindKernel<object>(module, 8192, 1, pool);
    if (first === undefined) throw new Error("no shared memory");
    const memory = first.buffer;
    markAll(first, 100);
    expect(pool.idle).toBe(0);
    first.dispose();
    expect(pool.idle).toBe(1);
    const second = bindKernel<object>(module, 4000, 1, pool);
    expect(second?.buffer).toBe(memory);
    expect(pool.idle).toBe(0);
    second?.dispose();
    // Too small for the next one: it is dropped, and a larger memory made.
    const larger = bindKernel<object>(module, 200_000, 1, pool);
    expect(larger?.buffer).not.toBe(memory);
    expect(larger?.capacity).toBeGreaterThanOrEqual(200_000);
    expect(pool.idle).toBe(0);
    larger?.dispose();
    expect(pool.idle).toBe(1);
  });

  it("reserve on a pooled binding takes a larger kernel and gives the smaller one back", async () => {
    const module = await compiledKernel();
    using pool = kernelPool();
    const kernel = bindKernel<object>(module, 8192, 2, pool);
    if (kernel === undefined) throw new Error("no shared memory");
    const small = kernel.buffer;
    expect(kernel.reserve(300_000)).toBe(true);
    expect(kernel.capacity).toBeGreaterThanOrEqual(300_000);
    expect(pool.idle).toBe(1);
    markAll(kernel, 80, 2);
    kernel.dispose();
    expect(pool.idle).toBe(2);
    // The smallest idle kernel that fits serves the next binding.
    expect(bindKernel<object>(module, 8000, 1, pool)?.buffer).toBe(small);
  });

  it("keeps the workers between bindings: every chunk runs exactly once in each, and they end with the pool", async () => {
    const module = await compiledKernel();
    const pool = kernelPool();
    for (let binding = 0; binding < 3; binding++) {
      const kernel = bindKernel<object>(module, 8192, 3, pool);
      if (kernel === undefined) throw new Error("no shared memory");
      for (let pass = 0; pass < 3; pass++) markAll(kernel, 60);
      expect(pool.liveWorkers).toBe(2);
      kernel.dispose();
      expect(pool.liveWorkers).toBe(2); // given back, not ended
      expect(() => kernel.runChunks("mark", 1, [0, 1, 4096])).toThrow(DisposedError);
    }
    pool.dispose();
    pool.dispose();
    expect(pool.disposed).toBe(true);
    await vi.waitFor(() => expect(pool.liveWorkers).toBe(0));
    expect(() => bindKernel<object>(module, 8192, 1, pool)).toThrow(DisposedError);
  });

  it("a binding still in use when the pool is disposed ends its workers on its own dispose", async () => {
    const module = await compiledKernel();
    const pool = kernelPool();
    const kernel = bindKernel<object>(module, 8192, 2, pool);
    if (kernel === undefined) throw new Error("no shared memory");
    markAll(kernel, 40);
    pool.dispose();
    markAll(kernel, 40);
    kernel.dispose();
    expect(pool.idle).toBe(0);
    await vi.waitFor(() => expect(pool.liveWorkers).toBe(0));
  });
});

describe("the kernelPool run option", () => {
  const n = 3000;
  const d = 8;
  const random = new Random(9);
  const dataSets = [0, 1, 2].map((shift) =>
    Float64Array.from({ length: n * d }, (_, p) => 5 * ((Math.floor(p / d) + shift) % 3) + random.normal()),
  );
  const initFor = (values: Float64Array) =>
    givenCentroids(Array.from({ length: 3 }, (_, j) => Array.from(values.subarray(j * d, (j + 1) * d))));

  it("one-off k-means solves on new problems through one pool give the same bits as without", () => {
    using pool = kernelPool();
    for (const factory of [kmeans, hamerlyKMeans]) {
      for (const values of dataSets) {
        const problem = { data: { values, rows: n } };
        const alone = solve(factory({ init: initFor(values) }), problem, { threads: 2 });
        const pooled = solve(factory({ init: initFor(values) }), problem, { threads: 2, kernelPool: pool });
        expect(pooled.iterations).toBe(alone.iterations);
        expect(pooled.state.inertia).toBe(alone.state.inertia);
        expect(Array.from(pooled.state.labels)).toEqual(Array.from(alone.state.labels));
      }
    }
    expect(pool.idle).toBe(1); // one kernel served every solve
  });

  it("value iteration on new models through one pool gives the same values as without", () => {
    using pool = kernelPool();
    for (const seed of [1, 2, 3]) {
      const model = randomMdp({ states: 3000, actions: 3, successors: 6, seed, discount: 0.9 });
      const alone = solve(valueIteration(), model, { maxIterations: 20 });
      const pooled = solve(valueIteration(), model, { maxIterations: 20, kernelPool: pool });
      expect(Array.from(pooled.state.values)).toEqual(Array.from(alone.state.values));
      expect(Array.from(pooled.state.policy)).toEqual(Array.from(alone.state.policy));
    }
    expect(pool.idle).toBe(1);
  });

  it("is checked, and given once: to prepareProblem for a handle, not again to solve", () => {
    const solver = kmeans({ init: initFor(dataSets[0] as Float64Array) });
    const problem = { data: { values: dataSets[0] as Float64Array, rows: n } };
    expect(() => solve(solver, problem, { kernelPool: {} as never })).toThrow(InvalidOptionError);
    expect(() => solve(solver, problem, { kernelPool: {} as never })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: kernelPool must be a pool from kernelPool(), got an object (Object)]`,
    );
    expect(() => prepareProblem(solver, problem, { kernelPool: 3 as never })).toThrow(
      "kernelPool must be a pool from kernelPool(), got 3",
    );
    using pool = kernelPool();
    using prepared = prepareProblem(solver, problem, { kernelPool: pool });
    expect(() => solve(solver, prepared, { kernelPool: pool })).toThrow(
      "kernelPool shapes the preparation, and problem is already prepared: pass it to prepareProblem(solver, problem, { kernelPool }) instead",
    );
    const disposed = kernelPool();
    disposed.dispose();
    expect(() => solve(solver, problem, { kernelPool: disposed })).toThrow(DisposedError);
  });
});

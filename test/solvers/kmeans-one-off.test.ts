import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it, vi } from "vitest";
import { InvalidProblemError, kernelPool, prepareProblem, Random, solve } from "../../src/index.js";
import type { KernelBinding } from "../../src/engine/internals.js";
import { givenCentroids, hamerlyKMeans, kmeans } from "../../solvers/kmeans/index.js";
import { chunkSize } from "../../solvers/kmeans/kernels.js";
import { createWasmKernels } from "../../solvers/kmeans/wasm-kernels.js";
import type { WasmKMeansKernels } from "../../solvers/kmeans/wasm-kernel-types.js";

// A one-off k-means solve on several threads: where a core is free for each helper (here always: the load
// average is mocked to 0 on 4 cores), the kernels' workers start in prepare, before the points are copied
// in, and the first pass copies them with `copyIn` (the workers map the later pages); rows given as arrays
// are converted straight into the kernel's memory. The same bits as one thread, the same bytes in the
// kernel's memory, no worker left after the solve, and a one-chunk problem still starts none.
vi.mock("node:os", async (original) => ({
  ...(await original<typeof import("node:os")>()),
  availableParallelism: () => 4,
  loadavg: () => [0, 0, 0],
}));

// Every kernel that prepare binds, to see that a prepare that fails its checks ends its workers.
const bound = vi.hoisted(() => [] as (WasmKMeansKernels | undefined)[]);
vi.mock("../../solvers/kmeans/wasm-kernels.js", async (original) => {
  const actual = await original<typeof import("../../solvers/kmeans/wasm-kernels.js")>();
  return {
    ...actual,
    createWasmKernels: (...args: Parameters<typeof actual.createWasmKernels>) => {
      const kernels = actual.createWasmKernels(...args);
      bound.push(kernels);
      return kernels;
    },
  };
});

const d = 8;
const n = 10_000; // 80,000 coordinates: 3 chunks of 4,096 points
const random = new Random(23);
const values = Float64Array.from({ length: n * d }, (_, p) => 7 * (Math.floor(p / d) % 5) + random.normal());
const rows = Array.from({ length: n }, (_, i) => Array.from(values.subarray(i * d, (i + 1) * d)));
const start = Array.from({ length: 5 }, (_, j) => Array.from(values.subarray(j * d, (j + 1) * d)));
const init = givenCentroids(start);

const hex = (array: Float64Array): string =>
  Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString("hex");

describe("a one-off k-means solve", () => {
  it("has more than one chunk here (so its workers start in prepare)", () => {
    expect(Math.ceil(n / chunkSize(n, d, 5))).toBe(3);
  });

  it("starts its workers in prepare, has the bits of one thread for 1, 2 and 3 threads, flat or rows, and leaves no worker", async () => {
    for (const factory of [kmeans, hamerlyKMeans]) {
      const solver = factory({ k: 5, init });
      const results = [];
      for (const threads of [1, 2, 3]) {
        for (const data of [{ values, rows: n }, rows]) {
          const prepared = prepareProblem(solver, { data }, { threads });
          const binding = prepared.prepared.kernels?.binding as KernelBinding<unknown>;
          expect(binding.workersStarted).toBe(threads > 1);
          expect(binding.liveWorkers).toBe(threads - 1);
          results.push(solve(solver, prepared));
          prepared.dispose();
          await vi.waitFor(() => expect(binding.liveWorkers).toBe(0));
        }
      }
      const [first, ...rest] = results;
      for (const result of rest) {
        expect(hex(result.state.centroids)).toBe(hex(first?.state.centroids ?? new Float64Array()));
        expect(result.state.inertia).toBe(first?.state.inertia);
        expect(result.iterations).toBe(first?.iterations);
        expect(Array.from(result.state.labels)).toEqual(Array.from(first?.state.labels ?? []));
      }
    }
  });

  it("ends the workers that its prepare started when solve is over", async () => {
    const solver = kmeans({ k: 5, init });
    const seen: KernelBinding<unknown>[] = [];
    const prepare = solver.prepare?.bind(solver);
    const watched = {
      ...solver,
      prepare: (problem: never, context: never) => {
        const prepared = (prepare as NonNullable<typeof prepare>)(problem, context);
        seen.push(prepared.kernels?.binding as KernelBinding<unknown>);
        return prepared;
      },
    } as typeof solver;
    const result = solve(watched, { data: rows }, { threads: 2 });
    expect(result.converged).toBe(true);
    expect(seen[0]?.workersStarted).toBe(true);
    expect(seen[0]?.disposed).toBe(true);
    await vi.waitFor(() => expect(seen[0]?.liveWorkers).toBe(0));
  });

  it("a one-chunk problem starts no worker, even with a core free", () => {
    const small = values.subarray(0, 4000 * d);
    const solver = kmeans({ k: 5, init });
    using prepared = prepareProblem(solver, { data: { values: small, rows: 4000 } }, { threads: 2 });
    solve(solver, prepared);
    const binding = prepared.prepared.kernels?.binding as KernelBinding<unknown>;
    expect(binding.workersStarted).toBe(false);
    expect(binding.liveWorkers).toBe(0);
  });

  it("rows are converted straight into the kernel's memory (without a pool), with the bytes of the flat data", () => {
    const solver = kmeans({ k: 5, init });
    using prepared = prepareProblem(solver, { data: rows }, { threads: 2 });
    const { data, kernels } = prepared.prepared;
    expect(data.values).toBe(kernels?.points);
    expect(data.values.buffer).toBe(kernels?.binding.buffer);
    expect(hex(data.values)).toBe(hex(values));
    // With a pool the memory serves other problems after this one: the rows get an array of their own.
    using pool = kernelPool();
    using pooled = prepareProblem(solver, { data: rows }, { threads: 2, kernelPool: pool });
    expect(pooled.prepared.data.values.buffer).not.toBe(pooled.prepared.kernels?.binding.buffer);
    expect(hex(pooled.prepared.data.values)).toBe(hex(values));
  });

  it("copyIn at the first pass, with the workers up, leaves the points' bytes and the bits of one thread", async () => {
    const big = 40_000; // 16 coordinates: 5 MB, above copyIn's 4 MiB for helpers
    const x = Float64Array.from({ length: big * 16 }, (_, p) => Math.sin(p) * 10);
    const w = Float64Array.from({ length: big }, (_, i) => 1 + (i % 3));
    const centroids = x.slice(0, 6 * 16);
    const helped = createWasmKernels(x, big, 16, w, 6, 2);
    const alone = createWasmKernels(x, big, 16, w, 6, 1);
    expect(helped?.binding.workersStarted).toBe(true);
    await sleep(300); // the worker up and watching for jobs: it maps pages of the copy
    const helpedCopy = vi.spyOn(helped?.binding as KernelBinding<unknown>, "copyIn");
    const aloneCopy = vi.spyOn(alone?.binding as KernelBinding<unknown>, "copyIn");
    const a = helped?.assign(centroids, null, true);
    const b = alone?.assign(centroids, null, true);
    expect(helpedCopy).toHaveBeenCalledTimes(1); // the whole of the points, at offset 0
    expect(helpedCopy.mock.calls[0]?.[0]).toBe(0);
    expect(helpedCopy.mock.calls[0]?.[1].byteLength).toBe(big * 16 * 8);
    expect(aloneCopy).not.toHaveBeenCalled(); // one thread: copied chunk by chunk within the first pass
    expect(hex(helped?.points ?? new Float64Array())).toBe(hex(x));
    expect(hex(a?.sums ?? new Float64Array())).toBe(hex(b?.sums ?? new Float64Array(1)));
    expect(a?.inertia).toBe(b?.inertia);
    expect(Array.from(a?.labels ?? [])).toEqual(Array.from(b?.labels ?? [1]));
    expect(hex(helped?.moments().squares ?? new Float64Array())).toBe(
      hex(alone?.moments().squares ?? new Float64Array(1)),
    );
    helped?.dispose();
    alone?.dispose();
  });

  it("keeps the typed errors that name the data path, for rows converted into the kernel's memory", () => {
    const solver = kmeans({ k: 5, init });
    const withNaN = rows.map((row, i) => (i === 9000 ? row.map((v, t) => (t === 3 ? Number.NaN : v)) : row));
    const ragged = rows.map((row, i) => (i === 7000 ? row.slice(1) : row));
    const text = rows.map((row, i) => (i === 5000 ? ["1", ...row.slice(1)] : row));
    for (const threads of [1, 2]) {
      expect(() => solve(solver, { data: withNaN }, { threads })).toThrow(InvalidProblemError);
      expect(() => solve(solver, { data: withNaN }, { threads })).toThrow("problem.data[9000][3]");
      expect(() => solve(solver, { data: ragged }, { threads })).toThrow("problem.data[7000]");
      expect(() => solve(solver, { data: text as never }, { threads })).toThrow("problem.data[5000][0]");
      expect(() => solve(kmeans({ k: 5, init }), { data: rows, sampleWeights: [1] }, { threads })).toThrow(
        "problem.sampleWeights",
      );
    }
  });

  it("a prepare that fails its checks after binding the kernel ends the workers it started", async () => {
    const solver = kmeans({ k: 5, init });
    const withNaN = rows.map((row, i) => (i === 9000 ? row.map(() => Number.NaN) : row));
    for (const problem of [{ data: withNaN }, { data: rows, sampleWeights: [1] }]) {
      bound.length = 0;
      expect(() => prepareProblem(solver, problem, { threads: 2 })).toThrow(InvalidProblemError);
      const binding = bound[0]?.binding as KernelBinding<unknown>;
      expect(binding.workersStarted).toBe(true);
      expect(binding.disposed).toBe(true);
      await vi.waitFor(() => expect(binding.liveWorkers).toBe(0));
    }
  });
});

import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { DisposedError, kernelPool } from "../../src/index.js";
import { vi } from "vitest";
import { availableParallelism } from "node:os";
import { bindKernel, coresFreeFor, defaultKernelThreads } from "../../src/engine/internals.js";
import { compiledKernel } from "./mark-kernel.js";

describe("bindKernel", () => {
  it("run every chunk exactly once, on the caller alone (threads: 1) and with a worker (threads: 2)", async () => {
    const module = await compiledKernel();
    const kernel = bindKernel<object>(module, 8192, 2);
    expect(kernel).toBeDefined();
    if (kernel === undefined) return;
    const chunks = 200;
    const marks = new Int32Array(kernel.buffer, 0, chunks);
    const calls = new Int32Array(kernel.buffer, 4096, chunks);
    kernel.runChunks("mark", chunks, [0, 1000, 4096], 1);
    expect(kernel.callerChunks).toBe(chunks);
    expect(Array.from(marks)).toEqual(Array.from({ length: chunks }, (_, c) => c));
    expect(calls.every((count) => count === 1)).toBe(true);
    // A worker takes part once it has started (tens of milliseconds after it is asked to).
    kernel.startWorkers();
    kernel.wake(2000);
    await sleep(500);
    let workerChunks = 0;
    let passes = 1;
    for (; passes < 20 && workerChunks === 0; passes++) {
      marks.fill(-1);
      kernel.runChunks("mark", chunks, [0, 20_000, 4096], 2);
      workerChunks = chunks - kernel.callerChunks;
      expect(Array.from(marks)).toEqual(Array.from({ length: chunks }, (_, c) => c));
    }
    expect(workerChunks).toBeGreaterThan(0);
    expect(Array.from(calls)).toEqual(Array.from({ length: chunks }, () => passes));
  });

  it("a pass on one thread is the caller's alone, even while a worker lingers on the kernel", async () => {
    const module = await compiledKernel();
    const kernel = bindKernel<object>(module, 8192, 2);
    if (kernel === undefined) throw new Error("no shared memory");
    const chunks = 100;
    kernel.startWorkers();
    // Two-thread passes until the worker takes part (it may still be lingering on another test's kernel);
    // right after one, it watches for the next job for 5 ms, well within the one-thread pass that follows
    // (about 100 ms of chunks).
    let workerChunks = 0;
    for (let pass = 0; pass < 50 && workerChunks === 0; pass++) {
      kernel.runChunks("mark", chunks, [0, 20_000, 4096], 2);
      workerChunks = chunks - kernel.callerChunks;
      if (workerChunks === 0) await sleep(100);
    }
    expect(workerChunks).toBeGreaterThan(0);
    kernel.runChunks("mark", chunks, [0, 500_000, 4096], 1);
    expect(kernel.callerChunks).toBe(chunks);
  });

  it("a trap in any chunk is an error after every other chunk has run; a missing function or too many arguments is an error", async () => {
    const module = await compiledKernel();
    const kernel = bindKernel<object>(module, 1024, 2);
    if (kernel === undefined) throw new Error("no shared memory");
    expect(() => kernel.runChunks("trap", 8, [], 2)).toThrow(/trap failed on a chunk/);
    expect(() => kernel.runChunks("trap", 3, [], 2)).not.toThrow(); // chunks 0..2 only
    expect(() => kernel.runChunks("missing", 1, [], 1)).toThrow(/missing does not exist/);
    expect(() =>
      kernel.runChunks(
        "mark",
        1,
        Array.from({ length: 33 }, () => 0),
        1,
      ),
    ).toThrow(/at most 32 arguments/);
  });

  it("dispose ends the workers and drops the memory: a later pass is a DisposedError; dispose twice is harmless", async () => {
    const module = await compiledKernel();
    const kernel = bindKernel<object>(module, 8192, 3);
    if (kernel === undefined) throw new Error("no shared memory");
    expect(kernel.threads).toBe(3);
    kernel.startWorkers();
    kernel.runChunks("mark", 50, [0, 1000, 4096]);
    expect(kernel.liveWorkers).toBe(2);
    kernel.dispose();
    kernel.dispose();
    expect(kernel.disposed).toBe(true);
    await vi.waitFor(() => expect(kernel.liveWorkers).toBe(0));
    expect(() => kernel.runChunks("mark", 1, [0, 1, 4096])).toThrow(DisposedError);
    expect(() => kernel.exports).toThrow(/the kernel binding was disposed/);
    expect(() => kernel.wake()).toThrow(DisposedError);
  });

  it("reserve grows the memory (a new instance, the same workers) and keeps it when large enough", async () => {
    const module = await compiledKernel();
    const kernel = bindKernel<object>(module, 1000, 2);
    if (kernel === undefined) throw new Error("no shared memory");
    const before = kernel.buffer;
    expect(kernel.reserve(500)).toBe(true);
    expect(kernel.buffer).toBe(before);
    expect(kernel.reserve(300_000)).toBe(true);
    expect(kernel.capacity).toBeGreaterThanOrEqual(300_000);
    const marks = new Int32Array(kernel.buffer, 0, 100);
    kernel.runChunks("mark", 100, [0, 1000, 4096]);
    expect(Array.from(marks)).toEqual(Array.from({ length: 100 }, (_, c) => c));
    kernel.dispose();
  });

  it("on a busy machine, starts its workers only once its passes have taken as long as starting them costs; the same marks either way", async () => {
    const module = await compiledKernel();
    const kernel = bindKernel<object>(module, 8192, 2, undefined, () => false); // no core free
    if (kernel === undefined) throw new Error("no shared memory");
    const chunks = 100;
    const marks = new Int32Array(kernel.buffer, 0, chunks);
    const expected = Array.from({ length: chunks }, (_, c) => c);
    // Short passes (about a microsecond of work each): no worker, whatever the threads asked for.
    for (let pass = 0; pass < 20; pass++) kernel.runChunks("mark", chunks, [0, 10, 4096], 2);
    expect(kernel.workersStarted).toBe(false);
    expect(kernel.liveWorkers).toBe(0);
    expect(kernel.callerChunks).toBe(chunks);
    // Passes of a few milliseconds each: once they add up to the start cost, the worker starts, and joins.
    let passes = 20;
    for (; passes < 2000 && !kernel.workersStarted; passes++) {
      kernel.runChunks("mark", chunks, [0, 20_000, 4096], 2);
      expect(Array.from(marks)).toEqual(expected);
    }
    expect(kernel.workersStarted).toBe(true);
    expect(kernel.liveWorkers).toBe(1);
    let workerChunks = 0;
    for (let pass = 0; pass < 50 && workerChunks === 0; pass++, passes++) {
      kernel.runChunks("mark", chunks, [0, 20_000, 4096], 2);
      workerChunks = chunks - kernel.callerChunks;
      expect(Array.from(marks)).toEqual(expected);
      if (workerChunks === 0) await sleep(50);
    }
    expect(workerChunks).toBeGreaterThan(0);
    expect(Array.from(new Int32Array(kernel.buffer, 4096, chunks))).toEqual(expected.map(() => passes));
    kernel.dispose();
    await vi.waitFor(() => expect(kernel.liveWorkers).toBe(0));
  });

  it("with a core free for each helper, starts its workers at the first pass that could use them; the same marks", async () => {
    const module = await compiledKernel();
    const asked: number[] = [];
    const coresFree = (helpers: number) => {
      asked.push(helpers);
      return true;
    };
    const kernel = bindKernel<object>(module, 8192, 3, undefined, coresFree);
    if (kernel === undefined) throw new Error("no shared memory");
    const chunks = 100;
    const expected = Array.from({ length: chunks }, (_, c) => c);
    kernel.runChunks("mark", chunks, [0, 10, 4096], 1); // a pass on one thread asks nothing
    expect(kernel.workersStarted).toBe(false);
    kernel.runChunks("mark", chunks, [0, 10, 4096], 3);
    expect(asked).toEqual([2]);
    expect(kernel.workersStarted).toBe(true);
    expect(kernel.liveWorkers).toBe(2);
    expect(Array.from(new Int32Array(kernel.buffer, 0, chunks))).toEqual(expected);
    kernel.runChunks("mark", chunks, [0, 10, 4096], 3);
    expect(asked).toEqual([2]); // asked once per binding
    expect(Array.from(new Int32Array(kernel.buffer, 4096, chunks))).toEqual(expected.map(() => 3));
    kernel.dispose();
    await vi.waitFor(() => expect(kernel.liveWorkers).toBe(0));
  });

  it("startWorkersWhereCoresFree makes the first pass's start decision ahead of it: workers where a core is free for each, none otherwise", async () => {
    const module = await compiledKernel();
    const asked: number[] = [];
    const free = bindKernel<object>(module, 8192, 3, undefined, (helpers) => asked.push(helpers) > 0);
    const busy = bindKernel<object>(module, 8192, 3, undefined, () => false);
    const single = bindKernel<object>(module, 8192, 1, undefined, () => true);
    if (free === undefined || busy === undefined || single === undefined) throw new Error("no shared memory");
    free.startWorkersWhereCoresFree();
    expect(asked).toEqual([2]);
    expect(free.workersStarted).toBe(true);
    expect(free.liveWorkers).toBe(2); // booting while the caller would copy its data in
    busy.startWorkersWhereCoresFree();
    expect(busy.workersStarted).toBe(false);
    expect(busy.liveWorkers).toBe(0);
    single.startWorkersWhereCoresFree();
    expect(single.liveWorkers).toBe(0);
    free.runChunks("mark", 50, [0, 10, 4096], 3);
    expect(asked).toEqual([2]); // the decision is made once per binding
    expect(Array.from(new Int32Array(free.buffer, 0, 50))).toEqual(Array.from({ length: 50 }, (_, c) => c));
    for (const kernel of [free, busy, single]) kernel.dispose();
    await vi.waitFor(() => expect(free.liveWorkers).toBe(0));
    expect(() => free.startWorkersWhereCoresFree()).toThrow(DisposedError);
  });

  it("copyIn writes the source's bytes, alone and with workers mapping the later pages; refuses a copy past the memory", async () => {
    const module = await compiledKernel();
    const source = Float64Array.from({ length: 3_000_001 }, (_, i) => i * 0.5 - 7); // 24 MB, not a whole page
    const alone = bindKernel<object>(module, 8 * source.length + 16_384, 2, undefined, () => false);
    const helped = bindKernel<object>(module, 8 * source.length + 16_384, 3, undefined, () => true);
    if (alone === undefined || helped === undefined) throw new Error("no shared memory");
    new Uint8Array(helped.buffer).fill(0xab); // a memory holding another problem's bytes (a pool's)
    helped.startWorkers();
    await sleep(300); // the workers up
    let mappedByWorkers = 0;
    for (let copy = 0; copy < 20 && mappedByWorkers === 0; copy++) {
      helped.wake(1000);
      helped.copyIn(4096, source);
      mappedByWorkers = 64 - helped.callerChunks;
      if (mappedByWorkers === 0) await sleep(100);
    }
    expect(mappedByWorkers).toBeGreaterThan(0);
    for (const kernel of [alone, helped]) {
      kernel.copyIn(4096, source);
      const copied = new Float64Array(kernel.buffer, 4096, source.length);
      expect(copied.every((value, i) => value === source[i])).toBe(true);
      // nothing written outside the copy (the workers' page faults included)
      const untouched = kernel === helped ? 0xab : 0;
      expect(new Uint8Array(kernel.buffer, 0, 4096).every((byte) => byte === untouched)).toBe(true);
      expect(new Uint8Array(kernel.buffer, 4096 + source.byteLength, 4000).every((byte) => byte === untouched)).toBe(
        true,
      );
      expect(() => kernel.copyIn(kernel.capacity - 8, new Float64Array(2))).toThrow(RangeError);
      // a small copy is a plain one
      kernel.copyIn(8, Float64Array.of(1.5, 2.5));
      expect(Array.from(new Float64Array(kernel.buffer, 8, 2))).toEqual([1.5, 2.5]);
    }
    expect(helped.liveWorkers).toBe(2);
    for (const kernel of [alone, helped]) kernel.dispose();
    expect(() => alone.copyIn(0, source)).toThrow(DisposedError);
    await vi.waitFor(() => expect(helped.liveWorkers).toBe(0));
  });

  it("copyIn into a pool's memory (its pages mapped already) is a plain copy on the caller's thread", async () => {
    const module = await compiledKernel();
    const source = Float64Array.from({ length: 1_000_001 }, (_, i) => i * 0.25 + 3); // 8 MB: above the helpers' 4 MiB
    using pool = kernelPool();
    const fresh = bindKernel<object>(module, 8 * source.length + 16_384, 2, undefined, () => true);
    const pooled = bindKernel<object>(module, 8 * source.length + 16_384, 2, pool, () => true);
    if (fresh === undefined || pooled === undefined) throw new Error("no shared memory");
    expect(fresh.freshMemory).toBe(true);
    expect(pooled.freshMemory).toBe(false);
    expect(pooled.workersStarted).toBe(true); // a pool's workers start at once
    pooled.wake(1000);
    pooled.copyIn(4096, source);
    expect(pooled.callerChunks).toBe(0); // no slices were handed to the workers: the caller copied alone
    const copied = new Float64Array(pooled.buffer, 4096, source.length);
    expect(copied.every((value, i) => value === source[i])).toBe(true);
    fresh.dispose();
    pooled.dispose();
  });

  it("never counts more free cores than the machine has", () => {
    expect(coresFreeFor(availableParallelism() + 1)).toBe(false);
  });

  it("one thread starts no worker and runs every chunk on the caller; no module, no binding", async () => {
    const module = await compiledKernel();
    const kernel = bindKernel<object>(module, 8192, 1);
    kernel?.runChunks("mark", 20, [0, 10, 4096], 4);
    expect(kernel?.callerChunks).toBe(20);
    kernel?.startWorkers();
    expect(kernel?.workersStarted).toBe(false);
    expect(kernel?.liveWorkers).toBe(0);
    expect(bindKernel(null, 100, 2)).toBeUndefined();
  });

  it("defaultKernelThreads is the available parallelism, between 1 and 8", () => {
    expect(defaultKernelThreads()).toBeGreaterThanOrEqual(1);
    expect(defaultKernelThreads()).toBeLessThanOrEqual(8);
  });
});

// Many short passes in a row through the caller's and the workers' hand-off (kernel-pass.ts,
// kernel-workers.ts): each job's chunks run exactly once, on that job's function and arguments, also when
// the jobs change their chunk count and arguments from one pass to the next, on an own and a pooled kernel.
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it, vi } from "vitest";
import { kernelPool } from "../../src/index.js";
import { bindKernel } from "../../src/engine/internals.js";
import type { KernelBinding } from "../../src/engine/internals.js";
import { compiledKernel } from "./mark-kernel.js";

/** Regions of the memory: two mark areas and two call-count areas (i32 slots, a chunk each). */
const markAreas = [0, 8192] as const;
const callAreas = [16_384, 24_576] as const;

/**
 * Runs `passes` passes of 1 to 12 chunks, alternating the areas they write; checks each pass's marks and
 * returns the chunks that workers ran. Each pass's marks area is cleared before it, so a chunk run with
 * another pass's arguments, or not at all, shows.
 */
/** Calls counted per chunk, per area. */
type CallCounts = [Int32Array, Int32Array];

function passesInARow(kernel: KernelBinding<object>, passes: number, calls: CallCounts): number {
  let workerChunks = 0;
  for (let pass = 0; pass < passes; pass++) {
    const chunks = 1 + ((pass * 7) % 12);
    const area = pass % 2 === 0 ? 0 : 1;
    const marks = new Int32Array(kernel.buffer, markAreas[area], 12);
    marks.fill(-1);
    kernel.runChunks("mark", chunks, [markAreas[area], 300 + (pass % 5) * 200, callAreas[area]], 2);
    expect(Array.from(marks.subarray(0, chunks))).toEqual(Array.from({ length: chunks }, (_, c) => c));
    expect(Array.from(marks.subarray(chunks))).toEqual(Array.from({ length: 12 - chunks }, () => -1));
    const counts = calls[area];
    for (let chunk = 0; chunk < chunks; chunk++) counts[chunk] = (counts[chunk] ?? 0) + 1;
    workerChunks += chunks - kernel.callerChunks;
  }
  for (const area of [0, 1] as const) {
    expect(Array.from(new Int32Array(kernel.buffer, callAreas[area], 12))).toEqual(Array.from(calls[area]));
  }
  return workerChunks;
}

/** Passes until the worker takes part (it boots in tens of milliseconds). */
async function untilWorkerJoins(kernel: KernelBinding<object>): Promise<void> {
  for (let pass = 0; pass < 50; pass++) {
    kernel.runChunks("mark", 40, [32_768, 20_000, 36_864], 2);
    if (kernel.callerChunks < 40) return;
    await sleep(50);
  }
  throw new Error("the worker never took part");
}

describe("the kernels' hand-off between caller and worker", () => {
  it("runs each chunk of 2,000 short passes in a row exactly once, with its own pass's arguments", async () => {
    const module = await compiledKernel();
    const kernel = bindKernel<object>(module, 65_536, 2);
    if (kernel === undefined) throw new Error("no shared memory");
    kernel.startWorkers();
    await untilWorkerJoins(kernel);
    const calls: CallCounts = [new Int32Array(12), new Int32Array(12)];
    new Int32Array(kernel.buffer, callAreas[0], 12).fill(0);
    new Int32Array(kernel.buffer, callAreas[1], 12).fill(0);
    const workerChunks = passesInARow(kernel, 2000, calls);
    expect(workerChunks).toBeGreaterThan(0);
    kernel.dispose();
    await vi.waitFor(() => expect(kernel.liveWorkers).toBe(0));
  });

  it("on a pooled kernel, job numbers continue across bindings and every chunk still runs once", async () => {
    const module = await compiledKernel();
    const pool = kernelPool();
    const calls: CallCounts = [new Int32Array(12), new Int32Array(12)];
    let workerChunks = 0;
    for (let binding = 0; binding < 3; binding++) {
      const kernel = bindKernel<object>(module, 65_536, 2, pool);
      if (kernel === undefined) throw new Error("no shared memory");
      if (binding === 0) {
        await untilWorkerJoins(kernel);
        new Int32Array(kernel.buffer, callAreas[0], 12).fill(0);
        new Int32Array(kernel.buffer, callAreas[1], 12).fill(0);
      }
      workerChunks += passesInARow(kernel, 500, calls);
      kernel.dispose();
    }
    expect(workerChunks).toBeGreaterThan(0);
    pool.dispose();
    await vi.waitFor(() => expect(pool.liveWorkers).toBe(0));
  });
});

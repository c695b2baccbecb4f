// Where a one-off k-means solve's time goes, part by part: `npx tsx test/bench/kmeans-pass-profile.ts`. The
// solvers' own WebAssembly kernels (createWasmKernels) on the peers bench's data (200,000 x 16 blobs, k = 8,
// the first 8 rows as start), on one thread: the first pass on fresh kernel memory (copy, page faults,
// moments and the assignment together), a Lloyd pass, one with Hamerly's bounds, a settled Hamerly pass, the
// copy of one pass's labels and bounds out of the kernel, and the first touch of 25.6 MB of fresh JavaScript
// memory against a copy into memory already touched. Each figure is the least process CPU time of `rounds`
// runs (steadier than wall time on a shared machine). Not a test: figures only. The native counterpart is
// test/bench/native/kmeans-pass.c; the analysis is in docs/guides/kmeans.md.
import { createWasmKernels } from "../../solvers/kmeans/wasm-kernels.js";
import type { WasmKMeansKernels } from "../../solvers/kmeans/wasm-kernel-types.js";
import { blobs } from "./peers/clustering.js";

const [n, d, k] = [200_000, 16, 8];
const rounds = 7;
const x = blobs(n, d, k, 2024);

/** Milliseconds of process CPU time `run` takes (the least of `rounds`), after `setUp` (not timed). */
function leastCpuMs(run: () => void, setUp: () => void = () => {}): number {
  let least = Infinity;
  for (let round = 0; round < rounds; round++) {
    setUp();
    const before = process.cpuUsage();
    run();
    const used = process.cpuUsage(before);
    least = Math.min(least, (used.user + used.system) / 1e3);
  }
  return least;
}

function kernelsOnOneThread(): WasmKMeansKernels {
  const kernels = createWasmKernels(x, n, d, undefined, k, 1);
  if (kernels === undefined) throw new Error("WebAssembly SIMD with shared memory is unavailable");
  return kernels;
}

/** The centroids of Lloyd's update from one pass's sums (no cluster is empty on these blobs). */
function nextCentroids(pass: { sums: Float64Array; totals: Float64Array }): Float64Array {
  return pass.sums.map((sum, p) => sum / (pass.totals[Math.floor(p / d)] as number));
}

const start = x.slice(0, k * d);
const figures: [string, number][] = [];
let fresh: WasmKMeansKernels | undefined;
figures.push([
  "first pass on fresh kernel memory (copy, faults, moments, assignment)",
  leastCpuMs(
    () => (fresh as WasmKMeansKernels).assign(start, null, false),
    () => {
      fresh?.dispose();
      fresh = kernelsOnOneThread();
    },
  ),
]);
fresh?.dispose();

const kernels = kernelsOnOneThread();
let pass = kernels.assign(start, null, false);
let centroids: Float64Array = start;
for (let iteration = 0; iteration < 6; iteration++) {
  centroids = nextCentroids(pass);
  pass = kernels.assign(centroids, pass.labels, false);
}
figures.push(["Lloyd pass", leastCpuMs(() => kernels.assign(centroids, pass.labels, false))]);
const bounded = kernels.assign(centroids, pass.labels, true);
figures.push(["Lloyd pass with Hamerly's bounds", leastCpuMs(() => kernels.assign(centroids, pass.labels, true))]);
// Settled: the centroids have not moved, so every bound holds and no point is searched.
const halfGap = new Float64Array(k).fill(Infinity);
for (let j = 0; j < k; j++)
  for (let m = j + 1; m < k; m++) {
    let sum = 0;
    for (let t = 0; t < d; t++) sum += ((centroids[j * d + t] as number) - (centroids[m * d + t] as number)) ** 2;
    halfGap[j] = Math.min(halfGap[j] as number, Math.sqrt(sum) / 2);
    halfGap[m] = Math.min(halfGap[m] as number, Math.sqrt(sum) / 2);
  }
const lower = bounded.lowerBounds as Float64Array;
figures.push([
  "Hamerly pass, settled (own distance only)",
  leastCpuMs(() => kernels.hamerly(centroids, bounded.labels, lower, halfGap, 0, -1, 0, 1e-12)),
]);
const labelSlot = new Int32Array(n);
const lowerSlot = new Float64Array(n);
figures.push([
  "copy of a pass's labels and bounds out (fresh arrays)",
  leastCpuMs(() => [labelSlot.slice(), lowerSlot.slice()]),
]);
kernels.dispose();

// A WebAssembly memory is a fresh mapping every time (its pages fault on first touch); an ArrayBuffer of the
// same size may get memory the allocator recycled from an earlier one, as numpy's arrays do.
const pages = Math.ceil((n * d * 8) / 65536);
type MemoryConstructor = new (descriptor: object) => { buffer: ArrayBufferLike };
const { Memory } = (globalThis as unknown as { WebAssembly: { Memory: MemoryConstructor } }).WebAssembly;
const wasmMemory = () => new Memory({ initial: pages, maximum: 65536, shared: true });
figures.push([
  "25.6 MB new WebAssembly.Memory, filled",
  leastCpuMs(() => new Float64Array(wasmMemory().buffer, 0, n * d).fill(1)),
]);
figures.push([
  "25.6 MB new Float64Array, filled (memory may be recycled)",
  leastCpuMs(() => new Float64Array(n * d).fill(1)),
]);
const touched = new Float64Array(n * d).fill(1);
figures.push(["copy of the points into memory already touched", leastCpuMs(() => touched.set(x))]);

console.log(`k-means one-off solve, part by part: ${n} x ${d}, k = ${k}, one thread, least CPU ms of ${rounds}`);
for (const [name, ms] of figures) console.log(`${ms.toFixed(2).padStart(7)}  ${name}`);

// Internal: the WebAssembly SIMD versions of the Lloyd and Hamerly passes (wasm/kmeans.wat), bit-for-bit
// equal to the JavaScript kernels in kernels.ts. The points are copied into the instance's memory block by
// block (a few hundred kB, reused), not all at once: touching tens of MB of fresh memory costs more page
// faults than the copies of the blocks cost.
import { kmeansWasmBase64 } from "./wasm/kmeans-wasm-bytes.js";
import { compileWasm, instantiateWasm, MemoryLayout } from "../../src/index.js";
import type { KernelMemory } from "../../src/index.js";

interface KMeansExports {
  readonly memory: KernelMemory;
  assign(...args: number[]): number;
  hamerly(...args: number[]): number;
  sumCoordinates(...args: number[]): void;
  sumSquares(...args: number[]): void;
}

/** The result of one assignment pass, with the per-cluster sums for the next centroid update. */
export interface WasmAssignment {
  readonly labels: Int32Array<ArrayBuffer>;
  readonly inertia: number;
  readonly changes: number;
  readonly sums: Float64Array;
  readonly totals: Float64Array;
  readonly lowerBounds: Float64Array | undefined;
  readonly distances: number;
}

/** The kernels bound to one data set and one `k`. */
export interface WasmKMeansKernels {
  /** Per-coordinate means and sums of squared deviations (each in point order). */
  moments(): { means: Float64Array; squares: Float64Array };
  /** Lloyd's assignment to `centroids` (row-major); `previous` labels count the changes; `bounds` also returns Hamerly's lower bounds. */
  assign(centroids: Float64Array, previous: Int32Array | null, bounds: boolean): WasmAssignment;
  /** Hamerly's bound-filtered assignment (see hamerly-kmeans.ts). */
  hamerly(
    centroids: Float64Array,
    previous: Int32Array,
    previousLower: Float64Array,
    halfGap: Float64Array,
    largest: number,
    largestIndex: number,
    secondLargest: number,
    margin: number,
  ): WasmAssignment;
}

/** The compiled module (compiled once at load: it is immutable), or null where WebAssembly SIMD is unavailable. */
const compiledModule = compileWasm(kmeansWasmBase64);

/** Bytes of points per block: large enough that a call's overhead vanishes, small enough to stay in L2. */
const blockBytes = 2 ** 18;

/**
 * Binds the kernels to `n x d` points and their weights for `k` clusters, or returns undefined where
 * WebAssembly SIMD is unavailable. The points and weights are read, never written, and must not change
 * while the kernels are in use. `blockPoints` (points per block) is for tests of the block boundaries.
 */
export function createWasmKernels(
  x: Float64Array,
  n: number,
  d: number,
  weights: Float64Array,
  k: number,
  blockPoints = Math.floor(blockBytes / (8 * d)),
): WasmKMeansKernels | undefined {
  const module = compiledModule;
  if (module === null) return undefined;
  const pairs = Math.ceil(k / 2);
  const block = Math.max(1, Math.min(n, blockPoints));
  const layout = new MemoryLayout();
  const take = (bytes: number): number => layout.take(bytes);
  const xAt = take(block * d * 8);
  const wAt = take(block * 8);
  const prevAt = take(block * 4);
  const labelsAt = take(block * 4);
  const prevLowerAt = take(block * 8);
  const lowerAt = take(block * 8);
  const ctAt = take(pairs * 2 * d * 8);
  const cAt = take(k * d * 8);
  const gapAt = take(k * 8);
  const sumsAt = take(k * d * 8);
  const totalsAt = take(k * 8);
  const outAt = take(16);
  const meansAt = take(d * 8);
  const squaresAt = take(d * 8);
  const api = instantiateWasm<KMeansExports>(module, layout.size);
  const buffer = api.memory.buffer;
  const xBlock = new Float64Array(buffer, xAt, block * d);
  const wBlock = new Float64Array(buffer, wAt, block);
  const prevBlock = new Int32Array(buffer, prevAt, block);
  const labelsBlock = new Int32Array(buffer, labelsAt, block);
  const prevLowerBlock = new Float64Array(buffer, prevLowerAt, block);
  const lowerBlock = new Float64Array(buffer, lowerAt, block);
  const ct = new Float64Array(buffer, ctAt, pairs * 2 * d);
  const sums = new Float64Array(buffer, sumsAt, k * d);
  const totals = new Float64Array(buffer, totalsAt, k);
  const out = new Float64Array(buffer, outAt, 2);
  const means = new Float64Array(buffer, meansAt, d);
  const squares = new Float64Array(buffer, squaresAt, d);
  const groups = pairs >> 2;
  // The layout of kmeans.wat: groups of four pairs interleaved by coordinate, then single pairs.
  const setCentroids = (centroids: Float64Array): void => {
    for (let j = 0; j < pairs * 2; j++) {
      const pair = j >> 1;
      const lane = j & 1;
      const g = pair >> 2;
      for (let t = 0; t < d; t++) {
        const at = g < groups ? g * 8 * d + t * 8 + (pair & 3) * 2 + lane : groups * 8 * d + (pair - groups * 4) * 2 * d + t * 2 + lane;
        ct[at] = j < k ? (centroids[j * d + t] as number) : Infinity;
      }
    }
  };
  /** Runs `pass(start, count)` over the blocks in point order, after copying each block's points in. */
  const forBlocks = (pass: (start: number, count: number) => void): void => {
    for (let start = 0; start < n; start += block) {
      const count = Math.min(block, n - start);
      xBlock.set(x.subarray(start * d, (start + count) * d));
      pass(start, count);
    }
  };
  const begin = (): void => {
    sums.fill(0);
    totals.fill(0);
    out.fill(0);
  };
  const result = (labels: Int32Array<ArrayBuffer>, changes: number, lowerBounds: Float64Array | undefined, distances: number): WasmAssignment => ({
    labels,
    inertia: out[0] as number,
    changes,
    sums: sums.slice(),
    totals: totals.slice(),
    lowerBounds,
    distances,
  });
  return {
    moments() {
      means.fill(0);
      squares.fill(0);
      forBlocks((_, count) => api.sumCoordinates(xAt, count, d, meansAt));
      for (let t = 0; t < d; t++) means[t] = (means[t] as number) / n;
      forBlocks((_, count) => api.sumSquares(xAt, count, d, meansAt, squaresAt));
      return { means: means.slice(), squares: squares.slice() };
    },
    assign(centroids, previous, bounds) {
      setCentroids(centroids);
      begin();
      const labels = new Int32Array(n);
      const lowerBounds = bounds ? new Float64Array(n) : undefined;
      let changes = 0;
      forBlocks((start, count) => {
        wBlock.set(weights.subarray(start, start + count));
        if (previous !== null) prevBlock.set(previous.subarray(start, start + count));
        changes += api.assign(xAt, count, d, ctAt, pairs, k, wAt, labelsAt, previous === null ? 0 : prevAt, bounds ? lowerAt : 0, sumsAt, totalsAt, outAt);
        labels.set(labelsBlock.subarray(0, count), start);
        lowerBounds?.set(lowerBlock.subarray(0, count), start);
      });
      return result(labels, changes, lowerBounds, n * k);
    },
    hamerly(centroids, previous, previousLower, halfGap, largest, largestIndex, secondLargest, margin) {
      setCentroids(centroids);
      new Float64Array(buffer, cAt, k * d).set(centroids);
      new Float64Array(buffer, gapAt, k).set(halfGap);
      begin();
      const labels = new Int32Array(n);
      const lowerBounds = new Float64Array(n);
      let changes = 0;
      forBlocks((start, count) => {
        wBlock.set(weights.subarray(start, start + count));
        prevBlock.set(previous.subarray(start, start + count));
        prevLowerBlock.set(previousLower.subarray(start, start + count));
        changes += api.hamerly(
          xAt, count, d, ctAt, pairs, k, cAt, wAt, prevAt, prevLowerAt, gapAt,
          largest, largestIndex, secondLargest, 1 + margin, 1 - margin,
          labelsAt, lowerAt, sumsAt, totalsAt, outAt,
        );
        labels.set(labelsBlock.subarray(0, count), start);
        lowerBounds.set(lowerBlock.subarray(0, count), start);
      });
      return result(labels, changes, lowerBounds, out[1] as number);
    },
  };
}

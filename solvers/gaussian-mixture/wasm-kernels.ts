// Internal: the WebAssembly SIMD versions of triangularLogDensities and of the scatter matrices' packed
// triangles (wasm/gmm.wat), bit-for-bit equal to the JavaScript kernels. The kernel is bound to the
// prepared problem (bindKernel in the solver's prepare, one thread: it has no threaded pass) and its memory
// grows to the largest block layout; the fitted model's predict and score bind one for each call (freed
// at its end), and a caller with none gets one bound for the one pass.
import type { DataMatrix } from "../kmeans/index.js";
import type { PreparedGaussianMixture as MixtureData } from "./types.js";
import { gmmWasmBase64 } from "./wasm/gmm-wasm-bytes.js";
import { bindKernel, compileWasm, MemoryLayout } from "../../src/engine/internals.js";
import type { KernelBinding } from "../../src/engine/internals.js";
import type { KernelPool } from "../../src/index.js";

export interface GmmExports {
  axisDistances(...args: number[]): void;
  diagonalScatter(...args: number[]): void;
  normalise(...args: number[]): void;
  lowerTransform(...args: number[]): void;
  triangular(...args: number[]): void;
  scatter(...args: number[]): void;
  weightedSums(...args: number[]): void;
  boundedLogDensities(...args: number[]): number;
}

/** The compiled module (compiled once at load: it is immutable), or null where WebAssembly SIMD is unavailable. */
export const compiledModule = compileWasm(gmmWasmBase64);

/** Bytes of points per block copied into the instance (stays in L2 with its output). */
export const blockBytes = 2 ** 17;

/** The kernel a mixture's data carries (bound by the solver's prepare), if any. */
export function kernelOf(data: DataMatrix): KernelBinding<unknown> | undefined {
  return (data as MixtureData).kernel;
}

/**
 * The kernel for a Gaussian mixture's prepared problem (undefined without WebAssembly SIMD): one thread (its
 * block kernels have no threaded pass), from `kernelPool` (the run option) when given.
 */
export function bindMixtureKernel(kernelPool?: KernelPool): KernelBinding<unknown> | undefined {
  return bindKernel<GmmExports>(compiledModule, 65536, 1, kernelPool);
}

/**
 * The kernel's exports and memory, at least `bytes` of it zeroed (as a fresh instance's): the prepared
 * problem's kernel, or one bound for this call; undefined without WebAssembly SIMD.
 */
export function kernelFor(
  kernel: KernelBinding<unknown> | undefined,
  bytes: number,
): { readonly api: GmmExports; readonly buffer: ArrayBufferLike } | undefined {
  const bound = kernel ?? bindKernel<GmmExports>(compiledModule, bytes, 1);
  if (bound === undefined || !bound.reserve(bytes)) return undefined;
  new Uint8Array(bound.buffer, 0, bytes).fill(0);
  return { api: bound.exports as GmmExports, buffer: bound.buffer };
}

/**
 * `out[i k + j] = bases[j] - 0.5 ||Q_j (x_i - mu_j)||^2` for all points (see triangularLogDensities), in
 * blocks of points copied into a WebAssembly instance. Returns false (and writes nothing) where
 * WebAssembly SIMD is unavailable. `blockPoints` is for tests of the block boundaries.
 */
export function wasmTriangularDistances(
  x: Float64Array,
  n: number,
  d: number,
  means: Float64Array,
  factors: Float64Array,
  k: number,
  shared: boolean,
  bases: Float64Array,
  out: Float64Array,
  kernel: KernelBinding<unknown> | undefined,
  blockPoints = Math.max(8, Math.floor(blockBytes / (8 * d)) & ~7),
): boolean {
  if (compiledModule === null) return false;
  const block = Math.min(blockPoints, Math.ceil(n / 8) * 8);
  const layout = new MemoryLayout();
  const take = (bytes: number): number => layout.take(bytes);
  const xAt = take((block + 7) * d * 8); // the last group of eight may read seven rows past the block
  const outAt = take(block * k * 8);
  const meansAt = take(k * d * 8);
  const factorsAt = take(factors.length * 8);
  const basesAt = take(k * 8);
  const diffsAt = take(64 * d);
  const bound = kernelFor(kernel, layout.size);
  if (bound === undefined) return false;
  const { api, buffer } = bound;
  new Float64Array(buffer, meansAt, k * d).set(means);
  new Float64Array(buffer, factorsAt, factors.length).set(factors);
  new Float64Array(buffer, basesAt, k).set(bases);
  const xBlock = new Float64Array(buffer, xAt, block * d);
  const outBlock = new Float64Array(buffer, outAt, block * k);
  for (let start = 0; start < n; start += block) {
    const count = Math.min(block, n - start);
    xBlock.set(x.subarray(start * d, (start + count) * d));
    api.triangular(xAt, count, d, meansAt, factorsAt, shared ? 0 : d * d * 8, k, basesAt, diffsAt, outAt);
    out.set(outBlock.subarray(0, count * k), start * k);
  }
  return true;
}

/**
 * The packed lower triangles `sum_i r_ij (x_i - mu_j)(x_i - mu_j)^T` (k triangles of `d (d + 1) / 2`, rows
 * in order) summed as scatterMatrices does, in blocks of points copied into a WebAssembly instance; or
 * undefined where WebAssembly SIMD is unavailable. `blockPoints` is for tests of the block boundaries.
 */
export function wasmPackedScatter(
  x: Float64Array,
  n: number,
  d: number,
  responsibilities: Float64Array,
  means: Float64Array,
  k: number,
  kernel: KernelBinding<unknown> | undefined,
  blockPoints = Math.max(1, Math.floor(blockBytes / (8 * (d + k)))),
): Float64Array | undefined {
  if (compiledModule === null) return undefined;
  const block = Math.min(blockPoints, n);
  const triangle = (d * (d + 1)) / 2;
  const layout = new MemoryLayout();
  const take = (bytes: number): number => layout.take(bytes);
  const xAt = take(block * d * 8);
  const respAt = take(block * k * 8);
  const meansAt = take(k * d * 8);
  const packedAt = take(k * triangle * 8);
  const diffsAt = take(8 * d);
  const bound = kernelFor(kernel, layout.size);
  if (bound === undefined) return undefined;
  const { api, buffer } = bound;
  new Float64Array(buffer, meansAt, k * d).set(means);
  pointBlocks(buffer, xAt, respAt, block, x, d, responsibilities, k, n, (count) =>
    api.scatter(xAt, count, d, respAt, k, meansAt, diffsAt, packedAt),
  );
  return new Float64Array(buffer.slice(packedAt, packedAt + k * triangle * 8));
}

/**
 * The M-step's per-component totals (starting from `totals`, accumulated into it) and weighted sums of the
 * points (`k x d`, into `sums`, zero on entry), as maximizationStep adds them, in blocks of points copied
 * into a WebAssembly instance. Returns false (and writes nothing) where WebAssembly SIMD is unavailable.
 * `blockPoints` is for tests of the block boundaries.
 */
export function wasmWeightedSums(
  x: Float64Array,
  n: number,
  d: number,
  responsibilities: Float64Array,
  k: number,
  totals: Float64Array,
  sums: Float64Array,
  kernel: KernelBinding<unknown> | undefined,
  blockPoints = Math.max(1, Math.floor(blockBytes / (8 * (d + k)))),
): boolean {
  if (compiledModule === null) return false;
  const block = Math.min(blockPoints, n);
  const layout = new MemoryLayout();
  const take = (bytes: number): number => layout.take(bytes);
  const xAt = take(block * d * 8);
  const respAt = take(block * k * 8);
  const totalsAt = take(k * 8);
  const sumsAt = take(k * d * 8);
  const bound = kernelFor(kernel, layout.size);
  if (bound === undefined) return false;
  const { api, buffer } = bound;
  new Float64Array(buffer, totalsAt, k).set(totals);
  pointBlocks(buffer, xAt, respAt, block, x, d, responsibilities, k, n, (count) =>
    api.weightedSums(xAt, count, d, respAt, k, totalsAt, sumsAt),
  );
  totals.set(new Float64Array(buffer, totalsAt, k));
  sums.set(new Float64Array(buffer, sumsAt, k * d));
  return true;
}

/**
 * Copies the points and their responsibilities into the kernel's memory (at `xAt`, `respAt`) block by
 * block, in point order, and runs `pass` on each block of `count` points: the block loop of the kernels
 * that read both (its work per block is one kernel call).
 */
export function pointBlocks(
  buffer: ArrayBufferLike,
  xAt: number,
  respAt: number,
  block: number,
  x: Float64Array,
  d: number,
  responsibilities: Float64Array,
  k: number,
  n: number,
  pass: (count: number) => void,
): void {
  const xBlock = new Float64Array(buffer, xAt, block * d);
  const respBlock = new Float64Array(buffer, respAt, block * k);
  for (let start = 0; start < n; start += block) {
    const count = Math.min(block, n - start);
    xBlock.set(x.subarray(start * d, (start + count) * d));
    respBlock.set(responsibilities.subarray(start * k, (start + count) * k));
    pass(count);
  }
}

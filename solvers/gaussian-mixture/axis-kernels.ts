// Internal: the WebAssembly SIMD versions of axisLogDensities (diagonal and spherical covariances) and of
// diagonalScatter (wasm/gmm.wat: axisDistances, diagonalScatter), bit-for-bit equal to the JavaScript loops:
// every sum runs in the same order and the lanes hold different components (or coordinates), never terms of
// one sum; and the E-step's log-sum-exp normalisation (normalise), fused into the same block pass for the
// axis-aligned types. Blocks of points are copied into the kernel's memory, as in wasm-kernels.ts.
import { blockBytes, compiledModule, kernelFor, pointBlocks } from "./wasm-kernels.js";
import { MemoryLayout } from "../../src/engine/internals.js";
import type { KernelBinding } from "../../src/engine/internals.js";

/** The E-step's normalisation, fused into a block pass: log-weights in, `log p(x_i)` out. */
export interface BlockNormalisation {
  readonly logWeights: Float64Array;
  readonly logNorms: Float64Array;
}

/**
 * `out[i k + j] = c - 0.5 sum_t ((x_it - mu_jt) f_jt)^2 + logDets[j]` for all points, with one factor per
 * feature (`spherical` false: `factors` is k x d) or per component (`spherical`: k); with `normalisation`,
 * the responsibilities instead (see {@link wasmNormalise}). Returns false (and writes nothing) where
 * WebAssembly SIMD is unavailable. `blockPoints` is for tests of the block boundaries.
 */
export function wasmAxisDistances(
  x: Float64Array,
  n: number,
  d: number,
  means: Float64Array,
  factors: Float64Array,
  k: number,
  spherical: boolean,
  c: number,
  logDets: Float64Array,
  out: Float64Array,
  kernel: KernelBinding<unknown> | undefined,
  normalisation: BlockNormalisation | undefined = undefined,
  blockPoints = Math.max(1, Math.floor(blockBytes / (8 * (d + k)))),
): boolean {
  if (compiledModule === null) return false;
  const block = Math.min(blockPoints, n);
  const kPad = Math.ceil(k / 4) * 4;
  const layout = new MemoryLayout();
  const xAt = layout.take(block * d * 8);
  const outAt = layout.take(block * k * 8);
  const meansAt = layout.take(d * kPad * 8);
  const factorsAt = layout.take(d * kPad * 8);
  const logDetsAt = layout.take(kPad * 8);
  const logWeightsAt = layout.take(k * 8);
  const normsAt = layout.take(block * 16);
  const bound = kernelFor(kernel, layout.size);
  if (bound === undefined) return false;
  const { api, buffer } = bound;
  const meansT = new Float64Array(buffer, meansAt, d * kPad);
  const factorsT = new Float64Array(buffer, factorsAt, d * kPad);
  for (let j = 0; j < k; j++) {
    for (let t = 0; t < d; t++) {
      meansT[t * kPad + j] = means[j * d + t] as number;
      factorsT[t * kPad + j] = factors[spherical ? j : j * d + t] as number;
    }
  }
  new Float64Array(buffer, logDetsAt, k).set(logDets.subarray(0, k));
  if (normalisation !== undefined) new Float64Array(buffer, logWeightsAt, k).set(normalisation.logWeights);
  const xBlock = new Float64Array(buffer, xAt, block * d);
  const outBlock = new Float64Array(buffer, outAt, block * k);
  const norms = new Float64Array(buffer, normsAt, 2 * block);
  for (let start = 0; start < n; start += block) {
    const count = Math.min(block, n - start);
    xBlock.set(x.subarray(start * d, (start + count) * d));
    api.axisDistances(xAt, count, d, meansAt, factorsAt, kPad, k, c, logDetsAt, outAt);
    if (normalisation !== undefined) {
      api.normalise(outAt, count, k, logWeightsAt, normsAt);
      logNormsOf(norms, count, normalisation.logNorms, start);
    }
    out.set(outBlock.subarray(0, count * k), start * k);
  }
  return true;
}

/** `log p(x_i) = largest_i + ln s_i` from the kernel's (largest, sum) pairs. */
function logNormsOf(norms: Float64Array, count: number, logNorms: Float64Array, start: number): void {
  for (let i = 0; i < count; i++) logNorms[start + i] = (norms[2 * i] as number) + Math.log(norms[2 * i + 1] as number);
}

/**
 * The E-step's normalisation in place: `logs[i k + j]` (log-densities) becomes the responsibility
 * `e^(v_ij - m_i) / s_i` with `v_ij = logs[i k + j] + logWeights[j]`, `m_i = max_j v_ij`, `s_i = sum_j e^(v_ij -
 * m_i)`, and `logNorms[i] = m_i + ln s_i`. The exponential is the kernel's polynomial (within a few ulps of
 * `Math.exp`; terms below e^-708 are 0). Returns false (and writes nothing) where WebAssembly SIMD is
 * unavailable. `blockPoints` is for tests of the block boundaries.
 */
export function wasmNormalise(
  logs: Float64Array,
  n: number,
  k: number,
  logWeights: Float64Array,
  logNorms: Float64Array,
  kernel: KernelBinding<unknown> | undefined,
  blockPoints = Math.max(1, Math.floor(blockBytes / (8 * k))),
): boolean {
  if (compiledModule === null) return false;
  const block = Math.min(blockPoints, n);
  const layout = new MemoryLayout();
  const logsAt = layout.take(block * k * 8);
  const logWeightsAt = layout.take(k * 8);
  const normsAt = layout.take(block * 16);
  const bound = kernelFor(kernel, layout.size);
  if (bound === undefined) return false;
  const { api, buffer } = bound;
  new Float64Array(buffer, logWeightsAt, k).set(logWeights);
  const logsBlock = new Float64Array(buffer, logsAt, block * k);
  const norms = new Float64Array(buffer, normsAt, 2 * block);
  for (let start = 0; start < n; start += block) {
    const count = Math.min(block, n - start);
    logsBlock.set(logs.subarray(start * k, (start + count) * k));
    api.normalise(logsAt, count, k, logWeightsAt, normsAt);
    logNormsOf(norms, count, logNorms, start);
    logs.set(logsBlock.subarray(0, count * k), start * k);
  }
  return true;
}

/**
 * `sum_i r_ij (x_it - mu_jt)^2` (k x d) as diagonalScatter sums it, or undefined where WebAssembly SIMD is
 * unavailable. `blockPoints` is for tests of the block boundaries.
 */
export function wasmDiagonalScatter(
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
  const layout = new MemoryLayout();
  const xAt = layout.take(block * d * 8);
  const respAt = layout.take(block * k * 8);
  const meansAt = layout.take(k * d * 8);
  const outAt = layout.take(k * d * 8);
  const bound = kernelFor(kernel, layout.size);
  if (bound === undefined) return undefined;
  const { api, buffer } = bound;
  new Float64Array(buffer, meansAt, k * d).set(means);
  pointBlocks(buffer, xAt, respAt, block, x, d, responsibilities, k, n, (count) =>
    api.diagonalScatter(xAt, count, d, respAt, k, meansAt, outAt),
  );
  return new Float64Array(buffer.slice(outAt, outAt + k * d * 8));
}

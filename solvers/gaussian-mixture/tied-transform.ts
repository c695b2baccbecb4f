// Internal: tied covariances on large data through the axis-aligned kernels. With one precision factor Q
// for every component, ||Q (x_i - mu_j)||^2 = ||Q x_i - Q mu_j||^2: the points and the means are mapped
// once (d^2 / 2 per point), and the E-step is the spherical kernel's on the mapped data with unit factors
// (k d per point, not k d^2 / 2). The pooled scatter is sum_i x_i x_i^T (the responsibilities of a point sum
// to one) less sum_j nk_j mu_j mu_j^T: one triangle per point, not k (scikit-learn's formula).
import type { DataMatrix } from "../kmeans/index.js";
import type { CovarianceEstimateInput } from "./types.js";
import { blockBytes, compiledModule, kernelFor, kernelOf, wasmPackedScatter } from "./wasm-kernels.js";
import { MemoryLayout, wasmMinimumSize } from "../../src/engine/internals.js";
import type { KernelBinding } from "../../src/engine/internals.js";

/**
 * `Q y` for each row y of `values` (rows x d), Q lower-triangular d x d (row-major); the WebAssembly kernel
 * (the same sums in the same order) on large data, unless `javascript` is set.
 */
export function lowerTransform(
  values: Float64Array,
  rows: number,
  d: number,
  q: Float64Array,
  kernel: KernelBinding<unknown> | undefined = undefined,
  javascript = false,
): Float64Array {
  if (!javascript && rows * d >= wasmMinimumSize) {
    const mapped = wasmLowerTransform(values, rows, d, q, kernel);
    if (mapped !== undefined) return mapped;
  }
  const out = new Float64Array(rows * d);
  for (let i = 0; i < rows; i++) {
    const base = i * d;
    for (let r = 0; r < d; r++) {
      const row = r * d;
      let sum = 0;
      for (let t = 0; t <= r; t++) sum += (q[row + t] as number) * (values[base + t] as number);
      out[base + r] = sum;
    }
  }
  return out;
}

/** The axis-aligned form of the tied E-step: mapped points and means, unit factors, and `sum_t ln Q_tt`. */
export function tiedAxisForm(data: DataMatrix, means: Float64Array, factors: Float64Array, k: number) {
  const d = data.columns;
  let logDiagonal = 0;
  for (let t = 0; t < d; t++) logDiagonal += Math.log(factors[t * d + t] as number);
  return {
    values: lowerTransform(data.values, data.rows, d, factors, kernelOf(data)),
    means: lowerTransform(means, k, d, factors),
    factors: new Float64Array(k).fill(1),
    shift: logDiagonal,
  };
}

/**
 * `sum_j sum_i r_ij (x_i - mu_j)(x_i - mu_j)^T` (d x d) as `sum_i s_i x_i x_i^T - sum_j nk_j mu_j mu_j^T`
 * with `s_i = sum_j r_ij`, through the WebAssembly scatter kernel (one component, zero mean); undefined
 * where WebAssembly SIMD is unavailable.
 */
export function pooledScatterByMoments(input: CovarianceEstimateInput): Float64Array | undefined {
  const { data, responsibilities, totals, means, k } = input;
  const { values, rows: n, columns: d } = data;
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let j = 0; j < k; j++) sum += responsibilities[i * k + j] as number;
    weights[i] = sum;
  }
  const packed = wasmPackedScatter(values, n, d, weights, new Float64Array(d), 1, kernelOf(data));
  if (packed === undefined) return undefined;
  const out = new Float64Array(d * d);
  let p = 0;
  for (let a = 0; a < d; a++) {
    for (let b = 0; b <= a; b++, p++) {
      let value = packed[p] as number;
      for (let j = 0; j < k; j++)
        value -= (totals[j] as number) * (means[j * d + a] as number) * (means[j * d + b] as number);
      out[a * d + b] = value;
      out[b * d + a] = value;
    }
  }
  return out;
}

/**
 * lowerTransform in blocks of points copied into the WebAssembly kernel, or undefined where WebAssembly SIMD
 * is unavailable. `blockPoints` is for tests of the block boundaries.
 */
export function wasmLowerTransform(
  values: Float64Array,
  rows: number,
  d: number,
  q: Float64Array,
  kernel: KernelBinding<unknown> | undefined,
  blockPoints = Math.max(1, Math.floor(blockBytes / (16 * d))),
): Float64Array | undefined {
  if (compiledModule === null) return undefined;
  const block = Math.min(blockPoints, rows);
  const pairs = lowerPairs(q, d);
  const layout = new MemoryLayout();
  const xAt = layout.take(block * d * 8);
  const outAt = layout.take(block * d * 8);
  const qAt = layout.take(pairs.length * 8);
  const bound = kernelFor(kernel, layout.size);
  if (bound === undefined) return undefined;
  const { api, buffer } = bound;
  new Float64Array(buffer, qAt, pairs.length).set(pairs);
  const out = new Float64Array(rows * d);
  const xBlock = new Float64Array(buffer, xAt, block * d);
  const outBlock = new Float64Array(buffer, outAt, block * d);
  for (let start = 0; start < rows; start += block) {
    const count = Math.min(block, rows - start);
    xBlock.set(values.subarray(start * d, (start + count) * d));
    api.lowerTransform(xAt, count, d, qAt, outAt);
    out.set(outBlock.subarray(0, count * d), start * d);
  }
  return out;
}

/** Q in pairs of rows, coordinate-major, as lowerTransform reads it: pair p holds (Q[2p][t], Q[2p + 1][t]) for t < min(2p + 2, d). */
export function lowerPairs(q: Float64Array, d: number): Float64Array {
  const pairs: number[] = [];
  for (let r = 0; r < d; r += 2)
    for (let t = 0; t < Math.min(r + 2, d); t++)
      pairs.push(t <= r ? (q[r * d + t] as number) : 0, r + 1 < d ? (q[(r + 1) * d + t] as number) : 0);
  return Float64Array.from(pairs);
}

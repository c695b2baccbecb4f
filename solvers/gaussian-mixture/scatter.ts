// Internal: weighted scatter matrices, the M-step's costly part, skipping zero responsibilities (exactly
// zero for far components of well-separated data), lower triangle accumulated then mirrored.
import type { CovarianceEstimateInput } from "./types.js";
import { wasmDiagonalScatter } from "./axis-kernels.js";
import { kernelOf, wasmPackedScatter } from "./wasm-kernels.js";
import { wasmMinimumSize } from "../../src/engine/internals.js";

/**
 * sum_i r_ij (x_i - mu_j)(x_i - mu_j)^T for each j, k d d numbers (or summed over j into d d when `pooled`).
 * Runs the WebAssembly SIMD kernel (the same additions in the same order) where available, unless
 * `javascript` is set.
 */
export function scatterMatrices(
  { data, responsibilities, means, k }: CovarianceEstimateInput,
  pooled: boolean,
  javascript = false,
): Float64Array {
  const { values: x, rows: n, columns: d } = data;
  const out = new Float64Array((pooled ? 1 : k) * d * d);
  const triangles =
    javascript || n * d < wasmMinimumSize
      ? undefined
      : wasmPackedScatter(x, n, d, responsibilities, means, k, kernelOf(data));
  if (triangles !== undefined) {
    for (let j = 0; j < k; j++) mirror(triangles.subarray(j * ((d * (d + 1)) / 2)), out, pooled ? 0 : j * d * d, d);
    return out;
  }
  const packed = new Float64Array((d * (d + 1)) / 2);
  // Four points per pass over the packed lower triangle: one read-modify-write per entry for four points.
  const diffs = [new Float64Array(d), new Float64Array(d), new Float64Array(d), new Float64Array(d)] as const;
  const [d0, d1, d2, d3] = diffs;
  const weights = new Float64Array(4);
  const members = new Int32Array(n);
  for (let j = 0; j < k; j++) {
    const mj = j * d;
    let count = 0;
    for (let i = 0; i < n; i++) if ((responsibilities[i * k + j] as number) !== 0) members[count++] = i;
    packed.fill(0);
    for (let start = 0; start < count; start += 4) {
      for (let q = 0; q < 4; q++) {
        const diff = diffs[q] as Float64Array;
        if (start + q < count) {
          const i = members[start + q] as number;
          weights[q] = responsibilities[i * k + j] as number;
          for (let t = 0; t < d; t++) diff[t] = (x[i * d + t] as number) - (means[mj + t] as number);
        } else {
          weights[q] = 0;
          diff.fill(0);
        }
      }
      const r0 = weights[0] as number;
      const r1 = weights[1] as number;
      const r2 = weights[2] as number;
      const r3 = weights[3] as number;
      let p = 0;
      for (let a = 0; a < d; a++) {
        const a0 = r0 * (d0[a] as number);
        const a1 = r1 * (d1[a] as number);
        const a2 = r2 * (d2[a] as number);
        const a3 = r3 * (d3[a] as number);
        for (let b = 0; b <= a; b++, p++) {
          packed[p] =
            (packed[p] as number) +
            a0 * (d0[b] as number) +
            a1 * (d1[b] as number) +
            a2 * (d2[b] as number) +
            a3 * (d3[b] as number);
        }
      }
    }
    mirror(packed, out, pooled ? 0 : j * d * d, d);
  }
  return out;
}

/** Adds a packed lower triangle to the symmetric d x d matrix at out[offset..], both halves. */
function mirror(packed: Float64Array, out: Float64Array, offset: number, d: number): void {
  let p = 0;
  for (let a = 0; a < d; a++) {
    for (let b = 0; b <= a; b++, p++) {
      const value = (out[offset + a * d + b] as number) + (packed[p] as number);
      out[offset + a * d + b] = value;
      out[offset + b * d + a] = value;
    }
  }
}

/**
 * sum_i r_ij (x_it - mu_jt)^2, k d numbers. Runs the WebAssembly SIMD kernel (the same additions in the same
 * order) where available, unless `javascript` is set.
 */
export function diagonalScatter(
  { data, responsibilities, means, k }: CovarianceEstimateInput,
  javascript = false,
): Float64Array {
  const { values: x, rows: n, columns: d } = data;
  const fromWasm =
    javascript || n * d < wasmMinimumSize
      ? undefined
      : wasmDiagonalScatter(x, n, d, responsibilities, means, k, kernelOf(data));
  if (fromWasm !== undefined) return fromWasm;
  const out = new Float64Array(k * d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < k; j++) {
      const r = responsibilities[i * k + j] as number;
      if (r === 0) continue;
      for (let t = 0; t < d; t++) {
        const diff = (x[i * d + t] as number) - (means[j * d + t] as number);
        out[j * d + t] = (out[j * d + t] as number) + r * diff * diff;
      }
    }
  }
  return out;
}

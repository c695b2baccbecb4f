/// <reference types="@webgpu/types" />
/**
 * The three matrix products of the trainer (forward with its epilogue, the weight gradient, the input
 * gradient) at every blocking, one by one against float64 references, on shapes that are multiples of no
 * tile (and some smaller than one tile). Run in the `kernels` child suite with `webgpu-kernel-checks.ts`.
 */
import { Random } from "../../../src/index.js";
import { inputGradientShader, weightGradientShader } from "../../../solvers/neural/webgpu/backward-kernels.js";
import { productGroups } from "../../../solvers/neural/webgpu/blocked-product.js";
import type { ProductBlocking } from "../../../solvers/neural/webgpu/blocked-product.js";
import { denseForwardShader } from "../../../solvers/neural/webgpu/forward-kernels.js";
import type { DenseKernelLayer } from "../../../solvers/neural/webgpu/forward-kernels.js";
import { slot } from "../../../solvers/neural/webgpu/wgsl-common.js";
import type { GpuActivation } from "../../../solvers/neural/webgpu/wgsl-common.js";
import { philoxKeep, runKernel } from "./webgpu-harness.js";

const random = new Random(29);
const values = (n: number) => Float64Array.from({ length: n }, () => 2 * random.float() - 1);
const f32 = (a: Float64Array) => Float32Array.from(a);
const act = (name: GpuActivation, z: number) =>
  name === "relu" ? Math.max(z, 0) : name === "tanh" ? Math.tanh(z) : name === "sigmoid" ? 1 / (1 + Math.exp(-z)) : z;
const derivative = (name: GpuActivation, a: number) =>
  name === "relu" ? (a > 0 ? 1 : 0) : name === "tanh" ? 1 - a * a : name === "sigmoid" ? a * (1 - a) : 1;
/** Largest |gpu - reference| / (1 + |reference|). */
const error = (gpu: Float32Array, reference: ArrayLike<number>) => {
  let worst = 0;
  for (let i = 0; i < reference.length; i++) {
    const r = reference[i] as number;
    worst = Math.max(worst, Math.abs((gpu[i] as number) - r) / (1 + Math.abs(r)));
  }
  return worst;
};
const offset = 7;
const layer = (inputs: number, units: number, activation: GpuActivation, dropout = 0): DenseKernelLayer => ({
  inputs,
  units,
  offset,
  activation,
  dropout,
  dropoutIndex: 1,
});
const seed = 424242;
const seeds = { [slot.seeds]: 5, [slot.seeds + 1]: seed };
const rate = 0.3;

/** Shapes `[rows, inputs, units]`: none a multiple of 16, 32 or 64; some under one tile. */
export const productShapes: readonly (readonly [number, number, number])[] = [
  [77, 45, 70],
  [130, 17, 9],
  [5, 3, 131],
  [97, 66, 33],
];

/** The name of one product check's result. */
export const productCheck = (kind: string, blocking: ProductBlocking, [rows, k, n]: readonly number[]) =>
  `${kind} blocking ${blocking} ${rows}x${k}x${n}`;

/** Runs the three products at blockings 1, 2 and 4 on {@link productShapes}; errors by {@link productCheck}. */
export async function productChecks(gpu: GPUDevice): Promise<Record<string, number>> {
  const results: Record<string, number> = {};
  for (const shape of productShapes) {
    const [rows, k, n] = shape;
    const x = values(rows * k);
    const params = values(offset + k * n + n);
    const dz = values(rows * n);
    const before = values(offset + k * n + n);
    const previousOutputs = Float64Array.from(values(rows * k), (v, i) =>
      philoxKeep(seed, 1, i, rate) ? act("sigmoid", v) / (1 - rate) : 0,
    );
    const forwardReference = new Float64Array(rows * n);
    for (let r = 0; r < rows; r++)
      for (let j = 0; j < n; j++) {
        let z = params[offset + k * n + j] as number;
        for (let i = 0; i < k; i++) z += (x[r * k + i] as number) * (params[offset + i * n + j] as number);
        const index = r * n + j;
        forwardReference[index] = philoxKeep(seed, 1, index, rate) ? act("tanh", z) / (1 - rate) : 0;
      }
    const weightReference = (accumulate: number) => {
      const reference = Float64Array.from(before);
      for (let i = 0; i <= k; i++)
        for (let j = 0; j < n; j++) {
          let sum = 0;
          for (let r = 0; r < rows; r++) sum += (i < k ? (x[r * k + i] as number) : 1) * (dz[r * n + j] as number);
          reference[offset + i * n + j] = (accumulate === 1 ? (before[offset + i * n + j] as number) : 0) + sum;
        }
      return reference;
    };
    const inputReference = new Float64Array(rows * k);
    for (let r = 0; r < rows; r++)
      for (let i = 0; i < k; i++) {
        if (!philoxKeep(seed, 1, r * k + i, rate)) continue;
        let sum = 0;
        for (let j = 0; j < n; j++) sum += (dz[r * n + j] as number) * (params[offset + i * n + j] as number);
        const a = Math.fround(Math.fround(previousOutputs[r * k + i] as number) * Math.fround(1 - rate));
        inputReference[r * k + i] = (sum / (1 - rate)) * derivative("sigmoid", a);
      }
    for (const blocking of [1, 2, 4] as const) {
      const [, , out] = await runKernel(
        gpu,
        denseForwardShader(layer(k, n, "tanh", rate), blocking),
        ["read", "read", "write"],
        [f32(x), f32(params), new Float32Array(rows * n)],
        { u32: { [slot.rows]: rows, [slot.training]: 1, ...seeds } },
        productGroups(blocking, rows, n),
      );
      results[productCheck("forward", blocking, shape)] = error(out as Float32Array, forwardReference);
      for (const accumulate of [0, 1]) {
        const [, , grads] = await runKernel(
          gpu,
          weightGradientShader(layer(k, n, "linear"), blocking),
          ["read", "read", "write"],
          [f32(x), f32(dz), f32(before)],
          { u32: { [slot.rows]: rows, [slot.accumulate]: accumulate } },
          productGroups(blocking, k + 1, n),
        );
        const name = productCheck(`weight gradient accumulate ${accumulate}`, blocking, shape);
        results[name] = error(grads as Float32Array, weightReference(accumulate));
      }
      const [, , , dzPrevious] = await runKernel(
        gpu,
        inputGradientShader(layer(k, n, "linear"), layer(3, k, "sigmoid", rate), blocking),
        ["read", "read", "read", "write"],
        [f32(dz), f32(params), f32(previousOutputs), new Float32Array(rows * k)],
        { u32: { [slot.rows]: rows, ...seeds } },
        productGroups(blocking, rows, k),
      );
      results[productCheck("input gradient", blocking, shape)] = error(dzPrevious as Float32Array, inputReference);
    }
  }
  return results;
}

/// <reference types="@webgpu/types" />
/**
 * The WebGPU kernels run one by one against float64 references; each check returns its measured error (or
 * the values a test compares). Run in a child process by `webgpu-kernels.test.ts` (Dawn on lavapipe aborts
 * inside vitest's workers), or directly: `node --import tsx test/solvers/neural/webgpu-kernel-checks.ts`.
 */
import { Random } from "../../../src/index.js";
import { inputGradientShader, weightGradientShader } from "../../../solvers/neural/webgpu/backward-kernels.js";
import { denseForwardShader, gatherShader } from "../../../solvers/neural/webgpu/forward-kernels.js";
import type { DenseKernelLayer } from "../../../solvers/neural/webgpu/forward-kernels.js";
import { crossEntropyShader, meanSquaredErrorShader } from "../../../solvers/neural/webgpu/loss-kernels.js";
import { globalNormShader } from "../../../solvers/neural/webgpu/update-kernels.js";
import { grid, slot } from "../../../solvers/neural/webgpu/wgsl-common.js";
import type { GpuActivation } from "../../../solvers/neural/webgpu/wgsl-common.js";
import { f32, philoxKeep, runKernel } from "./webgpu-harness.js";
import { updateChecks } from "./webgpu-update-checks.js";

const random = new Random(11);
const values = (n: number, scale = 1) => Float64Array.from({ length: n }, () => scale * (2 * random.float() - 1));
const act = (name: GpuActivation, z: number) =>
  name === "relu" ? Math.max(z, 0) : name === "tanh" ? Math.tanh(z) : name === "sigmoid" ? 1 / (1 + Math.exp(-z)) : z;
const derivative = (name: GpuActivation, a: number) =>
  name === "relu" ? (a > 0 ? 1 : 0) : name === "tanh" ? 1 - a * a : name === "sigmoid" ? a * (1 - a) : 1;
/** Largest |gpu - reference| / (1 + |reference|). */
export const error = (gpu: Float32Array, reference: ArrayLike<number>) => {
  let worst = 0;
  for (let i = 0; i < reference.length; i++) {
    const r = reference[i] as number;
    worst = Math.max(worst, Math.abs((gpu[i] as number) - r) / (1 + Math.abs(r)));
  }
  return worst;
};
const layer = (inputs: number, units: number, activation: GpuActivation, dropout = 0): DenseKernelLayer => ({
  inputs,
  units,
  offset: 5,
  activation,
  dropout,
  dropoutIndex: 1,
});
const seeds = { [slot.seeds]: 123, [slot.seeds + 1]: 987654321 };

/** The measured results of every kernel check, by name. */
export type KernelResults = Record<string, number>;

/** Runs every kernel check on a device. */
export async function kernelChecks(gpu: GPUDevice): Promise<KernelResults> {
  const results: KernelResults = {};
  for (const name of ["linear", "relu", "tanh", "sigmoid"] as const) {
    const [rows, k, n] = [37, 23, 19];
    const x = values(rows * k);
    const params = values(5 + k * n + n);
    const [, , out] = await runKernel(
      gpu,
      denseForwardShader(layer(k, n, name)),
      ["read", "read", "write"],
      [f32(x), f32(params), new Float32Array(rows * n)],
      { u32: { [slot.rows]: rows, [slot.training]: 1 } },
      [Math.ceil(n / 16), Math.ceil(rows / 16)],
    );
    const reference = new Float64Array(rows * n);
    for (let r = 0; r < rows; r++)
      for (let j = 0; j < n; j++) {
        let z = params[5 + k * n + j] as number;
        for (let i = 0; i < k; i++) z += (x[r * k + i] as number) * (params[5 + i * n + j] as number);
        reference[r * n + j] = act(name, z);
      }
    results[`forward ${name}`] = error(out as Float32Array, reference);
  }
  {
    const [rows, k, n, rate] = [21, 5, 33, 0.4];
    const x = values(rows * k);
    const params = values(5 + k * n + n);
    const run = (training: number) =>
      runKernel(
        gpu,
        denseForwardShader(layer(k, n, "relu", rate)),
        ["read", "read", "write"],
        [f32(x), f32(params), new Float32Array(rows * n)],
        { u32: { [slot.rows]: rows, [slot.training]: training, ...seeds } },
        [Math.ceil(n / 16), Math.ceil(rows / 16)],
      );
    const [, , plain] = await run(0);
    const [, , dropped] = await run(1);
    const reference = new Float64Array(rows * n);
    let kept = 0;
    for (let i = 0; i < rows * n; i++) {
      const keep = philoxKeep(987654321, 1, i, rate);
      kept += keep ? 1 : 0;
      reference[i] = keep ? (plain?.[i] as number) / (1 - rate) : 0;
    }
    results["dropout error"] = error(dropped as Float32Array, reference);
    results["dropout kept fraction"] = kept / (rows * n);
  }
  for (const accumulate of [0, 1]) {
    const [rows, k, n] = [37, 20, 17];
    const a = values(rows * k);
    const dz = values(rows * n);
    const before = values(5 + k * n + n);
    const [, , grads] = await runKernel(
      gpu,
      weightGradientShader(layer(k, n, "linear")),
      ["read", "read", "write"],
      [f32(a), f32(dz), f32(before)],
      { u32: { [slot.rows]: rows, [slot.accumulate]: accumulate } },
      [Math.ceil(n / 16), Math.ceil((k + 1) / 16)],
    );
    const reference = Float64Array.from(before);
    for (let i = 0; i <= k; i++)
      for (let j = 0; j < n; j++) {
        let sum = 0;
        for (let r = 0; r < rows; r++) sum += (i < k ? (a[r * k + i] as number) : 1) * (dz[r * n + j] as number);
        reference[5 + i * n + j] = (accumulate === 1 ? (before[5 + i * n + j] as number) : 0) + sum;
      }
    results[`weight gradient accumulate ${accumulate}`] = error(grads as Float32Array, reference);
  }
  for (const name of ["tanh", "sigmoid", "relu"] as const) {
    const [rows, k, n, rate] = [29, 18, 13, 0.25];
    const dz = values(rows * n);
    const params = values(5 + k * n + n);
    const outputs = Float64Array.from(values(rows * k), (v, i) =>
      philoxKeep(987654321, 1, i, rate) ? act(name, v) / (1 - rate) : 0,
    );
    const [, , , dzPrevious] = await runKernel(
      gpu,
      inputGradientShader(layer(k, n, "linear"), layer(3, k, name, rate)),
      ["read", "read", "read", "write"],
      [f32(dz), f32(params), f32(outputs), new Float32Array(rows * k)],
      { u32: { [slot.rows]: rows, ...seeds } },
      [Math.ceil(k / 16), Math.ceil(rows / 16)],
    );
    const reference = new Float64Array(rows * k);
    for (let r = 0; r < rows; r++)
      for (let i = 0; i < k; i++) {
        if (!philoxKeep(987654321, 1, r * k + i, rate)) continue;
        let sum = 0;
        for (let j = 0; j < n; j++) sum += (dz[r * n + j] as number) * (params[5 + i * n + j] as number);
        const a = Math.fround(Math.fround(outputs[r * k + i] as number) * Math.fround(1 - rate));
        reference[r * k + i] = (sum / (1 - rate)) * derivative(name, a);
      }
    results[`input gradient ${name}`] = error(dzPrevious as Float32Array, reference);
  }
  {
    const [rows, classes, scale] = [300, 10, 1 / 350];
    const logits = values(rows * classes, 4);
    const labels = Float32Array.from({ length: rows }, () => random.int(classes));
    const [, , dz, sums] = await runKernel(
      gpu,
      crossEntropyShader(classes),
      ["read", "read", "write", "write"],
      [f32(logits), labels, new Float32Array(rows * classes), Float32Array.of(0.5, 0.25, 3, 0, 0, 0, 0, 0)],
      { u32: { [slot.rows]: rows, [slot.training]: 1 }, f32: { [slot.scale]: scale } },
      [1, 1],
    );
    let loss = 0;
    let correct = 0;
    const gradient = new Float64Array(rows * classes);
    for (let r = 0; r < rows; r++) {
      const row = Array.from(logits.subarray(r * classes, (r + 1) * classes), Math.fround);
      const largest = Math.max(...row);
      const total = row.reduce((s, z) => s + Math.exp(z - largest), 0);
      const label = labels[r] as number;
      loss += largest + Math.log(total) - (row[label] as number);
      if (row.indexOf(largest) === label) correct += 1;
      row.forEach((z, j) => {
        gradient[r * classes + j] = (Math.exp(z - largest) / total - (j === label ? 1 : 0)) * scale;
      });
    }
    results["cross-entropy gradient"] = error(dz as Float32Array, gradient);
    results["cross-entropy window sum error"] = Math.abs((sums?.[0] as number) - (0.5 + loss)) / loss;
    results["cross-entropy epoch sum error"] = Math.abs((sums?.[1] as number) - (0.25 + loss)) / loss;
    results["cross-entropy correct difference"] = (sums?.[2] as number) - (3 + correct);
  }
  {
    const [rows, outputs] = [45, 3];
    const a = Float64Array.from(values(rows * outputs), (v) => act("sigmoid", v));
    const targets = values(rows * outputs);
    const run = (training: number) =>
      runKernel(
        gpu,
        meanSquaredErrorShader(outputs, "sigmoid"),
        ["read", "read", "write", "write"],
        [f32(a), f32(targets), new Float32Array(rows * outputs), new Float32Array(8)],
        { u32: { [slot.rows]: rows, [slot.training]: training }, f32: { [slot.scale]: 1 / rows } },
        [1, 1],
      );
    const [, , dz, sums] = await run(1);
    const [, , untouched, evaluation] = await run(0);
    let loss = 0;
    const gradient = new Float64Array(rows * outputs);
    for (let i = 0; i < rows * outputs; i++) {
      const ai = Math.fround(a[i] as number);
      const e = ai - Math.fround(targets[i] as number);
      loss += (e * e) / outputs;
      gradient[i] = ((2 * e) / outputs / rows) * ai * (1 - ai);
    }
    results["mse gradient"] = error(dz as Float32Array, gradient);
    results["mse training sum error"] = Math.abs((sums?.[0] as number) - loss) / loss;
    results["mse evaluation sum error"] = Math.abs((evaluation?.[3] as number) - loss) / loss;
    results["mse evaluation writes"] =
      Math.abs(evaluation?.[0] as number) + Array.from(untouched as Float32Array).reduce((s, v) => s + Math.abs(v), 0);
  }
  {
    const count = 1000;
    const grads = values(count, 3);
    const [, factor] = await runKernel(
      gpu,
      globalNormShader(count),
      ["read", "write"],
      [f32(grads), new Float32Array(1)],
      { f32: { [slot.clipValue]: 2, [slot.clipNorm]: 5 } },
      [1, 1],
    );
    const norm = Math.sqrt(grads.reduce((s, g) => s + Math.min(2, Math.max(-2, Math.fround(g))) ** 2, 0));
    results["norm factor error"] = Math.abs((factor?.[0] as number) - 5 / Math.max(norm, 5));
  }
  {
    const [rows, columns, width, start, batch] = [50, 7, 2, 3, 33];
    const x = values(rows * columns);
    const y = values(rows * width);
    const order = Uint32Array.from(random.permutation(rows));
    const [, , , bx, by] = await runKernel(
      gpu,
      gatherShader(columns, width),
      ["read", "read", "read", "write", "write"],
      [f32(x), f32(y), order, new Float32Array(batch * columns), new Float32Array(batch * width)],
      { u32: { [slot.rows]: batch, [slot.start]: start } },
      grid(batch * (columns + width)),
    );
    let mismatches = 0;
    for (let r = 0; r < batch; r++) {
      const source = order[start + r] as number;
      for (let c = 0; c < columns; c++) {
        if (bx?.[r * columns + c] !== Math.fround(x[source * columns + c] as number)) mismatches += 1;
      }
      for (let c = 0; c < width; c++)
        if (by?.[r * width + c] !== Math.fround(y[source * width + c] as number)) mismatches += 1;
    }
    results["gather mismatches"] = mismatches;
  }
  await updateChecks(gpu, results, values);
  return results;
}

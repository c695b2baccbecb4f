/// <reference types="@webgpu/types" />
/**
 * The buffers, pipelines and bind groups of one training run, made once: the parameters, gradients and
 * optimiser slots as flat arrays, the activations and gradients of each layer sized for the largest batch,
 * and every kernel bound to them.
 *
 * @packageDocumentation
 */
import { denseForwardShader, gatherShader } from "./forward-kernels.js";
import { inputGradientShader, weightGradientShader } from "./backward-kernels.js";
import type { GpuData } from "./gpu-data.js";
import type { GpuNetworkPlan, LayerProducts } from "./gpu-network-plan.js";
import { bindKernel, createKernel, usage } from "./gpu-resources.js";
import type { BoundKernel, BufferSet } from "./gpu-resources.js";
import { crossEntropyShader, meanSquaredErrorShader, sumCount } from "./loss-kernels.js";
import { globalNormShader, slotCount, updateShader } from "./update-kernels.js";
import type { GpuUpdateRule } from "./update-kernels.js";
import { slotBytes } from "./wgsl-common.js";

/** What {@link trainerKernels} needs. */
export interface TrainerKernelOptions {
  readonly plan: GpuNetworkPlan;
  readonly data: GpuData;
  readonly rule: GpuUpdateRule;
  readonly batchSize: number;
  readonly initial: Float32Array;
  /** Slots in the uniform buffer. */
  readonly capacity: number;
}

/** The bound kernels of a run and the buffers the trainer reads or copies. */
export interface TrainerKernels {
  readonly gatherTrain: BoundKernel;
  readonly gatherValidation: BoundKernel | undefined;
  readonly forward: readonly BoundKernel[];
  readonly loss: BoundKernel;
  readonly weightGradient: readonly BoundKernel[];
  /** Per layer, the gradient into the previous layer (undefined for the first). */
  readonly inputGradient: readonly (BoundKernel | undefined)[];
  readonly norm: BoundKernel;
  readonly update: BoundKernel;
  readonly buffers: {
    readonly params: GPUBuffer;
    readonly slots: GPUBuffer;
    readonly sums: GPUBuffer;
    readonly order: GPUBuffer;
  };
}

/** Makes the run's buffers (in `buffers`), compiles its kernels and binds them. */
export function trainerKernels(device: GPUDevice, buffers: BufferSet, options: TrainerKernelOptions): TrainerKernels {
  const { plan, data, rule, batchSize } = options;
  const rows = batchSize;
  const p = plan.parameters;
  const params = buffers.storage(p, options.initial);
  const grads = buffers.storage(p);
  const slotArrays = [0, 1, 2].map((k) => buffers.storage(k < slotCount(rule) ? p : 1));
  const factor = buffers.storage(1, new Float32Array([1]));
  const sums = buffers.storage(sumCount);
  const slots = buffers.create({ size: options.capacity * slotBytes, usage: usage.uniform | usage.copyDst });
  const order = buffers.storage(data.trainRows);
  const batchX = buffers.storage(rows * data.columns);
  const batchY = buffers.storage(rows * data.yWidth);
  const outputs = plan.layers.map((layer) => buffers.storage(rows * layer.units));
  const deltas = plan.layers.map((layer) => buffers.storage(rows * layer.units));
  const inputOf = (l: number): GPUBuffer => (l === 0 ? batchX : (outputs[l - 1] as GPUBuffer));
  const bind = (code: string, access: readonly ("read" | "write")[], bound: readonly GPUBuffer[][]): BoundKernel[] => {
    const kernel = createKernel(device, code, access);
    return bound.map((list) => bindKernel(device, kernel, slots, list));
  };
  const gatherAccess = ["read", "read", "read", "write", "write"] as const;
  const gatherBuffers = [[data.trainX, data.trainY, order, batchX, batchY]];
  const validation = data.validation;
  if (validation !== undefined) gatherBuffers.push([validation.x, validation.y, validation.order, batchX, batchY]);
  const [gatherTrain, gatherValidation] = bind(gatherShader(data.columns, data.yWidth), gatherAccess, gatherBuffers);
  const last = plan.layers[plan.layers.length - 1];
  const lastIndex = plan.layers.length - 1;
  if (last === undefined || gatherTrain === undefined) throw new Error("a network plan without layers");
  const lossCode =
    plan.loss === "crossEntropy" ? crossEntropyShader(last.units) : meanSquaredErrorShader(last.units, last.activation);
  const lossBuffers = [outputs[lastIndex], batchY, deltas[lastIndex], sums] as GPUBuffer[];
  const [loss] = bind(lossCode, ["read", "read", "write", "write"], [lossBuffers]);
  const blocking = (l: number): LayerProducts =>
    plan.products[l] ?? { forward: 1, weightGradient: 1, inputGradient: 1 };
  const forward = plan.layers.map((layer, l) => {
    const code = denseForwardShader(layer, blocking(l).forward);
    return bind(code, ["read", "read", "write"], [[inputOf(l), params, outputs[l] as GPUBuffer]])[0];
  });
  const weightGradient = plan.layers.map((layer, l) => {
    const code = weightGradientShader(layer, blocking(l).weightGradient);
    return bind(code, ["read", "read", "write"], [[inputOf(l), deltas[l] as GPUBuffer, grads]])[0];
  });
  const inputGradient = plan.layers.map((layer, l) => {
    const previous = plan.layers[l - 1];
    if (previous === undefined) return undefined;
    const list = [deltas[l], params, outputs[l - 1], deltas[l - 1]] as GPUBuffer[];
    const code = inputGradientShader(layer, previous, blocking(l).inputGradient);
    return bind(code, ["read", "read", "read", "write"], [list])[0];
  });
  const [norm] = bind(globalNormShader(p), ["read", "write"], [[grads, factor]]);
  const updateAccess = ["write", "read", "read", "write", "write", "write"] as const;
  const [update] = bind(updateShader(rule, p), updateAccess, [[params, grads, factor, ...slotArrays]]);
  if (loss === undefined || norm === undefined || update === undefined) throw new Error("a kernel was not bound");
  return {
    gatherTrain,
    gatherValidation,
    forward: forward as BoundKernel[],
    loss,
    weightGradient: weightGradient as BoundKernel[],
    inputGradient,
    norm,
    update,
    buffers: { params, slots, sums, order },
  };
}

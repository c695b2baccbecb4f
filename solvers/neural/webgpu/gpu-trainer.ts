/// <reference types="@webgpu/types" />
/**
 * The WebGPU trainer of a dense network: weights, optimiser slots, batches and loss sums stay on the GPU;
 * each step records its dispatches into a command buffer shared by many steps, submitted when its
 * parameter slots are used up or something must be read; reads are `mapAsync`, never a blocking wait.
 *
 * @packageDocumentation
 */
import { trainerKernels } from "./trainer-kernels.js";
import type { TrainerKernels } from "./trainer-kernels.js";
import type { GpuData } from "./gpu-data.js";
import type { GpuNetworkPlan, LayerProducts } from "./gpu-network-plan.js";
import { productGroups } from "./blocked-product.js";
import { dispatch, usage } from "./gpu-resources.js";
import type { BoundKernel, BufferSet } from "./gpu-resources.js";
import { sumCount, sumIndex } from "./loss-kernels.js";
import { stepScalars } from "./update-kernels.js";
import type { GpuUpdateRule } from "./update-kernels.js";
import { grid, slot, slotBytes, slotWords } from "./wgsl-common.js";

/** What a trainer is built from. */
export interface GpuTrainerOptions {
  readonly plan: GpuNetworkPlan;
  readonly data: GpuData;
  readonly rule: GpuUpdateRule;
  /** Rows of the largest batch (also the chunk of an evaluation). */
  readonly batchSize: number;
  /** The initial parameters, in the plan's layout. */
  readonly initial: Float32Array;
  readonly clipValue: number | undefined;
  readonly clipNorm: number | undefined;
  /** Micro-batch slots per command buffer. */
  readonly slotsPerSubmit?: number | undefined;
}

/** The sums read back: means are formed by the caller, who knows the sample counts. */
export interface GpuSums {
  readonly window: number;
  readonly epochLoss: number;
  readonly epochCorrect: number;
}

/** A running trainer; see the module's description. */
export interface GpuTrainer {
  /** Uploads an epoch's order of the training rows. */
  setOrder(order: Int32Array): void;
  /** Records one optimizer step over the row ranges `[start, end)` of the order (its micro-batches). */
  step(ranges: readonly (readonly [number, number])[], samples: number, seeds: readonly number[][], rate: number): void;
  /** Reads the loss sums and zeroes the window's (`window`) and the epoch's (`epoch`). */
  readSums(window: boolean, epoch: boolean): Promise<GpuSums>;
  /** Mean loss and accuracy (cross-entropy) over the validation rows, in inference mode. */
  evaluate(): Promise<{ readonly loss: number; readonly accuracy: number | undefined }>;
  /** Copies the parameters aside (early stopping's best weights). */
  keepBest(): void;
  /** Puts the copy back; false when there is none. */
  restoreBest(): boolean;
  /** The current parameters, in the plan's layout. */
  readParameters(): Promise<Float32Array>;
  /** Buffers of this run not yet destroyed. */
  readonly liveBuffers: number;
  /** Destroys every buffer of the run (idempotent). */
  destroy(): void;
}

/** Builds the run's buffers, pipelines and bind groups (once) and returns the trainer. */
export function createGpuTrainer(options: GpuTrainerOptions, buffers: BufferSet): GpuTrainer {
  const { plan, data, rule, batchSize } = options;
  const device = data.device;
  const capacity = options.slotsPerSubmit ?? 128;
  const kernels: TrainerKernels = trainerKernels(device, buffers, { ...options, capacity });
  const { params, slots, sums } = kernels.buffers;
  const slotData = new ArrayBuffer(capacity * slotBytes);
  const words = new Uint32Array(slotData);
  const floats = new Float32Array(slotData);
  const sumsStaging = buffers.create({ size: sumCount * 4, usage: usage.mapRead | usage.copyDst });
  let paramsStaging: GPUBuffer | undefined;
  let best: GPUBuffer | undefined;
  let encoder: GPUCommandEncoder | undefined;
  let pass: GPUComputePassEncoder | undefined;
  let used = 0;
  let steps = 0;

  const flush = (): void => {
    if (encoder === undefined) return;
    pass?.end();
    device.queue.writeBuffer(slots, 0, slotData, 0, used * slotBytes);
    device.queue.submit([encoder.finish()]);
    encoder = undefined;
    pass = undefined;
    used = 0;
  };
  /** A fresh slot (submitting the pending work first when all are used) and the pass to record into. */
  const nextSlot = (): [number, GPUComputePassEncoder] => {
    if (used === capacity) flush();
    encoder ??= device.createCommandEncoder();
    pass ??= encoder.beginComputePass();
    const index = used;
    used += 1;
    words.fill(0, (index * slotBytes) / 4, (index * slotBytes) / 4 + slotWords);
    return [index, pass];
  };
  const copy = (source: GPUBuffer, target: GPUBuffer, size: number): void => {
    flush();
    const commands = device.createCommandEncoder();
    commands.copyBufferToBuffer(source, 0, target, 0, size);
    device.queue.submit([commands.finish()]);
  };
  const read = async (source: GPUBuffer, staging: GPUBuffer, size: number): Promise<Float32Array> => {
    copy(source, staging, size);
    await staging.mapAsync(0x1);
    const values = new Float32Array(staging.getMappedRange(0, size).slice(0));
    staging.unmap();
    return values;
  };
  /** Records the forward pass (and the loss) of one chunk of rows in the given slot. */
  const forward = (pass: GPUComputePassEncoder, index: number, rows: number, training: boolean): void => {
    const gather = training ? kernels.gatherTrain : (kernels.gatherValidation ?? kernels.gatherTrain);
    dispatch(pass, gather, index, grid(rows * (data.columns + data.yWidth)));
    plan.layers.forEach((layer, l) => {
      const bound = kernels.forward[l] as BoundKernel;
      dispatch(pass, bound, index, productGroups(blockings(l).forward, rows, layer.units));
    });
    dispatch(pass, kernels.loss, index, [1, 1]);
  };

  const blockings = (l: number): LayerProducts =>
    plan.products[l] ?? { forward: 1, weightGradient: 1, inputGradient: 1 };

  const user = { flush };
  data.users.add(user);
  return {
    setOrder(order) {
      flush();
      device.queue.writeBuffer(kernels.buffers.order, 0, Uint32Array.from(order));
    },
    step(ranges, samples, seeds, rate) {
      steps += 1;
      const [a, b, c] = stepScalars(rule, rate, steps);
      let index = 0;
      let current: GPUComputePassEncoder | undefined;
      ranges.forEach(([start, end], micro) => {
        [index, current] = nextSlot();
        const base = (index * slotBytes) / 4;
        words[base + slot.rows] = end - start;
        words[base + slot.start] = start;
        words[base + slot.accumulate] = micro > 0 ? 1 : 0;
        words[base + slot.training] = 1;
        floats[base + slot.scale] = 1 / samples;
        floats[base + slot.rate] = rate;
        floats[base + slot.a] = a;
        floats[base + slot.b] = b;
        floats[base + slot.c] = c;
        floats[base + slot.clipValue] = options.clipValue ?? 0;
        floats[base + slot.clipNorm] = options.clipNorm ?? 0;
        (seeds[micro] ?? []).forEach((seed, j) => {
          words[base + slot.seeds + j] = seed >>> 0;
        });
        const rows = end - start;
        forward(current, index, rows, true);
        for (let l = plan.layers.length - 1; l >= 0; l--) {
          const layer = plan.layers[l] as (typeof plan.layers)[number];
          const weights = kernels.weightGradient[l] as BoundKernel;
          dispatch(current, weights, index, productGroups(blockings(l).weightGradient, layer.inputs + 1, layer.units));
          const inputs = kernels.inputGradient[l];
          if (inputs !== undefined) {
            dispatch(current, inputs, index, productGroups(blockings(l).inputGradient, rows, layer.inputs));
          }
        }
      });
      if (current === undefined) return;
      if (options.clipNorm !== undefined) dispatch(current, kernels.norm, index, [1, 1]);
      dispatch(current, kernels.update, index, grid(plan.parameters));
    },
    async readSums(window, epoch) {
      const values = await read(sums, sumsStaging, sumCount * 4);
      const zero = new Float32Array(1);
      if (window) device.queue.writeBuffer(sums, sumIndex.window * 4, zero);
      if (epoch) device.queue.writeBuffer(sums, sumIndex.epochLoss * 4, new Float32Array(2));
      return {
        window: values[sumIndex.window] ?? NaN,
        epochLoss: values[sumIndex.epochLoss] ?? NaN,
        epochCorrect: values[sumIndex.epochCorrect] ?? 0,
      };
    },
    async evaluate() {
      const rows = data.validation?.rows ?? 0;
      for (let start = 0; start < rows; start += batchSize) {
        const [index, current] = nextSlot();
        const base = (index * slotBytes) / 4;
        const chunk = Math.min(batchSize, rows - start);
        words[base + slot.rows] = chunk;
        words[base + slot.start] = start;
        forward(current, index, chunk, false);
      }
      const values = await read(sums, sumsStaging, sumCount * 4);
      device.queue.writeBuffer(sums, sumIndex.evaluationLoss * 4, new Float32Array(2));
      const loss = (values[sumIndex.evaluationLoss] ?? NaN) / rows;
      const correct = values[sumIndex.evaluationCorrect] ?? 0;
      return { loss, accuracy: plan.loss === "crossEntropy" ? correct / rows : undefined };
    },
    keepBest() {
      best ??= buffers.storage(plan.parameters);
      copy(params, best, plan.parameters * 4);
    },
    restoreBest() {
      if (best === undefined) return false;
      copy(best, params, plan.parameters * 4);
      return true;
    },
    async readParameters() {
      paramsStaging ??= buffers.create({ size: plan.parameters * 4, usage: usage.mapRead | usage.copyDst });
      return read(params, paramsStaging, plan.parameters * 4);
    },
    get liveBuffers() {
      return buffers.live;
    },
    destroy() {
      flush();
      data.users.delete(user);
      buffers.destroyAll();
    },
  };
}

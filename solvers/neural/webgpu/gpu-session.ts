/// <reference types="@webgpu/types" />
/**
 * How the neural solver hands a run to the WebGPU trainer: what `prepare` uploads once per problem, what
 * `init` builds per run (from the TensorFlow.js model's initial weights, so both paths start alike), and
 * how the trained parameters get back into the model.
 *
 * @packageDocumentation
 */
import * as tf from "../tfjs.js";
import { webgpuDevice } from "../backend.js";
import type { OptimizerFactory } from "../create-optimizer.js";
import type { HostSamples } from "../prepare-data.js";
import type { Session } from "../training-session.js";
import type { LayerSpec, TrainingLoss, TrainingState } from "../types.js";
import { uploadGpuData } from "./gpu-data.js";
import type { GpuData } from "./gpu-data.js";
import { gpuNetworkPlan } from "./gpu-network-plan.js";
import type { GpuNetworkPlan } from "./gpu-network-plan.js";
import { bufferSet } from "./gpu-resources.js";
import { createGpuTrainer } from "./gpu-trainer.js";
import type { GpuTrainer } from "./gpu-trainer.js";
import type { GpuUpdateRule } from "./update-kernels.js";

/** What `prepare` keeps for the trainer: the plan, the optimiser's rule and the resident data. */
export interface GpuPrepared {
  readonly plan: GpuNetworkPlan;
  readonly rule: GpuUpdateRule;
  readonly data: GpuData;
}

/** What {@link prepareGpu} reads from the solver's options and the checked data. */
export interface GpuPrepareInput {
  readonly layers: readonly LayerSpec[] | undefined;
  readonly factory: OptimizerFactory;
  readonly loss: TrainingLoss;
  readonly train: HostSamples;
  /** Training rows (the first ones of `train`; the rest is validation when `validation` is undefined). */
  readonly trainRows: number;
  readonly validation: HostSamples | undefined;
  readonly yWidth: number;
  /** Rows per batch (the products' blockings are chosen for it). */
  readonly batchSize: number;
}

/**
 * Uploads the data for the WebGPU trainer when it can run the network: TensorFlow.js is on its WebGPU
 * backend, the network is given as layer specs the trainer supports, and the optimiser describes its rule.
 * Undefined otherwise (the TensorFlow.js path trains it).
 */
export function prepareGpu(input: GpuPrepareInput): GpuPrepared | undefined {
  const device = webgpuDevice();
  const rule = input.factory.rule;
  if (device === undefined || input.layers === undefined || rule === undefined) return undefined;
  const plan = gpuNetworkPlan(input.layers, input.train.columns, input.loss, input.batchSize);
  if (typeof plan === "string") return undefined;
  const { train, trainRows, yWidth, validation } = input;
  const d = train.columns;
  const head = { x: train.x.subarray(0, trainRows * d), y: train.y.subarray(0, trainRows * yWidth), rows: trainRows };
  const tail =
    validation ??
    (trainRows < train.rows
      ? { x: train.x.subarray(trainRows * d), y: train.y.subarray(trainRows * yWidth), rows: train.rows - trainRows }
      : undefined);
  return { plan, rule, data: uploadGpuData(device, d, yWidth, head, tail) };
}

/** What a run's trainer needs beyond the prepared data. */
export interface GpuRunOptions {
  readonly batchSize: number;
  readonly clipValue: number | undefined;
  readonly clipNorm: number | undefined;
}

/**
 * Starts a run's trainer from the model's initial weights (kernels and biases in layer order, the layout
 * of the trainer's parameter buffer).
 */
export function startGpuTrainer(prepared: GpuPrepared, model: tf.LayersModel, options: GpuRunOptions): GpuTrainer {
  const initial = new Float32Array(prepared.plan.parameters);
  let offset = 0;
  for (const weight of model.weights) {
    const values = weight.read().dataSync() as Float32Array;
    initial.set(values, offset);
    offset += values.length;
  }
  return createGpuTrainer(
    { ...options, plan: prepared.plan, data: prepared.data, rule: prepared.rule, initial },
    bufferSet(prepared.data.device, "iterlab WebGPU trainer run"),
  );
}

/**
 * Copies the weights a run trained on the GPU into its model (`state.session.model`).
 *
 * @remarks Runs of the WebGPU trainer keep their weights on the GPU and read them back only when asked:
 * `trainNetwork` calls this before it returns; after `solveAsync(neuralNetwork(...))` call it yourself before
 * using the model. On the TensorFlow.js path the model is always current and this does nothing.
 * @param state - Any state of the run.
 * @example
 * ```ts
 * const result = await solveAsync(neuralNetwork({ layers }), problem, { maxEpochs: 5 });
 * await syncTrainedModel(result.state);
 * ```
 */
export async function syncTrainedModel(state: TrainingState): Promise<void> {
  const session = state.session as Session;
  const trainer = session.gpu;
  if (trainer === undefined || session.disposed) return;
  const parameters = await trainer.readParameters();
  let offset = 0;
  tf.tidy(() => {
    for (const variable of session.weights) {
      const values = parameters.slice(offset, offset + variable.size);
      offset += variable.size;
      variable.assign(tf.tensor(values, variable.shape, "float32"));
    }
  });
}

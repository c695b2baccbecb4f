/**
 * Which networks the WebGPU trainer runs, and how their parameters lie in its one flat buffer.
 *
 * @packageDocumentation
 */
import type { LayerSpec, TrainingLoss } from "../types.js";
import type { DenseKernelLayer } from "./forward-kernels.js";
import { maxDropoutLayers } from "./wgsl-common.js";
import type { GpuActivation } from "./wgsl-common.js";

/** A dense network as the trainer runs it. */
export interface GpuNetworkPlan {
  /** The dense layers in order, each with its dropout (the dropout spec that follows it). */
  readonly layers: readonly DenseKernelLayer[];
  /** Parameters of the network: per layer its kernel (row-major, as tfjs stores it) then its bias. */
  readonly parameters: number;
  /** Dropout layers (seeds per micro-batch). */
  readonly dropoutLayers: number;
  /** The loss. */
  readonly loss: TrainingLoss;
  /** Output width. */
  readonly outputs: number;
}

const hidden: readonly string[] = ["linear", "relu", "sigmoid", "tanh"];

/**
 * The trainer's plan for layer specs on `inputs` features, or why it cannot run them (then the
 * TensorFlow.js path trains the network). It runs dense layers with linear, relu, sigmoid or tanh
 * activations, each optionally followed by one dropout layer; the output is a softmax or linear layer for
 * cross-entropy (its outputs read as logits), and any of the four for mse.
 */
export function gpuNetworkPlan(
  specs: readonly LayerSpec[],
  inputs: number,
  loss: TrainingLoss,
): GpuNetworkPlan | string {
  const layers: DenseKernelLayer[] = [];
  let width = inputs;
  let offset = 0;
  let dropouts = 0;
  for (const [index, spec] of specs.entries()) {
    if ("dropout" in spec) {
      const previous = layers[layers.length - 1];
      if (previous === undefined || previous.dropout > 0) return `layers[${index}]: dropout must follow a dense layer`;
      if (spec.dropout > 0) layers[layers.length - 1] = { ...previous, dropout: spec.dropout, dropoutIndex: dropouts };
      dropouts += 1;
      continue;
    }
    const last = index === specs.length - 1;
    const given = spec.activation ?? "linear";
    const runsAsLogits = last && loss === "crossEntropy" && given === "softmax";
    if (!hidden.includes(given) && !runsAsLogits) return `layers[${index}]: activation "${given}"`;
    if (last && loss === "crossEntropy" && given !== "softmax" && given !== "linear") {
      return `layers[${index}]: a ${given} output with cross-entropy`;
    }
    const activation = (runsAsLogits ? "linear" : given) as GpuActivation;
    layers.push({ inputs: width, units: spec.units, offset, activation, dropout: 0, dropoutIndex: 0 });
    offset += width * spec.units + spec.units;
    width = spec.units;
  }
  if (dropouts > maxDropoutLayers) return `more than ${maxDropoutLayers} dropout layers`;
  return { layers, parameters: offset, dropoutLayers: dropouts, loss, outputs: width };
}

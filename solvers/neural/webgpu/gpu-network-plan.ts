/**
 * Which networks the WebGPU trainer runs, and how their parameters lie in its one flat buffer.
 *
 * @packageDocumentation
 */
import type { LayerSpec, TrainingLoss } from "../types.js";
import { chooseBlocking } from "./blocked-product.js";
import type { ProductBlocking } from "./blocked-product.js";
import type { DenseKernelLayer } from "./forward-kernels.js";
import { maxDropoutLayers } from "./wgsl-common.js";
import type { GpuActivation } from "./wgsl-common.js";

/** The blocking of a layer's three products (1: 16 x 16 tiles; 2, 4: register-blocked), chosen by shape. */
export interface LayerProducts {
  /** `input W` (batch rows x units). */
  readonly forward: ProductBlocking;
  /** `A^T dZ` with the bias row ((inputs + 1) x units). */
  readonly weightGradient: ProductBlocking;
  /** `dZ W^T` (batch rows x inputs; 1 for the first layer, which has none). */
  readonly inputGradient: ProductBlocking;
}

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
  /** Per layer, the blocking of its products for the plan's batch size. */
  readonly products: readonly LayerProducts[];
}

/** The blockings `chooseBlocking` gives a layer's products at `rows` rows per batch. */
export function layerProducts(layer: DenseKernelLayer, rows: number): LayerProducts {
  return {
    forward: chooseBlocking(rows, layer.units),
    weightGradient: chooseBlocking(layer.inputs + 1, layer.units),
    inputGradient: chooseBlocking(rows, layer.inputs),
  };
}

const hidden: readonly string[] = ["linear", "relu", "sigmoid", "tanh"];

/**
 * The trainer's plan for layer specs on `inputs` features, or why it cannot run them (then the
 * TensorFlow.js path trains the network). It runs dense layers with linear, relu, sigmoid or tanh
 * activations, each optionally followed by one dropout layer; the output is a softmax or linear layer for
 * cross-entropy (its outputs read as logits), and any of the four for mse. Each product's blocking is
 * chosen for batches of `batchSize` rows.
 */
export function gpuNetworkPlan(
  specs: readonly LayerSpec[],
  inputs: number,
  loss: TrainingLoss,
  batchSize: number,
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
  // The first layer's input gradient is never computed: its blocking stays 1.
  const products = layers.map((layer, l) => ({
    ...layerProducts(layer, batchSize),
    ...(l === 0 ? { inputGradient: 1 as const } : {}),
  }));
  return { layers, parameters: offset, dropoutLayers: dropouts, loss, outputs: width, products };
}

import * as tf from "./tfjs.js";
import { InvalidOptionError } from "../../src/index.js";
import { rejectUnknownOptions } from "../../src/engine/internals.js";
import type { Random } from "../../src/index.js";
import type { Activation, DenseLayerSpec, DropoutLayerSpec, LayerSpec } from "./types.js";

const activations: readonly Activation[] = ["linear", "relu", "sigmoid", "tanh", "softmax", "elu"];

/** The fields of each kind of layer spec; the mapped types keep them in step with the spec types. */
const denseLayerNames = Object.keys({ units: 0, activation: 0 } satisfies Record<keyof DenseLayerSpec, 0>);
const dropoutLayerNames = Object.keys({ dropout: 0 } satisfies Record<keyof DropoutLayerSpec, 0>);

/**
 * Checks a layer list: at least one dense layer, the last layer dense, widths and rates in range.
 * @throws `InvalidOptionError` naming the layer, e.g. `layers[2].units must be an integer >= 1, got 0`.
 */
export function validateLayers(layers: readonly LayerSpec[]): void {
  if (!Array.isArray(layers) || layers.length === 0)
    throw new InvalidOptionError("layers", "a non-empty array of layer specs", layers);
  layers.forEach((layer, i) => {
    if (layer === null || typeof layer !== "object")
      throw new InvalidOptionError(`layers[${i}]`, "{ units, activation? } or { dropout }", layer);
    if ("dropout" in layer) {
      rejectUnknownOptions(layer, dropoutLayerNames, "a dropout layer", `layers[${i}].`);
      const rate = layer.dropout;
      if (typeof rate !== "number" || !(rate >= 0 && rate < 1))
        throw new InvalidOptionError(`layers[${i}].dropout`, "a number in [0, 1)", rate);
      return;
    }
    rejectUnknownOptions(layer, denseLayerNames, "a dense layer", `layers[${i}].`);
    const { units, activation } = layer as { units?: unknown; activation?: unknown };
    if (typeof units !== "number" || !Number.isInteger(units) || units < 1)
      throw new InvalidOptionError(`layers[${i}].units`, "an integer >= 1", units);
    if (activation !== undefined && !activations.includes(activation as Activation)) {
      throw new InvalidOptionError(
        `layers[${i}].activation`,
        `one of ${activations.map((a) => JSON.stringify(a)).join(", ")}`,
        activation,
      );
    }
  });
  const last = layers[layers.length - 1] as LayerSpec;
  if ("dropout" in last)
    throw new InvalidOptionError(`layers[${layers.length - 1}]`, "a dense layer { units } (the output layer)", last);
}

/**
 * Builds a `tf.Sequential` from a layer list, with Glorot-uniform kernels and zero biases.
 *
 * @remarks Each dense layer's kernel gets its own seed drawn from the run's generator, in `[1, 2^31 - 1]`:
 * tfjs treats seed 0 as "unseeded" (`Math.random`), and one seed shared by layers of the same shape would
 * give them identical weights.
 */
export function buildNetwork(layers: readonly LayerSpec[], inputs: number, random: Random): tf.Sequential {
  const model = tf.sequential();
  let first = true;
  for (const layer of layers) {
    const inputShape = first ? { inputShape: [inputs] } : {};
    if ("dropout" in layer) {
      model.add(tf.layers.dropout({ rate: layer.dropout, ...inputShape }));
    } else {
      const seed = 1 + random.int(2_147_483_646);
      model.add(
        tf.layers.dense({
          units: layer.units,
          activation: layer.activation ?? "linear",
          kernelInitializer: tf.initializers.glorotUniform({ seed }),
          biasInitializer: "zeros",
          ...inputShape,
        }),
      );
    }
    first = false;
  }
  return model;
}

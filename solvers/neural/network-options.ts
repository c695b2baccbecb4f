/**
 * The declarative rules of the neural solver's options, and the widths read from a given model or layer specs.
 *
 * @packageDocumentation
 */
import { InvalidOptionError } from "../../src/index.js";
import {
  anyValue,
  integerAtLeast,
  isBoolean,
  numberAbove,
  numberAtLeast,
  numberBetween,
  oneOf,
  optional,
} from "../../src/engine/internals.js";
import type { OptionRule, OptionSchemaOf } from "../../src/engine/internals.js";
import type { EarlyStoppingOptions, LayerSpec, NeuralNetworkOptions } from "./types.js";

/** A period in iterations, or `"epoch"`; optional. */
const periodRule: OptionRule = {
  expected: `an integer >= 1 or "epoch"`,
  test: (value) => value === undefined || value === "epoch" || integerAtLeast(1).test(value),
};

/**
 * The rules of {@link NeuralNetworkOptions}, shared with `trainNetwork`; the options marked `anyValue` are
 * checked where they are read.
 */
export const neuralNetworkRules = {
  layers: anyValue,
  model: anyValue,
  loss: optional(oneOf(["crossEntropy", "mse"])),
  optimizer: anyValue,
  learningRate: anyValue,
  reduceOnPlateau: anyValue,
  batchSize: optional(integerAtLeast(1)),
  dropLast: optional(isBoolean),
  gradientAccumulation: optional(integerAtLeast(1)),
  clipNorm: optional(numberAbove(0)),
  clipValue: optional(numberAbove(0)),
  validationSplit: optional(numberBetween(0, 1, "[)")),
  evaluateEvery: periodRule,
  earlyStopping: anyValue,
  lossReadEvery: periodRule,
  maxIterations: optional(integerAtLeast(0)),
} satisfies OptionSchemaOf<NeuralNetworkOptions>;

export const earlyStoppingRules = {
  patience: integerAtLeast(1),
  minDelta: optional(numberAtLeast(0)),
  monitor: optional(oneOf(["validationLoss", "validationAccuracy"])),
  restoreBestWeights: optional(isBoolean),
} satisfies OptionSchemaOf<EarlyStoppingOptions>;

/** The width of a model's single 2-D input or output. */
export function modelWidth(shape: readonly (number | null)[] | undefined, which: string): number {
  const width = shape?.[1];
  if (shape === undefined || shape.length !== 2 || typeof width !== "number") {
    throw new InvalidOptionError(
      `model.${which}`,
      "one 2-D tensor [batch, width] (dense models)",
      shape === undefined ? undefined : `shape [${shape.join(", ")}]`,
    );
  }
  return width;
}

/** The units of the last dense layer spec (1 when the specs end otherwise). */
export function lastUnits(layers: readonly LayerSpec[]): number {
  const last = layers[layers.length - 1];
  return last !== undefined && "units" in last ? last.units : 1;
}

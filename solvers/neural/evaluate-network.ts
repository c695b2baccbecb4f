import * as tf from "./tfjs.js";
import { InvalidOptionError, InvalidProblemError } from "../../src/index.js";
import { integerAtLeast, oneOf, optional, validateStrictOptions } from "../../src/engine/internals.js";
import type { OptionSchemaOf } from "../../src/engine/internals.js";
import { correctCount, forward, forwardPlan, meanLoss } from "./forward.js";
import type { ForwardPlan } from "./forward.js";
import { hostSamples } from "./prepare-data.js";
import type { LabelledData, TrainingLoss } from "./types.js";

/** Options of {@link evaluateNetwork}. */
export interface EvaluateNetworkOptions {
  /**
   * The loss the model was trained with (it decides how `y` is read).
   * @defaultValue `"crossEntropy"`
   */
  readonly loss?: TrainingLoss | undefined;
  /**
   * Rows per forward pass, an integer >= 1.
   * @defaultValue `1024`
   */
  readonly batchSize?: number | undefined;
}

/** Loss and accuracy of a model on a data set. */
export interface Evaluation {
  /** The mean loss per sample. */
  readonly loss: number;
  /** The fraction of rows classified correctly (cross-entropy only). */
  readonly accuracy: number | undefined;
}

/**
 * Evaluates a model on labelled data (inference mode: no dropout): mean loss and, for cross-entropy,
 * accuracy.
 *
 * @remarks Runs in chunks of `batchSize` rows, sums on the device and reads back once. Cost: one forward
 * pass over the data.
 * @param model - A trained model, e.g. {@link TrainNetworkResult.model}.
 * @param data - Inputs and targets, in the forms {@link TrainingProblem} accepts.
 * @param options - The loss and the chunk size.
 * @returns A Promise of the loss and accuracy.
 * @throws `InvalidOptionError` for bad options or a `model` that is not a layers model;
 *   `InvalidProblemError` for malformed data, or rows whose width is not the model's input width.
 * @example
 * ```ts
 * const { accuracy } = await evaluateNetwork(result.model, { x: testImages, y: testLabels });
 * ```
 */
export async function evaluateNetwork(
  model: tf.LayersModel,
  data: LabelledData,
  options: EvaluateNetworkOptions = {},
): Promise<Evaluation> {
  const rules = {
    loss: optional(oneOf(["crossEntropy", "mse"])),
    batchSize: optional(integerAtLeast(1)),
  } satisfies OptionSchemaOf<EvaluateNetworkOptions>;
  validateStrictOptions(options, rules, "evaluateNetwork");
  const loss = options.loss ?? "crossEntropy";
  if (model === null || typeof model !== "object" || !Array.isArray(model.inputs) || !Array.isArray(model.outputs)) {
    throw new InvalidOptionError("model", "a tf.LayersModel (e.g. the model trainNetwork returns)", model);
  }
  const outputs = model.outputs[0]?.shape[1] ?? 1;
  const samples = hostSamples(data, loss, outputs, "data");
  const inputs = model.inputs[0]?.shape[1];
  if (typeof inputs === "number" && samples.columns !== inputs) {
    const expected = `rows of ${inputs} features (the model's input width)`;
    throw new InvalidProblemError("data.x", expected, `rows of ${samples.columns} features`, false);
  }
  const x = tf.tensor2d(samples.x, [samples.rows, samples.columns]);
  const y =
    loss === "crossEntropy"
      ? tf.tensor1d(samples.y as Int32Array, "int32")
      : tf.tensor2d(samples.y as Float32Array, [samples.rows, outputs]);
  try {
    return await evaluateTensors(forwardPlan(model, loss), x, y, samples.rows, options.batchSize ?? 1024);
  } finally {
    x.dispose();
    y.dispose();
  }
}

/** Mean loss and accuracy over device tensors, in chunks, with one readback. */
export async function evaluateTensors(
  plan: ForwardPlan,
  x: tf.Tensor2D,
  y: tf.Tensor,
  rows: number,
  batchSize: number,
): Promise<Evaluation> {
  const totals = tf.tidy(() => {
    let lossSum: tf.Tensor = tf.scalar(0);
    let correct: tf.Tensor = tf.scalar(0);
    for (let start = 0; start < rows; start += batchSize) {
      const size = Math.min(batchSize, rows - start);
      const xb = tf.slice(x, [start, 0], [size, -1]);
      const yb = y.rank === 1 ? tf.slice(y, [start], [size]) : tf.slice(y, [start, 0], [size, -1]);
      const output = forward(plan, xb, false);
      lossSum = tf.add(lossSum, tf.mul(meanLoss(plan, output, yb), size));
      if (plan.loss === "crossEntropy") correct = tf.add(correct, correctCount(output, yb));
    }
    return tf.stack([lossSum, correct]);
  });
  const [lossSum = NaN, correct = 0] = await totals.data();
  totals.dispose();
  return { loss: lossSum / rows, accuracy: plan.loss === "crossEntropy" ? correct / rows : undefined };
}

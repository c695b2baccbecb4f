// Internal: the neural network solver's `prepare`: the data checked against the network and the options,
// copied to the host and split, the validation rows uploaded, the threaded products kernel bound.
import * as tf from "./tfjs.js";
import { InvalidOptionError, InvalidProblemError } from "../../src/index.js";
import type { KernelPool } from "../../src/index.js";
import { modelWidth, lastUnits } from "./network-options.js";
import { hostSamples, splitSamples, trainingRows } from "./prepare-data.js";
import { bindProducts } from "./threaded-matmul.js";
import { prepareGpu } from "./webgpu/gpu-session.js";
import type { PreparedTraining } from "./training-session.js";
import type { OptimizerFactory } from "./create-optimizer.js";
import type { LabelledData, NeuralNetworkOptions, TrainingLoss, TrainingProblem } from "./types.js";

/** The options `prepare` reads, resolved by `neuralNetwork`. */
export interface TrainingSpec {
  readonly model: NeuralNetworkOptions["model"];
  readonly layers: NeuralNetworkOptions["layers"];
  readonly factory: OptimizerFactory;
  readonly loss: TrainingLoss;
  readonly split: number;
  readonly early: NeuralNetworkOptions["earlyStopping"];
  /** The mini-batch size (the WGSL trainer picks its products' blocking by it). */
  readonly batchSize: number;
}

/**
 * Checks `problem` against the network and the options and prepares it (see `neuralNetwork`).
 * @throws `InvalidProblemError` for malformed data or widths that do not match the network;
 *   `InvalidOptionError` for early stopping without validation data.
 */
export function prepareTraining(
  problem: TrainingProblem,
  spec: TrainingSpec,
  threads: number,
  kernelPool?: KernelPool,
): PreparedTraining {
  const { layers, factory, loss, split, early, batchSize } = spec;
  if (problem === null || typeof problem !== "object")
    throw new InvalidProblemError("problem", "{ x, y, validation? }", problem);
  const model = spec.model;
  const outputs = model !== undefined ? modelWidth(model.outputs[0]?.shape, "outputs") : lastUnits(layers ?? []);
  const train = hostSamples(problem, loss, outputs, "problem");
  const validation =
    problem.validation === undefined
      ? undefined
      : hostSamples(problem.validation as LabelledData, loss, outputs, "problem.validation");
  if (validation !== undefined && validation.columns !== train.columns) {
    throw new InvalidProblemError(
      "problem.validation.x",
      `rows of ${train.columns} features (as problem.x)`,
      `${validation.columns} features`,
      false,
    );
  }
  if (model !== undefined && modelWidth(model.inputs[0]?.shape, "inputs") !== train.columns) {
    throw new InvalidProblemError(
      "problem.x",
      `rows of ${modelWidth(model.inputs[0]?.shape, "inputs")} features (the model's input width)`,
      `${train.columns} features`,
      false,
    );
  }
  const rows = trainingRows(problem, split);
  if (rows < 1 || (validation === undefined && split > 0 && rows === train.rows)) {
    throw new InvalidProblemError(
      "problem.x",
      `enough rows for validationSplit = ${split} to leave at least one training and one validation row`,
      `${train.rows} rows`,
      false,
    );
  }
  const hasValidation = validation !== undefined || split > 0;
  if (early !== undefined && !hasValidation) {
    throw new InvalidOptionError(
      "earlyStopping",
      "used with validation data (validationSplit > 0 or problem.validation)",
      early,
    );
  }
  const data = splitSamples(train, rows, validation, loss, outputs);
  const yWidth = data.yWidth;
  const gpu = prepareGpu({ layers, factory, loss, train, trainRows: rows, validation, yWidth, batchSize });
  // The threaded products run on the wasm backend only (threadedMatMul declines the others' tensors).
  const backend = tf.getBackend();
  const products = backend === "wasm" ? bindProducts(threads, kernelPool) : undefined;
  return { data, outputs, backend, products, gpu };
}

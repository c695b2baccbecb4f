import * as tf from "./tfjs.js";
import { countRows, toLabels, toMatrix, toTargets } from "./host-arrays.js";
import type { LabelledData, TrainingLoss, TrainingProblem } from "./types.js";

/** Samples copied to the host: row-major features and either class indices or target rows. */
export interface HostSamples {
  /** `rows * columns` features. */
  readonly x: Float32Array;
  /** Class indices (cross-entropy) or `rows * outputs` targets (mse). */
  readonly y: Int32Array | Float32Array;
  /** Number of samples. */
  readonly rows: number;
  /** Features per sample. */
  readonly columns: number;
}

/**
 * The samples of a run: the training rows on the host (each step copies its batch out and uploads it: on
 * wasm and cpu a gather on the device is far slower than this copy) and the validation rows as device
 * tensors owned (and disposed) by the run.
 */
export interface RunData {
  /** Training inputs, row-major, `rows * columns`. */
  readonly x: Float32Array;
  /** Training targets: class indices, or `rows * yWidth` target values. */
  readonly y: Int32Array | Float32Array;
  /** Training rows. */
  readonly rows: number;
  /** Features per row. */
  readonly columns: number;
  /** Targets per row: 1 for class indices, the output width for mse. */
  readonly yWidth: number;
  /** Validation inputs, if any. */
  readonly validationX: tf.Tensor2D | undefined;
  /** Validation targets, if any. */
  readonly validationY: tf.Tensor | undefined;
  /** Validation rows (0 without validation). */
  readonly validationRows: number;
}

/**
 * Training rows left after the validation split: Keras' `floor(n (1 - split))`, the first rows.
 */
export function trainingRows(problem: TrainingProblem, validationSplit: number): number {
  const n = countRows(problem.x);
  return problem.validation !== undefined || validationSplit === 0 ? n : Math.floor(n * (1 - validationSplit) + 1e-9);
}

/**
 * Copies inputs and targets to the host, checking shapes, finiteness and label ranges.
 * @throws `InvalidProblemError` naming the part and what it must be.
 */
export function hostSamples(data: LabelledData, loss: TrainingLoss, outputs: number, prefix: string): HostSamples {
  const { values: x, rows, columns } = toMatrix(data.x, `${prefix}.x`);
  const y =
    loss === "crossEntropy"
      ? toLabels(data.y, rows, outputs, `${prefix}.y`)
      : toTargets(data.y, rows, outputs, `${prefix}.y`);
  return { x, y, rows, columns };
}

/** Splits host samples into training rows (kept on the host) and validation tensors (from the end, before shuffling). */
export function splitSamples(
  train: HostSamples,
  trainRows: number,
  validation: HostSamples | undefined,
  loss: TrainingLoss,
  outputs: number,
): RunData {
  const d = train.columns;
  const yWidth = loss === "crossEntropy" ? 1 : outputs;
  const xTensor = (values: Float32Array, rows: number) => tf.tensor2d(values, [rows, d], "float32");
  const yTensor = (values: Int32Array | Float32Array, rows: number) =>
    loss === "crossEntropy"
      ? tf.tensor1d(values as Int32Array, "int32")
      : tf.tensor2d(values as Float32Array, [rows, outputs], "float32");
  const base = {
    x: train.x.subarray(0, trainRows * d),
    y: train.y.subarray(0, trainRows * yWidth),
    rows: trainRows,
    columns: d,
    yWidth,
  };
  if (validation !== undefined) {
    return {
      ...base,
      validationX: xTensor(validation.x, validation.rows),
      validationY: yTensor(validation.y, validation.rows),
      validationRows: validation.rows,
    };
  }
  const rest = train.rows - trainRows;
  if (rest === 0) return { ...base, validationX: undefined, validationY: undefined, validationRows: 0 };
  return {
    ...base,
    validationX: xTensor(train.x.slice(trainRows * d), rest),
    validationY: yTensor(train.y.slice(trainRows * yWidth), rest),
    validationRows: rest,
  };
}

/** Host arrays reused by {@link batchTensors} from step to step, on backends that copy at upload. */
export interface BatchBuffers {
  /** Room for a batch of inputs. */
  x: Float32Array;
  /** Room for a batch of one-hot rows. */
  oneHot: Float32Array;
}

/**
 * Whether the current backend copies a typed array when it makes a tensor from it (wasm does, into its
 * heap), so that {@link batchTensors} may reuse its host arrays; the cpu backend keeps a reference instead.
 */
export function uploadCopies(): boolean {
  return tf.getBackend() === "wasm";
}

/**
 * One batch of training rows, copied out of the host arrays in the given order and uploaded: inputs,
 * targets and, when `classes` is given (cross-entropy), also the labels as one-hot float rows built on the
 * host (no OneHot and Cast kernels on the device).
 *
 * @remarks The host arrays are fresh unless `buffers` is given (only where {@link uploadCopies}: the cpu
 * backend keeps a reference to the array it is given).
 */
export function batchTensors(
  data: RunData,
  loss: TrainingLoss,
  order: Int32Array,
  start: number,
  end: number,
  classes?: number,
  buffers?: BatchBuffers,
): { x: tf.Tensor2D; y: tf.Tensor; oneHot: tf.Tensor2D | undefined } {
  const m = end - start;
  const d = data.columns;
  const w = data.yWidth;
  const x = buffers !== undefined && buffers.x.length >= m * d ? buffers.x.subarray(0, m * d) : new Float32Array(m * d);
  const y = loss === "crossEntropy" ? new Int32Array(m) : new Float32Array(m * w);
  for (let r = 0; r < m; r++) {
    const i = order[start + r] as number;
    x.set(data.x.subarray(i * d, (i + 1) * d), r * d);
    if (w === 1) y[r] = data.y[i] as number;
    else y.set(data.y.subarray(i * w, (i + 1) * w), r * w);
  }
  let oneHot: tf.Tensor2D | undefined;
  if (classes !== undefined && loss === "crossEntropy") {
    const size = m * classes;
    const rows =
      buffers !== undefined && buffers.oneHot.length >= size
        ? buffers.oneHot.subarray(0, size).fill(0)
        : new Float32Array(size);
    for (let r = 0; r < m; r++) rows[r * classes + (y[r] as number)] = 1;
    oneHot = tf.tensor2d(rows, [m, classes], "float32");
  }
  return {
    x: tf.tensor2d(x, [m, d], "float32"),
    y:
      loss === "crossEntropy"
        ? tf.tensor1d(y as Int32Array, "int32")
        : tf.tensor2d(y as Float32Array, [m, w], "float32"),
    oneHot,
  };
}

/**
 * Converts and checks user data into flat host arrays: features as a row-major Float32Array, class indices
 * as an Int32Array, target rows as a Float32Array; every entry checked once.
 *
 * @packageDocumentation
 */
import * as tf from "./tfjs.js";
import { InvalidProblemError } from "../../src/index.js";
import { copyFiniteNumbers, describeValue } from "../../src/engine/internals.js";
import type { FeatureData, TargetData } from "./types.js";

/**
 * The number of rows of an input, without converting it (for the epoch length, known before `init`).
 */
export function countRows(x: FeatureData, part = "problem.x"): number {
  if (x instanceof tf.Tensor) {
    if (x.rank !== 2)
      throw new InvalidProblemError(
        part,
        "a 2-D tensor [samples, features]",
        `a tensor of shape [${x.shape.join(", ")}]`,
        false,
      );
    return x.shape[0] as number;
  }
  if (Array.isArray(x)) return x.length;
  if (x !== null && typeof x === "object" && "shape" in x && Array.isArray(x.shape)) return x.shape[0] as number;
  throw new InvalidProblemError(part, "a 2-D tensor, an array of rows or { values, shape }", x);
}

/**
 * The index of the first NaN or infinite value, or -1. A first pass sums `v * 0` in four lanes, which is 0
 * exactly when every value is finite (`inf * 0` and `NaN * 0` are NaN) and runs about twice as fast as a
 * test per value on MB of features; the index is searched only when that sum is not 0.
 */
function firstNonFinite(values: Float32Array): number {
  let a0 = 0;
  let a1 = 0;
  let a2 = 0;
  let a3 = 0;
  const whole = values.length & ~3;
  for (let i = 0; i < whole; i += 4) {
    a0 += (values[i] as number) * 0;
    a1 += (values[i + 1] as number) * 0;
    a2 += (values[i + 2] as number) * 0;
    a3 += (values[i + 3] as number) * 0;
  }
  for (let i = whole; i < values.length; i++) a0 += (values[i] as number) * 0;
  if (a0 + a1 + a2 + a3 === 0) return -1;
  return values.findIndex((value) => !Number.isFinite(value));
}

/**
 * Features as a flat Float32Array, every entry checked: plain arrays while they are copied (`null`,
 * booleans and strings are never read as numbers), typed arrays and tensors by one pass for NaN and
 * infinities (also catching numbers beyond the float32 range). Entries are named `part[i][j]`, or
 * `part.values[p]` for `{ values, shape }`.
 */
export function toMatrix(x: FeatureData, part: string): { values: Float32Array; rows: number; columns: number } {
  const result = toMatrixUnchecked(x, part);
  const p = firstNonFinite(result.values);
  if (p >= 0) {
    const flat = !(x instanceof tf.Tensor) && !Array.isArray(x);
    const path = flat ? `${part}.values[${p}]` : `${part}[${Math.floor(p / result.columns)}][${p % result.columns}]`;
    throw new InvalidProblemError(path, "a finite number", result.values[p]);
  }
  return result;
}

function toMatrixUnchecked(x: FeatureData, part: string): { values: Float32Array; rows: number; columns: number } {
  if (x instanceof tf.Tensor) {
    const rows = countRows(x, part);
    return { values: Float32Array.from(x.dataSync()), rows, columns: x.shape[1] as number };
  }
  if (Array.isArray(x)) {
    const rows = x.length;
    const first = x[0] as unknown;
    if (rows === 0 || !Array.isArray(first) || first.length === 0) {
      throw new InvalidProblemError(
        part,
        "a non-empty array of non-empty rows",
        rows === 0 ? x : `a first row of ${describeValue(first)}`,
        rows === 0,
      );
    }
    const columns = first.length;
    const values = new Float32Array(rows * columns);
    for (let i = 0; i < rows; i++) {
      const row = x[i] as unknown;
      if (!Array.isArray(row) || row.length !== columns) {
        throw new InvalidProblemError(
          part,
          `rows of ${columns} numbers (the first row's length)`,
          `row ${i} is ${describeValue(row)}`,
          false,
        );
      }
      copyFiniteNumbers(row, values, i * columns, part, i);
    }
    return { values, rows, columns };
  }
  const flat = x as { values?: ArrayLike<number>; shape?: readonly number[] };
  const shape = flat.shape;
  if (
    flat.values === undefined ||
    shape === undefined ||
    shape.length !== 2 ||
    !shape.every((s) => Number.isInteger(s) && s >= 1)
  ) {
    throw new InvalidProblemError(part, "{ values, shape: [rows, columns] } with integer rows, columns >= 1", x);
  }
  const [rows, columns] = shape as [number, number];
  if (flat.values.length !== rows * columns) {
    throw new InvalidProblemError(
      part,
      `values of length rows * columns = ${rows * columns}`,
      `length ${flat.values.length}`,
      false,
    );
  }
  if (ArrayBuffer.isView(flat.values)) return { values: Float32Array.from(flat.values), rows, columns };
  const values = new Float32Array(rows * columns);
  copyFiniteNumbers(flat.values, values, 0, `${part}.values`);
  return { values, rows, columns };
}

export function toLabels(y: TargetData, rows: number, classes: number, part: string): Int32Array {
  let values: ArrayLike<number>;
  if (y instanceof tf.Tensor) {
    if (y.rank !== 1)
      throw new InvalidProblemError(
        part,
        "class indices (a 1-D tensor) for loss crossEntropy",
        `a tensor of shape [${y.shape.join(", ")}]`,
        false,
      );
    values = y.dataSync();
  } else if (Array.isArray(y) || ArrayBuffer.isView(y)) {
    values = y as ArrayLike<number>;
    // Rows only when every entry is one: a single array among labels is that label's error, named below.
    if (values.length > 0 && Array.isArray(values[0]) && (y as readonly unknown[]).every(Array.isArray)) {
      const expected = "class indices (a 1-D array) for loss crossEntropy";
      throw new InvalidProblemError(part, expected, "an array of rows", false);
    }
  } else {
    throw new InvalidProblemError(part, "class indices (a 1-D array, typed array or tensor) for loss crossEntropy", y);
  }
  if (values.length !== rows)
    throw new InvalidProblemError(part, `one label per row of x (${rows})`, `${values.length} labels`, false);
  const labels = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    const label = values[i] as number;
    if (typeof label !== "number" || !Number.isInteger(label) || label < 0 || label >= classes) {
      const expected = `a class index, an integer in [0, ${classes - 1}] (the output layer has ${classes} units)`;
      throw new InvalidProblemError(`${part}[${i}]`, expected, label);
    }
    labels[i] = label;
  }
  return labels;
}

export function toTargets(y: TargetData, rows: number, outputs: number, part: string): Float32Array {
  let values: Float32Array;
  if (y instanceof tf.Tensor) {
    const width = y.rank === 1 ? 1 : (y.shape[1] as number);
    if (y.rank > 2 || y.shape[0] !== rows || width !== outputs) {
      throw new InvalidProblemError(
        part,
        `targets of shape [${rows}, ${outputs}] (one row per sample, one column per output)`,
        `a tensor of shape [${y.shape.join(", ")}]`,
        false,
      );
    }
    values = Float32Array.from(y.dataSync());
  } else if (Array.isArray(y) && (y.length === 0 || (y as readonly unknown[]).every(Array.isArray))) {
    values = toMatrix(y as readonly (readonly number[])[], part).values;
    if (y.length !== rows || values.length !== rows * outputs) {
      throw new InvalidProblemError(
        part,
        `targets of shape [${rows}, ${outputs}]`,
        `${y.length} rows of ${(y[0] as number[] | undefined)?.length ?? 0}`,
        false,
      );
    }
  } else if (Array.isArray(y) || ArrayBuffer.isView(y)) {
    const flat = y as ArrayLike<number>;
    if (outputs !== 1 || flat.length !== rows) {
      throw new InvalidProblemError(
        part,
        `targets of shape [${rows}, ${outputs}] (a 1-D array only for one output)`,
        `a 1-D array of length ${flat.length}`,
        false,
      );
    }
    values = new Float32Array(rows);
    copyFiniteNumbers(flat, values, 0, part);
  } else {
    const matrix = toMatrix(y as FeatureData, part);
    if (matrix.rows !== rows || matrix.columns !== outputs) {
      throw new InvalidProblemError(
        part,
        `targets of shape [${rows}, ${outputs}]`,
        `shape [${matrix.rows}, ${matrix.columns}]`,
        false,
      );
    }
    values = matrix.values;
  }
  const p = firstNonFinite(values);
  if (p >= 0) {
    // Nested rows and { values, shape } were checked by toMatrix: what is left is a tensor or a 1-D array.
    const oneDimensional = Array.isArray(y) || ArrayBuffer.isView(y);
    const path = oneDimensional ? `${part}[${p}]` : `${part}[${Math.floor(p / outputs)}][${p % outputs}]`;
    throw new InvalidProblemError(path, "a finite number", values[p]);
  }
  return values;
}

import { AbstractMatrix } from "ml-matrix";
import { InvalidProblemError } from "../../src/index.js";
import { copyFiniteNumbers } from "../../src/engine/internals.js";
import type { ClusteringData, DataMatrix } from "./types.js";

/**
 * Converts points given as rows, a flat array with a row count, or an ml-matrix `Matrix` to one flat
 * row-major `Float64Array`, checking the shape and that every coordinate is finite. A flat `Float64Array`
 * is used without a copy (the solvers only read it).
 *
 * @remarks Cost: one pass over the data, `O(n d)`; the input is never modified.
 * @param data - The points.
 * @param part - The name of the data in error messages, e.g. `problem.data`.
 * @param columns - The required dimension, when it is already known (points to predict).
 * @returns The flat copy with its shape.
 * @throws `InvalidProblemError` for no points, ragged rows, a non-finite coordinate, a row count that does
 *   not divide the flat length, or a dimension other than `columns`.
 * @example
 * ```ts
 * toDataMatrix([[1, 2], [3, 4]], "data"); // { values: Float64Array [1, 2, 3, 4], rows: 2, columns: 2 }
 * ```
 */
export function toDataMatrix(data: ClusteringData, part: string, columns?: number): DataMatrix {
  const result = toDataMatrixUnchecked(data, part, columns);
  assertFinite(result, part, data);
  return result;
}

/**
 * {@link toDataMatrix} with only part of the finiteness check (internal: the k-means solvers check through
 * their WebAssembly moments pass, and name the coordinate with {@link assertFinite} only when it finds one).
 * Entries of plain arrays are checked in full while they are copied (`null`, booleans and strings are never
 * read as numbers); typed arrays and ml-matrix matrices hold numbers already and are left to
 * {@link assertFinite} for NaN and infinities. `allocate` gives the array that points given as rows are
 * converted into (say, a kernel's memory, so that they are not converted and then copied again); it is
 * called once the shape is known, before any coordinate is read.
 */
export function toDataMatrixUnchecked(
  data: ClusteringData,
  part: string,
  columns?: number,
  allocate: (rows: number, columns: number) => Float64Array = (rows, cols) => new Float64Array(rows * cols),
): DataMatrix {
  let result: DataMatrix;
  if (data instanceof AbstractMatrix) {
    const rows = data.rows;
    const cols = data.columns;
    const values = new Float64Array(rows * cols);
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) values[i * cols + j] = data.get(i, j);
    result = { values, rows, columns: cols };
  } else if (Array.isArray(data)) {
    const rowsData = data as readonly unknown[];
    const rows = rowsData.length;
    if (rows === 0) throw new InvalidProblemError(part, "at least one point", data);
    const first = rowsData[0];
    if (!Array.isArray(first) && !ArrayBuffer.isView(first))
      throw new InvalidProblemError(`${part}[0]`, "an array of numbers", first);
    const cols = (first as ArrayLike<unknown>).length;
    const values = cols === 0 ? new Float64Array(0) : allocate(rows, cols);
    for (let i = 0; i < rows; i++) {
      const row = rowsData[i] as ArrayLike<unknown> | null | undefined;
      if (row === undefined || row === null || typeof row.length !== "number" || row.length !== cols) {
        throw new InvalidProblemError(`${part}[${i}]`, `a row of ${cols} numbers like row 0`, row);
      }
      if (row instanceof Float64Array) values.set(row, i * cols);
      else copyFiniteNumbers(row, values, i * cols, part, i);
    }
    result = { values, rows, columns: cols };
  } else if (data !== null && typeof data === "object" && "rows" in data && "values" in data) {
    const { rows, values: flat } = data;
    if (!Number.isInteger(rows) || rows < 1) throw new InvalidProblemError(`${part}.rows`, "an integer >= 1", rows);
    if (flat === null || typeof flat !== "object" || typeof flat.length !== "number" || flat.length % rows !== 0) {
      throw new InvalidProblemError(`${part}.values`, `an array whose length is a multiple of rows = ${rows}`, flat);
    }
    // A Float64Array is used as it is (the solvers never write their data); anything else is copied.
    let values: Float64Array;
    if (flat instanceof Float64Array) values = flat;
    else if (ArrayBuffer.isView(flat)) values = new Float64Array(flat as unknown as ArrayLike<number>);
    else {
      values = new Float64Array(flat.length);
      copyFiniteNumbers(flat, values, 0, `${part}.values`);
    }
    result = { values, rows, columns: flat.length / rows };
  } else {
    throw new InvalidProblemError(part, "an array of rows, { values, rows } or an ml-matrix Matrix", data);
  }
  if (result.rows === 0) throw new InvalidProblemError(part, "at least one point", data);
  if (result.columns === 0) throw new InvalidProblemError(part, "points of at least one coordinate", data);
  if (columns !== undefined && result.columns !== columns) {
    throw new InvalidProblemError(
      part,
      `of dimension ${columns} (that of the fitted model)`,
      `dimension ${result.columns}`,
      false,
    );
  }
  return result;
}

/**
 * Checks that every coordinate is finite.
 *
 * @param data - The converted points.
 * @param part - The name of the data in error messages.
 * @param given - The points as given: a coordinate of flat `{ values, rows }` is named `part.values[p]`,
 *   any other `part[i][j]`.
 * @throws `InvalidProblemError` naming the first non-finite coordinate.
 */
export function assertFinite(data: DataMatrix, part: string, given: ClusteringData): void {
  const { values } = data;
  for (let p = 0; p < values.length; p++) {
    if (!Number.isFinite(values[p])) {
      const flat = !Array.isArray(given) && !(given instanceof AbstractMatrix);
      const path = flat ? `${part}.values[${p}]` : `${part}[${Math.floor(p / data.columns)}][${p % data.columns}]`;
      throw new InvalidProblemError(path, "a finite number", values[p]);
    }
  }
}

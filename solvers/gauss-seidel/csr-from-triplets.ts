import { InvalidProblemError } from "../../src/index.js";
import type { CsrMatrix, CsrTriplets } from "./types.js";

/**
 * Builds a {@link CsrMatrix} from coordinate triplets `(i, j, a_ij)`, summing entries at the same position.
 *
 * @remarks Two stable counting sorts (by column, then by row) put each row's entries in increasing column
 * order, then duplicates are summed: O(nnz + rows + columns) time, no comparison sort. Stored zeros
 * (including sums that cancel) are kept, so the sparsity pattern is exactly the set of positions given.
 * The result is the canonical CSR form the Gauss-Seidel solvers require.
 *
 * @param triplets - The shape and the entries.
 * @returns A new CSR matrix.
 * @throws `InvalidProblemError` for a shape that is not two integers >= 0, arrays of different lengths, an
 *   index out of range or not an integer, or a value that is not finite (naming the entry).
 * @example
 * ```ts
 * const a = csrFromTriplets({ rows: 2, columns: 2, rowIndices: [0, 0, 1, 0], columnIndices: [0, 1, 1, 0], values: [1, 2, 3, 4] });
 * // a = [[5, 2], [0, 3]]: rowPointers [0, 2, 3], columnIndices [0, 1, 1], values [5, 2, 3]
 * ```
 * @see Y. Saad, Iterative Methods for Sparse Linear Systems, 2nd ed., section 3.4 (storage schemes).
 */
export function csrFromTriplets(triplets: CsrTriplets): CsrMatrix {
  if (triplets === null || typeof triplets !== "object") {
    throw new InvalidProblemError(
      "triplets",
      "an object { rows, columns, rowIndices, columnIndices, values }",
      triplets,
    );
  }
  const { rows, columns, rowIndices, columnIndices, values } = triplets;
  for (const [name, size] of [
    ["rows", rows],
    ["columns", columns],
  ] as const) {
    if (typeof size !== "number" || !Number.isInteger(size) || size < 0 || size > 0x7fffffff) {
      throw new InvalidProblemError(`triplets.${name}`, "an integer >= 0", size);
    }
  }
  for (const [name, array] of [
    ["rowIndices", rowIndices],
    ["columnIndices", columnIndices],
    ["values", values],
  ] as const) {
    if (array === null || typeof array !== "object" || typeof array.length !== "number") {
      throw new InvalidProblemError(`triplets.${name}`, "an array", array);
    }
  }
  const count = values.length;
  if (rowIndices.length !== count || columnIndices.length !== count) {
    throw new InvalidProblemError(
      "triplets.rowIndices, columnIndices and values",
      "arrays of one length",
      `lengths ${rowIndices.length}, ${columnIndices.length} and ${count}`,
      false,
    );
  }
  const rowOf = new Int32Array(count);
  const columnOf = new Int32Array(count);
  for (let k = 0; k < count; k++) {
    const i = rowIndices[k];
    const j = columnIndices[k];
    const value = values[k];
    if (typeof i !== "number" || !Number.isInteger(i) || i < 0 || i >= rows) {
      throw new InvalidProblemError(`triplets.rowIndices[${k}]`, `an integer in [0, ${rows})`, i);
    }
    if (typeof j !== "number" || !Number.isInteger(j) || j < 0 || j >= columns) {
      throw new InvalidProblemError(`triplets.columnIndices[${k}]`, `an integer in [0, ${columns})`, j);
    }
    if (typeof value !== "number" || !Number.isFinite(value)) {
      throw new InvalidProblemError(`triplets.values[${k}]`, "a finite number", value);
    }
    rowOf[k] = i;
    columnOf[k] = j;
  }

  // Stable counting sort by column, then by row: each row's entries come out in increasing column order.
  const byColumn = new Int32Array(count);
  const columnStart = new Int32Array(columns + 1);
  for (let k = 0; k < count; k++) {
    const j = (columnOf[k] as number) + 1;
    columnStart[j] = (columnStart[j] as number) + 1;
  }
  for (let j = 0; j < columns; j++) columnStart[j + 1] = (columnStart[j + 1] as number) + (columnStart[j] as number);
  for (let k = 0; k < count; k++) {
    const j = columnOf[k] as number;
    const at = columnStart[j] as number;
    byColumn[at] = k;
    columnStart[j] = at + 1;
  }

  const rowStart = new Int32Array(rows + 1);
  for (let k = 0; k < count; k++) {
    const i = (rowOf[k] as number) + 1;
    rowStart[i] = (rowStart[i] as number) + 1;
  }
  for (let i = 0; i < rows; i++) rowStart[i + 1] = (rowStart[i + 1] as number) + (rowStart[i] as number);
  const next = rowStart.slice(0, rows);
  const sorted = new Int32Array(count);
  for (let t = 0; t < count; t++) {
    const k = byColumn[t] as number;
    const i = rowOf[k] as number;
    const at = next[i] as number;
    sorted[at] = k;
    next[i] = at + 1;
  }

  // Sum duplicates row by row.
  const rowPointers = new Int32Array(rows + 1);
  const outColumns = new Int32Array(count);
  const outValues = new Float64Array(count);
  let stored = 0;
  for (let i = 0; i < rows; i++) {
    const first = stored;
    for (let t = rowStart[i] as number, end = rowStart[i + 1] as number; t < end; t++) {
      const k = sorted[t] as number;
      const j = columnOf[k] as number;
      if (stored > first && outColumns[stored - 1] === j) {
        outValues[stored - 1] = (outValues[stored - 1] as number) + (values[k] as number);
      } else {
        outColumns[stored] = j;
        outValues[stored] = values[k] as number;
        stored++;
      }
    }
    rowPointers[i + 1] = stored;
  }
  return { rows, columns, rowPointers, columnIndices: outColumns.slice(0, stored), values: outValues.slice(0, stored) };
}

import type { CsrMatrix } from "./types.js";

/** The transpose of a CSR matrix, by a counting sort: its rows come out with increasing columns. */
export function transposeCsr(matrix: CsrMatrix): CsrMatrix {
  const { rowPointers, columnIndices, values } = matrix;
  const count = values.length;
  const pointers = new Int32Array(matrix.columns + 1);
  for (let k = 0; k < count; k++) {
    const j = (columnIndices[k] as number) + 1;
    pointers[j] = (pointers[j] as number) + 1;
  }
  for (let j = 0; j < matrix.columns; j++) pointers[j + 1] = (pointers[j + 1] as number) + (pointers[j] as number);
  const next = pointers.slice(0, matrix.columns);
  const rows = new Int32Array(count);
  const transposed = new Float64Array(count);
  for (let i = 0; i < matrix.rows; i++) {
    for (let k = rowPointers[i] as number, end = rowPointers[i + 1] as number; k < end; k++) {
      const j = columnIndices[k] as number;
      const at = next[j] as number;
      next[j] = at + 1;
      rows[at] = i;
      transposed[at] = values[k] as number;
    }
  }
  return { rows: matrix.columns, columns: matrix.rows, rowPointers: pointers, columnIndices: rows, values: transposed };
}

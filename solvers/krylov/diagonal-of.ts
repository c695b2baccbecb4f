import { InvalidProblemError } from "../../src/index.js";
import type { CsrMatrix } from "../gauss-seidel/index.js";

/**
 * The position of each diagonal entry in `matrix.values`, checking that it is positive: what the Jacobi,
 * SSOR and IC(0) preconditioners of a symmetric positive definite matrix need.
 *
 * @throws `InvalidProblemError` naming the first row whose diagonal entry is missing or not positive.
 */
export function positiveDiagonal(matrix: CsrMatrix, preconditioner: string): Int32Array {
  const n = matrix.rows;
  const at = new Int32Array(n);
  const { rowPointers, columnIndices, values } = matrix;
  for (let i = 0; i < n; i++) {
    let found = -1;
    for (let k = rowPointers[i] as number; k < (rowPointers[i + 1] as number); k++) {
      if (columnIndices[k] === i) found = k;
    }
    const value = found < 0 ? 0 : (values[found] as number);
    if (!(value > 0)) {
      const part = `problem.matrix[${i}][${i}] (the diagonal of row ${i})`;
      const expected = `positive for the ${preconditioner} preconditioner of a symmetric positive definite matrix`;
      throw new InvalidProblemError(part, expected, found < 0 ? "no stored entry" : value, found >= 0);
    }
    at[i] = found;
  }
  return at;
}

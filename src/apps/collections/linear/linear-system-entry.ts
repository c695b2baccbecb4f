import {
  anyValue,
  type OptionSchemaOf,
  toFiniteFloat64,
  validateStrictOptions,
  InvalidProblemError,
} from "../../../index.js";
import type { CsrMatrix, GaussSeidelProblem } from "../../../../solvers/gauss-seidel/index.js";
import type { CollectionEntry } from "../types.js";

/** Options of {@link linearSystemEntry}. */
export interface LinearSystemEntryOptions {
  /**
   * The exact solution `x*`; the right-hand side is `b = A x*`. As many finite numbers as the matrix has
   * columns.
   * @defaultValue all ones
   */
  readonly solution?: ArrayLike<number>;
  /** Further metadata to record with the entry (plain strings, numbers and booleans). */
  readonly metadata?: Readonly<Record<string, string | number | boolean>>;
}

const rules = { solution: anyValue, metadata: anyValue } satisfies OptionSchemaOf<LinearSystemEntryOptions>;

/** Whether a CSR matrix equals its transpose (entry by entry, exactly). */
function isSymmetric(a: CsrMatrix): boolean {
  if (a.rows !== a.columns) return false;
  for (let i = 0; i < a.rows; i++) {
    for (let k = a.rowPointers[i] as number; k < (a.rowPointers[i + 1] as number); k++) {
      const j = a.columnIndices[k] as number;
      let found = false;
      for (let l = a.rowPointers[j] as number; l < (a.rowPointers[j + 1] as number); l++) {
        if (a.columnIndices[l] === i) {
          found = a.values[l] === a.values[k];
          break;
        }
      }
      if (!found) return false;
    }
  }
  return true;
}

/**
 * A square sparse system `A x = b` as a collection entry for the Gauss-Seidel and Krylov families, with a
 * known solution: `b = A x*` for a chosen `x*` (all ones unless given), `x0 = 0`.
 *
 * @remarks `b` is computed once in double precision, so `x*` solves the stored system to within rounding
 * (`||b - A x*|| <= nnz(A) eps ||A|| ||x*||` or so): studies measure the error `||x_k - x*||` against it.
 * The metadata records the size, the stored entries and whether `A` equals its transpose.
 * @param name - The entry's name, a non-empty string.
 * @param matrix - A square CSR matrix (from `poisson2d`, {@link poisson3d}, {@link readMatrixMarket}, ...).
 * @param options - The solution and extra metadata.
 * @returns The entry.
 * @throws `InvalidOptionError` for an unknown option; `InvalidProblemError` for an empty name, a matrix that
 *   is not square, or a solution of the wrong length or with non-finite entries.
 * @example
 * ```ts
 * const entry = linearSystemEntry("bcsstk01", readMatrixMarket("bcsstk01.mtx").matrix);
 * solve(conjugateGradient(), entry.problem);
 * ```
 */
export function linearSystemEntry(
  name: string,
  matrix: CsrMatrix,
  options: LinearSystemEntryOptions = {},
): CollectionEntry<GaussSeidelProblem> {
  validateStrictOptions(options, rules, "linearSystemEntry");
  if (typeof name !== "string" || name === "") throw new InvalidProblemError("name", "a non-empty string", name);
  if (matrix === null || typeof matrix !== "object" || matrix.rows !== matrix.columns) {
    const shape = matrix === null || typeof matrix !== "object" ? matrix : `${matrix.rows} x ${matrix.columns}`;
    throw new InvalidProblemError("matrix", "a square CSR matrix", shape, false);
  }
  const n = matrix.rows;
  const solution =
    options.solution === undefined
      ? new Float64Array(n).fill(1)
      : toFiniteFloat64(options.solution, "options.solution", n);
  const b = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let k = matrix.rowPointers[i] as number; k < (matrix.rowPointers[i + 1] as number); k++) {
      sum += (matrix.values[k] as number) * (solution[matrix.columnIndices[k] as number] as number);
    }
    b[i] = sum;
  }
  return {
    name,
    problem: { matrix, b, x0: new Float64Array(n) },
    solution,
    dimension: n,
    metadata: {
      rows: n,
      storedEntries: matrix.values.length,
      symmetric: isSymmetric(matrix),
      ...options.metadata,
    },
  };
}

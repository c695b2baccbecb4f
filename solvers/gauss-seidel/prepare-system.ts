import { AbstractMatrix } from "ml-matrix";
import { InvalidProblemError } from "../../src/index.js";
import type { PrepareContext } from "../../src/index.js";
import { toFiniteFloat64, describeValue } from "../../src/engine/internals.js";
import { analyseMatrix } from "./analyse-matrix.js";
import { bindCsrSweeps } from "./csr-kernel.js";
import { csrSweeps, jacobiChunkRows } from "./csr-sweeps.js";
import { recogniseStencil } from "./recognise-stencil.js";
import { redBlackColouring } from "./red-black-colouring.js";
import { transposeCsr } from "./transpose-csr.js";
import type {
  CsrMatrix,
  DenseMatrix,
  GaussSeidelProblem,
  PreparedGaussSeidel,
  PreparedSystem,
  SystemMatrix,
} from "./types.js";

/** What a method needs prepared besides the common part. */
export interface PreparationNeeds {
  /** Recognise a 5-point stencil (the `stencilKernel` option). */
  readonly stencil: boolean;
  /** Colour the rows red and black when the matrix is not a recognised stencil. */
  readonly colouring: boolean;
  /**
   * Whether the method's rows update independently (Jacobi), so that its WebAssembly sweeps may run on the
   * run option `threads`; a method whose sweep reads the rows it has just written runs on one.
   */
  readonly rowParallel?: boolean | undefined;
}

/**
 * Validates a problem and derives what every step needs: the CSR form, the diagonal and its inverse, the
 * stencil or colouring and the residual scale, reports the convergence warnings to `context.warn`, and binds the WebAssembly CSR
 * sweeps to a large general system (a method without a colouring, no recognised stencil), on the
 * context's `threads` for a row-parallel method (Jacobi), else on one, with its `kernelPool`. O(nnz) for a
 * sparse matrix, O(n^2) for a dense one (plus a Cholesky factorisation in the cases {@link analyseMatrix}
 * describes).
 *
 * @throws `InvalidProblemError` naming the part that is malformed.
 */
export function prepareSystem(
  problem: GaussSeidelProblem,
  needs: PreparationNeeds,
  context: PrepareContext,
): PreparedGaussSeidel {
  if (problem === null || typeof problem !== "object")
    throw new InvalidProblemError("problem", "an object { matrix, b, x0? }", problem);
  const given = problem.matrix;
  const dense = Array.isArray(given) || AbstractMatrix.isMatrix(given) ? (given as DenseMatrix) : undefined;
  const matrix = dense === undefined ? checkCsr(given) : denseToCsr(dense);
  const n = matrix.rows;
  const b = checkVector("problem.b", problem.b, n);
  const x0 = problem.x0 === undefined ? new Float64Array(n) : checkVector("problem.x0", problem.x0, n);

  const diagonalIndex = new Int32Array(n);
  const inverseDiagonal = new Float64Array(n);
  const { rowPointers, columnIndices, values } = matrix;
  for (let i = 0; i < n; i++) {
    let at = -1;
    for (let k = rowPointers[i] as number, end = rowPointers[i + 1] as number; k < end; k++) {
      if (columnIndices[k] === i) {
        at = k;
        break;
      }
    }
    const diagonal = at < 0 ? 0 : (values[at] as number);
    if (diagonal === 0) {
      const part = `problem.matrix[${i}][${i}] (the diagonal of row ${i})`;
      if (at < 0) throw new InvalidProblemError(part, "non-zero", "no stored entry", false);
      throw new InvalidProblemError(part, "non-zero", diagonal);
    }
    diagonalIndex[i] = at;
    inverseDiagonal[i] = 1 / diagonal;
  }

  let transposed: CsrMatrix | undefined;
  const transpose = () => (transposed ??= transposeCsr(matrix)); // only a non-symmetric matrix needs it
  const { properties, warnings } = analyseMatrix(matrix, transpose, diagonalIndex, dense);
  for (const warning of warnings) context.warn(warning);
  const stencil = needs.stencil ? recogniseStencil(matrix) : undefined;
  const colouring =
    needs.colouring && stencil === undefined
      ? redBlackColouring(matrix, properties.symmetric ? matrix : transpose())
      : undefined;

  // Jacobi on a general CSR matrix sums its residual in chunks of rows (its threaded sweep's order), its start's too.
  const chunkRows = needs.rowParallel === true && stencil === undefined ? jacobiChunkRows : undefined;
  const residualNorm = Math.sqrt(csrSweeps.residualSquared(matrix, b, x0, chunkRows));
  let rhsSquared = 0;
  for (let i = 0; i < n; i++) rhsSquared += (b[i] as number) * (b[i] as number);
  const rhsNorm = Math.sqrt(rhsSquared);
  const residualScale = rhsNorm > 0 ? rhsNorm : residualNorm > 0 ? residualNorm : 1;
  const system: PreparedSystem = {
    matrix,
    b,
    inverseDiagonal,
    diagonalIndex,
    residualScale,
    stencil,
    colouring,
    properties,
  };
  // Last: nothing after it may throw, or the kernel's memory would be left to the collector.
  const placement = {
    threads: needs.rowParallel === true ? context.threads : 1,
    kernelPool: context.kernelPool,
  };
  const kernel = stencil === undefined && !needs.colouring ? bindCsrSweeps(system, undefined, placement) : undefined;
  return { system, x0, residualNorm, kernel };
}

/**
 * The matrix of a linear system as a checked, canonical CSR matrix: the given object when it is CSR (never
 * written), a conversion keeping the non-zero entries and the diagonal when it is dense. Unlike the
 * stationary methods' preparation it does not require a non-zero diagonal (Krylov methods need none).
 * O(nnz) for a CSR matrix, O(n^2) for a dense one.
 *
 * @param matrix - `problem.matrix`: `number[][]`, an ml-matrix `Matrix`, or a {@link CsrMatrix}.
 * @returns The matrix in CSR form.
 * @throws `InvalidProblemError` naming the part of `problem.matrix` that is malformed (not square, an
 *   entry that is not finite, a non-canonical CSR index).
 * @example
 * ```ts
 * toCsrMatrix([[2, -1], [-1, 2]]).values; // Float64Array [2, -1, -1, 2]
 * ```
 */
export function toCsrMatrix(matrix: SystemMatrix): CsrMatrix {
  const dense = Array.isArray(matrix) || AbstractMatrix.isMatrix(matrix) ? (matrix as DenseMatrix) : undefined;
  return dense === undefined ? checkCsr(matrix) : denseToCsr(dense);
}

function checkCsr(value: unknown): CsrMatrix {
  const expected =
    "a square matrix: number[][], an ml-matrix Matrix, or a CSR matrix { rows, columns, rowPointers, columnIndices, values }";
  if (value === null || typeof value !== "object") throw new InvalidProblemError("problem.matrix", expected, value);
  const csr = value as Partial<Record<keyof CsrMatrix, unknown>>;
  if (csr.rowPointers === undefined) throw new InvalidProblemError("problem.matrix", expected, value);
  const { rows, columns, rowPointers, columnIndices, values } = csr;
  if (typeof rows !== "number" || !Number.isInteger(rows) || rows < 1)
    throw new InvalidProblemError("problem.matrix.rows", "an integer >= 1", rows);
  if (columns !== rows) {
    throw new InvalidProblemError(
      "problem.matrix",
      "a square matrix",
      `a ${rows} x ${describeValue(columns)} matrix`,
      false,
    );
  }
  if (!(rowPointers instanceof Int32Array) || rowPointers.length !== rows + 1) {
    throw new InvalidProblemError("problem.matrix.rowPointers", `an Int32Array of length ${rows + 1}`, rowPointers);
  }
  const count = rowPointers[rows] as number;
  if (!(columnIndices instanceof Int32Array) || columnIndices.length !== count) {
    throw new InvalidProblemError(
      "problem.matrix.columnIndices",
      `an Int32Array of length rowPointers[${rows}] = ${count}`,
      columnIndices,
    );
  }
  if (!(values instanceof Float64Array) || values.length !== count) {
    throw new InvalidProblemError(
      "problem.matrix.values",
      `a Float64Array of length rowPointers[${rows}] = ${count}`,
      values,
    );
  }
  if (rowPointers[0] !== 0) throw new InvalidProblemError("problem.matrix.rowPointers[0]", "0", rowPointers[0]);
  for (let i = 0; i < rows; i++) {
    const start = rowPointers[i] as number;
    const end = rowPointers[i + 1] as number;
    if (end < start)
      throw new InvalidProblemError(`problem.matrix.rowPointers[${i + 1}]`, `>= rowPointers[${i}] = ${start}`, end);
    for (let k = start; k < end; k++) {
      const j = columnIndices[k] as number;
      if (!(j >= 0 && j < columns && (k === start || j > (columnIndices[k - 1] as number)))) {
        throw new InvalidProblemError(
          `problem.matrix.columnIndices[${k}] (row ${i})`,
          `a column index in [0, ${columns}) greater than the previous one in its row (canonical CSR, as csrFromTriplets builds)`,
          j,
        );
      }
      if (!Number.isFinite(values[k])) {
        const part = `problem.matrix.values[${k}] (row ${i}, column ${j})`;
        throw new InvalidProblemError(part, "a finite number", values[k]);
      }
    }
  }
  return { rows, columns, rowPointers, columnIndices, values };
}

/** A dense matrix as CSR, keeping its non-zero entries and its diagonal. */
function denseToCsr(dense: DenseMatrix): CsrMatrix {
  const isMatrix = !Array.isArray(dense);
  const rows = isMatrix ? (dense as AbstractMatrix).rows : (dense as readonly (readonly number[])[]).length;
  const widthOf = (i: number): unknown => {
    if (isMatrix) return (dense as AbstractMatrix).columns;
    const row = (dense as readonly unknown[])[i];
    return Array.isArray(row) ? row.length : undefined;
  };
  if (rows < 1) throw new InvalidProblemError("problem.matrix", "a non-empty square matrix", dense);
  const width = widthOf(0);
  for (let i = 0; i < rows; i++) {
    const rowWidth = widthOf(i);
    if (rowWidth === undefined) {
      throw new InvalidProblemError(
        `problem.matrix[${i}]`,
        `an array of ${rows} numbers`,
        (dense as readonly unknown[])[i],
      );
    }
    if (rowWidth !== width) {
      throw new InvalidProblemError(
        `problem.matrix[${i}]`,
        `an array of ${String(width)} numbers like row 0`,
        (dense as readonly unknown[])[i],
      );
    }
  }
  if (width !== rows)
    throw new InvalidProblemError("problem.matrix", "a square matrix", `a ${rows} x ${String(width)} matrix`, false);
  const at = isMatrix
    ? (i: number, j: number) => (dense as AbstractMatrix).get(i, j)
    : (i: number, j: number) => ((dense as readonly (readonly number[])[])[i] as readonly number[])[j];
  const rowPointers = new Int32Array(rows + 1);
  const columnList: number[] = [];
  const valueList: number[] = [];
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < rows; j++) {
      const value = at(i, j);
      if (typeof value !== "number" || !Number.isFinite(value))
        throw new InvalidProblemError(`problem.matrix[${i}][${j}]`, "a finite number", value);
      if (value !== 0 || i === j) {
        columnList.push(j);
        valueList.push(value);
      }
    }
    rowPointers[i + 1] = columnList.length;
  }
  return {
    rows,
    columns: rows,
    rowPointers,
    columnIndices: Int32Array.from(columnList),
    values: Float64Array.from(valueList),
  };
}

function checkVector(part: string, value: unknown, n: number): Float64Array {
  return toFiniteFloat64(value, part, n);
}

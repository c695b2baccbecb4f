import { CholeskyDecomposition, Matrix } from "ml-matrix";
import type { AbstractMatrix } from "ml-matrix";
import { formatNumber } from "../../src/engine/internals.js";
import type { CsrMatrix, MatrixProperties } from "./types.js";

/** Dense matrices up to this order get a Cholesky factorisation to decide positive definiteness. */
export const choleskyLimit = 500;

/** What {@link analyseMatrix} returns: the properties, and the warning when convergence is not guaranteed. */
export interface MatrixAnalysis {
  readonly properties: MatrixProperties;
  readonly warnings: readonly string[];
}

/**
 * Checks the sufficient conditions for convergence of the family on a canonical CSR matrix with a non-zero
 * diagonal: one pass for dominance, one for symmetry (a binary search of the mirrored entry per entry), at
 * most two breadth-first searches for irreducibility (the second, on the transpose, only for a non-symmetric
 * matrix), plus a Cholesky factorisation (O(n^3 / 3)) when a dense symmetric matrix of order
 * <= {@link choleskyLimit} is not diagonally dominant. No allocation beyond O(n) for a symmetric matrix.
 */
export function analyseMatrix(
  matrix: CsrMatrix,
  transpose: () => CsrMatrix,
  diagonalIndex: Int32Array,
  dense: readonly (readonly number[])[] | AbstractMatrix | undefined,
): MatrixAnalysis {
  const { rowPointers, values } = matrix;
  const n = matrix.rows;

  // Row diagonal dominance: weak in every row, strict in some or all.
  let weakEverywhere = true;
  let strictSomewhere = false;
  let strictEverywhere = true;
  let weakFailure = "";
  let positiveDiagonal = true;
  let nonPositiveRow = -1;
  for (let i = 0; i < n; i++) {
    let off = 0;
    const diagonalAt = diagonalIndex[i] as number;
    for (let k = rowPointers[i] as number, end = rowPointers[i + 1] as number; k < end; k++) {
      if (k !== diagonalAt) off += Math.abs(values[k] as number);
    }
    const diagonal = values[diagonalAt] as number;
    if (diagonal <= 0 && positiveDiagonal) {
      positiveDiagonal = false;
      nonPositiveRow = i;
    }
    if (Math.abs(diagonal) > off) strictSomewhere = true;
    else strictEverywhere = false;
    if (Math.abs(diagonal) < off && weakEverywhere) {
      weakEverywhere = false;
      weakFailure = `row ${i}: |a[${i}][${i}]| = ${formatNumber(Math.abs(diagonal))} < sum_{j != ${i}} |a[${i}][j]| = ${formatNumber(off)}`;
    }
  }

  const asymmetry = firstAsymmetry(matrix);
  const symmetric = asymmetry === undefined;

  let diagonallyDominant = strictEverywhere;
  let dominanceFailure = weakFailure;
  if (!strictEverywhere && weakEverywhere) {
    if (!strictSomewhere) {
      dominanceFailure = "no row is strictly dominant";
    } else if (stronglyConnected(matrix, transpose, symmetric)) {
      diagonallyDominant = true;
    } else {
      dominanceFailure = "weakly dominant but reducible";
    }
  }

  let positiveDefinite: boolean | undefined;
  let definitenessFailure = "";
  if (!symmetric) {
    positiveDefinite = false;
    definitenessFailure = `not symmetric: ${asymmetry}`;
  } else if (!positiveDiagonal) {
    positiveDefinite = false;
    definitenessFailure = `a[${nonPositiveRow}][${nonPositiveRow}] = ${formatNumber(values[diagonalIndex[nonPositiveRow] as number] as number)} <= 0`;
  } else if (diagonallyDominant) {
    positiveDefinite = true; // symmetric, positive diagonal, diagonally dominant: Gershgorin (+ Taussky)
  } else if (dense !== undefined && n <= choleskyLimit) {
    const square = Array.isArray(dense) ? new Matrix(dense as number[][]) : (dense as AbstractMatrix);
    positiveDefinite = new CholeskyDecomposition(square).isPositiveDefinite();
    if (!positiveDefinite) definitenessFailure = "its Cholesky factorisation fails";
  } else {
    positiveDefinite = undefined;
    definitenessFailure = `undecided: symmetric with a positive diagonal, but ${dense === undefined ? "sparse matrices get no Cholesky check" : `larger than ${choleskyLimit} x ${choleskyLimit}, the limit of the Cholesky check`}`;
  }

  const warnings: string[] = [];
  if (!diagonallyDominant && positiveDefinite !== true) {
    warnings.push(
      `convergence is not guaranteed: the matrix is neither diagonally dominant (${dominanceFailure}) nor symmetric positive definite (${definitenessFailure})`,
    );
  }
  return { properties: { diagonallyDominant, symmetric, positiveDefinite }, warnings };
}

/** The first `a_ij !== a_ji`, described, or `undefined` when the matrix is symmetric (stored zeros = missing). */
function firstAsymmetry(matrix: CsrMatrix): string | undefined {
  const { rowPointers, columnIndices, values } = matrix;
  for (let i = 0; i < matrix.rows; i++) {
    for (let k = rowPointers[i] as number, end = rowPointers[i + 1] as number; k < end; k++) {
      const j = columnIndices[k] as number;
      if (j === i) continue;
      // a_ji: binary search of column i in row j (columns increase within a row); 0 when not stored.
      let low = rowPointers[j] as number;
      let high = (rowPointers[j + 1] as number) - 1;
      let mirrored = 0;
      while (low <= high) {
        const middle = (low + high) >> 1;
        const column = columnIndices[middle] as number;
        if (column < i) low = middle + 1;
        else if (column > i) high = middle - 1;
        else {
          mirrored = values[middle] as number;
          break;
        }
      }
      if (values[k] !== mirrored)
        return `a[${i}][${j}] = ${formatNumber(values[k] as number)} but a[${j}][${i}] = ${formatNumber(mirrored)}`;
    }
  }
  return undefined;
}

/**
 * Whether the graph of the non-zero off-diagonal entries is strongly connected (the matrix irreducible):
 * every row reachable from row 0 in the graph and in its transpose (one search suffices when symmetric).
 */
function stronglyConnected(matrix: CsrMatrix, transpose: () => CsrMatrix, symmetric: boolean): boolean {
  return reachesAll(matrix) && (symmetric || reachesAll(transpose()));
}

function reachesAll(matrix: CsrMatrix): boolean {
  const { rowPointers, columnIndices, values } = matrix;
  const n = matrix.rows;
  const seen = new Uint8Array(n);
  const queue = new Int32Array(n);
  let head = 0;
  let tail = 0;
  queue[tail++] = 0;
  seen[0] = 1;
  while (head < tail) {
    const i = queue[head++] as number;
    for (let k = rowPointers[i] as number, end = rowPointers[i + 1] as number; k < end; k++) {
      const j = columnIndices[k] as number;
      if (seen[j] === 0 && values[k] !== 0) {
        seen[j] = 1;
        queue[tail++] = j;
      }
    }
  }
  return tail === n;
}

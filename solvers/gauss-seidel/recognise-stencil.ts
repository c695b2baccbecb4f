import type { CsrMatrix, FivePointStencil } from "./types.js";

/**
 * Recognises a canonical CSR matrix as a constant-coefficient 5-point stencil on an `nx x ny` grid
 * (`ny = 1`: a 3-point chain), or returns `undefined`. One pass over the matrix.
 *
 * @remarks The grid width is read off row 0 (its largest column when that is > 1, else the whole chain);
 * then every row must hold exactly the columns `p - nx, p - 1, p, p + 1, p + nx` that lie on the grid, in
 * that order, with the diagonal value on `p` and one common value elsewhere.
 */
export function recogniseStencil(matrix: CsrMatrix): FivePointStencil | undefined {
  const { rowPointers, columnIndices, values } = matrix;
  const n = matrix.rows;
  if (n < 2 || (rowPointers[0] as number) !== 0) return undefined;
  const firstEnd = rowPointers[1] as number;
  if (firstEnd < 2 || firstEnd > 3 || columnIndices[0] !== 0 || columnIndices[1] !== 1) return undefined;
  const nx = firstEnd === 3 ? (columnIndices[2] as number) : n;
  if (nx < 2 || n % nx !== 0) return undefined;
  const ny = n / nx;
  const diagonal = values[0] as number;
  const offDiagonal = values[1] as number;
  let k = 0;
  for (let y = 0; y < ny; y++) {
    for (let x = 0; x < nx; x++) {
      const p = y * nx + x;
      if (rowPointers[p] !== k) return undefined;
      if (y > 0 && (columnIndices[k] !== p - nx || values[k++] !== offDiagonal)) return undefined;
      if (x > 0 && (columnIndices[k] !== p - 1 || values[k++] !== offDiagonal)) return undefined;
      if (columnIndices[k] !== p || values[k++] !== diagonal) return undefined;
      if (x < nx - 1 && (columnIndices[k] !== p + 1 || values[k++] !== offDiagonal)) return undefined;
      if (y < ny - 1 && (columnIndices[k] !== p + nx || values[k++] !== offDiagonal)) return undefined;
    }
  }
  return rowPointers[n] === k ? { nx, ny, diagonal, offDiagonal } : undefined;
}

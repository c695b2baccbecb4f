import type { CsrMatrix } from "../../../../solvers/gauss-seidel/index.js";

/** The coefficients of a 5- or 7-point stencil: the centre and each neighbour (absent in 2-D: `down`, `up`). */
export interface StencilCoefficients {
  /** The diagonal entry. */
  readonly centre: number;
  /** The entry for the neighbour at x - 1. */
  readonly west: number;
  /** The entry for the neighbour at x + 1. */
  readonly east: number;
  /** The entry for the neighbour at y - 1. */
  readonly south: number;
  /** The entry for the neighbour at y + 1. */
  readonly north: number;
  /** The entry for the neighbour at z - 1. */
  readonly down: number;
  /** The entry for the neighbour at z + 1. */
  readonly up: number;
}

/**
 * The CSR matrix of a constant stencil on an `nx x ny x nz` interior grid with zero (Dirichlet) boundary
 * values, numbered `p = (z ny + y) nx + x`, columns increasing within each row.
 */
export function gridStencil(nx: number, ny: number, nz: number, stencil: StencilCoefficients): CsrMatrix {
  const n = nx * ny * nz;
  const neighbours = (nx > 1 ? 2 : 0) + (ny > 1 ? 2 : 0) + (nz > 1 ? 2 : 0);
  const capacity = n * (1 + neighbours);
  const rowPointers = new Int32Array(n + 1);
  const columnIndices = new Int32Array(capacity);
  const values = new Float64Array(capacity);
  let k = 0;
  const push = (column: number, value: number) => {
    columnIndices[k] = column;
    values[k++] = value;
  };
  const plane = nx * ny;
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++) {
        const p = z * plane + y * nx + x;
        if (z > 0) push(p - plane, stencil.down);
        if (y > 0) push(p - nx, stencil.south);
        if (x > 0) push(p - 1, stencil.west);
        push(p, stencil.centre);
        if (x < nx - 1) push(p + 1, stencil.east);
        if (y < ny - 1) push(p + nx, stencil.north);
        if (z < nz - 1) push(p + plane, stencil.up);
        rowPointers[p + 1] = k;
      }
    }
  }
  return { rows: n, columns: n, rowPointers, columnIndices: columnIndices.slice(0, k), values: values.slice(0, k) };
}

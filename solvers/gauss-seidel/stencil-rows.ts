import type { FivePointStencil } from "./types.js";

// The 5-point stencil kernel's row-at-a-time pieces (see stencil-sweeps.ts for the stencil and the update):
// relaxing every other point of a grid row, the residual of a grid row, and the red-black sweep built from
// them. The other sweeps call residualRow for the grid row their fused residual leaves last.

/**
 * Red-black sweep: every red point (`x + y` even) from `current`, then every black point from the new red
 * values, writing `next`. Returns `||b - A next||_2^2`, computed row by row one row behind the black pass.
 */
export function redBlack(
  stencil: FivePointStencil,
  b: Float64Array,
  current: Float64Array,
  next: Float64Array,
  omega: number,
): number {
  const { nx, ny } = stencil;
  const zeros = new Float64Array(nx);
  for (let y = 0; y < ny; y++) relaxRow(stencil, b, current, current, next, omega, y, y & 1, zeros);
  let sum = 0;
  for (let y = 0; y < ny; y++) {
    relaxRow(stencil, b, current, next, next, omega, y, 1 - (y & 1), zeros);
    if (y > 0) sum += residualRow(stencil, b, next, y - 1, zeros);
  }
  return sum + residualRow(stencil, b, next, ny - 1, zeros);
}

/**
 * Relaxes the points `x = first, first + 2, ...` of grid row `y`: their neighbours are read from
 * `neighbours`, their own old value from `current`, and the result written to `next`.
 */
function relaxRow(
  stencil: FivePointStencil,
  b: Float64Array,
  current: Float64Array,
  neighbours: Float64Array,
  next: Float64Array,
  omega: number,
  y: number,
  first: number,
  zeros: Float64Array,
): void {
  const { nx, ny, diagonal: d, offDiagonal: c } = stencil;
  const w = omega / d;
  const keep = 1 - omega;
  const row = y * nx;
  const down = y > 0 ? neighbours : zeros;
  const downAt = y > 0 ? row - nx : 0;
  const up = y < ny - 1 ? neighbours : zeros;
  const upAt = y < ny - 1 ? row + nx : 0;
  const last = nx - 1;
  for (let x = first; x < nx; x += 2) {
    const p = row + x;
    const sides = (x > 0 ? (neighbours[p - 1] as number) : 0) + (x < last ? (neighbours[p + 1] as number) : 0);
    next[p] =
      keep * (current[p] as number) +
      w * ((b[p] as number) - c * (sides + (down[downAt + x] as number) + (up[upAt + x] as number)));
  }
}

/** `sum_x (b - A v)_p^2` over grid row `y`, all of `v`'s values read as they are. */
export function residualRow(
  stencil: FivePointStencil,
  b: Float64Array,
  v: Float64Array,
  y: number,
  zeros: Float64Array,
): number {
  const { nx, ny, diagonal: d, offDiagonal: c } = stencil;
  const row = y * nx;
  const down = y > 0 ? v : zeros;
  const downAt = y > 0 ? row - nx : 0;
  const up = y < ny - 1 ? v : zeros;
  const upAt = y < ny - 1 ? row + nx : 0;
  const last = nx - 1;
  let t =
    (b[row] as number) -
    d * (v[row] as number) -
    c * ((v[row + 1] as number) + (down[downAt] as number) + (up[upAt] as number));
  let sum = t * t;
  for (let x = 1; x < last; x++) {
    const p = row + x;
    t =
      (b[p] as number) -
      d * (v[p] as number) -
      c * ((v[p - 1] as number) + (v[p + 1] as number) + (down[downAt + x] as number) + (up[upAt + x] as number));
    sum += t * t;
  }
  const p = row + last;
  t =
    (b[p] as number) -
    d * (v[p] as number) -
    c * ((v[p - 1] as number) + (down[downAt + last] as number) + (up[upAt + last] as number));
  return sum + t * t;
}

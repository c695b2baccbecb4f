import { redBlack, residualRow } from "./stencil-rows.js";
import type { FivePointStencil } from "./types.js";

// Sweeps for a recognised constant-coefficient 5-point stencil: stencil arithmetic on Float64Arrays, no
// index arrays. A missing neighbour (outside the grid) is read from a row of zeros, so the row loops have
// no branches; the first and last columns are peeled. With d the diagonal and c the off-diagonal entry,
// one point's update is
//   next[p] = (1 - omega) current[p] + (omega / d) (b[p] - c (left + right + down + up)).
// The residual of the new iterate is fused into the forward and backward sweeps, one grid row behind the
// update: once row y is updated, every neighbour of row y - 1 is final, so r = b - A x_new is computed
// there directly from x_new (not recursively), while the row is still in cache (test/bench/gauss-seidel.ts
// measures what it costs). In the Gauss-Seidel sweeps the update of a point waits on the one just before
// it, so that value is carried in a register.

/**
 * Forward (lexicographic) Gauss-Seidel / SOR sweep of the 5-point stencil, writing `next` from `current`.
 * Returns `||b - A next||_2^2`.
 *
 * The update of a point depends on the one just before it (its left neighbour), which is carried in a
 * register, as are the three residual-row values the next point reuses; the left neighbour enters last, so
 * the chain from one point to the next is one multiply-add.
 */
function forward(
  stencil: FivePointStencil,
  b: Float64Array,
  current: Float64Array,
  next: Float64Array,
  omega: number,
): number {
  const { nx, ny, diagonal: d, offDiagonal: c } = stencil;
  const w = omega / d;
  const wc = w * c;
  const keep = 1 - omega;
  const zeros = new Float64Array(nx);
  const last = nx - 1;
  let sum = 0;
  {
    // Row 0: no down neighbours, no residual row behind it yet.
    const up = ny > 1 ? current : zeros;
    const upAt = ny > 1 ? nx : 0;
    let left =
      keep * (current[0] as number) + w * ((b[0] as number) - c * ((current[1] as number) + (up[upAt] as number)));
    next[0] = left;
    for (let x = 1; x < last; x++) {
      left =
        keep * (current[x] as number) +
        w * ((b[x] as number) - c * ((current[x + 1] as number) + (up[upAt + x] as number))) -
        wc * left;
      next[x] = left;
    }
    next[last] =
      keep * (current[last] as number) + w * ((b[last] as number) - c * (up[upAt + last] as number)) - wc * left;
  }
  for (let y = 1; y < ny; y++) {
    // Update row y; one row behind, the residual of row y - 1 (q = p - nx, whose up neighbour is p).
    const row = y * nx;
    const q0 = row - nx;
    const up = y < ny - 1 ? current : zeros;
    const upAt = y < ny - 1 ? row + nx : 0;
    const below = y > 1 ? next : zeros;
    const belowAt = y > 1 ? q0 - nx : 0;
    let qc = next[q0] as number; // next[q]: the residual point, and the down neighbour of p
    let qRight = next[q0 + 1] as number;
    let left =
      keep * (current[row] as number) +
      w * ((b[row] as number) - c * ((current[row + 1] as number) + qc + (up[upAt] as number)));
    next[row] = left;
    let t = (b[q0] as number) - d * qc - c * (qRight + (below[belowAt] as number) + left);
    sum += t * t;
    let qLeft = qc;
    qc = qRight;
    let here = current[row + 1] as number;
    for (let x = 1; x < last; x++) {
      const p = row + x;
      const q = q0 + x;
      const right = current[p + 1] as number;
      qRight = next[q + 1] as number;
      const v = keep * here + w * ((b[p] as number) - c * (right + qc + (up[upAt + x] as number))) - wc * left;
      next[p] = v;
      t = (b[q] as number) - d * qc - c * (qLeft + qRight + (below[belowAt + x] as number) + v);
      sum += t * t;
      left = v;
      qLeft = qc;
      qc = qRight;
      here = right;
    }
    const p = row + last;
    const v = keep * here + w * ((b[p] as number) - c * (qc + (up[upAt + last] as number))) - wc * left;
    next[p] = v;
    t = (b[q0 + last] as number) - d * qc - c * (qLeft + (below[belowAt + last] as number) + v);
    sum += t * t;
  }
  return sum + residualRow(stencil, b, next, ny - 1, zeros);
}

/**
 * Jacobi / weighted Jacobi sweep of the 5-point stencil: every neighbour from `current`, writing `next`.
 * Returns `||b - A next||_2^2`, fused one row behind as in {@link forward}.
 */
function jacobi(
  stencil: FivePointStencil,
  b: Float64Array,
  current: Float64Array,
  next: Float64Array,
  omega: number,
): number {
  const { nx, ny, diagonal: d, offDiagonal: c } = stencil;
  const w = omega / d;
  const keep = 1 - omega;
  const zeros = new Float64Array(nx);
  const last = nx - 1;
  let sum = 0;
  for (let y = 0; y < ny; y++) {
    const row = y * nx;
    const down = y > 0 ? current : zeros;
    const downAt = y > 0 ? row - nx : 0;
    const up = y < ny - 1 ? current : zeros;
    const upAt = y < ny - 1 ? row + nx : 0;
    const q0 = row - nx;
    const below = y > 1 ? next : zeros;
    const belowAt = y > 1 ? q0 - nx : 0;
    let v =
      keep * (current[row] as number) +
      w * ((b[row] as number) - c * ((current[row + 1] as number) + (down[downAt] as number) + (up[upAt] as number)));
    next[row] = v;
    if (y > 0) {
      const t =
        (b[q0] as number) - d * (next[q0] as number) - c * ((next[q0 + 1] as number) + (below[belowAt] as number) + v);
      sum += t * t;
    }
    for (let x = 1; x < last; x++) {
      const p = row + x;
      v =
        keep * (current[p] as number) +
        w *
          ((b[p] as number) -
            c *
              ((current[p - 1] as number) +
                (current[p + 1] as number) +
                (down[downAt + x] as number) +
                (up[upAt + x] as number)));
      next[p] = v;
      if (y > 0) {
        const q = q0 + x;
        const t =
          (b[q] as number) -
          d * (next[q] as number) -
          c * ((next[q - 1] as number) + (next[q + 1] as number) + (below[belowAt + x] as number) + v);
        sum += t * t;
      }
    }
    const p = row + last;
    v =
      keep * (current[p] as number) +
      w *
        ((b[p] as number) -
          c * ((current[p - 1] as number) + (down[downAt + last] as number) + (up[upAt + last] as number)));
    next[p] = v;
    if (y > 0) {
      const q = q0 + last;
      const t =
        (b[q] as number) -
        d * (next[q] as number) -
        c * ((next[q - 1] as number) + (below[belowAt + last] as number) + v);
      sum += t * t;
    }
  }
  return sum + residualRow(stencil, b, next, ny - 1, zeros);
}

/**
 * Backward sweep (from the last point to the first), in place on `x`: the second half of SSOR. Returns
 * `||b - A x||_2^2` of the result, fused one row behind (the row above), with the right neighbour and the
 * residual-row values carried in registers as in {@link forward}.
 */
function backward(stencil: FivePointStencil, b: Float64Array, x: Float64Array, omega: number): number {
  const { nx, ny, diagonal: d, offDiagonal: c } = stencil;
  const w = omega / d;
  const wc = w * c;
  const keep = 1 - omega;
  const zeros = new Float64Array(nx);
  const last = nx - 1;
  let sum = 0;
  {
    // Row ny - 1: no up neighbours, no residual row behind it yet.
    const row = (ny - 1) * nx;
    const down = ny > 1 ? x : zeros;
    const downAt = ny > 1 ? row - nx : 0;
    let p = row + last;
    let right =
      keep * (x[p] as number) + w * ((b[p] as number) - c * ((x[p - 1] as number) + (down[downAt + last] as number)));
    x[p] = right;
    for (let i = last - 1; i > 0; i--) {
      p = row + i;
      right =
        keep * (x[p] as number) +
        w * ((b[p] as number) - c * ((x[p - 1] as number) + (down[downAt + i] as number))) -
        wc * right;
      x[p] = right;
    }
    x[row] = keep * (x[row] as number) + w * ((b[row] as number) - c * (down[downAt] as number)) - wc * right;
  }
  for (let y = ny - 2; y >= 0; y--) {
    // Update row y; one row behind, the residual of row y + 1 (q = p + nx, whose down neighbour is p).
    const row = y * nx;
    const q0 = row + nx;
    const down = y > 0 ? x : zeros;
    const downAt = y > 0 ? row - nx : 0;
    const above = y < ny - 2 ? x : zeros;
    const aboveAt = y < ny - 2 ? q0 + nx : 0;
    let p = row + last;
    let qc = x[q0 + last] as number; // x[q]: the residual point, and the up neighbour of p
    let qLeft = x[q0 + last - 1] as number;
    let leftOld = x[p - 1] as number;
    let right = keep * (x[p] as number) + w * ((b[p] as number) - c * (leftOld + (down[downAt + last] as number) + qc));
    x[p] = right;
    let t = (b[q0 + last] as number) - d * qc - c * (qLeft + (above[aboveAt + last] as number) + right);
    sum += t * t;
    let qRight = qc;
    qc = qLeft;
    for (let i = last - 1; i > 0; i--) {
      p = row + i;
      const q = q0 + i;
      const here = leftOld;
      leftOld = x[p - 1] as number;
      qLeft = x[q - 1] as number;
      const v = keep * here + w * ((b[p] as number) - c * (leftOld + (down[downAt + i] as number) + qc)) - wc * right;
      x[p] = v;
      t = (b[q] as number) - d * qc - c * (qLeft + qRight + (above[aboveAt + i] as number) + v);
      sum += t * t;
      right = v;
      qRight = qc;
      qc = qLeft;
    }
    const v = keep * leftOld + w * ((b[row] as number) - c * ((down[downAt] as number) + qc)) - wc * right;
    x[row] = v;
    t = (b[q0] as number) - d * qc - c * (qRight + (above[aboveAt] as number) + v);
    sum += t * t;
  }
  return sum + residualRow(stencil, b, x, 0, zeros);
}

/**
 * The sweeps of the 5-point stencil kernel (`nx >= 2`). Each writes the new iterate and returns the squared
 * 2-norm of its residual.
 */
export const stencilSweeps = { forward, jacobi, backward, redBlack, residualRow } as const;

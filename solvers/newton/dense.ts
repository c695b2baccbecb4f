import { CholeskyDecomposition, LuDecomposition, Matrix } from "ml-matrix";

// Dense factorisations for the Newton family, on flat row-major Float64Arrays.
//
// Up to `smallDimension` unknowns the factorisations are written out here: for the 2 x 2 to 10 x 10
// problems Newton's method is mostly used on, building ml-matrix objects (arrays of arrays, a class per
// decomposition) costs several times the arithmetic (see test/bench/newton.ts). Larger systems go to
// ml-matrix's LU and Cholesky. Both paths apply the same singularity test, so they agree on which
// matrices they refuse.

/** Above this many unknowns, ml-matrix factorises; at or below, the loops in this file do. */
export const smallDimension = 16;

// Every workspace starts with these until its first fit: arrays of length 0 hold nothing to share, and a
// workspace is made per prepared problem (each `solve` on a plain problem), so seven empty arrays per run add up.
const noValues = new Float64Array(0);
const noIndices = new Int32Array(0);

/** Scratch space for one solver instance: never part of a state, reused across steps. */
export class DenseWorkspace {
  private size = -1;
  /** An n x n matrix the solver evaluates into (a Jacobian, a Hessian). */
  matrix = noValues;
  /** The factorisation (LU or L), owned by the functions below. */
  factor = noValues;
  /** A right-hand side. */
  rightHandSide = noValues;
  /** A solution. */
  solution = noValues;
  /** A line search's trial points, when states do not escape the run. */
  trial = noValues;
  /** LU's row interchanges. */
  pivots = noIndices;
  /** LU's pivot tolerance per column. */
  tolerances = noValues;

  /** Makes the buffers fit n unknowns (the factorisations' own buffers on first use: see `fitFactors`). */
  fit(n: number): this {
    if (n !== this.size) {
      this.size = n;
      this.matrix = new Float64Array(n * n);
      this.rightHandSide = new Float64Array(n);
      this.solution = new Float64Array(n);
      this.trial = new Float64Array(n);
    }
    return this;
  }

  /**
   * Makes the factorisations' buffers fit n unknowns too: only the loops below use them (a 2 x 2 Cholesky solve
   * does not), and a workspace is made per prepared problem, so three typed arrays fewer per short run.
   */
  fitFactors(n: number): this {
    this.fit(n);
    if (this.factor.length !== n * n) {
      this.factor = new Float64Array(n * n);
      this.pivots = new Int32Array(n);
      this.tolerances = new Float64Array(n);
    }
    return this;
  }
}

/**
 * The pivot size below which column j counts as dependent on the others: n eps max_i |a_ij|, relative to
 * the column so that the test does not depend on the units of x_j. Returns false for a zero column.
 */
function columnTolerances(a: Float64Array, n: number, tolerances: Float64Array): boolean {
  for (let j = 0; j < n; j++) {
    let largest = 0;
    for (let i = 0; i < n; i++) largest = Math.max(largest, Math.abs(a[i * n + j] as number));
    if (!(largest > 0)) return false;
    tolerances[j] = n * Number.EPSILON * largest;
  }
  return true;
}

/**
 * Solves `A x = b` by LU with partial pivoting. `a` is n x n row-major and is not modified.
 *
 * @returns Whether `A` is nonsingular (every pivot above n eps times the largest entry of its column, and
 *   a finite solution); `out` holds the solution only when it is.
 */
export function solveLu(
  a: Float64Array,
  n: number,
  b: ArrayLike<number>,
  out: Float64Array,
  work: DenseWorkspace,
): boolean {
  work.fitFactors(n);
  const tolerances = work.tolerances;
  if (!columnTolerances(a, n, tolerances)) return false;
  if (n > smallDimension) return solveLuLarge(a, n, b, out, tolerances);
  const lu = work.factor;
  const pivots = work.pivots;
  lu.set(a);
  for (let k = 0; k < n; k++) {
    let p = k;
    let largest = Math.abs(lu[k * n + k] as number);
    for (let i = k + 1; i < n; i++) {
      const magnitude = Math.abs(lu[i * n + k] as number);
      if (magnitude > largest) {
        largest = magnitude;
        p = i;
      }
    }
    if (!(largest > (tolerances[k] as number))) return false;
    pivots[k] = p;
    if (p !== k) {
      for (let j = 0; j < n; j++) {
        const t = lu[k * n + j] as number;
        lu[k * n + j] = lu[p * n + j] as number;
        lu[p * n + j] = t;
      }
    }
    const pivot = lu[k * n + k] as number;
    for (let i = k + 1; i < n; i++) {
      const factor = (lu[i * n + k] as number) / pivot;
      lu[i * n + k] = factor;
      if (factor !== 0)
        for (let j = k + 1; j < n; j++) lu[i * n + j] = (lu[i * n + j] as number) - factor * (lu[k * n + j] as number);
    }
  }
  for (let i = 0; i < n; i++) out[i] = b[i] as number;
  for (let k = 0; k < n; k++) {
    const p = pivots[k] as number;
    if (p !== k) {
      const t = out[k] as number;
      out[k] = out[p] as number;
      out[p] = t;
    }
  }
  for (let i = 1; i < n; i++) {
    let sum = out[i] as number;
    for (let j = 0; j < i; j++) sum -= (lu[i * n + j] as number) * (out[j] as number);
    out[i] = sum;
  }
  for (let i = n - 1; i >= 0; i--) {
    let sum = out[i] as number;
    for (let j = i + 1; j < n; j++) sum -= (lu[i * n + j] as number) * (out[j] as number);
    out[i] = sum / (lu[i * n + i] as number);
  }
  return allFinite(out);
}

function solveLuLarge(
  a: Float64Array,
  n: number,
  b: ArrayLike<number>,
  out: Float64Array,
  tolerances: Float64Array,
): boolean {
  const lu = new LuDecomposition(toMatrix(a, n, 0));
  const upper = lu.upperTriangularMatrix;
  for (let j = 0; j < n; j++) if (!(Math.abs(upper.get(j, j)) > (tolerances[j] as number))) return false;
  const solution = lu.solve(Matrix.columnVector(Array.from({ length: n }, (_, i) => b[i] as number)));
  for (let i = 0; i < n; i++) out[i] = solution.get(i, 0);
  return allFinite(out);
}

/**
 * Tries the Cholesky factorisation of `A + shift I` (A symmetric, n x n row-major, not modified) and, when
 * it succeeds, solves `(A + shift I) x = b`.
 *
 * @returns Whether `A + shift I` is positive definite; `out` holds the solution only when it is.
 */
export function solveCholesky(
  a: Float64Array,
  n: number,
  shift: number,
  b: ArrayLike<number>,
  out: Float64Array,
  work: DenseWorkspace,
): boolean {
  if (n === 2) return solveCholesky2(a, shift, b, out);
  if (n > smallDimension) return solveCholeskyLarge(a, n, shift, b, out);
  work.fitFactors(n);
  const l = work.factor;
  for (let j = 0; j < n; j++) {
    let diagonal = (a[j * n + j] as number) + shift;
    for (let k = 0; k < j; k++) diagonal -= (l[j * n + k] as number) ** 2;
    if (!(diagonal > 0)) return false;
    const ljj = Math.sqrt(diagonal);
    l[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let sum = a[i * n + j] as number;
      for (let k = 0; k < j; k++) sum -= (l[i * n + k] as number) * (l[j * n + k] as number);
      l[i * n + j] = sum / ljj;
    }
  }
  for (let i = 0; i < n; i++) {
    let sum = b[i] as number;
    for (let k = 0; k < i; k++) sum -= (l[i * n + k] as number) * (out[k] as number);
    out[i] = sum / (l[i * n + i] as number);
  }
  for (let i = n - 1; i >= 0; i--) {
    let sum = out[i] as number;
    for (let k = i + 1; k < n; k++) sum -= (l[k * n + i] as number) * (out[k] as number);
    out[i] = sum / (l[i * n + i] as number);
  }
  return allFinite(out);
}

/**
 * The loops above for n = 2, written out (Rosenbrock-sized problems are where the loops' overhead shows): the
 * same operations in the same order, so the same bits, and no factor stored.
 */
function solveCholesky2(a: Float64Array, shift: number, b: ArrayLike<number>, out: Float64Array): boolean {
  const first = (a[0] as number) + shift;
  if (!(first > 0)) return false;
  const l00 = Math.sqrt(first);
  const l10 = (a[2] as number) / l00;
  const second = (a[3] as number) + shift - l10 ** 2;
  if (!(second > 0)) return false;
  const l11 = Math.sqrt(second);
  const y0 = (b[0] as number) / l00;
  const y1 = ((b[1] as number) - l10 * y0) / l11;
  const x1 = y1 / l11;
  const x0 = (y0 - l10 * x1) / l00;
  out[0] = x0;
  out[1] = x1;
  return Number.isFinite(x0) && Number.isFinite(x1);
}

function solveCholeskyLarge(
  a: Float64Array,
  n: number,
  shift: number,
  b: ArrayLike<number>,
  out: Float64Array,
): boolean {
  const cholesky = new CholeskyDecomposition(toMatrix(a, n, shift));
  if (!cholesky.isPositiveDefinite()) return false;
  const solution = cholesky.solve(Matrix.columnVector(Array.from({ length: n }, (_, i) => b[i] as number)));
  for (let i = 0; i < n; i++) out[i] = solution.get(i, 0);
  return allFinite(out);
}

function toMatrix(a: Float64Array, n: number, shift: number): Matrix {
  const matrix = new Matrix(n, n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) matrix.set(i, j, (a[i * n + j] as number) + (i === j ? shift : 0));
  return matrix;
}

/** Whether every entry is finite. */
export function allFinite(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i] as number)) return false;
  return true;
}

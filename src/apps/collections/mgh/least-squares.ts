// The strategy's own file, not the Newton family's index: that index loads mathjs (symbolic derivatives),
// which the collections never need.
import { finiteDifferences } from "../../../../solvers/newton/finite-differences.js";
import type { FiniteDifferences } from "../../../../solvers/newton/index.js";
import type { ResidualCurvature } from "./residual-curvature.js";

/**
 * A nonlinear least-squares function `f(x) = sum_i r_i(x)^2` as the Moré-Garbow-Hillstrom paper writes its
 * problems: `m` residuals of `n` unknowns, their Jacobian, and the standard starting point.
 */
export interface LeastSquaresFunction {
  /** The number of unknowns. */
  readonly n: number;
  /** The number of residuals. */
  readonly m: number;
  /** The standard starting point (`n` numbers). */
  readonly x0: Float64Array;
  /**
   * Writes the residuals `r(x)` into `out` (length `m`).
   * @param x - The point (length `n`).
   * @param out - Where to write.
   */
  residuals(x: Float64Array, out: Float64Array): void;
  /**
   * Writes the Jacobian `J_ij = dr_i / dx_j` row by row into `out` (length `m n`, zeros on entry).
   * @param x - The point (length `n`).
   * @param out - Where to write.
   */
  jacobian(x: Float64Array, out: Float64Array): void;
  /**
   * Writes `sum_i w_i * Hessian(r_i)(x)` into `out` (n x n, zeros on entry), where the residuals' second
   * derivatives have a closed form; absent where Newton differences the gradient instead.
   */
  readonly residualCurvature?: ResidualCurvature | undefined;
}

/**
 * A Moré-Garbow-Hillstrom problem in the form the minimisers take (`gradientDescent`, `newtonMinimize`,
 * `bfgs`), with its residual form for least-squares and equation solvers.
 */
export interface MghProblem {
  /** `f(x) = sum_i r_i(x)^2` (the paper's scaling: no factor 1/2). */
  readonly f: (x: Float64Array) => number;
  /** The exact gradient `2 J(x)^T r(x)`, a new array of `n` numbers each call. */
  readonly gradient: (x: Float64Array) => Float64Array;
  /**
   * The Hessian `2 (J^T J + sum_i r_i Hessian(r_i))` in closed form (n x n, row-major, a new array each call)
   * for 31 of the 35 functions; `finiteDifferences()` (Newton differences the exact gradient, 2n gradient
   * evaluations per Hessian) for helical valley, Gulf, Kowalik-Osborne and Osborne 2.
   */
  readonly hessian: ((x: Float64Array) => Float64Array) | FiniteDifferences;
  /** The standard starting point; a fresh copy per problem. */
  readonly x0: Float64Array;
  /** The residuals `r(x)`, a new array of `m` numbers each call. */
  readonly residuals: (x: Float64Array) => Float64Array;
  /** The Jacobian of the residuals, `m` rows of `n` numbers, row-major, a new array each call. */
  readonly jacobian: (x: Float64Array) => Float64Array;
}

/**
 * Wraps a least-squares function as an {@link MghProblem}: `f = |r|^2`, `grad f = 2 J^T r`.
 *
 * @param fn - The function.
 * @returns The problem; every function returns new arrays (no state shared between calls).
 */
export function leastSquaresProblem(fn: LeastSquaresFunction): MghProblem {
  const { n, m } = fn;
  const residuals = (x: Float64Array): Float64Array => {
    const r = new Float64Array(m);
    fn.residuals(x, r);
    return r;
  };
  const jacobian = (x: Float64Array): Float64Array => {
    const j = new Float64Array(m * n);
    fn.jacobian(x, j);
    return j;
  };
  return {
    f: (x) => {
      const r = residuals(x);
      let sum = 0;
      for (let i = 0; i < m; i++) sum += (r[i] as number) * (r[i] as number);
      return sum;
    },
    gradient: (x) => {
      const r = residuals(x);
      const j = jacobian(x);
      const g = new Float64Array(n);
      for (let i = 0; i < m; i++) {
        const ri = 2 * (r[i] as number);
        if (ri === 0) continue;
        for (let k = 0; k < n; k++) g[k] = (g[k] as number) + ri * (j[i * n + k] as number);
      }
      return g;
    },
    hessian: fn.residualCurvature === undefined ? finiteDifferences() : exactHessian(fn, fn.residualCurvature),
    x0: Float64Array.from(fn.x0),
    residuals,
    jacobian,
  };
}

/** `Hessian(f)(x) = 2 (J^T J + sum_i r_i Hessian(r_i))`, from the Jacobian and the residuals' curvature. */
function exactHessian(fn: LeastSquaresFunction, curvature: ResidualCurvature): (x: Float64Array) => Float64Array {
  const { n, m } = fn;
  return (x) => {
    const r = new Float64Array(m);
    const j = new Float64Array(m * n);
    fn.residuals(x, r);
    fn.jacobian(x, j);
    const h = new Float64Array(n * n);
    curvature(x, r, h);
    for (let i = 0; i < m; i++) {
      for (let a = 0; a < n; a++) {
        const jia = j[i * n + a] as number;
        if (jia === 0) continue;
        for (let b = a; b < n; b++) h[a * n + b] = (h[a * n + b] as number) + jia * (j[i * n + b] as number);
      }
    }
    // J^T J went into the upper triangle only (the curvature into both): double it and mirror it.
    for (let a = 0; a < n; a++) for (let b = a; b < n; b++) h[a * n + b] = 2 * (h[a * n + b] as number);
    for (let a = 0; a < n; a++) for (let b = 0; b < a; b++) h[a * n + b] = h[b * n + a] as number;
    return h;
  };
}

import type { Solver } from "../../src/index.js";
import { checkPreconditioner, preparePreconditioned } from "./conjugate-gradient.js";
import type { PreparedCg } from "./conjugate-gradient.js";
import { krylovRecord, krylovRules, krylovStopping } from "./krylov-system.js";
import type { BicgstabOptions, BicgstabState, KrylovProblem, KrylovRecord } from "./types.js";
import { dot, multiplyInto, vectorNorm } from "./vectors.js";
import { anyValue, validateStrictOptions } from "../../src/engine/internals.js";
import type { OptionSchemaOf } from "../../src/engine/internals.js";

/**
 * BiCGSTAB, van der Vorst's stabilised biconjugate gradients, for nonsymmetric `A x = b`.
 *
 * @remarks
 * Update rule (`r_hat = r_0` fixed): `rho_k = r_hat^T r_k`, `beta = (rho_k / rho_{k-1}) (alpha / omega)`,
 * `p = r_k + beta (p - omega v)`, `v = A p`, `alpha = rho_k / r_hat^T v`, `s = r_k - alpha v`, `t = A s`,
 * `omega = t^T s / t^T t`, `x_{k+1} = x_k + alpha p + omega s`, `r_{k+1} = s - omega t`. With a
 * `preconditioner` M, right preconditioning: `v = A M^{-1} p`, `t = A M^{-1} s` and `x_{k+1} = x_k + alpha
 * M^{-1} p + omega M^{-1} s` (two solves with M per iteration); `r_k` is still the residual of `x_k`.
 *
 * Cost per iteration: two products with `A` (one iteration is a BiCG step plus a GMRES(1) smoothing step),
 * four inner products, six vector updates; memory 7 vectors, independent of the iteration count.
 *
 * Convergence: no minimisation property; the residual can oscillate, but it usually converges about as fast
 * as GMRES without restarts for a fraction of its memory. It can break down: `rho_k = 0` or `r_hat^T v = 0`
 * (the Lanczos process fails), or `omega = 0` (the smoothing step stagnates); the run then ends
 * `diverged` with a message saying which (PETSc's `KSP_DIVERGED_BREAKDOWN`).
 *
 * Stopping, as PETSc's KSPBCGS: `||r_k|| / ||b|| <= relTolerance` (`||r||/||b||`) or `||r_k|| <= absTolerance`
 * (`||r||`), `r_k` the recursive residual; `||r_k|| > divergenceTolerance ||r_0||` is `diverged`.
 *
 * @param options - Tolerances and bound.
 * @returns The solver, to run with `solve`.
 * @throws `InvalidOptionError` for an unknown option or one outside its range; its `prepare` throws
 *   `InvalidProblemError` for a malformed problem.
 * @example
 * ```ts
 * const result = solve(bicgstab(), { matrix: [[4, 1], [-2, 3]], b: [1, 2] });
 * ```
 * @see H. A. van der Vorst, Bi-CGSTAB: a fast and smoothly converging variant of Bi-CG for the solution of
 *   nonsymmetric linear systems, SIAM J. Sci. Stat. Comput. 13 (1992); Y. Saad, Iterative Methods for Sparse
 *   Linear Systems, 2nd ed., section 7.4.2.
 */
export function bicgstab(
  options: BicgstabOptions = {},
): Solver<KrylovProblem, BicgstabState, KrylovRecord, PreparedCg> {
  const rules = { ...krylovRules, preconditioner: anyValue } satisfies OptionSchemaOf<BicgstabOptions>;
  validateStrictOptions(options, rules, "bicgstab");
  const preconditioner = options.preconditioner;
  if (preconditioner !== undefined) checkPreconditioner(preconditioner);
  return {
    name: preconditioner === undefined ? "BiCGSTAB" : `BiCGSTAB (${preconditioner.name})`,
    ...krylovStopping(options),
    prepare: (problem) => preparePreconditioned(problem, preconditioner),
    init({ system }) {
      const n = system.b.length;
      return {
        x: system.x0.slice(),
        r: system.r0.slice(),
        shadow: system.r0.slice(),
        p: new Float64Array(n),
        v: new Float64Array(n),
        s: new Float64Array(n),
        t: new Float64Array(n),
        rho: 1,
        alpha: 1,
        omega: 1,
        residualNorm: system.r0Norm,
        relativeResidual: system.r0Norm / system.residualScale,
      };
    },
    step({ system, precondition }, state, context) {
      const { matrix } = system;
      // M^{-1} p and M^{-1} s (the vectors themselves without a preconditioner).
      const solve = (vector: Float64Array): Float64Array => {
        if (precondition === undefined) return vector;
        const z = new Float64Array(vector.length);
        precondition(vector, z);
        return z;
      };
      const { x, r, shadow, p, v, s, t } = state;
      const n = x.length;
      const rho = dot(shadow, r);
      if (rho === 0 || !Number.isFinite(rho)) {
        context.control.diverge(`BiCGSTAB broke down: r_hat^T r = ${rho} at iteration ${context.iteration}`);
        return state;
      }
      const beta = (rho / state.rho) * (state.alpha / state.omega);
      for (let i = 0; i < n; i++) p[i] = (r[i] as number) + beta * ((p[i] as number) - state.omega * (v[i] as number));
      const pHat = solve(p);
      multiplyInto(matrix, pHat, v);
      const shadowV = dot(shadow, v);
      if (shadowV === 0) {
        context.control.diverge(`BiCGSTAB broke down: r_hat^T A p = 0 at iteration ${context.iteration}`);
        return state;
      }
      const alpha = rho / shadowV;
      for (let i = 0; i < n; i++) s[i] = (r[i] as number) - alpha * (v[i] as number);
      const sHat = solve(s);
      multiplyInto(matrix, sHat, t);
      const tt = dot(t, t);
      // s = 0 (t = 0): x + alpha p is exact, and omega is not needed.
      const omega = tt > 0 ? dot(t, s) / tt : 0;
      for (let i = 0; i < n; i++) {
        x[i] = (x[i] as number) + alpha * (pHat[i] as number) + omega * (sHat[i] as number);
        r[i] = (s[i] as number) - omega * (t[i] as number);
      }
      const residualNorm = vectorNorm(r);
      if (omega === 0 && residualNorm > 0) {
        context.control.diverge(`BiCGSTAB stagnated: omega = 0 at iteration ${context.iteration}`);
      }
      return { ...state, rho, alpha, omega, residualNorm, relativeResidual: residualNorm / system.residualScale };
    },
    record: krylovRecord,
  };
}

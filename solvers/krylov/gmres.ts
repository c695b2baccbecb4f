import type { Solver } from "../../src/index.js";
import { checkPreconditioner, preparePreconditioned } from "./conjugate-gradient.js";
import type { PreparedCg } from "./conjugate-gradient.js";
import { krylovRecord, krylovRules, krylovStopping, type krylovSystem } from "./krylov-system.js";
import type { GmresOptions, GmresState, KrylovProblem, KrylovRecord, PreconditionerApply } from "./types.js";
import { residualInto, vectorNorm } from "./vectors.js";
import { anyValue, integerAtLeast, optional, validateStrictOptions } from "../../src/engine/internals.js";
import type { OptionSchemaOf } from "../../src/engine/internals.js";

/**
 * GMRES(m), the generalised minimal residual method with restarts, for nonsymmetric `A x = b`.
 *
 * @remarks
 * Update rule: step j of a cycle extends the Arnoldi basis `V_{j+1}` of `K_j(A, r_0)` by one product with
 * `A` orthogonalised by modified Gram-Schmidt (`A V_j = V_{j+1} H_j`), rotates the new column of the
 * Hessenberg matrix with Givens rotations, and takes `x_j = x_0 + V_j y_j` with `y_j` minimising
 * `||beta e_1 - H_j y||`, so `||r_j||` is the least residual over the Krylov space: it never increases within
 * a cycle. After `restart` steps the cycle restarts from `x_m` with the true residual. With a
 * `preconditioner` M, right preconditioning: the Arnoldi process runs on `A M^{-1}` and `x_j = x_0 + M^{-1}
 * V_j y_j`, so the residual minimised and tested is the true residual `b - A x_j`, as unpreconditioned (one
 * solve with M per iteration, one more per iterate formed).
 *
 * Cost per iteration j of a cycle: one product with `A` (O(nnz)), `O(j n)` for the orthogonalisation and
 * `O(j n)` for forming `x_j` (so a run can stop at any iteration); memory `(restart + 3) n`.
 *
 * Convergence: without restarts at most n iterations in exact arithmetic; with restarts it can stagnate
 * (for an indefinite or strongly non-normal `A`), never diverge. For `A` with positive definite symmetric
 * part, GMRES(m) converges for every m (Elman).
 *
 * Stopping, as PETSc's KSPGMRES: `||r_k|| / ||b|| <= relTolerance` (`||r||/||b||`) or `||r_k|| <= absTolerance`
 * (`||r||`), `r_k` the least-squares residual (recomputed as `b - A x` at each restart); `||r_k|| >
 * divergenceTolerance ||r_0||` is `diverged` (`||r|| (dtol)`). A "happy breakdown" (`h_{j+1,j} = 0`) means `x_j`
 * is exact: the residual is then 0 and the run converges.
 *
 * @param options - Tolerances, bound, and `restart`.
 * @returns The solver, to run with `solve`.
 * @throws `InvalidOptionError` for an unknown option or one outside its range; its `prepare` throws
 *   `InvalidProblemError` for a malformed problem.
 * @example
 * ```ts
 * const result = solve(gmres({ restart: 20 }), { matrix: [[4, 1], [-2, 3]], b: [1, 2] });
 * ```
 * @see Y. Saad and M. H. Schultz, GMRES: a generalized minimal residual algorithm for solving nonsymmetric
 *   linear systems, SIAM J. Sci. Stat. Comput. 7 (1986); Y. Saad, Iterative Methods for Sparse Linear
 *   Systems, 2nd ed., section 6.5.
 */
export function gmres(options: GmresOptions = {}): Solver<KrylovProblem, GmresState, KrylovRecord, PreparedCg> {
  const rules = {
    ...krylovRules,
    restart: optional(integerAtLeast(1)),
    preconditioner: anyValue,
  } satisfies OptionSchemaOf<GmresOptions>;
  validateStrictOptions(options, rules, "gmres");
  const preconditioner = options.preconditioner;
  if (preconditioner !== undefined) checkPreconditioner(preconditioner);
  const m = options.restart ?? 30;
  return {
    name: preconditioner === undefined ? `GMRES(${m})` : `GMRES(${m}, ${preconditioner.name})`,
    ...krylovStopping(options),
    prepare: (problem) => preparePreconditioned(problem, preconditioner),
    init({ system }) {
      const n = system.b.length;
      const state: GmresState = {
        x: system.x0.slice(),
        cycleStart: system.x0.slice(),
        basis: new Float64Array((m + 1) * n),
        hessenberg: new Float64Array((m + 1) * m),
        cosines: new Float64Array(m),
        sines: new Float64Array(m),
        rotatedRhs: new Float64Array(m + 1),
        cycleStep: 0,
        restarts: 0,
        residualNorm: system.r0Norm,
        relativeResidual: system.r0Norm / system.residualScale,
      };
      startCycle(state, system.r0, system.r0Norm);
      return state;
    },
    step({ system, precondition }, state) {
      const n = state.x.length;
      let { cycleStep: j, restarts } = state;
      if (j === m) {
        // Restart from x_m with its true residual, written into the first basis vector.
        state.cycleStart.set(state.x);
        const r = state.basis.subarray(0, n);
        residualInto(system.matrix, system.b, state.x, r);
        startCycle(state, r, vectorNorm(r));
        j = 0;
        restarts++;
      }
      const residualNorm = arnoldiStep(state, system.matrix, j, m, n, precondition);
      formIterate(state, j + 1, m, n, precondition);
      const relativeResidual = residualNorm / system.residualScale;
      return { ...state, cycleStep: j + 1, restarts, residualNorm, relativeResidual };
    },
    record: krylovRecord,
  };
}

/** Starts a cycle: `v_1 = r / ||r||`, `g = ||r|| e_1`. */
function startCycle(state: GmresState, r: Float64Array, norm: number): void {
  const v = state.basis.subarray(0, r.length);
  for (let i = 0; i < r.length; i++) v[i] = norm > 0 ? (r[i] as number) / norm : 0;
  state.rotatedRhs.fill(0);
  state.rotatedRhs[0] = norm;
}

/** Arnoldi step j (0-based) with the Givens rotations; returns the new least-squares residual `|g_{j+1}|`. */
function arnoldiStep(
  state: GmresState,
  matrix: KrylovSystemMatrix,
  j: number,
  m: number,
  n: number,
  precondition: PreconditionerApply | undefined,
): number {
  const { basis, hessenberg: h, cosines, sines, rotatedRhs: g } = state;
  const w = basis.subarray((j + 1) * n, (j + 2) * n);
  let vj = basis.subarray(j * n, (j + 1) * n);
  if (precondition !== undefined) {
    const z = new Float64Array(n);
    precondition(vj, z);
    vj = z;
  }
  const { rowPointers, columnIndices, values } = matrix;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = rowPointers[i] as number; k < (rowPointers[i + 1] as number); k++) {
      s += (values[k] as number) * (vj[columnIndices[k] as number] as number);
    }
    w[i] = s;
  }
  for (let i = 0; i <= j; i++) {
    const vi = basis.subarray(i * n, (i + 1) * n);
    let hij = 0;
    for (let t = 0; t < n; t++) hij += (w[t] as number) * (vi[t] as number);
    for (let t = 0; t < n; t++) w[t] = (w[t] as number) - hij * (vi[t] as number);
    h[i * m + j] = hij;
  }
  const next = vectorNorm(w);
  if (next > 0) for (let t = 0; t < n; t++) w[t] = (w[t] as number) / next;
  h[(j + 1) * m + j] = next;
  for (let i = 0; i < j; i++) {
    const a = h[i * m + j] as number;
    const b = h[(i + 1) * m + j] as number;
    const c = cosines[i] as number;
    const s = sines[i] as number;
    h[i * m + j] = c * a + s * b;
    h[(i + 1) * m + j] = -s * a + c * b;
  }
  const a = h[j * m + j] as number;
  const b = h[(j + 1) * m + j] as number;
  const r = Math.hypot(a, b);
  const c = r > 0 ? a / r : 1;
  const s = r > 0 ? b / r : 0;
  cosines[j] = c;
  sines[j] = s;
  h[j * m + j] = r;
  h[(j + 1) * m + j] = 0;
  const gj = g[j] as number;
  g[j] = c * gj;
  g[j + 1] = -s * gj;
  return Math.abs(g[j + 1] as number);
}

/**
 * `x = x_0 + V_k y` (`x_0 + M^{-1} V_k y` with a preconditioner) with `R_k y = g_{1..k}` (back substitution
 * on the rotated Hessenberg matrix).
 */
function formIterate(
  state: GmresState,
  k: number,
  m: number,
  n: number,
  precondition: PreconditionerApply | undefined,
): void {
  const { basis, hessenberg: h, rotatedRhs: g, x, cycleStart } = state;
  const y = new Float64Array(k);
  for (let i = k - 1; i >= 0; i--) {
    let s = g[i] as number;
    for (let t = i + 1; t < k; t++) s -= (h[i * m + t] as number) * (y[t] as number);
    const diagonal = h[i * m + i] as number;
    y[i] = diagonal !== 0 ? s / diagonal : 0;
  }
  const u = new Float64Array(n);
  for (let i = 0; i < k; i++) {
    const yi = y[i] as number;
    const offset = i * n;
    for (let t = 0; t < n; t++) u[t] = (u[t] as number) + yi * (basis[offset + t] as number);
  }
  let correction = u;
  if (precondition !== undefined) {
    correction = new Float64Array(n);
    precondition(u, correction);
  }
  for (let t = 0; t < n; t++) x[t] = (cycleStart[t] as number) + (correction[t] as number);
}

type KrylovSystemMatrix = ReturnType<typeof krylovSystem>["matrix"];

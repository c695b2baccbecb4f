import { InvalidOptionError, InvalidProblemError } from "../../src/index.js";
import { anyValue, validateStrictOptions } from "../../src/engine/internals.js";
import type { Solver } from "../../src/index.js";
import type { OptionSchemaOf } from "../../src/engine/internals.js";
import { checkPreconditioner } from "./conjugate-gradient.js";
import type { PreparedCg } from "./conjugate-gradient.js";
import { krylovRecord, krylovRules, krylovStopping, krylovSystem } from "./krylov-system.js";
import { minresStart, preconditionedStart, preconditionedStep } from "./minres-preconditioned.js";
import type { KrylovProblem, KrylovRecord, MinresOptions, MinresState, Preconditioner } from "./types.js";
import { minresRotation } from "./minres-rotation.js";
import { dot, multiplyInto, vectorNorm } from "./vectors.js";

/**
 * MINRES (Paige and Saunders) for symmetric, possibly indefinite, `A x = b`.
 *
 * @remarks
 * Update rule: the Lanczos process builds an orthonormal basis of `K_k(A, r_0)` with a three-term
 * recurrence (`beta_{k+1} v_{k+1} = A v_k - alpha_k v_k - beta_k v_{k-1}`); Givens rotations keep a QR
 * factorisation of the tridiagonal matrix, and `x_k` minimises `||b - A x||` over `x_0 + K_k`, updated with
 * short recurrences (three direction vectors). The residual never increases.
 *
 * With a `preconditioner` M, which must be symmetric positive definite (`jacobiPreconditioner()` or
 * `ssorPreconditioner()` on a matrix with a positive diagonal, `ic0()` where its pivots stay positive), the
 * Lanczos process runs in the `M^{-1}` inner product (Paige and Saunders, section 7; SciPy's `minres` with
 * `M`): `x_k` minimises `||b - A x||_{M^{-1}}` over `x_0 + K_k(M^{-1} A, M^{-1} r_0)`, so the `M^{-1}`-norm
 * never increases while the 2-norm may. The stopping test still reads the 2-norm `||b - A x_k||`, of the
 * true residual updated recursively (`r_{k+1} = r_k - phi_k A w_k`, with `A w_k` carried by the same
 * recurrence as `w_k`), not SciPy's `M^{-1}`-norm estimate. Extra cost: one preconditioner solve, one
 * inner product and three vector updates per iteration, five more vectors.
 *
 * Cost per iteration: one product with `A`, two inner products, about eight vector updates; memory 7
 * vectors. Convergence: at most n iterations in exact arithmetic; for an indefinite `A` with eigenvalues in
 * `[-b, -a] U [c, d]` the rate depends on the square root of an effective condition number, slower than
 * CG on a definite matrix of the same spread.
 *
 * Stopping, as PETSc's KSPMINRES: `||r_k|| / ||b|| <= relTolerance` (`||r||/||b||`) or `||r_k|| <=
 * absTolerance` (`||r||`), `||r_k||` MINRES's recursive estimate `phibar_k`; `divergenceTolerance` as for the
 * others. `A` must be symmetric (not checked: a nonsymmetric `A` gives a wrong answer without warning, as in
 * PETSc); when the Lanczos process ends (`beta_{k+1} = 0`) the iterate is exact and the estimate is 0. A
 * preconditioner found not positive definite during the run (`r^T M^{-1} r <= 0` for a non-zero `r`) ends it
 * as `diverged`, naming `preconditioner`; the state is the last iterate before the failed step.
 *
 * @param options - Tolerances, bound, and the preconditioner.
 * @returns The solver, to run with `solve`.
 * @throws `InvalidOptionError` for an unknown option or one outside its range; its `prepare` throws
 *   `InvalidProblemError` for a malformed problem, and `InvalidOptionError` naming `preconditioner` when the
 *   preconditioner cannot be built as a positive definite one on this matrix (Jacobi or SSOR on a
 *   non-positive diagonal entry, an IC(0) pivot <= 0: common for indefinite matrices), the row in the message.
 * @example
 * ```ts
 * const result = solve(minres(), { matrix: [[1, 2], [2, -3]], b: [1, 0] }); // eigenvalues -3.8 and 1.8
 * const shifted = solve(minres({ preconditioner: ssorPreconditioner() }), { matrix: [[1, 2], [2, 1]], b: [1, 0] }); // eigenvalues 3 and -1
 * ```
 * @see C. C. Paige and M. A. Saunders, Solution of sparse indefinite systems of linear equations, SIAM J.
 *   Numer. Anal. 12 (1975); S.-C. T. Choi, C. C. Paige and M. A. Saunders, MINRES-QLP, SIAM J. Sci. Comput.
 *   33 (2011); SciPy's `scipy.sparse.linalg.minres`.
 */
export function minres(options: MinresOptions = {}): Solver<KrylovProblem, MinresState, KrylovRecord, PreparedCg> {
  const rules = { ...krylovRules, preconditioner: anyValue } satisfies OptionSchemaOf<MinresOptions>;
  validateStrictOptions(options, rules, "minres");
  const preconditioner = options.preconditioner;
  if (preconditioner !== undefined) checkPreconditioner(preconditioner);
  return {
    name: preconditioner === undefined ? "MINRES" : `MINRES (${preconditioner.name})`,
    ...krylovStopping(options),
    prepare(problem): PreparedCg {
      const system = krylovSystem(problem);
      return { system, precondition: preconditioner && setupDefinite(preconditioner, system.matrix) };
    },
    init({ system, precondition }) {
      if (precondition !== undefined) return preconditionedStart(system, precondition);
      const beta = system.r0Norm;
      return minresStart(system, beta, beta * beta, undefined);
    },
    step({ system, precondition }, state, context) {
      if (precondition !== undefined) {
        const outcome = preconditionedStep(system, precondition, state);
        if (outcome.kind === "step") return outcome.state;
        const where = `at iteration ${context.iteration}`;
        if (outcome.kind === "indefinite") {
          const value = outcome.betaSquared;
          context.control.diverge(`preconditioner is not positive definite: r^T M^-1 r = ${value} ${where}`);
        } else context.control.stop(`the Lanczos process ended (beta = ${outcome.beta}): the iterate is exact`);
        return state;
      }
      const { matrix } = system;
      const { x, r1, r2, y, w, w2 } = state;
      const { beta, oldBeta, dbar, epsilon: oldEpsilon, phibar, cs, sn } = state.scalars;
      const n = x.length;
      if (!(beta > 0)) {
        // The Krylov space is exhausted: x is exact (the residual estimate is already 0).
        context.control.stop(`the Lanczos process ended (beta = ${beta}): the iterate is exact`);
        return state;
      }
      // v = r2 / beta (in y), then A v - (beta / oldBeta) r1 - (alpha / beta) r2 in the work vector, which
      // becomes r2 while r2 becomes r1 and r1 the next work vector.
      const v = y;
      for (let i = 0; i < n; i++) v[i] = (r2[i] as number) / beta;
      const av = state.product;
      multiplyInto(matrix, v, av);
      if (oldBeta > 0) for (let i = 0; i < n; i++) av[i] = (av[i] as number) - (beta / oldBeta) * (r1[i] as number);
      const alpha = dot(v, av);
      for (let i = 0; i < n; i++) av[i] = (av[i] as number) - (alpha / beta) * (r2[i] as number);
      const nextBeta = vectorNorm(av);
      // Apply the previous rotation, then a new one that annihilates nextBeta.
      const { delta, epsilon, nextDbar, gamma, nextCs, nextSn, phi, nextPhibar } = minresRotation(
        cs,
        sn,
        dbar,
        phibar,
        alpha,
        nextBeta,
      );
      // w_new = (v - oldEpsilon w_old2 - delta w_old1) / gamma, in the buffer of the older direction.
      for (let i = 0; i < n; i++) {
        const wNew = ((v[i] as number) - oldEpsilon * (w2[i] as number) - delta * (w[i] as number)) / gamma;
        w2[i] = w[i] as number;
        w[i] = wNew;
        x[i] = (x[i] as number) + phi * wNew;
      }
      const residualNorm = Math.abs(nextPhibar);
      return {
        ...state,
        r1: r2,
        r2: av,
        product: r1,
        scalars: {
          beta: nextBeta,
          betaSquared: nextBeta * nextBeta,
          oldBeta: beta,
          dbar: nextDbar,
          epsilon,
          phibar: nextPhibar,
          cs: nextCs,
          sn: nextSn,
        },
        residualNorm,
        relativeResidual: residualNorm / system.residualScale,
      };
    },
    record: krylovRecord,
  };
}

/**
 * Builds the preconditioner, turning a matrix it cannot be built on as a positive definite one into an
 * `InvalidOptionError` naming `preconditioner` (for MINRES the matrix itself may well be indefinite).
 */
function setupDefinite(preconditioner: Preconditioner, matrix: PreparedCg["system"]["matrix"]) {
  try {
    return preconditioner.setup(matrix);
  } catch (error) {
    if (!(error instanceof InvalidProblemError)) throw error;
    const expected = `a symmetric positive definite preconditioner for MINRES on this matrix (${error.message})`;
    throw new InvalidOptionError("preconditioner", expected, preconditioner.name);
  }
}

import { InvalidOptionError } from "../../src/index.js";
import { anyValue, validateStrictOptions } from "../../src/engine/internals.js";
import type { IterationContext, Solver } from "../../src/index.js";
import type { OptionSchemaOf } from "../../src/engine/internals.js";
import { krylovRecord, krylovRules, krylovStopping, krylovSystem } from "./krylov-system.js";
import type { KrylovSystem } from "./krylov-system.js";
import type {
  ConjugateGradientOptions,
  ConjugateGradientState,
  KrylovProblem,
  KrylovRecord,
  Preconditioner,
  PreconditionerApply,
} from "./types.js";
import { dot, multiplyDotInto, updateResidual } from "./vectors.js";
import { bindCgKernel } from "./cg-kernel.js";
import type { CgKernel } from "./cg-kernel.js";

/**
 * The one-time work of CG, MINRES, GMRES and BiCGSTAB, what their `prepare` returns: the checked system and
 * the factorised preconditioner.
 */
export interface PreparedCg {
  /** The checked system in CSR form with `r_0`. */
  readonly system: KrylovSystem;
  /** Writes `z = M^{-1} r`; undefined without a preconditioner. */
  readonly precondition: PreconditionerApply | undefined;
  /**
   * CG in WebAssembly, bound to a large matrix (at least 16,384 stored entries) by CG's `prepare` and freed
   * by its `dispose`; undefined otherwise (and for the other methods). Without a preconditioner it runs the
   * whole iteration; with one, the product `A p` and `p^T A p`.
   */
  readonly product?: CgKernel | undefined;
}

/** The `prepare` of GMRES and BiCGSTAB: the checked system and the preconditioner set up on its matrix. */
export function preparePreconditioned(problem: KrylovProblem, preconditioner: Preconditioner | undefined): PreparedCg {
  const system = krylovSystem(problem);
  return { system, precondition: preconditioner?.setup(system.matrix) };
}

/**
 * The conjugate gradient method (Hestenes-Stiefel) for symmetric positive definite `A x = b`, optionally
 * preconditioned (PCG) with {@link jacobiPreconditioner}, {@link ssorPreconditioner} or {@link ic0}.
 *
 * @remarks
 * Update rule, with `z = M^{-1} r` (`z = r` without a preconditioner): `alpha = r_k^T z_k / p_k^T A p_k`,
 * `x_{k+1} = x_k + alpha p_k`, `r_{k+1} = r_k - alpha A p_k`, `beta = r_{k+1}^T z_{k+1} / r_k^T z_k`,
 * `p_{k+1} = z_{k+1} + beta p_k`. `x_k` minimises the `A`-norm of the error over `x_0` plus the Krylov space
 * `K_k(M^{-1} A, M^{-1} r_0)`.
 *
 * Cost per iteration: one product with `A` (O(nnz)), one preconditioner solve, two inner products and
 * three vector updates; memory: 4 vectors (5 with a preconditioner). For a matrix of at least 16,384 stored
 * entries the product runs in a WebAssembly kernel, and without a preconditioner the whole iteration does (three
 * passes: the product fused with `p^T A p`, r's update with `r^T r`, then the updates of x and p), on the
 * kernel's own copies of x, r and p, which it copies out into the state every iteration and trusts when no
 * user code sees states: the same numbers as the JavaScript iteration, bit for bit. It does not write
 * `product` (work space) then. `p^T A p` and `r^T r` are summed in chunks of 4,096 rows, the chunks' sums
 * added in order (on one thread too), so that any number of threads gives the same bits.
 *
 * Convergence: in exact arithmetic at most n iterations (one per distinct eigenvalue of `M^{-1} A`); the
 * error contracts at least like `||e_k||_A <= 2 ((sqrt(kappa) - 1) / (sqrt(kappa) + 1))^k ||e_0||_A`, so
 * about `ln(2 / tol) sqrt(kappa) / 2` iterations reduce it by `tol` (kappa of `M^{-1} A`). On
 * `poisson2d` (`kappa ~ 4 / (pi h)^2`) that is O(1/h) iterations, like optimal SOR, without a
 * relaxation factor to choose.
 *
 * Stopping, as PETSc's KSPCG with the unpreconditioned norm: converged when `||r_k|| / ||b|| <=
 * relTolerance` (`||r||/||b||`) or `||r_k|| <= absTolerance` (`||r||`), `r_k` the recursive residual;
 * diverged when `||r_k|| > divergenceTolerance ||r_0||` (`||r|| (dtol)`). A matrix found not positive definite
 * ends the run as `diverged`, PETSc's `KSP_DIVERGED_INDEFINITE_MAT`: `p^T A p <= 0`, with the value and the
 * iteration in the message; likewise `r^T M^{-1} r <= 0` for a preconditioner that is not positive definite
 * (`KSP_DIVERGED_INDEFINITE_PC`). The run's state is then the last iterate before the failed step.
 *
 * One-time work per problem, in its `prepare` (shared by every run on a `prepareProblem` handle): the CSR
 * conversion of a dense matrix, `r_0`, and the preconditioner's factorisation.
 *
 * Threads: the kernel's passes run in chunks of 4,096 rows; the product with `p^T A p` (most of an
 * iteration's time) on up to the run option `threads` threads (`threads: 1`: the caller's alone), the short
 * vector passes on the caller's thread. Each chunk sums its own rows and the chunks' sums are added in chunk
 * order, as the JavaScript iteration sums them, so the iterates are the same bits on any number of threads.
 * A system of one chunk, or one below the kernel's threshold, runs on one; the result's `kernelThreads` says
 * which.
 *
 * @param options - Tolerances, bound, and the preconditioner.
 * @returns The solver, to run with `solve`.
 * @throws `InvalidOptionError` for an unknown option or one outside its range. Its `prepare` throws
 *   `InvalidProblemError` for a malformed problem, or when the preconditioner cannot be built (a zero
 *   diagonal for Jacobi or SSOR, a non-positive IC(0) pivot, naming the row).
 * @example
 * ```ts
 * const n = 31;
 * const problem = { matrix: poisson2d(n), b: new Float64Array(n * n).fill(1) };
 * const result = solve(conjugateGradient({ preconditioner: ic0() }), problem); // 29 iterations
 * ```
 * @see M. R. Hestenes and E. Stiefel, Methods of conjugate gradients for solving linear systems, J. Res.
 *   NBS 49 (1952); Y. Saad, Iterative Methods for Sparse Linear Systems, 2nd ed., sections 6.7 and 9.2;
 *   J. R. Shewchuk, An Introduction to the Conjugate Gradient Method Without the Agonizing Pain (1994).
 */
export function conjugateGradient(
  options: ConjugateGradientOptions = {},
): Solver<KrylovProblem, ConjugateGradientState, KrylovRecord, PreparedCg> {
  const rules = { ...krylovRules, preconditioner: anyValue } satisfies OptionSchemaOf<ConjugateGradientOptions>;
  validateStrictOptions(options, rules, "conjugateGradient");
  const preconditioner = options.preconditioner;
  if (preconditioner !== undefined) checkPreconditioner(preconditioner);
  const stopping = krylovStopping(options);
  return {
    name: preconditioner === undefined ? "CG" : `PCG (${preconditioner.name})`,
    ...stopping,
    prepare(problem, context): PreparedCg {
      const system = krylovSystem(problem);
      const precondition = preconditioner?.setup(system.matrix);
      const placement = { threads: context.threads, kernelPool: context.kernelPool };
      // Bound last: nothing after it throws.
      return { system, precondition, product: bindCgKernel(system.matrix, undefined, placement) };
    },
    dispose: (prepared) => prepared.product?.dispose(),
    kernelThreads: (prepared) => prepared.product?.threads ?? 1,
    init({ system, precondition }) {
      const r = system.r0.slice();
      let z = r;
      if (precondition !== undefined) {
        z = new Float64Array(r.length);
        precondition(r, z);
      }
      const residualNorm = system.r0Norm;
      return {
        x: system.x0.slice(),
        r,
        z,
        p: z.slice(),
        product: new Float64Array(r.length),
        rz: dot(r, z),
        residualNorm,
        relativeResidual: residualNorm / system.residualScale,
      };
    },
    step({ system, precondition, product }, state, context) {
      const { x, r, z, p, product: ap, rz } = state;
      if (!(rz > 0)) {
        const where = `at iteration ${context.iteration}`;
        context.control.diverge(`the preconditioner is not positive definite: r^T M^-1 r = ${rz} ${where}`);
        return state;
      }
      if (product !== undefined && precondition === undefined) {
        // The whole iteration in the kernel, on its resident copies of x, r and p unless user code could have
        // written into the state's arrays since it copied them out (it leaves `product` alone: work space).
        // Where the engine settles the last state, x, r and p stay in the kernel until `settle`.
        const deferCopyOut = context.willSettle === true;
        const { curvature, residualSquared } = product.iterate(x, r, p, rz, !context.statesVisible, deferCopyOut);
        if (!(curvature > 0)) return notPositiveDefinite(state, curvature, context);
        return next(state, residualSquared, residualSquared, system.residualScale);
      }
      // The product and p^T A p in one pass; without a preconditioner, r^T r in the update's pass (fewer passes
      // over the vectors, the same sums in the same order).
      const pap = product === undefined ? multiplyDotInto(system.matrix, p, ap) : product.multiplyDot(p, ap);
      if (!(pap > 0)) return notPositiveDefinite(state, pap, context);
      const alpha = rz / pap;
      const n = x.length;
      const rr = updateResidual(x, r, p, ap, alpha);
      if (precondition !== undefined) precondition(r, z);
      const rzNext = precondition === undefined ? rr : dot(r, z);
      const beta = rzNext / rz;
      // Without a preconditioner z is r: read r itself, since a state parsed from a serialised checkpoint has
      // two separate arrays there (JSON keeps no aliasing), and a stale z would send p the wrong way.
      const preconditioned = precondition === undefined ? r : z;
      for (let i = 0; i < n; i++) p[i] = (preconditioned[i] as number) + beta * (p[i] as number);
      return next(state, rzNext, rr, system.residualScale);
    },
    // The iterate the kernel kept while no one saw the states, written into the last state's arrays once.
    settle({ product }, state) {
      product?.settle(state.x, state.r, state.p);
      return state;
    },
    record: krylovRecord,
    // Two numbers: a trace of them keeps no state, so under the default trace the kernel defers its copy out too.
    recordKeepsNoState: true,
  };
}

/** Ends the run as PETSc's `KSP_DIVERGED_INDEFINITE_MAT`: `p^T A p <= 0`; the state is the last iterate. */
function notPositiveDefinite(
  state: ConjugateGradientState,
  curvature: number,
  context: IterationContext,
): ConjugateGradientState {
  context.control.diverge(
    `the matrix is not positive definite: p^T A p = ${curvature} at iteration ${context.iteration}`,
  );
  return state;
}

/** The state after an iteration that wrote x, r, z and p in place: the new `r^T z` and residual norm. */
function next(
  state: ConjugateGradientState,
  rz: number,
  residualSquared: number,
  residualScale: number,
): ConjugateGradientState {
  const residualNorm = Math.sqrt(residualSquared); // = vectorNorm(r), the same sum
  return { ...state, rz, residualNorm, relativeResidual: residualNorm / residualScale };
}

/** Checks a `preconditioner` option: an object with a `name` and a `setup` function. */
export function checkPreconditioner(preconditioner: unknown): void {
  const candidate = preconditioner as { name?: unknown; setup?: unknown } | null;
  const valid = candidate !== null && typeof candidate === "object";
  if (!valid || typeof candidate.setup !== "function" || typeof candidate.name !== "string") {
    const expected = "a preconditioner: jacobiPreconditioner(), ssorPreconditioner() or ic0()";
    throw new InvalidOptionError("preconditioner", expected, preconditioner);
  }
}

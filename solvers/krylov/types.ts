import type { CsrMatrix, GaussSeidelProblem } from "../gauss-seidel/index.js";

/**
 * A linear system `A x = b` for the Krylov methods: the same problem as the Gauss-Seidel family's (dense
 * or CSR matrix, right-hand side, optional start), so one problem runs under both in one `compare()`.
 * The Krylov methods do not need a non-zero diagonal (only the Jacobi, SSOR and IC(0) preconditioners do).
 */
export type KrylovProblem = GaussSeidelProblem;

/**
 * Options every Krylov method shares: PETSc's stopping rules (`rtol`, `atol`, `dtol`) and the iteration
 * bound, with the names and defaults of the Gauss-Seidel family.
 */
export interface KrylovOptions {
  /**
   * PETSc's `rtol`: converged when `||r_k||_2 / ||b||_2 <= relTolerance` (reported as `||r||/||b||`), a
   * finite number >= 0. When `b = 0` the ratio is taken against `||r_0||` instead. `r_k` is the method's
   * residual (see each state's `residualNorm`).
   * @defaultValue `1e-8`
   */
  readonly relTolerance?: number;
  /**
   * PETSc's `atol`: converged when `||r_k||_2 <= absTolerance` (reported as `||r||`), a finite number >= 0.
   * @defaultValue `1e-50`
   */
  readonly absTolerance?: number;
  /**
   * PETSc's `dtol`: diverged when `||r_k||_2 > divergenceTolerance * ||r_0||_2`, or the residual is not finite
   * (reported as `||r|| (dtol)`), a finite number >= 1.
   * @defaultValue `1e5`
   */
  readonly divergenceTolerance?: number;
  /**
   * The iteration bound, an integer >= 0 (one iteration is one product with `A`, two for BiCGSTAB).
   * @defaultValue `10000`
   */
  readonly maxIterations?: number;
}

/**
 * A preconditioner `M ~ A` for {@link conjugateGradient}, {@link minres}, {@link gmres} and {@link bicgstab}:
 * a strategy that factorises once per problem. Build one with {@link jacobiPreconditioner}, {@link ssorPreconditioner} or {@link ic0}.
 */
export interface Preconditioner {
  /** A short name for the solver's name, e.g. `IC(0)`. */
  readonly name: string;
  /**
   * The one-time work on the matrix (a factorisation): returns the function that writes `z = M^{-1} r`.
   * @throws `InvalidProblemError` when the matrix does not admit the preconditioner (naming the row).
   */
  setup(matrix: CsrMatrix): PreconditionerApply;
}

/** Writes `z = M^{-1} r` (distinct arrays; `r` is not written). */
export type PreconditionerApply = (r: Float64Array, z: Float64Array) => void;

/** Options of {@link conjugateGradient}. */
export interface ConjugateGradientOptions extends KrylovOptions {
  /**
   * A symmetric positive definite preconditioner: `jacobiPreconditioner()`, `ssorPreconditioner({
   * relaxation })` or `ic0()`.
   * @defaultValue none (plain conjugate gradients)
   */
  readonly preconditioner?: Preconditioner;
}

/** Options of {@link bicgstab}. */
export interface BicgstabOptions extends KrylovOptions {
  /**
   * A preconditioner `M ~ A`, applied on the right (`A M^{-1} u = b`, `x = M^{-1} u`):
   * `jacobiPreconditioner()`, `ssorPreconditioner({ relaxation })` or `ic0()` (those two need a symmetric
   * pattern only for their guarantees, not to run).
   * @defaultValue none
   */
  readonly preconditioner?: Preconditioner;
}

/** Options of {@link minres}. */
export interface MinresOptions extends KrylovOptions {
  /**
   * A symmetric positive definite preconditioner `M ~ A` (MINRES needs the `M^{-1}` inner product):
   * `jacobiPreconditioner()` (on a matrix with a positive diagonal), `ssorPreconditioner({ relaxation })`
   * (likewise) or `ic0()` (whose pivots must stay positive), or another SPD `Preconditioner`.
   * @defaultValue none
   */
  readonly preconditioner?: Preconditioner;
}

/** Options of {@link gmres}. */
export interface GmresOptions extends KrylovOptions {
  /**
   * A preconditioner `M ~ A`, applied on the right (`A M^{-1} u = b`, `x = M^{-1} u`), so the residual
   * GMRES minimises is the true one: `jacobiPreconditioner()`, `ssorPreconditioner({ relaxation })` or
   * `ic0()`.
   * @defaultValue none
   */
  readonly preconditioner?: Preconditioner;
  /**
   * `m` of GMRES(m): the Krylov basis is discarded and the method restarted from the current iterate after
   * this many iterations, an integer >= 1. Memory is `(m + 1) n` numbers.
   * @defaultValue `30` (PETSc's and SciPy's)
   */
  readonly restart?: number;
}

/** Options of {@link ssorPreconditioner}. */
export interface SsorPreconditionerOptions {
  /**
   * The relaxation factor `omega` in (0, 2).
   * @defaultValue `1` (symmetric Gauss-Seidel)
   */
  readonly relaxation?: number;
}

/** What every Krylov state carries: the iterate and the residual the stopping rules read. */
export interface KrylovStateBase {
  /** The iterate `x_k`. */
  readonly x: Float64Array;
  /** The residual norm the method tracks (each state's TSDoc says whether recursive or true). */
  readonly residualNorm: number;
  /**
   * `residualNorm / ||b||_2` (`||r_0||_2` when `b = 0`, 1 when both are 0; the prepared system's
   * `residualScale`, problem data that the state does not repeat).
   */
  readonly relativeResidual: number;
}

/**
 * The state of {@link conjugateGradient}.
 *
 * @remarks `residualNorm` is the recursively updated residual `r_{k+1} = r_k - alpha_k A p_k` (PETSc's
 * unpreconditioned norm), which equals `b - A x_k` up to rounding (the gap grows like `eps ||A|| ||x||`).
 * A step overwrites the vectors of the state it is given (`x`, `r`, `z`, `p`, `product`): a state is intact
 * until the next step; keep `state.x.slice()` to hold an iterate longer.
 */
export interface ConjugateGradientState extends KrylovStateBase {
  /** The residual `r_k` (recursive). */
  readonly r: Float64Array;
  /** The preconditioned residual `z_k = M^{-1} r_k` (the same array as `r` without a preconditioner). */
  readonly z: Float64Array;
  /** The search direction `p_k`. */
  readonly p: Float64Array;
  /** Work space for `A p_k`. */
  readonly product: Float64Array;
  /** `r_k^T z_k`. */
  readonly rz: number;
}

/**
 * The state of {@link gmres}: the iterate and the Arnoldi basis of the current restart cycle.
 *
 * @remarks `residualNorm` is the least-squares residual `|g_{j+1}|` of the Givens-rotated Hessenberg system
 * (equal to `||b - A x_k||` in exact arithmetic), and the true residual at each restart, where it is
 * recomputed. The basis and the Hessenberg matrix are written in place and shared by the states of a
 * cycle; `x` is formed at every iteration (`x_0 + V_j y_j`), so a run can stop anywhere.
 */
export interface GmresState extends KrylovStateBase {
  /** The iterate at the start of the cycle. */
  readonly cycleStart: Float64Array;
  /** The Arnoldi basis, `restart + 1` vectors of length n, one after the other. */
  readonly basis: Float64Array;
  /** The rotated Hessenberg matrix (upper triangular after the rotations), `(restart + 1) x restart`, row-major. */
  readonly hessenberg: Float64Array;
  /** The Givens cosines of the cycle. */
  readonly cosines: Float64Array;
  /** The Givens sines of the cycle. */
  readonly sines: Float64Array;
  /** The rotated right-hand side `g` of the least-squares problem (length `restart + 1`). */
  readonly rotatedRhs: Float64Array;
  /** Arnoldi steps taken in the current cycle (0 right after a restart). */
  readonly cycleStep: number;
  /** Restarts so far. */
  readonly restarts: number;
}

/**
 * The state of {@link bicgstab}.
 *
 * @remarks `residualNorm` is the recursive residual `r = s - omega t`. Vectors are written in place: a
 * state is intact until the next step.
 */
export interface BicgstabState extends KrylovStateBase {
  /** The residual `r_k` (recursive). */
  readonly r: Float64Array;
  /** The shadow residual `r_hat_0 = r_0`, fixed. */
  readonly shadow: Float64Array;
  /** The direction `p_k`. */
  readonly p: Float64Array;
  /** `A p_k`. */
  readonly v: Float64Array;
  /** Work space for `s` and `t = A s`. */
  readonly s: Float64Array;
  /** Work space for `t = A s`. */
  readonly t: Float64Array;
  /** `rho_k = r_hat_0^T r_k`. */
  readonly rho: number;
  /** The last `alpha`. */
  readonly alpha: number;
  /** The last `omega`. */
  readonly omega: number;
}

/**
 * The state of {@link minres}.
 *
 * @remarks Without a preconditioner `residualNorm` is MINRES's recursive estimate `phibar_k` of
 * `||b - A x_k||` (exact in exact arithmetic). With one, `phibar_k` estimates the `M^{-1}`-norm of the
 * residual, and `residualNorm` is instead the 2-norm of the recursively updated true residual `r` (updated
 * as `r_{k+1} = r_k - phi_k A w_k`), so the stopping test reads `||b - A x_k||` either way. Vectors are
 * written in place: a state is intact until the next step.
 */
export interface MinresState extends KrylovStateBase {
  /** The Lanczos vectors `beta_k v_k` (older) and `beta_{k+1} v_{k+1}` (newer). */
  readonly r1: Float64Array;
  /** See `r1`. */
  readonly r2: Float64Array;
  /** The Lanczos vector `v_k` of the last step (`r2 / beta_k`; `M^{-1} r2 / beta_k` with a preconditioner). */
  readonly y: Float64Array;
  /** Work space for the next Lanczos vector (the buffers of `r1`, `r2` and `product` rotate). */
  readonly product: Float64Array;
  /** The last two update directions. */
  readonly w: Float64Array;
  /** See `w`. */
  readonly w2: Float64Array;
  /** `M^{-1} r2` (these five vectors have length 0 without a preconditioner). */
  readonly z: Float64Array;
  /** Work space for `A v_k` (preconditioned runs). */
  readonly av: Float64Array;
  /** The true residual `b - A x_k`, updated recursively (preconditioned runs). */
  readonly r: Float64Array;
  /** `A w` for the last two directions `w` (preconditioned runs). */
  readonly aw: Float64Array;
  /** See `aw`. */
  readonly aw2: Float64Array;
  /** The Lanczos and rotation scalars, in Paige and Saunders' names. */
  readonly scalars: MinresScalars;
}

/** The scalars MINRES carries from one iteration to the next (Paige and Saunders' names). */
export interface MinresScalars {
  /** `beta_{k+1}`, the norm of the next Lanczos vector before normalisation. */
  readonly beta: number;
  /** `beta_{k+1}^2 = r2^T M^{-1} r2` with a preconditioner (`beta^2` without one): <= 0 for a non-zero `r2` means `M` is not positive definite. */
  readonly betaSquared: number;
  /** `beta_k` (0 at iteration 0). */
  readonly oldBeta: number;
  /** The rotated sub-diagonal entry carried to the next column. */
  readonly dbar: number;
  /** The rotated super-super-diagonal entry of the last column. */
  readonly epsilon: number;
  /** `phibar_k`, the residual norm estimate (with sign). */
  readonly phibar: number;
  /** The cosine of the last Givens rotation. */
  readonly cs: number;
  /** The sine of the last Givens rotation. */
  readonly sn: number;
}

/** The trace record of every Krylov method: numbers only. */
export interface KrylovRecord {
  /** The residual norm the method tracks. */
  readonly residualNorm: number;
  /** `residualNorm / ||b||`. */
  readonly relativeResidual: number;
}

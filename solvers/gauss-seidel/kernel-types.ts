// The WebAssembly kernels' interfaces: the CSR sweeps (csr-kernel.ts) and a CSR product (CG's kernel,
// krylov/cg-kernel.ts, extends it).
import type { KernelThreads } from "../../src/engine/internals.js";

/**
 * The general CSR sweeps in WebAssembly, bound to one system (its matrix, diagonal and `b` copied into the
 * kernel's memory once), with the residual norm folded into the sweep: the same iterates as the
 * JavaScript kernel, bit for bit, and the same residual norm (up to rounding for SSOR, whose residual is
 * summed from the last row).
 *
 * Each sweep copies its result out into `into` and keeps it in the kernel's memory: a later sweep whose
 * `from` is that same array starts from the kernel's copy instead of copying `from` in. While
 * {@link CsrSweepKernel.verifyHandedBack} is set (the default) it first compares every entry, so an array
 * written in place since is copied in; the solver clears it only for runs in which no user code sees a state.
 */
export interface CsrSweepKernel extends KernelThreads {
  /**
   * The most threads Jacobi's sweeps run on, the caller's included (1 where the system has one chunk of
   * rows, or the kernel was bound for one). The Gauss-Seidel / SOR / SSOR sweeps are sequential: one thread.
   */
  readonly threads: number;
  /**
   * A forward sweep from `from` into `into` with relaxation `omega`; entries left of the diagonal read the
   * new values (`lower: "next"`, Gauss-Seidel / SOR) or the old ones (`"current"`, Jacobi). Returns
   * `||b - A into||_2^2` with `withResidual`, else `NaN`.
   * @throws `DisposedError` after `dispose`.
   */
  forward(
    from: Float64Array,
    into: Float64Array,
    omega: number,
    lower: "next" | "current",
    withResidual: boolean,
  ): number;
  /**
   * {@link CsrSweepKernel.forward}'s sweep, bit for bit, and the same return value, computed one sweep
   * ahead: the sweep from `into` gives `||b - A into||_2^2` bit for bit as a separate pass would (Jacobi's
   * sweep computes each row's residual anyway; Gauss-Seidel / SOR's shares its value loads, and right of the
   * diagonal its products, with the update) and writes the next iterate, which the next call (with or
   * without `withResidual`) hands out when its `from` is this call's `into` (unwritten) and `omega` and
   * `lower` are the same (else it sweeps from `from` first). One call costs one pass over the matrix, the
   * first (and one after the vector changed) two, a plain call after one with `withResidual` none. Without
   * `withResidual` it is {@link CsrSweepKernel.forward}'s plain sweep and returns NaN.
   * @throws `DisposedError` after `dispose`.
   */
  sweepAhead(
    from: Float64Array,
    into: Float64Array,
    omega: number,
    lower: "next" | "current",
    withResidual: boolean,
  ): number;
  /** An SSOR sweep (forward, then backward) from `from` into `into`; returns as {@link CsrSweepKernel.forward}. */
  symmetric(from: Float64Array, into: Float64Array, omega: number, withResidual: boolean): number;
  /**
   * Whether a call whose `from` is the array the last call wrote compares it with the kernel's copy, entry by
   * entry, before sweeping from that copy (default `true`). The solver clears it for a run in which no user
   * code sees the states (`IterationContext.statesVisible`), where nothing can have written into the array.
   */
  verifyHandedBack: boolean;
  /** Whether `dispose()` has run. */
  readonly disposed: boolean;
  /** Drops the kernel's memory; later sweeps throw `DisposedError`. Idempotent. */
  dispose(): void;
}

/** The CSR product in WebAssembly, bound to one square matrix (copied into the kernel's memory once). */
export interface CsrProductKernel {
  /**
   * Writes `into = A x` and returns `x^T A x`, the same numbers as the JavaScript product.
   * @throws `DisposedError` after `dispose`.
   */
  multiplyDot(x: Float64Array, into: Float64Array): number;
  /** Whether `dispose()` has run. */
  readonly disposed: boolean;
  /** Drops the kernel's memory; later products throw `DisposedError`. Idempotent. */
  dispose(): void;
}

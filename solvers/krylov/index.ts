/**
 * Krylov subspace methods for `A x = b`: conjugate gradients, MINRES for symmetric indefinite systems,
 * GMRES(m) and BiCGSTAB for nonsymmetric ones (all with Jacobi, SSOR and IC(0) preconditioners),
 * on the Gauss-Seidel family's problems (dense or CSR matrices) with the same stopping rules, so that
 * `compare()` can put them side by side.
 *
 * @module iterlab/solvers/krylov
 */
export { conjugateGradient } from "./conjugate-gradient.js";
export type { PreparedCg } from "./conjugate-gradient.js";
export type { CgKernel, CgStepSums } from "./cg-kernel.js";
export type { KrylovSystem } from "./krylov-system.js";
export { minres } from "./minres.js";
export { gmres } from "./gmres.js";
export { bicgstab } from "./bicgstab.js";
export { jacobiPreconditioner } from "./jacobi-preconditioner.js";
export { ssorPreconditioner } from "./ssor-preconditioner.js";
export { ic0 } from "./ic0.js";
export type {
  BicgstabOptions,
  BicgstabState,
  ConjugateGradientOptions,
  ConjugateGradientState,
  GmresOptions,
  GmresState,
  KrylovOptions,
  KrylovProblem,
  KrylovRecord,
  KrylovStateBase,
  MinresOptions,
  MinresScalars,
  MinresState,
  Preconditioner,
  PreconditionerApply,
  SsorPreconditionerOptions,
} from "./types.js";

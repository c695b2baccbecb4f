/**
 * The Gauss-Seidel family of stationary iterations for `A x = b`: Jacobi, Gauss-Seidel, SOR, symmetric
 * Gauss-Seidel / SSOR and red-black ordering, on dense or CSR matrices, with PETSc's stopping rules, a
 * spectral-radius estimate, the optimal SOR factor and the Poisson model matrices.
 *
 * @module iterlab/solvers/gauss-seidel
 */
export { jacobi } from "./jacobi.js";
export { gaussSeidel } from "./gauss-seidel.js";
export { sor } from "./sor.js";
export { ssor } from "./ssor.js";
export { redBlackGaussSeidel } from "./red-black-gauss-seidel.js";
export { csrFromTriplets } from "./csr-from-triplets.js";
export { toCsrMatrix } from "./prepare-system.js";
export { poisson1d } from "./poisson-1d.js";
export { poisson2d } from "./poisson-2d.js";
export { poissonJacobiRadius } from "./poisson-jacobi-radius.js";
export { optimalRelaxation } from "./optimal-relaxation.js";
export type {
  CsrMatrix,
  CsrTriplets,
  DenseMatrix,
  FivePointStencil,
  GaussSeidelOptions,
  GaussSeidelProblem,
  GaussSeidelRecord,
  GaussSeidelState,
  JacobiOptions,
  MatrixProperties,
  PreparedGaussSeidel,
  PreparedSystem,
  RedBlackColouring,
  RedBlackGaussSeidelOptions,
  SorOptions,
  SsorOptions,
  SystemMatrix,
} from "./types.js";
export type { CsrProductKernel, CsrSweepKernel } from "./kernel-types.js";

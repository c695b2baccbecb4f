/**
 * Newton's method and its siblings: scalar roots (Newton, secant, Halley), systems of equations (Newton
 * with LU and a damped step), and minimisation (Newton with a modified Cholesky factorisation, BFGS and L-BFGS),
 * with derivatives given, derived symbolically from expression strings by mathjs, or approximated by
 * finite differences.
 *
 * @module iterlab/solvers/newton
 */
export { newton } from "./newton.js";
export { secant } from "./secant.js";
export { halley } from "./halley.js";
export { newtonSystem } from "./newton-system.js";
export type { PreparedNewtonSystem } from "./newton-system.js";
export type { PreparedScalarRoot } from "./scalar-root.js";
export type { PreparedObjective } from "./minimize-common.js";
export type { Bracket } from "./bracketing-solver.js";
export type { BfgsScratch } from "./bfgs.js";
export { newtonMinimize } from "./newton-minimize.js";
export { bfgs } from "./bfgs.js";
export { trustRegionNewton } from "./trust-region-newton.js";
export { nelderMead } from "./nelder-mead.js";
export type { PreparedNelderMead } from "./nelder-mead.js";
export type { NelderMeadOptions, NelderMeadRecord, NelderMeadState } from "./nelder-mead-types.js";
export type { TrustRegionScratch } from "./trust-region-newton.js";
export type {
  TrustRegionNewtonOptions,
  TrustRegionNewtonRecord,
  TrustRegionNewtonState,
} from "./trust-region-types.js";
export { lbfgs } from "./lbfgs.js";
export type { LbfgsScratch } from "./lbfgs-two-loop.js";
export type { LbfgsOptions, LbfgsPair, LbfgsRecord, LbfgsState } from "./lbfgs-types.js";
export { finiteDifferences } from "./finite-differences.js";
export { modifiedCholesky, noModification } from "./hessian-modification.js";
export type { HessianModification } from "./hessian-modification.js";
export type { FiniteDifferences } from "./finite-differences.js";
export type {
  ScalarBracket,
  ScalarRootOptions,
  ScalarRootProblem,
  ScalarRootRecord,
  ScalarRootState,
} from "./scalar-root-types.js";
export type {
  NewtonSystemOptions,
  NewtonSystemProblem,
  NewtonSystemRecord,
  NewtonSystemState,
} from "./newton-system-types.js";
export type {
  BfgsOptions,
  BfgsRecord,
  BfgsState,
  MinimizeProblem,
  NewtonMinimizeOptions,
  NewtonMinimizeRecord,
  NewtonMinimizeState,
} from "./minimize-types.js";
export { bisection } from "./bisection.js";
export { brent } from "./brent.js";
export { itp } from "./itp.js";
export type {
  BracketingOptions,
  BracketingProblem,
  BracketingRecord,
  BracketingState,
  BrentMemory,
  ItpOptions,
} from "./bracketing-types.js";

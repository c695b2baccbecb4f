/**
 * Fixed-point iteration `x = g(x)`, with relaxation.
 *
 * @module iterlab/solvers/fixed-point
 */
export { fixedPoint } from "./fixed-point.js";
export type { FixedPointOptions, FixedPointProblem, FixedPointRecord, FixedPointState } from "./types.js";

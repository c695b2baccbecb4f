/**
 * Fixed-point iteration `x = g(x)`, with relaxation.
 *
 * @packageDocumentation
 */
export { fixedPoint } from "./fixed-point.js";
export type { FixedPointOptions, FixedPointProblem, FixedPointRecord, FixedPointState } from "./types.js";

/**
 * Gradient descent with a fixed step or a backtracking (Armijo) line search.
 *
 * @module iterlab/solvers/gradient-descent
 */
export { gradientDescent } from "./gradient-descent.js";
export type {
  GradientDescentOptions,
  GradientDescentRecord,
  GradientDescentState,
  DescentProblem,
  InPlaceObjectiveProblem,
  ObjectiveProblem,
  PreparedGradientDescent,
} from "./types.js";

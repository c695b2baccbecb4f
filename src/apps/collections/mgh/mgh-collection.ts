import type { ProblemCollection } from "../types.js";
import type { MghProblem } from "./least-squares.js";
import { mghNames, mghProblem } from "./mgh-problem.js";

/**
 * The Moré-Garbow-Hillstrom unconstrained minimisation test set: its 35 functions at their standard
 * starting points, in the paper's order, with the minimum values the paper gives.
 *
 * @remarks Each entry is {@link mghProblem}`(name)` at the collection's sizes: the paper's fixed sizes for
 * functions 1 to 19 (Jennrich-Sampson m = 10, Gulf m = 99, Box 3-D m = 10, Brown-Dennis m = 20, Biggs EXP6
 * m = 13), Watson n = 6, extended Powell n = 12, Chebyquad n = m = 8, the linear functions n = 10, m = 20,
 * and n = 10 for the other variable-size functions: sizes at which the paper states the minimum value. Every
 * problem works with `gradientDescent`, `newtonMinimize` (Hessian by differences of the exact gradient) and
 * `bfgs`.
 * @returns The collection (new problems each call).
 * @example
 * ```ts
 * const collection = mghCollection();
 * for (const entry of collection.entries) solve(bfgs(), entry.problem);
 * ```
 * @see J. J. Moré, B. S. Garbow and K. E. Hillstrom, Testing unconstrained optimization software, ACM
 *   Transactions on Mathematical Software 7(1), 1981, 17-41.
 */
export function mghCollection(): ProblemCollection<MghProblem> {
  return {
    name: "more-garbow-hillstrom",
    description:
      "The 35 unconstrained minimisation test functions of Moré, Garbow and Hillstrom (ACM TOMS 7(1), 1981) at their standard starting points.",
    entries: mghNames.map((name) => mghProblem(name)),
  };
}

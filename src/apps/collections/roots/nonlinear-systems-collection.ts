import type { ProblemCollection } from "../types.js";
import { mghProblem } from "../mgh/mgh-problem.js";
import { scipySystemRoots } from "./system-roots.js";

/**
 * A system of n equations in n unknowns in the form `newtonSystem` takes: `F`, its analytic Jacobian (n x n,
 * row-major), and the standard starting point.
 */
export interface NonlinearSystemTestProblem {
  /** `F(x)`, a new array of n numbers each call. */
  readonly f: (x: Float64Array) => Float64Array;
  /** The Jacobian of `F`, n rows of n numbers, row-major, a new array each call. */
  readonly jacobian: (x: Float64Array) => Float64Array;
  /** The standard starting point. */
  readonly x0: Float64Array;
}

/** The square Moré-Garbow-Hillstrom systems with a known root, and where the root comes from. */
const systems: readonly { readonly name: string; readonly n?: number; readonly root: "closed form" | "scipy" }[] = [
  { name: "rosenbrock", root: "closed form" },
  { name: "freudenstein-roth", root: "closed form" },
  { name: "powell-badly-scaled", root: "scipy" },
  { name: "helical-valley", root: "closed form" },
  { name: "powell-singular", root: "closed form" },
  { name: "extended-rosenbrock", root: "closed form" },
  { name: "extended-powell-singular", root: "closed form" },
  { name: "trigonometric", root: "closed form" },
  { name: "brown-almost-linear", root: "closed form" },
  { name: "discrete-boundary-value", root: "scipy" },
  { name: "discrete-integral-equation", root: "scipy" },
  { name: "broyden-tridiagonal", root: "scipy" },
  { name: "broyden-banded", root: "scipy" },
];

/**
 * Nonlinear systems `F(x) = 0` with known roots, for `newtonSystem`: the thirteen square (m = n) systems of
 * the Moré-Garbow-Hillstrom set at the collection's sizes (n = 2 to 4 for the fixed ones, 12 for extended
 * Powell, 10 for the others), among them Powell's badly scaled system, the Broyden tridiagonal and banded
 * systems and the discretised boundary-value and integral equations.
 *
 * @remarks `F` is the paper's residual vector and the Jacobian its analytic one. Roots are known in closed
 * form (Rosenbrock (1, 1), Freudenstein-Roth (5, 4), the helical valley (1, 0, 0), Powell singular 0 (where
 * the Jacobian is singular, so Newton converges only linearly), extended Rosenbrock 1, trigonometric 0,
 * Brown almost-linear 1), or were computed once with SciPy's `root` (MINPACK's hybrj) and stored, to a
 * residual of at most 2.2e-15 (`metadata.rootSource` says which). From the standard start Newton may reach
 * another root or none: Freudenstein-Roth's start leads to its local minimum of `|F|^2`, which is not a root.
 * @returns The collection (new problems each call).
 * @example
 * ```ts
 * for (const entry of nonlinearSystemsCollection().entries) solve(newtonSystem(), entry.problem);
 * ```
 * @see J. J. Moré, B. S. Garbow and K. E. Hillstrom, Testing unconstrained optimization software, ACM
 *   Transactions on Mathematical Software 7(1), 1981, 17-41.
 */
export function nonlinearSystemsCollection(): ProblemCollection<NonlinearSystemTestProblem> {
  return {
    name: "nonlinear-systems",
    description:
      "The square systems of the Moré-Garbow-Hillstrom set (Powell badly scaled, Broyden tridiagonal and banded, ...) with known roots.",
    entries: systems.map(({ name, root }) => {
      const entry = mghProblem(name);
      const stored = scipySystemRoots[name];
      const solution = root === "scipy" && stored !== undefined ? Float64Array.from(stored) : entry.solution;
      return {
        name,
        problem: { f: entry.problem.residuals, jacobian: entry.problem.jacobian, x0: entry.problem.x0 },
        solution,
        dimension: entry.dimension,
        metadata: { ...entry.metadata, rootSource: root === "scipy" ? "scipy.optimize.root 1.10.1" : "closed form" },
      };
    }),
  };
}

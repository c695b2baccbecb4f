/**
 * One problem of a {@link ProblemCollection}: the problem in the form its solvers take, with what is known
 * about its answer.
 *
 * @typeParam P - The problem type the family's solvers take (`MinimizeProblem`, `GaussSeidelProblem`,
 *   `MdpProblem`, `KMeansProblem`, ...).
 */
export interface CollectionEntry<P> {
  /** The problem's name, unique within its collection, e.g. `rosenbrock` or `poisson-2d-32`. */
  readonly name: string;
  /** The problem, ready for the family's solvers (`solve(bfgs(), entry.problem)`). */
  readonly problem: P;
  /**
   * A known solution: the minimiser, the root or the exact solution of the linear system, where one is
   * known in closed form or published; absent otherwise.
   */
  readonly solution?: Float64Array | undefined;
  /** The known optimal value (the minimum of `f` for minimisation problems), where one is published. */
  readonly optimum?: number | undefined;
  /** The number of unknowns (variables, matrix rows, states, or data points for clustering). */
  readonly dimension: number;
  /** Further facts, as plain JSON-safe values: sizes, parameters, the source of the known values. */
  readonly metadata: Readonly<Record<string, string | number | boolean>>;
}

/**
 * A named set of problems for one family of solvers, to run a study over.
 *
 * @typeParam P - The problem type of its entries.
 */
export interface ProblemCollection<P> {
  /** The collection's name, e.g. `more-garbow-hillstrom`. */
  readonly name: string;
  /** One sentence on what it holds and where it comes from. */
  readonly description: string;
  /** Its problems, in a fixed order, names unique. */
  readonly entries: readonly CollectionEntry<P>[];
}

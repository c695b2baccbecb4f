import type { SolveResult, Solver } from "../../src/index.js";

/** One row of the conformance table: a solver, a deep-frozen problem, and a check of the converged result. */
export interface ConformanceCase {
  /** Shown in the test names. */
  readonly name: string;
  readonly solver: Solver<any, any, any>;
  /** Deep-frozen, so a solver that mutates it throws. */
  readonly problem: unknown;
  /** Assertions on the result of `solve(solver, problem)`. */
  readonly check: (result: SolveResult<any, any>) => void;
}

import type { SolveResult, Solver } from "../../src/index.js";

/** A public solver factory (`newton`, `kmeans`, ...): an options object in, a solver out. */
export type SolverFactory = (options: any) => Solver<any, any, any, any>;

/** A solver as a conformance case makes it: the factory, a valid options object and the names it documents. */
export interface MadeSolver {
  /** The solver, `factory(options)`. */
  readonly solver: Solver<any, any, any>;
  /** The public factory; the strict-options test finds its export by identity and calls it with `options`. */
  readonly factory: SolverFactory;
  /** A valid options object for `factory` (the strict-options test adds unknown and misspelt names to it). */
  readonly options: object;
  /** Every option name the factory documents: its error for an unknown name must list exactly these. */
  readonly optionNames: readonly string[];
}

/** One row of the conformance table: a solver, a deep-frozen problem, and a check of the converged result. */
export interface ConformanceCase extends MadeSolver {
  /** Shown in the test names. */
  readonly name: string;
  /** Deep-frozen, so a solver that mutates it throws. */
  readonly problem: unknown;
  /** Assertions on the result of `solve(solver, problem)`. */
  readonly check: (result: SolveResult<any, any>) => void;
}

/** The option names of an options type (`undefined` stripped, for factories whose options are optional). */
type OptionName<O> = keyof NonNullable<O> & string;

/**
 * The solver `factory(options)`, with what the strict-options test needs to check the factory's options:
 * spread it into a case, `...madeBy(newton, {}, scalarRootNames)`. The names are checked against the
 * options type here and against the factory's error message there.
 */
export function madeBy<O>(
  factory: (options: O) => Solver<any, any, any, any>,
  options: NoInfer<O>,
  optionNames: readonly OptionName<NoInfer<O>>[],
): MadeSolver {
  return { solver: factory(options), factory, options: options ?? {}, optionNames };
}

/** What two runs must agree on: the final state, the count, the stop reason and every recorded entry. */
export const comparable = (result: SolveResult<unknown, unknown>) => ({
  state: result.state,
  iterations: result.iterations,
  stopReason: result.stopReason,
  records: result.trace.entries.map(({ iteration, epoch, record }) => ({ iteration, epoch, record })),
});

import type { Solver } from "../../index.js";
import type { AnyCliProblem, ProblemByKind, ProblemKind } from "./problem-kinds.js";
import { UsageError } from "./usage-error.js";

// What a registry entry is (`SolverEntry`) and the helpers the entries of every family share. The entries
// themselves live by family in registry-<family>.ts; registry-solvers.ts lists the families.

/** A solver of any problem and state, as the CLI drives it (the registry pairs it with a problem of its kind). */
export type CliSolver = Solver<unknown, unknown, unknown, unknown>;

/** The solver flags the CLI reads (run options such as `--max-iterations` and `--seed` are separate). */
export interface SolverFlags {
  /** `--tol`: the solver's main tolerance (the registry says which). */
  readonly tol?: number | undefined;
  /** `--omega`: the relaxation factor. */
  readonly omega?: number | undefined;
  /** `--k`: the number of clusters. */
  readonly k?: number | undefined;
  /** `--init`: the initialisation, by name. */
  readonly init?: string | undefined;
  /** `--batch-size`: points per mini-batch. */
  readonly batchSize?: number | undefined;
  /** `--covariance`: the covariance type, by name. */
  readonly covariance?: string | undefined;
  /** `--step-size`: a fixed step length instead of the line search. */
  readonly stepSize?: number | undefined;
  /** `--evaluation`: policy evaluation, by name. */
  readonly evaluation?: string | undefined;
  /** `--in-place`: Gauss-Seidel-style value iteration sweeps. */
  readonly inPlace?: boolean | undefined;
  /** `--threads`: threads for the WebAssembly kernels of large problems (the run option `threads`). */
  readonly threads?: number | undefined;
  /** `--n-init`: runs from different starts, the best kept. */
  readonly nInit?: number | undefined;
  /** `--check-every`: iterations between residual checks (the Gauss-Seidel family's `checkInterval`). */
  readonly checkInterval?: number | undefined;
}

/** The name of a solver flag, as the user types it without `--`. */
export type SolverFlagName =
  | "tol"
  | "omega"
  | "k"
  | "init"
  | "batch-size"
  | "covariance"
  | "step-size"
  | "evaluation"
  | "in-place"
  | "threads"
  | "n-init"
  | "check-every";

/** A configured solver with the problem in the shape it takes. */
export interface SolverSetup {
  /** The solver. */
  readonly solver: CliSolver;
  /** The problem, in the solver's shape. */
  readonly problem: unknown;
  /** Runs from several starts, keeping the best score (`--n-init`); one run when absent. */
  readonly restarts?: Restarts;
}

/** Restarts of a solver from several seeds (scikit-learn's `n_init`), the best score kept. */
export interface Restarts {
  /** How many runs. */
  readonly count: number;
  /** A run's score, read from its final state. */
  readonly score: (state: unknown) => number;
  /** Whether the largest (log-likelihood) or smallest score wins. */
  readonly direction: "maximize" | "minimize";
  /** The score's name, for the output. */
  readonly label: string;
}

/** A solver the CLI knows by name. */
export interface SolverEntry {
  /** The name to type, e.g. `gauss-seidel`. */
  readonly name: string;
  /** The problem kind it accepts. */
  readonly kind: ProblemKind;
  /** One line for the help. */
  readonly description: string;
  /** The solver flags that apply to it. */
  readonly flags: readonly SolverFlagName[];
  /** What `--tol` sets, for the help. */
  readonly tolerance: string;
  /**
   * Where the solver's kernels run on several threads (the run option `threads`, flag `--threads`: the most
   * they may use), for the listing; absent where its update runs on one thread (a sequential method, or no
   * threaded kernel), whatever `--threads` asks for.
   */
  readonly threads?: string | undefined;
  /** The order of convergence near a simple solution (2 for Newton), for `step`'s error ratio. */
  readonly order: number;
  /**
   * The built-in problem used when none is given.
   * @defaultValue the first built-in problem of its kind
   */
  readonly defaultProblem?: string | undefined;
  /** Builds the solver from the flags, with the problem in its shape. */
  create(flags: SolverFlags, problem: AnyCliProblem): SolverSetup;
}

/** Narrows a problem to a kind (the registry checks the kind before `create`). */
export function problemOf<K extends ProblemKind>(problem: AnyCliProblem, kind: K): ProblemByKind[K] {
  if (problem.kind !== kind) throw new UsageError(`expected a ${kind} problem, got a ${problem.kind} problem`);
  return problem.problem as ProblemByKind[K];
}

/** A solver with its problem, as a registry entry returns them. */
export const setup = <P, S, R, Q>(solver: Solver<P, S, R, Q>, problem: P): SolverSetup => ({
  solver: solver as unknown as CliSolver,
  problem,
});

/** Drops undefined values, so that solvers see their defaults (`exactOptionalPropertyTypes`). */
export function defined<T extends object>(options: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}

/** The strategy a flag names, from `choices`; undefined when the flag is absent. */
export function choose<T>(
  flag: string,
  value: string | undefined,
  choices: Readonly<Record<string, () => T>>,
): T | undefined {
  if (value === undefined) return undefined;
  const make = choices[value];
  if (make === undefined)
    throw new UsageError(`--${flag} must be one of ${Object.keys(choices).join(", ")}, got '${value}'`);
  return make();
}

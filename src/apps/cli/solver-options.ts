import { type Command, Option } from "commander";
import { builtinProblems } from "./registry-problems.js";
import {
  parseBracket,
  parseCount,
  parseNameList,
  parseNumber,
  parseNumberList,
  parsePositiveCount,
} from "./flag-parsers.js";
import type { AnyCliProblem } from "./problem-kinds.js";
import { defaultMixtureStarts } from "./registry-clustering.js";
import type { SolverEntry, SolverFlagName, SolverFlags } from "./solver-entry.js";
import { UsageError } from "./usage-error.js";

/** The options commander parses for `run`, `step` and `compare` (camel-cased flag names). */
export interface ProblemAndSolverOptions {
  /** `--problem`. */
  readonly problem?: string;
  /** `--csv`. */
  readonly csv?: string;
  /** `--input`. */
  readonly input?: string;
  /** `--f`. */
  readonly f?: string;
  /** `--x0`. */
  readonly x0?: number[];
  /** `--x1`. */
  readonly x1?: number;
  /** `--bracket`. */
  readonly bracket?: [number, number];
  /** `--vars`. */
  readonly vars?: string[];
  /** `--gamma`. */
  readonly gamma?: number;
  /** `--tol`. */
  readonly tol?: number;
  /** `--max-iterations`. */
  readonly maxIterations?: number;
  /** `--seed`. */
  readonly seed?: number;
  /** `--omega`. */
  readonly omega?: number;
  /** `--k`. */
  readonly k?: number;
  /** `--init`. */
  readonly init?: string;
  /** `--batch-size`. */
  readonly batchSize?: number;
  /** `--covariance`. */
  readonly covariance?: string;
  /** `--step-size`. */
  readonly stepSize?: number;
  /** `--evaluation`. */
  readonly evaluation?: string;
  /** `--in-place`. */
  readonly inPlace?: boolean;
  /** `--threads`. */
  readonly threads?: number;
  /** `--n-init`. */
  readonly nInit?: number;
  /** `--check-every`. */
  readonly checkEvery?: number;
}

/**
 * Adds the problem-source flags (`--problem`, `--csv`, `--input`, `--f`, `--x0`, ...) to a command.
 *
 * @param command - The command.
 * @returns The command.
 */
export function addProblemOptions(command: Command): Command {
  return command
    .option("--problem <name>", `a built-in problem: ${builtinProblems.map((problem) => problem.name).join(", ")}`)
    .option("--csv <file>", "points to cluster, one per line, comma-separated")
    .option("--input <file>", "a JSON linear system {matrix, rhs} (dense, CSR or triplets) or an MDP")
    .option(
      "--f <expression>",
      "an expression: f for root finders and minimisers, g in x = g(x) for fixed-point, equations separated by ';' for newton-system",
    )
    .option("--x0 <numbers>", "the start for --f, comma-separated", parseNumberList)
    .option("--x1 <number>", "the secant method's second start", parseNumber)
    .option(
      "--bracket <a,b>",
      "a bracket of a root of f (f(a), f(b) of opposite signs): for bisection, brent, itp; safeguards newton, secant, halley",
      parseBracket,
    )
    .option("--vars <names>", "the variables of --f, comma-separated (default x, y, z)", parseNameList)
    .option("--gamma <number>", "the discount of an MDP", parseNumber);
}

/**
 * Adds the solver flags and run options to a command.
 *
 * @param command - The command.
 * @returns The command.
 */
export function addSolverOptions(command: Command): Command {
  return command
    .option(
      "--tol <number>",
      "the solver's headline tolerance: its absTolerance or relTolerance (the bracket width for bisection, " +
        "brent and itp); 'iterlab solvers' says which",
      parseNumber,
    )
    .option("--max-iterations <n>", "the iteration bound", parseCount)
    .option("--seed <n>", "the seed of random choices (initialisations, mini-batches)", parseCount)
    .option(
      "--omega <number>",
      "the relaxation factor (fixed-point, jacobi, sor, ssor, red-black-gauss-seidel)",
      parseNumber,
    )
    .option("--k <n>", "the number of clusters or mixture components", parseCount)
    .option(
      "--init <name>",
      "the initialisation: kmeans++ or random (k-means); kmeans, kmeans++ or random (gaussian-mixture)",
    )
    .option("--batch-size <n>", "points per mini-batch (mini-batch-kmeans)", parseCount)
    .addOption(
      new Option("--covariance <type>", "the covariance type (gaussian-mixture)").choices([
        "full",
        "diag",
        "spherical",
        "tied",
      ]),
    )
    .option(
      "--step-size <number>",
      "a fixed step length instead of the line search (gradient-descent, newton-minimize, bfgs)",
      parseNumber,
    )
    .addOption(
      new Option("--evaluation <name>", "policy evaluation (policy-iteration)").choices([
        "exact",
        "iterative",
        "modified",
      ]),
    )
    .option("--in-place", "in-place (Gauss-Seidel) sweeps (value-iteration)")
    .option(
      "--threads <n>",
      "the most threads the WebAssembly kernels of large problems may use (kmeans, hamerly-kmeans, gaussian-mixture, value-iteration's synchronous sweeps, jacobi on a general CSR matrix; sequential methods use one; default: the cores)",
      parseCount,
    )
    .option(
      "--n-init <n>",
      `runs from different starts, the best log-likelihood kept (gaussian-mixture; default ${defaultMixtureStarts})`,
      parsePositiveCount,
    )
    .option(
      "--check-every <n>",
      "compute the residual and test convergence every n iterations (jacobi, gauss-seidel, sor, ssor, red-black-gauss-seidel; default 1)",
      parsePositiveCount,
    );
}

/** Each solver flag's key among the parsed options. */
export const flagKeys: Readonly<Record<SolverFlagName, keyof ProblemAndSolverOptions>> = {
  tol: "tol",
  omega: "omega",
  k: "k",
  init: "init",
  "batch-size": "batchSize",
  covariance: "covariance",
  "step-size": "stepSize",
  evaluation: "evaluation",
  "in-place": "inPlace",
  threads: "threads",
  "n-init": "nInit",
  "check-every": "checkEvery",
};

/**
 * The solver flags for an entry: those given, then the problem's defaults (`k = 3` for Iris); a flag that
 * does not apply to the solver is a usage error.
 *
 * @param entry - The solver.
 * @param options - The parsed flags.
 * @param problem - The problem, for its defaults.
 * @param strict - Whether a flag that does not apply is an error (for `compare`, flags apply to the methods that take them).
 * @returns The flags.
 * @throws UsageError for a flag that does not apply.
 */
export function solverFlags(
  entry: SolverEntry,
  options: ProblemAndSolverOptions,
  problem: AnyCliProblem,
  strict = true,
): SolverFlags {
  if (strict) {
    for (const [flag, key] of Object.entries(flagKeys)) {
      if (options[key] !== undefined && !entry.flags.includes(flag as SolverFlagName)) {
        throw new UsageError(
          `--${flag} does not apply to ${entry.name} (its flags: ${entry.flags.map((name) => `--${name}`).join(", ")})`,
        );
      }
    }
  }
  // A problem's default for one solver is keyed `solver:flag` (`sor:omega`), for all that take it `flag` (`k`).
  const given = (flag: SolverFlagName) =>
    entry.flags.includes(flag)
      ? (options[flagKeys[flag]] ?? problem.defaults?.[`${entry.name}:${flag}`] ?? problem.defaults?.[flag])
      : undefined;
  const numeric = (flag: SolverFlagName) => {
    const value = given(flag);
    return typeof value === "number" ? value : undefined;
  };
  const text = (flag: SolverFlagName) => {
    const value = given(flag);
    return typeof value === "string" ? value : undefined;
  };
  return {
    tol: numeric("tol"),
    omega: numeric("omega"),
    k: numeric("k"),
    init: text("init"),
    batchSize: numeric("batch-size"),
    covariance: text("covariance"),
    stepSize: numeric("step-size"),
    evaluation: text("evaluation"),
    inPlace: given("in-place") === true ? true : undefined,
    threads: numeric("threads"),
    nInit: numeric("n-init"),
    checkInterval: numeric("check-every"),
  };
}

/**
 * The iteration bound: the flag, else the problem's default, else the solver's.
 *
 * @param options - The parsed flags.
 * @param problem - The problem.
 * @returns The bound, or `undefined` for the solver's own.
 */
export function maxIterationsOf(options: ProblemAndSolverOptions, problem: AnyCliProblem): number | undefined {
  const fallback = problem.defaults?.["max-iterations"];
  return options.maxIterations ?? (typeof fallback === "number" ? fallback : undefined);
}

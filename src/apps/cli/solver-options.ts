import { type Command, Option } from "commander";
import { builtinProblems, findBuiltinProblem } from "./registry-problems.js";
import {
  parseBracket,
  parseCount,
  parseNameList,
  parseNumber,
  parseNumberList,
  parsePositiveCount,
} from "./flag-parsers.js";
import type { AnyCliProblem } from "./problem-kinds.js";
import { checkMdp } from "./check-mdp.js";
import { expressionProblem, readCsvPoints, readJsonProblem } from "./problem-sources.js";
import { defaultMixtureStarts } from "./registry-clustering.js";
import type { SolverEntry, SolverFlagName, SolverFlags } from "./solver-entry.js";
import { unknownNameError } from "./unknown-name.js";
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
      "threads for the WebAssembly kernels of large problems (kmeans, hamerly-kmeans, value-iteration; default: the cores)",
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
 * Reads the problem from exactly one source: a built-in name, a CSV, a JSON file or an expression; with
 * none, the solver's default problem (the first built-in problem of its kind unless it names one).
 *
 * @param entry - The solver, whose kind the problem must have.
 * @param options - The parsed flags.
 * @returns The problem.
 * @throws UsageError for no or several sources, an unknown name or a problem of another kind.
 */
export function resolveProblem(entry: SolverEntry, options: ProblemAndSolverOptions): AnyCliProblem {
  const sources = (["problem", "csv", "input", "f"] as const).filter((source) => options[source] !== undefined);
  if (sources.length > 1)
    throw new UsageError(`give one problem source, not ${sources.map((source) => `--${source}`).join(" and ")}`);
  if (options.f === undefined && options.x0 !== undefined) throw new UsageError("--x0 goes with --f <expression>");
  let problem: AnyCliProblem;
  if (options.csv !== undefined) problem = readCsvPoints(options.csv);
  else if (options.input !== undefined) problem = readJsonProblem(options.input);
  else if (options.f !== undefined)
    problem = expressionProblem(entry.kind, {
      f: options.f,
      x0: options.x0,
      x1: options.x1,
      bracket: options.bracket,
      variables: options.vars,
    });
  else {
    const name =
      options.problem ??
      entry.defaultProblem ??
      builtinProblems.find((candidate) => candidate.kind === entry.kind)?.name;
    const builtin = name === undefined ? undefined : findBuiltinProblem(name);
    const known = builtinProblems.map((candidate) => candidate.name);
    if (builtin === undefined) throw unknownNameError("problem", String(name), known);
    problem = builtin.create({ gamma: options.gamma });
  }
  if (problem.kind !== entry.kind) {
    const fitting = builtinProblems
      .filter((candidate) => candidate.kind === entry.kind)
      .map((candidate) => candidate.name);
    throw new UsageError(
      `${entry.name} solves ${entry.kind} problems, but this is a ${problem.kind} problem (built-in ${entry.kind} problems: ${fitting.join(", ")})`,
    );
  }
  if (options.bracket !== undefined) {
    if (problem.kind !== "scalar-root")
      throw new UsageError(`--bracket applies to root problems f(x) = 0, not to ${problem.kind} problems`);
    const [a, b] = options.bracket;
    problem = { ...problem, problem: { ...problem.problem, bracket: options.bracket } };
    const x0 = problem.problem.x0;
    if (!(x0 >= a && x0 <= b))
      throw new UsageError(`--bracket ${a},${b} must hold the start x0 = ${x0} (give --x0 inside it)`);
  }
  if (options.gamma !== undefined && problem.kind !== "mdp")
    throw new UsageError(`--gamma applies to MDPs, not to ${problem.kind} problems`);
  if (options.gamma !== undefined && options.problem === undefined && problem.kind === "mdp") {
    problem = { ...problem, problem: { ...problem.problem, discount: options.gamma } };
  }
  if (problem.kind === "mdp") checkMdp(problem.problem, options.input, options.gamma);
  return problem;
}

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

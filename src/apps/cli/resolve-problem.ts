// The problem a CLI command runs on, from its one source (a built-in name, a CSV, a JSON file or an
// expression), checked against the solver's kind and the problem flags.
import type { AnyCliProblem } from "./problem-kinds.js";
import { checkMdp } from "./check-mdp.js";
import { expressionProblem, readCsvPoints, readJsonProblem } from "./problem-sources.js";
import { builtinProblems, findBuiltinProblem } from "./registry-problems.js";
import type { SolverEntry } from "./solver-entry.js";
import type { ProblemAndSolverOptions } from "./solver-options.js";
import { unknownNameError } from "./unknown-name.js";
import { UsageError } from "./usage-error.js";

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

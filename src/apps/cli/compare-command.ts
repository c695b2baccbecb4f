import type { Command } from "commander";
import { Option } from "commander";
import { formatComparison } from "../../index.js";
import { closestName } from "../../engine/internals.js";
import { asciiChart, toJsonable } from "../../report/index.js";
import { builtinProblems, findBuiltinProblem } from "./registry-problems.js";
import type { CliIo } from "./cli-io.js";
import { runComparisonPlan } from "./comparison-plan.js";
import { errorChoices, errorFor } from "./error-measures.js";
import type { PlannedMethod } from "./comparison-plan.js";
import type { ErrorChoice } from "./error-measures.js";
import { exitCodes } from "./exit-codes.js";
import { parseNameList, parseNumberList, parsePositiveCount } from "./flag-parsers.js";
import { fitText } from "./fit-table.js";
import { findSolver } from "./registry-solvers.js";
import type { SolverEntry } from "./solver-entry.js";
import { addProblemOptions, addSolverOptions, flagKeys, maxIterationsOf, solverFlags } from "./solver-options.js";
import { resolveProblem } from "./resolve-problem.js";
import type { ProblemAndSolverOptions } from "./solver-options.js";
import { defaultTableWidth } from "./table.js";
import { unknownNameError } from "./unknown-name.js";
import { UsageError } from "./usage-error.js";
import { usageErrors } from "./usage-errors.js";
import { writeComparisonReport } from "./write-report.js";

/** The flags of `iterlab compare`. */
interface CompareFlags extends ProblemAndSolverOptions {
  readonly methods?: string[];
  readonly error?: ErrorChoice;
  readonly seeds?: number;
  readonly tolerances?: number[];
  readonly out: string;
  readonly report?: boolean;
  readonly json?: boolean;
  readonly wide?: boolean;
}

/** One `--methods` entry: `sor` or `sor:omega=1.5:tol=1e-10`. */
interface MethodSpec {
  readonly label: string;
  readonly entry: SolverEntry;
  readonly overrides: Partial<ProblemAndSolverOptions>;
}

/**
 * Parses one `--methods` entry: a solver name, then `:flag=value` settings of its own flags.
 *
 * @param text - The entry.
 * @returns The solver and its settings.
 * @throws UsageError for an unknown solver, a malformed setting, or a flag the solver does not take.
 */
function parseMethod(text: string): MethodSpec {
  const [name = "", ...settings] = text.split(":");
  const entry = findSolver(name);
  const overrides: Record<string, string | number | boolean> = {};
  for (const setting of settings) {
    const [flag = "", value] = setting.split("=");
    const key = flagKeys[flag as keyof typeof flagKeys];
    if (key === undefined || !entry.flags.includes(flag as keyof typeof flagKeys)) {
      const suggestion = closestName(flag, entry.flags);
      const hint = suggestion === undefined ? "" : `; did you mean "${suggestion}"?`;
      const takes = entry.flags.map((candidate) => `${candidate}=...`).join(", ");
      throw new UsageError(`--methods ${text}: ${entry.name} takes ${takes}, not '${setting}'${hint}`);
    }
    if (value === undefined) overrides[key] = true;
    else overrides[key] = value.trim() !== "" && Number.isFinite(Number(value)) ? Number(value) : value;
  }
  return { label: text, entry, overrides: overrides as Partial<ProblemAndSolverOptions> };
}

/**
 * Configures `iterlab compare`: several solvers on one problem, measured the same way, as a table, an
 * ASCII chart, charts (SVG, PNG) and an HTML report.
 *
 * @param command - The command, made by the program.
 * @param io - Where to write.
 * @param setExitCode - Receives the exit code: 0 when every method converged, else 1.
 * @returns The command.
 */
export function configureCompareCommand(command: Command, io: CliIo, setExitCode: (code: number) => void): Command {
  command
    .description(
      "compare solvers on one problem: iterations and time to each tolerance, rate and order, plots and an HTML report",
    )
    .argument("[problem]", "a built-in problem (see 'iterlab problems'); or give --f/--csv/--input")
    .option(
      "--methods <names>",
      "the solvers, comma-separated, each with its own flags if any: sor:omega=1.5 (default: the problem's usual ones)",
      parseNameList,
    )
    .addOption(
      new Option(
        "--error <measure>",
        "the error: distance to the known answer, residual, gradient norm, or objective gap",
      ).choices(errorChoices),
    )
    .option("--seeds <n>", "run each method with seeds 0..n-1 (means and spreads); n >= 1", parsePositiveCount)
    .option(
      "--tolerances <numbers>",
      "the tolerances to report iterations and time to, comma-separated",
      parseNumberList,
    )
    .option("--out <dir>", "the folder for the charts and the HTML report", "iterlab-report")
    .option("--no-report", "write no files")
    .option("--json", "print the comparison as JSON")
    .option("--wide", "print the table in one piece, however wide (default: fit 100 columns)");
  addProblemOptions(command);
  addSolverOptions(command);
  return command.action(
    usageErrors(command, async (problemName: string | undefined, flags: CompareFlags) => {
      if (problemName !== undefined && flags.problem !== undefined)
        throw new UsageError("name the problem once: as the argument or with --problem");
      const builtin = problemName === undefined ? undefined : findBuiltinProblem(problemName);
      if (problemName !== undefined && builtin === undefined) {
        throw unknownNameError(
          "problem",
          problemName,
          builtinProblems.map((candidate) => candidate.name),
        );
      }
      const names = flags.methods ?? builtin?.methods;
      if (names === undefined || names.length === 0)
        throw new UsageError("give the methods to compare: --methods a,b,c");
      const specs = names.map(parseMethod);
      if (flags.nInit !== undefined || specs.some((spec) => spec.overrides.nInit !== undefined)) {
        // A comparison follows single runs (one per seed); restarts would hide all but the best of them.
        throw new UsageError(
          "--n-init applies to run and step; compare runs each method once per seed: use --seeds <n>",
        );
      }
      const problem = resolveProblem(specs[0]?.entry as SolverEntry, {
        ...flags,
        ...(problemName === undefined ? {} : { problem: problemName }),
      });
      const maxIterations = maxIterationsOf(flags, problem);
      const methods: PlannedMethod[] = specs.map(({ label, entry, overrides }) => ({
        label,
        entry,
        flags: solverFlags(entry, { ...flags, ...overrides }, problem, false),
        maxIterations,
      }));
      const seeds =
        flags.seeds !== undefined
          ? Array.from({ length: flags.seeds }, (_, i) => i)
          : flags.seed !== undefined
            ? [flags.seed]
            : undefined;
      const planned = runComparisonPlan({
        heading: `${names.join(" vs ")} on ${problem.name}`,
        fileStem: "errors-by",
        problem,
        methods,
        error: errorFor(problem, methods, seeds ?? [0], flags.error),
        seeds,
        tolerances: flags.tolerances,
      });
      const { comparison } = planned;
      const messages = flags.json === true ? io.stderr : io.stdout;
      if (flags.json === true) io.stdout(`${JSON.stringify(toJsonable(comparison), null, 2)}\n`);
      else {
        const fit = (text: string) => (flags.wide === true ? text : fitText(text, defaultTableWidth));
        io.stdout(`${fit(planned.heading)}\n\n${fit(formatComparison(comparison))}\n\n`);
        io.stdout(`${fit(asciiChart(comparison))}\n\n`);
      }
      if (flags.report !== false) {
        const files = await writeComparisonReport(flags.out, [planned], {
          title: planned.heading,
          generatedBy: `iterlab compare ${names.join(",")}`,
          axes: ["iteration", "time"],
          svg: true,
        });
        messages(`wrote ${files.html} and ${files.charts.length} charts (${files.charts.join(", ")})\n`);
      }
      setExitCode(comparison.rows.every((row) => row.converged) ? exitCodes.ok : exitCodes.notConverged);
    }),
  );
}

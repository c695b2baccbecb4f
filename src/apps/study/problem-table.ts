import { InvalidOptionError, formatCount } from "../../index.js";
import { checkResults } from "./performance-profile.js";
import type { StudyResults } from "./read-study.js";
import { configurationLabels, quantile, totalEvaluations } from "./summary-support.js";
import type { StudyRun } from "./types.js";
import { formatNumber } from "../../engine/internals.js";

/** One row of a {@link problemTable}: a method configuration on a problem, over its seeds. */
export interface ProblemTableRow {
  /** The problem's name. */
  readonly problem: string;
  /** The configuration's label. */
  readonly label: string;
  /** Runs recorded (one per seed). */
  readonly runs: number;
  /** Runs that stopped with `converged`. */
  readonly converged: number;
  /** Runs that failed (threw, or their worker died on every try). */
  readonly failed: number;
  /** The median iterations of the runs that did not fail; `undefined` when all failed. */
  readonly iterations: number | undefined;
  /** The median evaluations (all kinds) of those runs; `undefined` where the solver counts none. */
  readonly evaluations: number | undefined;
  /** The median final error of those runs; `undefined` where it was not measured. */
  readonly finalError: number | undefined;
  /** The median time in milliseconds of those runs. */
  readonly timeMs: number | undefined;
  /** The stop reasons' kinds with their counts, e.g. `converged 9, maxIterations 1`. */
  readonly stops: string;
}

/**
 * A study's results per problem: for each problem and method configuration, how many runs converged or
 * failed, and the medians over the seeds of iterations, evaluations, final error and time.
 *
 * @param results - What {@link readStudy} returned.
 * @returns The rows, ordered by problem, then configuration.
 * @throws `InvalidOptionError` when `results` are not study results.
 * @example
 * ```ts
 * console.log(formatProblemTable(problemTable(readStudy("minimisers.sqlite"))));
 * ```
 */
export function problemTable(results: StudyResults): ProblemTableRow[] {
  checkResults(results);
  const label = configurationLabels(results.runs);
  const groups = new Map<string, StudyRun[]>();
  for (const run of results.runs) {
    const key = JSON.stringify([run.problem, label(run)]);
    groups.set(key, [...(groups.get(key) ?? []), run]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, runs]) => {
      const first = runs[0] as StudyRun;
      const finished = runs.filter((run) => run.status === "done");
      const median = (values: readonly (number | undefined)[]) => {
        const known = values.filter((value): value is number => value !== undefined).sort((a, b) => a - b);
        return known.length === 0 ? undefined : quantile(known, 0.5);
      };
      const stops = new Map<string, number>();
      for (const run of runs) stops.set(run.stopKind, (stops.get(run.stopKind) ?? 0) + 1);
      return {
        problem: first.problem,
        label: label(first),
        runs: runs.length,
        converged: runs.filter((run) => run.stopKind === "converged").length,
        failed: runs.length - finished.length,
        iterations: median(finished.map((run) => run.iterations)),
        evaluations: median(finished.map(totalEvaluations)),
        finalError: median(finished.map((run) => run.finalError)),
        timeMs: median(finished.map((run) => run.timeMs)),
        stops: [...stops.entries()].map(([kind, count]) => `${kind} ${count}`).join(", "),
      };
    });
}

/**
 * A {@link problemTable} as aligned text, one block per problem.
 *
 * @param rows - The table's rows.
 * @returns The text (no trailing newline).
 * @throws `InvalidOptionError` when `rows` is not an array.
 */
export function formatProblemTable(rows: readonly ProblemTableRow[]): string {
  if (!Array.isArray(rows)) throw new InvalidOptionError("rows", "the rows of problemTable", rows);
  const head = ["problem / method", "runs", "converged", "failed", "iters", "evals", "final error", "ms", "stops"];
  const cell = (value: number | undefined, format: (value: number) => string) =>
    value === undefined ? "-" : format(value);
  const lines: string[][] = [];
  let problem: string | undefined;
  for (const row of rows) {
    if (row.problem !== problem) {
      problem = row.problem;
      lines.push([row.problem, "", "", "", "", "", "", "", ""]);
    }
    lines.push([
      `  ${row.label}`,
      String(row.runs),
      String(row.converged),
      String(row.failed),
      cell(row.iterations, formatCount),
      cell(row.evaluations, formatCount),
      cell(row.finalError, formatNumber),
      cell(row.timeMs, formatNumber),
      row.stops,
    ]);
  }
  const widths = head.map((title, c) => Math.max(title.length, ...lines.map((line) => (line[c] ?? "").length)));
  const render = (line: readonly string[]) =>
    line
      .map((text, c) =>
        c === 0 || c === line.length - 1 ? text.padEnd(widths[c] as number) : text.padStart(widths[c] as number),
      )
      .join("  ")
      .trimEnd();
  return [render(head), render(widths.map((width) => "-".repeat(width))), ...lines.map(render)].join("\n");
}

import { describeStopReason, formatCriterion, formatNumber } from "../../index.js";
import type { StopReason } from "../../index.js";
import { defaultTableWidth, formatTable, wrapText } from "./table.js";
import type { AsyncTourEntry, TourEntry, TourSettings } from "./tour-entries.js";

/** One row of the tour's summary. */
export interface TourRow {
  /** The solver family. */
  readonly family: string;
  /** The solver's name. */
  readonly solver: string;
  /** The problem's name. */
  readonly problem: string;
  /** Iterations to the stop. */
  readonly iterations: number;
  /** Whether the run converged. */
  readonly converged: boolean;
  /** The stop reason in words. */
  readonly stopReason: string;
  /** The stop reason itself, for the table's short form (left out of `--json`). */
  readonly reason: StopReason;
  /** The error against the known answer. */
  readonly error: number;
  /** What the error measures. */
  readonly errorMeasure: string;
  /** Wall time of the run, in milliseconds. */
  readonly elapsedMs: number;
}

/**
 * Runs every tour entry, one after another, and returns one row per run.
 *
 * @param entries - The runs.
 * @param settings - What reaches the entries (the neural entries' backend).
 * @returns A Promise of the rows, in order.
 */
export async function runTour(
  entries: readonly (TourEntry | AsyncTourEntry)[],
  settings: TourSettings = { backend: "auto" },
): Promise<TourRow[]> {
  const rows: TourRow[] = [];
  for (const entry of entries) {
    const { result, error } = await entry.run(settings);
    rows.push({
      family: entry.family,
      solver: result.solver,
      problem: entry.problem,
      iterations: result.iterations,
      converged: result.converged,
      stopReason: describeStopReason(result.stopReason),
      reason: result.stopReason,
      error,
      errorMeasure: entry.errorMeasure,
      elapsedMs: result.elapsedMs,
    });
  }
  return rows;
}

/** Options of {@link formatTour}. */
export interface FormatTourOptions {
  /**
   * Every stop reason in full, on one line, however wide the table gets.
   * @defaultValue `false`: the table fits 100 columns and notes on the stop go to footnotes
   */
  readonly wide?: boolean;
}

/**
 * A stop reason for the table: for a run that converged, the test that was met and its value
 * (`|grad| = 9.9e-9 <= 1e-8`), with its note (`best 0.4785 at iteration 27`) apart for a footnote; for one
 * that did not, `not converged: ` and the reason.
 *
 * @param reason - The stop reason.
 * @returns The short text and the note, if any.
 */
export function shortStopReason(reason: StopReason): { text: string; note: string | undefined } {
  if (reason.kind !== "converged") return { text: `not converged: ${describeStopReason(reason)}`, note: undefined };
  const first = reason.met[0];
  if (first === undefined) return { text: reason.test, note: undefined };
  const full = formatCriterion(first);
  const suffix = ` (met${first.note === undefined ? "" : `, ${first.note}`})`;
  if (!full.endsWith(suffix)) return { text: full, note: undefined };
  return { text: full.slice(0, -suffix.length), note: first.note };
}

/**
 * The tour's summary table: within 100 columns (long cells wrap; notes on the stop become footnotes), or
 * with `wide` every cell in full on one line.
 *
 * @param rows - The rows from {@link runTour}.
 * @param options - Whether to print it wide.
 * @returns The table as text, footnotes under it.
 */
export function formatTour(rows: readonly TourRow[], options: FormatTourOptions = {}): string {
  const notes: string[] = [];
  const time = (row: TourRow) => `${row.elapsedMs.toFixed(1)} ms`;
  const stopCell = (row: TourRow) => {
    const { text, note } = shortStopReason(row.reason);
    if (note === undefined) return text;
    notes.push(`[${notes.length + 1}] ${row.solver}: ${note}`);
    return `${text} [${notes.length}]`;
  };
  if (options.wide === true) {
    const table = formatTable(
      ["solver", "problem", "iterations", "stop reason", "final error", "time"],
      rows.map((row) => {
        const error = `${row.errorMeasure} = ${formatNumber(row.error)}`;
        return [row.solver, row.problem, String(row.iterations), row.stopReason, error, time(row)];
      }),
      ["left", "left", "right", "left", "left", "right"],
    );
    return table;
  }
  // Rows that share a problem (and so an error measure) go under one heading: the table keeps to 100 columns.
  const cells: (string[] | string)[] = [];
  rows.forEach((row, index) => {
    const previous = rows[index - 1];
    if (previous === undefined || previous.problem !== row.problem || previous.errorMeasure !== row.errorMeasure) {
      cells.push(`${row.problem} (error: ${row.errorMeasure})`);
    }
    cells.push([`  ${row.solver}`, String(row.iterations), stopCell(row), formatNumber(row.error), time(row)]);
  });
  const headers = ["problem / solver", "iters", "converged on", "error", "time"];
  const table = formatTable(headers, cells, ["left", "right", "left", "right", "right"], {
    maxWidth: defaultTableWidth,
    wrap: [false, false, true, false, false],
  });
  const footnotes = notes.flatMap((note) => wrapText(note, defaultTableWidth, "    "));
  return [table, ...footnotes].join("\n");
}

import { describeStopReason, formatNumber } from "../index.js";
import { formatTable } from "./table.js";
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
export async function runTour(entries: readonly (TourEntry | AsyncTourEntry)[], settings: TourSettings = { backend: "auto" }): Promise<TourRow[]> {
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
      error,
      errorMeasure: entry.errorMeasure,
      elapsedMs: result.elapsedMs,
    });
  }
  return rows;
}

/**
 * The tour's summary table.
 *
 * @param rows - The rows from {@link runTour}.
 * @returns The table as text.
 */
export function formatTour(rows: readonly TourRow[]): string {
  return formatTable(
    ["solver", "problem", "iterations", "stop reason", "final error", "time"],
    rows.map((row) => [
      row.solver,
      row.problem,
      String(row.iterations),
      row.stopReason,
      `${row.errorMeasure} = ${formatNumber(row.error)}`,
      `${row.elapsedMs.toFixed(1)} ms`,
    ]),
    ["left", "left", "right", "left", "left", "right"],
  );
}

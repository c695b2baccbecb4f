import { InvalidOptionError } from "../engine/errors.js";
import { formatNumber } from "../engine/format-number.js";
import { integerAtLeast, optional, validateStrictOptions } from "../engine/validate.js";
import { comparisonNotes } from "./comparison-notes.js";
import type { Comparison, ComparisonRow } from "./types.js";

/** Options of {@link formatComparison}. */
export interface FormatComparisonOptions {
  /**
   * The width the notes under the table are wrapped to, an integer >= 40 (the table itself is as wide as
   * its cells).
   * @defaultValue `100`
   */
  readonly width?: number | undefined;
}

/**
 * A comparison as a plain-text table for the terminal: per method the iterations to each tolerance, the
 * time to the smallest, the iterations run, the final error, the rate rho and order q, the time per
 * iteration and the stop reason, then notes that say what the cells mean and why a cell is `-`.
 *
 * ```text
 * error: |x - x*|
 * method  it<=0.01  it<=1e-5  it<=1e-9  it<=1e-12  ms<=1e-12  iters  final error  rate  order  ms/iter  stop
 * ------  --------  --------  --------  ---------  ---------  -----  -----------  ----  -----  -------  ---------
 * Newton         1         3         4          4      0.012      5            0     -  2.008    0.004  converged
 * notes:
 *   rate of Newton: log error is not a straight line over the last 4 iterations (R^2 = 0.93 < 0.98): ...
 *   times after 1 untimed warm-up run per method
 * ```
 *
 * @remarks Counts are exact integers. A tolerance never reached shows `-`. With several seeds a tolerance
 * cell is the median over the seeds that reached it, followed by `(r/n)` when only r of the n seeds did, and
 * iterations and final error read `mean ± sd`. A rate or order whose fit is not trusted is `-`, and a note
 * gives the reason.
 * @param comparison - What {@link compare} returned.
 * @param options - The width of the notes.
 * @returns The lines, joined with newlines (no trailing newline).
 * @throws {@link InvalidOptionError} for an unknown option or a width out of range.
 */
export function formatComparison(comparison: Comparison, options: FormatComparisonOptions = {}): string {
  if (comparison === null || typeof comparison !== "object") {
    throw new InvalidOptionError("comparison", "what compare() returned", comparison);
  }
  validateStrictOptions(options, { width: optional(integerAtLeast(40)) }, "formatComparison");
  const tolerances = comparison.tolerances;
  const smallest = Math.min(...tolerances);
  const smallestIndex = tolerances.indexOf(smallest);
  const headers = [
    "method",
    ...tolerances.map((tolerance) => `it<=${formatTolerance(tolerance)}`),
    `ms<=${formatTolerance(smallest)}`,
    "iters",
    "final error",
    "rate",
    "order",
    "ms/iter",
    "stop",
  ];
  const rows = comparison.rows.map((row) => [
    row.label,
    ...row.iterationsTo.map((value, t) => reachedCell(value, row.reachedBy[t] ?? 0, row.seeds)),
    optionalNumber(row.timeToMs[smallestIndex]),
    withSpread(row, "iterations"),
    withSpread(row, "finalError"),
    optionalNumber(row.rate),
    row.order === undefined ? "-" : row.order.toFixed(3),
    optionalNumber(row.timePerIterationMs),
    row.stopReason.kind,
  ]);
  const right = headers.map((_, column) => column > 0 && column < headers.length - 1);
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((cells) => (cells[column] ?? "").length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (right[column] ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0)))
      .join("  ")
      .trimEnd();
  const lines = [
    `error: ${comparison.errorName}`,
    line(headers),
    line(widths.map((width) => "-".repeat(width))),
    ...rows.map(line),
  ];
  const notes = comparisonNotes(comparison);
  const width = (options.width ?? 100) - 2;
  if (notes.length > 0) lines.push("notes:", ...notes.flatMap((note) => wrap(note, width).map((text) => `  ${text}`)));
  return lines.join("\n");
}

/** Tolerances as written: `0.01`, `1e-4`, `2.5e-7`. */
export function formatTolerance(tolerance: number): string {
  return tolerance >= 1e-3 && tolerance < 1e5 ? String(tolerance) : tolerance.toExponential();
}

/**
 * A count as an exact number: integers in full (`19384`), a median or mean between two integers to one
 * decimal (`12.5`).
 *
 * @param value - The count.
 * @returns The text.
 */
export function formatCount(value: number): string {
  return Number.isInteger(value) || !Number.isFinite(value) ? String(value) : String(Math.round(value * 10) / 10);
}

/** An iterations-to-tolerance cell: the count, and `(r/n)` when only r of n seeds reached it. */
export function reachedCell(value: number | undefined, reachedBy: number, seeds: number): string {
  const count = value === undefined ? "-" : formatCount(value);
  return seeds > 1 && reachedBy < seeds ? `${count} (${reachedBy}/${seeds})` : count;
}

function optionalNumber(value: number | undefined): string {
  return value === undefined ? "-" : formatNumber(value);
}

function withSpread(row: ComparisonRow, field: "iterations" | "finalError"): string {
  const spread = row.spread?.[field];
  const format = field === "iterations" ? formatCount : formatNumber;
  return spread === undefined ? format(row[field]) : `${format(spread.mean)} ± ${formatNumber(spread.sd)}`;
}

/** Splits text at spaces into lines of at most `width` characters (a longer word gets a line of its own). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = "";
  for (const word of text.split(" ")) {
    if (current.length > 0 && current.length + 1 + word.length > width) {
      lines.push(current);
      current = `  ${word}`;
    } else {
      current = current.length === 0 ? word : `${current} ${word}`;
    }
  }
  if (current.length > 0) lines.push(current);
  return lines;
}

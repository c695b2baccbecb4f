import { formatNumber } from "../format-number.js";
import type { Comparison, ComparisonRow } from "./types.js";

/**
 * A comparison as a plain-text table for the terminal: per method the iterations to each tolerance, the
 * time to the smallest, the iterations run, the final error, the rate rho and order q, the time per
 * iteration and the stop reason.
 *
 * ```text
 * error: |x - x*|
 * method  it<=0.01  it<=1e-4  it<=1e-6  it<=1e-8  ms<=1e-8  iters  final error  rate     order  ms/iter  stop
 * ------  --------  --------  --------  --------  --------  -----  -----------  -------  -----  -------  ---------
 * Newton         1         2         3         3     0.021      5            0  1.4e-6   2.003    0.005  converged
 * ```
 *
 * @remarks A tolerance never reached shows `-`. With several seeds, iterations and final error read
 * `mean ± sd`, and a footnote gives the number of seeds.
 * @param comparison - What {@link compare} returned.
 * @returns The lines, joined with newlines (no trailing newline).
 */
export function formatComparison(comparison: Comparison): string {
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
    ...row.iterationsTo.map((value) => (value === undefined ? "-" : String(value))),
    optionalNumber(row.timeToMs[smallestIndex]),
    withSpread(row.iterations, row, "iterations"),
    withSpread(row.finalError, row, "finalError"),
    optionalNumber(row.rate),
    row.order === undefined ? "-" : row.order.toFixed(3),
    optionalNumber(row.timePerIterationMs),
    row.stopReason.kind,
  ]);
  const right = headers.map((_, column) => column > 0 && column < headers.length - 1);
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((cells) => (cells[column] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (right[column] ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0)))
      .join("  ")
      .trimEnd();
  const lines = [`error: ${comparison.errorName}`, line(headers), line(widths.map((width) => "-".repeat(width))), ...rows.map(line)];
  if (comparison.seeds.length > 1) lines.push(`(means over ${comparison.seeds.length} seeds; ± is the standard deviation)`);
  return lines.join("\n");
}

/** Tolerances as written: `0.01`, `1e-4`, `2.5e-7`. */
export function formatTolerance(tolerance: number): string {
  return tolerance >= 1e-3 && tolerance < 1e5 ? String(tolerance) : tolerance.toExponential();
}

function optionalNumber(value: number | undefined): string {
  return value === undefined ? "-" : formatNumber(value);
}

function withSpread(value: number, row: ComparisonRow, field: "iterations" | "finalError"): string {
  const spread = row.spread?.[field];
  return spread === undefined ? formatNumber(value) : `${formatNumber(spread.mean)} ± ${formatNumber(spread.sd)}`;
}

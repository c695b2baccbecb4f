import { formatTolerance } from "./format-comparison.js";
import { formatNumber } from "../engine/format-number.js";
import type { Comparison, ComparisonRow } from "./types.js";

/**
 * The notes under a comparison's table, as sentences: why each `-` rate or order is missing, which runs
 * stopped `converged` on their own test above a tolerance they never reached, how cells with several seeds
 * are read, where the tolerances came from, and whether the times include compilation.
 *
 * @param comparison - What {@link compare} returned.
 * @returns The notes, one sentence each (none for a table that needs none).
 * @example
 * ```ts
 * comparisonNotes(comparison); // ["order of SOR: the error does not decrease at every one of the last 3 steps", ...]
 * ```
 */
export function comparisonNotes(comparison: Comparison): string[] {
  const notes: string[] = [];
  for (const row of comparison.rows) {
    const { rateFit, orderFit } = row;
    if (row.rate === undefined && rateFit.reason !== undefined) notes.push(`rate of ${row.label}: ${rateFit.reason}`);
    if (row.order === undefined && orderFit.reason !== undefined) {
      notes.push(`order of ${row.label}: ${orderFit.reason}`);
    }
  }
  for (const row of comparison.rows) {
    const note = convergedAboveNote(row, comparison.tolerances);
    if (note !== undefined) notes.push(note);
  }
  const seeds = comparison.seeds.length;
  if (seeds > 1) {
    notes.push(
      `${seeds} seeds: iterations and ms to a tolerance are medians over the seeds that reached it, ` +
        `with (r/${seeds}) ` +
        `when only r did; rate and order are medians over the seeds whose fit is trusted; iters and final error ` +
        `are mean ± standard deviation`,
    );
  }
  if (comparison.tolerancesFrom === "errors") {
    const listed = comparison.tolerances.map(formatTolerance).join(", ");
    notes.push(
      `tolerances ${listed} chosen from the errors reached: from below the largest initial error to the ` +
        "smallest error most methods reached",
    );
  }
  notes.push(
    comparison.warmup === 0
      ? "times include one-off compilation (warmup: 0)"
      : `times after ${comparison.warmup} untimed warm-up run${comparison.warmup === 1 ? "" : "s"} per method`,
  );
  return notes;
}

/**
 * A note for a method whose runs stopped `converged` on the solver's own test (a stable policy, a small
 * step) while the comparison's error stayed above a tolerance: "converged" names that test, not the error.
 */
function convergedAboveNote(row: ComparisonRow, tolerances: readonly number[]): string | undefined {
  const short = row.runs.filter((run) => run.converged && run.iterationsTo.some((value) => value === undefined));
  const first = short[0];
  if (first === undefined) return undefined;
  const missed = tolerances.filter((_, t) => first.iterationsTo[t] === undefined);
  const tolerance = formatTolerance(Math.max(...missed));
  const test = first.stopReason.text.replace(/^converged: /, "").replace(/ \(met\)$/, "");
  const who =
    row.runs.length === 1 ? `${row.label} stopped` : `${row.label}: ${short.length} of ${row.runs.length} runs stopped`;
  return (
    `${who} converged on its own test (${test}) at an error of ${formatNumber(first.finalError)}` +
    `${row.runs.length === 1 ? "" : ` (seed ${String(first.seed)})`}, above the tolerance ${tolerance}, ` +
    "which it never reached: the test is met, not this error"
  );
}

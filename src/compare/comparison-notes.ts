import { formatTolerance } from "./format-comparison.js";
import type { Comparison } from "./types.js";

/**
 * The notes under a comparison's table, as sentences: why each `-` rate or order is missing, how cells
 * with several seeds are read, where the tolerances came from, and whether the times include compilation.
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

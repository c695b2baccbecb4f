import { formatCount, formatNumber } from "../../index.js";
import type { Comparison, ComparisonRow } from "../../index.js";

/**
 * Sentences about a comparison, each computed from its rows: the tour's and the report's text says only
 * what the results show.
 */

/** `a, b and c`. */
export function listing(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1) as string}`;
}

/** A tolerance as written in text: `1e-6`, `0.01`. */
function tolerance(value: number): string {
  return value >= 1e-3 && value < 1e5 ? String(value) : value.toExponential();
}

/**
 * Iterations each method took to reach a tolerance (the smallest unless `index` is given), or that it did
 * not: `To an error of 1e-6: Newton 21 iterations, BFGS 36, gradient descent 14446.`
 *
 * @param comparison - The comparison.
 * @param index - The tolerance's index.
 * @returns The sentence.
 */
export function reachSentence(
  comparison: Comparison,
  index = comparison.tolerances.indexOf(Math.min(...comparison.tolerances)),
): string {
  const smallest = comparison.tolerances[index] as number;
  const parts = comparison.rows.map((row, i) => {
    const value = row.iterationsTo[index];
    const reached = row.reachedBy[index] ?? 0;
    if (value === undefined) return `${row.label} never`;
    const some = ` (median of the ${reached} of ${row.seeds} seeds that did)`;
    const seeds = row.seeds === 1 ? "" : reached < row.seeds ? some : ` (median of ${row.seeds} seeds)`;
    const unit = i > 0 ? "" : value === 1 ? " iteration" : " iterations";
    return `${row.label} ${formatCount(value)}${unit}${seeds}`;
  });
  return `To an error of ${tolerance(smallest)}: ${parts.join(", ")}.`;
}

/**
 * The fitted rates, each beside its theoretical value when one is given, or why a method has none.
 *
 * @param comparison - The comparison.
 * @param theory - Per method label, the rate theory predicts and its name.
 * @returns The sentence.
 */
export function rateSentence(
  comparison: Comparison,
  theory: Readonly<Record<string, { name: string; rate: number }>> = {},
): string {
  const parts = comparison.rows.map((row) => {
    const expected = theory[row.label];
    const beside = expected === undefined ? "" : ` (theory: ${expected.name} = ${expected.rate.toFixed(4)})`;
    const value = row.rate === undefined ? "none trusted" : row.rate.toFixed(4);
    return `${row.label} ${value}${beside}`;
  });
  return `Fitted rates rho: ${parts.join(", ")}.`;
}

/**
 * The fitted orders, or that a method has no trusted one.
 *
 * @param comparison - The comparison.
 * @returns The sentence.
 */
export function orderSentence(comparison: Comparison): string {
  const parts = comparison.rows.map((row) => {
    const value = row.order === undefined ? "none trusted" : row.order.toFixed(2);
    return `${row.label} ${value}`;
  });
  return `Fitted orders q: ${parts.join(", ")}.`;
}

/**
 * How many of each method's seeds ended with an error above `threshold` (a poor local minimum), and whether
 * one method did so more often, less often or as often as another, as the counts say.
 *
 * @param comparison - The comparison (several seeds).
 * @param threshold - The final error above which a run counts as poor.
 * @param what - What the error is, for the sentence (e.g. `the best inertia`).
 * @returns The sentences.
 */
export function poorRunsSentence(comparison: Comparison, threshold: number, what: string): string {
  const counts = comparison.rows.map((row) => poorRuns(row, threshold));
  const parts = comparison.rows.map((row, i) => `${row.label} in ${counts[i] ?? 0} of ${row.seeds}`);
  const sentence = `Runs that ended more than ${formatNumber(threshold * 100)}% above ${what}: ${listing(parts)}.`;
  if (comparison.rows.length !== 2) return sentence;
  const [first, second] = comparison.rows as [ComparisonRow, ComparisonRow];
  const [a, b] = counts as [number, number];
  const verdict =
    a === b
      ? `${first.label} and ${second.label} ended in a poor minimum equally often over these ${first.seeds} seeds`
      : `${a < b ? second.label : first.label} ended in a poor minimum more often over these seeds`;
  return `${sentence} ${verdict}.`;
}

function poorRuns(row: ComparisonRow, threshold: number): number {
  return row.runs.filter((run) => run.finalError > threshold).length;
}

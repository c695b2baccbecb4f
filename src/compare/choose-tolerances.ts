import type { ComparisonSeries } from "./comparison.js";

/** The most tolerance columns chosen. */
const maxColumns = 4;

/** The tolerances used when no run has a positive, finite error to choose from. */
const fallback: readonly number[] = [1e-2, 1e-4, 1e-6, 1e-8];

/**
 * Chooses a comparison's tolerances from the errors its runs reached, so that the columns are reached by
 * most methods instead of lying below where the solvers stop.
 *
 * @remarks The top is the power of ten just below the largest initial error; the bottom is the power of
 * ten at or above the smallest error that more than half of the methods reached (each method's smallest
 * error, the median over its seeds), and never below ten times the rounding floor. Up to four powers of
 * ten between them, evenly spaced in the exponent, largest first.
 * @param curves - Per method, its runs' error curves.
 * @param floor - The largest rounding floor of the runs.
 * @returns The tolerances, largest first.
 */
export function chooseTolerances(curves: readonly (readonly ComparisonSeries[])[], floor: number): number[] {
  let initial = 0;
  for (const curve of curves.flat()) {
    const first = curve.error.find((error) => Number.isFinite(error));
    if (first !== undefined) initial = Math.max(initial, first);
  }
  const bests = curves
    .map((runs) => middle(runs.map((curve) => Math.min(...curve.error.filter((error) => Number.isFinite(error))))))
    .filter((best) => Number.isFinite(best))
    .sort((a, b) => a - b);
  const reachedByMost = bests[bests.length >> 1];
  if (!(initial > 0) || reachedByMost === undefined) return [...fallback];
  const bottom = Math.max(reachedByMost, 10 * floor);
  const high = Math.ceil(Math.log10(initial)) - 1;
  const low = bottom > 0 ? Math.max(Math.ceil(Math.log10(bottom)), high - 40) : high - 8;
  if (low >= high) return [power(high)];
  const columns = Math.min(maxColumns, high - low + 1);
  const exponents = new Set<number>();
  for (let i = 0; i < columns; i++) exponents.add(high - Math.round((i * (high - low)) / (columns - 1)));
  return [...exponents].map(power);
}

/** `10^exponent`, exactly as written (`1e-5`), unlike `10 ** -5`. */
function power(exponent: number): number {
  return Number(`1e${exponent}`);
}

/** The upper median: the value at or below which more than half of the values lie. */
function middle(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1] ?? NaN;
}

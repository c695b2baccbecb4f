import type { ComparisonSeries } from "../compare/types.js";
import { InvalidOptionError } from "../engine/errors.js";
import { anyValue, numberAbove, optional, validateStrictOptions } from "../engine/validate.js";
import type { ChartPoint } from "./chart-spec.js";
import type { TheoryLine } from "./types.js";

/** Points drawn per theory line. */
const pointsPerLine = 60;

/**
 * Checks a chart's theory lines: an array of `{ label, rate, start? }` with a non-empty label, a rate in
 * (0, 1) and a positive start.
 *
 * @param lines - The `theory` option as given.
 * @returns The lines (an empty array when none were given).
 * @throws {@link InvalidOptionError} naming the line and the option.
 */
export function validateTheoryLines(lines: unknown): readonly TheoryLine[] {
  if (lines === undefined) return [];
  if (!Array.isArray(lines)) throw new InvalidOptionError("theory", "an array of { label, rate, start? }", lines);
  lines.forEach((line: unknown, index) => {
    const name = `theory[${index}]`;
    if (line === null || typeof line !== "object") {
      throw new InvalidOptionError(name, "an object { label, rate, start? }", line);
    }
    const schema = { label: anyValue, rate: rateRule, start: optional(numberAbove(0)) };
    validateStrictOptions(line, schema, "a theory line", `${name}.`);
    const label = (line as TheoryLine).label;
    if (typeof label !== "string" || label.length === 0) {
      throw new InvalidOptionError(`${name}.label`, "a non-empty string", label);
    }
  });
  return lines as readonly TheoryLine[];
}

const rateRule = {
  expected: "a number in (0, 1)",
  test: (value: unknown) => typeof value === "number" && value > 0 && value < 1,
};

/**
 * The points of each theory line `e_k = start * rate^k`: from iteration 0 to the longest run's last, evenly
 * spaced in `k` (in `log(1 + k)` on a symlog axis), ending where the line falls below the smallest error
 * plotted, so that it does not stretch the error axis.
 *
 * @param lines - The lines.
 * @param series - The comparison's curves (for the longest run and the largest initial error).
 * @param measured - The measured points plotted (for the smallest error shown).
 * @param symlog - Whether the x axis is symlog.
 * @returns The points, with `line: "theory"` and the line's label as the method.
 */
export function theoryPoints(
  lines: readonly TheoryLine[],
  series: readonly ComparisonSeries[],
  measured: readonly ChartPoint[],
  symlog: boolean,
): ChartPoint[] {
  if (lines.length === 0 || measured.length === 0) return [];
  let last = 1;
  let initial = 0;
  for (const curve of series) {
    last = Math.max(last, curve.iteration.at(-1) ?? 0);
    const first = curve.error[0];
    if (first !== undefined && Number.isFinite(first)) initial = Math.max(initial, first);
  }
  let smallest = Infinity;
  for (const point of measured) smallest = Math.min(smallest, point.error);
  const result: ChartPoint[] = [];
  for (const line of lines) {
    const start = line.start ?? initial;
    if (!(start > 0)) continue;
    let previous = -1;
    for (let i = 0; i < pointsPerLine; i++) {
      const along = i / (pointsPerLine - 1);
      const iteration = Math.round(symlog ? Math.expm1(along * Math.log1p(last)) : along * last);
      if (iteration === previous) continue;
      previous = iteration;
      const error = start * line.rate ** iteration;
      if (error < smallest) {
        // The line ends where it reaches the smallest error shown: k = log(smallest / start) / log(rate).
        const end = Math.log(smallest / start) / Math.log(line.rate);
        if (end > 0) result.push({ method: line.label, line: "theory", seed: 0, iteration: end, error: smallest });
        break;
      }
      result.push({ method: line.label, line: "theory", seed: 0, iteration, error });
    }
  }
  return result;
}

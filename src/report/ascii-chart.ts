import { createRequire } from "node:module";
import type { Comparison } from "../compare/types.js";
import { InvalidOptionError } from "../errors.js";
import { formatNumber } from "../format-number.js";
import { integerAtLeast, isBoolean, optional, validateOptions } from "../validate.js";
import type { AsciiChartOptions } from "./types.js";

/** The part of the `asciichart` package used here (it ships no types). */
interface AsciiChartModule {
  plot(series: number[][], config: { height: number; format: (value: number) => string; colors?: string[]; symbols?: string[] }): string;
}

const asciichart = createRequire(import.meta.url)("asciichart") as AsciiChartModule;

/** The line marker of each method without colours, and the ANSI colour of each with them. */
const markers = ["*", "o", "+", "x", "#", "@", "%", "="];
const ansiColors = ["\x1b[34m", "\x1b[31m", "\x1b[32m", "\x1b[33m", "\x1b[35m", "\x1b[36m", "\x1b[90m", "\x1b[91m"];
const reset = "\x1b[0m";

/**
 * A comparison as a terminal chart: `log10` of the error against the iteration, one line per method (the
 * first seed's run), drawn with the asciichart package, and a legend.
 *
 * @remarks The iterations from 0 to the longest run are sampled at `width` evenly spaced columns; a run
 * that stopped earlier ends where it stopped. Errors of 0 are drawn at the smallest positive error shown, infinite ones at the largest.
 * Without colours each method's line is drawn with its own marker (`*`, `o`, `+`, ...), named in the
 * legend; with colours, with asciichart's box-drawing lines in the method's colour.
 * @param comparison - What {@link compare} returned.
 * @param options - Size and colours.
 * @returns The chart, a line for the axis and the legend, joined with newlines.
 * @throws {@link InvalidOptionError} when a size is out of range.
 * @example
 * ```ts
 * console.log(asciiChart(comparison, { width: 60, height: 12 }));
 * ```
 */
export function asciiChart(comparison: Comparison, options: AsciiChartOptions = {}): string {
  if (options === null || typeof options !== "object") throw new InvalidOptionError("options", "an object", options);
  validateOptions(options, { width: optional(integerAtLeast(10)), height: optional(integerAtLeast(4)), colors: optional(isBoolean) });
  const width = options.width ?? 60;
  const height = options.height ?? 12;
  const curves = comparison.rows.map((row) => comparison.series.find((curve) => curve.label === row.label));
  const lastIteration = Math.max(1, ...curves.map((curve) => curve?.iteration.at(-1) ?? 0));
  let smallest = Infinity;
  let largest = 0;
  for (const curve of curves) {
    for (const error of curve?.error ?? []) {
      if (!(error > 0 && Number.isFinite(error))) continue;
      smallest = Math.min(smallest, error);
      largest = Math.max(largest, error);
    }
  }
  const range = largest === 0 ? { lowest: 0, highest: 0 } : { lowest: Math.log10(smallest), highest: Math.log10(largest) };
  const sampled = curves.map((curve) => {
    const values: number[] = [];
    if (curve === undefined) return values;
    let at = 0;
    for (let column = 0; column < width; column++) {
      const iteration = (column * lastIteration) / (width - 1);
      if (iteration > (curve.iteration.at(-1) ?? 0) + 1e-9) break;
      while (at + 1 < curve.iteration.length && (curve.iteration[at + 1] as number) <= iteration + 1e-9) at++;
      values.push(logError(curve.error[at] as number, range));
    }
    // A run that ends between two columns gets one more column for its last error.
    if (at + 1 < curve.error.length) values.push(logError(curve.error.at(-1) as number, range));
    return values;
  });
  const drawn = sampled.filter((values) => values.length > 0);
  if (drawn.length === 0) return `log10 ${comparison.errorName}: nothing to draw`;
  const format = (value: number) => value.toFixed(1).padStart(7);
  const colors = options.colors ?? false;
  const plot = colors
    ? asciichart.plot(drawn, {
        height,
        format,
        colors: sampled.flatMap((values, i) => (values.length > 0 ? [ansiColors[i % ansiColors.length] as string] : [])),
      })
    : overlay(sampled, height, format);
  const axis = `${" ".repeat(8)}0${`iteration ${formatNumber(lastIteration)}`.padStart(width - 1)}`;
  const legend = comparison.rows.map((row, i) => {
    const key = colors ? `${ansiColors[i % ansiColors.length] as string}──${reset}` : (markers[i % markers.length] as string).repeat(2);
    return `${key} ${row.label}`;
  });
  return [`log10 ${comparison.errorName}`, plot, axis, `legend: ${legend.join("   ")}`].join("\n");
}

/** `log10` of an error, with 0 drawn at the lowest level shown and infinity at the highest. */
function logError(error: number, range: { readonly lowest: number; readonly highest: number }): number {
  if (!Number.isFinite(error)) return range.highest;
  return error > 0 ? Math.log10(error) : range.lowest;
}

/**
 * Draws each curve with its own marker on one grid: asciichart plots them one at a time on the same scale
 * (the first with its axis), and the grids are merged, later methods on top.
 */
function overlay(sampled: readonly number[][], height: number, format: (value: number) => string): string {
  const all = sampled.flat(); // at most width values per curve
  const min = Math.min(...all);
  const max = Math.max(...all);
  let merged: string[][] | undefined;
  sampled.forEach((values, i) => {
    if (values.length === 0) return;
    const marker = markers[i % markers.length] as string;
    const symbols = ["┼", "┤", marker, marker, marker, marker, marker, marker, marker, marker];
    const lines = asciichart.plot([values], { height, format, symbols, min, max } as Parameters<AsciiChartModule["plot"]>[1]).split("\n");
    const grid = lines.map((line) => [...line]);
    if (merged === undefined) {
      merged = grid;
      return;
    }
    grid.forEach((row, r) => {
      row.forEach((char, c) => {
        const target = merged?.[r];
        if (target !== undefined && char === marker && c >= 9) target[c] = char;
      });
    });
  });
  return (merged ?? []).map((row) => row.join("").trimEnd()).join("\n");
}

import { createRequire } from "node:module";
import type { Comparison } from "../compare/types.js";
import { InvalidOptionError } from "../engine/errors.js";
import { formatCount } from "../compare/format-comparison.js";
import { integerAtLeast, isBoolean, optional, validateStrictOptions } from "../engine/validate.js";
import type { AsciiChartOptions } from "./types.js";

/** The part of the `asciichart` package used here (it ships no types). */
interface AsciiChartModule {
  plot(
    series: number[][],
    config: { height: number; format: (value: number) => string; colors?: string[]; symbols?: string[] },
  ): string;
}

const asciichart = createRequire(import.meta.url)("asciichart") as AsciiChartModule;

/** The line marker of each method without colours, and the ANSI colour of each with them. */
const markers = ["*", "o", "+", "x", "@", "%", "=", "~"];

/** The marker of a cell that several methods' lines pass through. */
const sharedMarker = "#";
const ansiColors = ["\x1b[34m", "\x1b[31m", "\x1b[32m", "\x1b[33m", "\x1b[35m", "\x1b[36m", "\x1b[90m", "\x1b[91m"];
const reset = "\x1b[0m";

/**
 * A comparison as a terminal chart: `log10` of the error against the iteration, one line per method (the
 * first seed's run), drawn with the asciichart package, and a legend.
 *
 * @remarks The iterations from 0 to the longest run are sampled at `width` evenly spaced columns (evenly
 * in `log(1 + iteration)`, a symlog axis, when the runs' lengths span more than two decades, so that a run
 * of 20 iterations beside one of 19,384 is not squeezed into the first column); a run that stopped earlier
 * ends where it stopped. Errors of 0 are drawn at the smallest positive error shown, infinite ones at the largest.
 * Without colours each method's line is drawn with its own marker (`*`, `o`, `+`, ...), named in the
 * legend, and a cell that several lines pass through is drawn `#`, so that no line hides under another; the
 * legend says which methods share cells, and which run entirely under others (identical curves). With
 * colours, the lines are asciichart's box-drawing lines in the method's colour, later methods on top.
 * @param comparison - What {@link compare} returned.
 * @param options - Size and colours.
 * @returns The chart, a line for the axis and the legend, joined with newlines.
 * @throws {@link InvalidOptionError} for an unknown option (with the closest valid name) or a size out of range.
 * @example
 * ```ts
 * console.log(asciiChart(comparison, { width: 60, height: 12 }));
 * ```
 */
export function asciiChart(comparison: Comparison, options: AsciiChartOptions = {}): string {
  if (options === null || typeof options !== "object") throw new InvalidOptionError("options", "an object", options);
  validateStrictOptions(
    options,
    { width: optional(integerAtLeast(10)), height: optional(integerAtLeast(4)), colors: optional(isBoolean) },
    "asciiChart",
  );
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
  const range =
    largest === 0 ? { lowest: 0, highest: 0 } : { lowest: Math.log10(smallest), highest: Math.log10(largest) };
  const ends = curves.map((curve) => curve?.iteration.at(-1) ?? 0);
  const symlog = lastIteration > logAxisSpan * Math.max(1, Math.min(...ends));
  const iterationAt = (column: number) =>
    symlog ? Math.expm1((column / (width - 1)) * Math.log1p(lastIteration)) : (column * lastIteration) / (width - 1);
  const sampled = curves.map((curve) => {
    const values: number[] = [];
    if (curve === undefined) return values;
    let at = 0;
    for (let column = 0; column < width; column++) {
      const iteration = iterationAt(column);
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
  const overlaid = colors ? undefined : overlay(sampled, height, format);
  const plot = colors
    ? asciichart.plot(drawn, {
        height,
        format,
        colors: sampled.flatMap((values, i) =>
          values.length > 0 ? [ansiColors[i % ansiColors.length] as string] : [],
        ),
      })
    : (overlaid?.text ?? "");
  const axis = symlog
    ? symlogAxis(lastIteration, width)
    : `${" ".repeat(8)}0${`iteration ${formatCount(lastIteration)}`.padStart(width - 1)}`;
  const legend = comparison.rows.map((row, i) => {
    const key = colors
      ? `${ansiColors[i % ansiColors.length] as string}──${reset}`
      : (markers[i % markers.length] as string).repeat(2);
    return `${key} ${row.label}`;
  });
  const lines = [`log10 ${comparison.errorName}`, plot, axis, `legend: ${legend.join("   ")}`];
  if (overlaid !== undefined)
    lines.push(
      ...overlapNotes(
        overlaid,
        comparison.rows.map((row) => row.label),
      ),
    );
  return lines.join("\n");
}

/** Run lengths spanning more than this factor (two decades) get a symlog iteration axis, as the charts do. */
const logAxisSpan = 100;

/**
 * The iteration axis of a symlog chart: 0, the powers of ten at their columns (where their labels fit), the
 * last iteration at the right end, and a line saying the scale.
 */
function symlogAxis(lastIteration: number, width: number): string {
  const column = (iteration: number) => Math.round((Math.log1p(iteration) / Math.log1p(lastIteration)) * (width - 1));
  const cells = [..." ".repeat(width)];
  const last = formatCount(lastIteration);
  const place = (text: string, start: number) => [...text].forEach((char, i) => (cells[start + i] = char));
  place(last, width - last.length);
  place("0", 0);
  let free = 2; // the first column after the last label placed, plus a space
  for (let power = 10; power < lastIteration; power *= 10) {
    const text = formatCount(power);
    const start = column(power) - Math.floor(text.length / 2);
    if (start < free || start + text.length + 1 > width - last.length) continue;
    place(text, start);
    free = start + text.length + 1;
  }
  return `${" ".repeat(8)}${cells.join("").trimEnd()}\n${" ".repeat(8)}${"iteration (symlog scale)".padStart(width)}`;
}

/** The legend's lines on shared cells: which methods meet, and which are drawn nowhere on their own. */
function overlapNotes(overlaid: Overlay, labels: readonly string[]): string[] {
  const notes: string[] = [];
  const sharing = labels.filter((_, i) => (overlaid.shared[i] ?? 0) > 0);
  if (sharing.length > 1) notes.push(`${sharedMarker.repeat(2)} cells where lines overlap (${sharing.join(", ")})`);
  labels.forEach((label, i) => {
    if ((overlaid.own[i] ?? 0) === 0 && (overlaid.shared[i] ?? 0) > 0) {
      notes.push(`${label} runs entirely under the ${sharedMarker} of others (the same curve at this resolution)`);
    }
  });
  return notes;
}

/** `log10` of an error, with 0 drawn at the lowest level shown and infinity at the highest. */
function logError(error: number, range: { readonly lowest: number; readonly highest: number }): number {
  if (!Number.isFinite(error)) return range.highest;
  return error > 0 ? Math.log10(error) : range.lowest;
}

/** A merged plot, and per method how many cells it has alone and how many it shares. */
interface Overlay {
  readonly text: string;
  readonly own: readonly number[];
  readonly shared: readonly number[];
}

/**
 * Draws each curve with its own marker on one grid: asciichart plots them one at a time on the same scale
 * (the first with its axis); a cell one curve passes through gets its marker, a cell several pass through
 * gets {@link sharedMarker}.
 */
function overlay(sampled: readonly number[][], height: number, format: (value: number) => string): Overlay {
  const all = sampled.flat(); // at most width values per curve
  const min = Math.min(...all);
  const max = Math.max(...all);
  let base: string[][] | undefined;
  const owners = new Map<string, number[]>();
  sampled.forEach((values, i) => {
    if (values.length === 0) return;
    const marker = markers[i % markers.length] as string;
    const symbols = ["┼", "┤", marker, marker, marker, marker, marker, marker, marker, marker];
    const lines = asciichart
      .plot([values], { height, format, symbols, min, max } as Parameters<AsciiChartModule["plot"]>[1])
      .split("\n");
    const grid = lines.map((line) => [...line]);
    base ??= grid.map((row) => row.map((char, c) => (c >= 9 && char === marker ? " " : char)));
    grid.forEach((row, r) => {
      row.forEach((char, c) => {
        if (char !== marker || c < 9) return;
        const key = `${r},${c}`;
        owners.set(key, [...(owners.get(key) ?? []), i]);
      });
    });
  });
  const own = sampled.map(() => 0);
  const shared = sampled.map(() => 0);
  for (const [key, methods] of owners) {
    const [r, c] = key.split(",").map(Number) as [number, number];
    const row = base?.[r];
    if (row === undefined) continue;
    while (row.length <= c) row.push(" ");
    if (methods.length === 1) {
      row[c] = markers[(methods[0] as number) % markers.length] as string;
      own[methods[0] as number] = (own[methods[0] as number] ?? 0) + 1;
    } else {
      row[c] = sharedMarker;
      for (const method of methods) shared[method] = (shared[method] ?? 0) + 1;
    }
  }
  return { text: (base ?? []).map((row) => row.join("").trimEnd()).join("\n"), own, shared };
}

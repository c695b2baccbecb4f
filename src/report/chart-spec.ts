import type { TopLevelSpec } from "vega-lite";
import type { ChartSpec } from "./types.js";
import type { Comparison, ComparisonSeries } from "../compare/comparison.js";
import { InvalidOptionError } from "../engine/errors.js";
import { anyValue, integerAtLeast, oneOf, optional, validateStrictOptions } from "../engine/validate.js";
import { theoryPoints, validateTheoryLines } from "./theory-lines.js";
import type { ChartSpecOptions } from "./types.js";

/** Points kept per curve: more than a chart's width in pixels shows nothing more and slows rendering. */
const maxPointsPerCurve = 400;

/** Vertical pixels per labelled decade at least: closer labels overlap. */
const pixelsPerDecade = 24;

/** The font of every chart: DejaVu Sans is what the PNG renderer finds on Debian; browsers fall back. */
export const chartFont = "DejaVu Sans, Helvetica, Arial, sans-serif";

/** Counts spanning more than this factor (two decades) get a symlog x axis when `xScale` is `"auto"`. */
const logAxisSpan = 100;

/**
 * A vega-lite chart of a comparison: the error on a log scale against the iteration, the time or the
 * comparison's cost, one line per method (and seed), coloured by method, with optional dashed theory lines.
 *
 * @remarks The x scale is `symlog` (linear near 0, logarithmic beyond) when the runs' lengths span more
 * than two decades (20 Newton iterations beside 19,384 of gradient descent), else linear; `xScale` forces
 * one. Theory lines `e_k = start * rate^k` (e.g. `rho_J^k`, `rho_J^(2k)`, `(omega - 1)^k`) are drawn dashed
 * on the iteration axis, from the largest initial error unless `start` is given, down to the smallest
 * error plotted. Errors of exactly 0 (and non-finite ones) cannot be drawn on a log scale and are left out.
 * Curves longer than 400 points are thinned to 400, evenly spaced along the x axis (in `log(1 + x)` on a
 * symlog axis), first and last point kept: a chart is a few hundred pixels wide, and a long linear run
 * would otherwise weigh hundreds of kilobytes in an SVG. Only the plotted points are thinned; the
 * comparison's rows are computed from every error. The error axis is labelled at powers of ten (every
 * few when they would crowd), so that a log axis over many decades does not draw a tick and a grid line
 * at every 2e-k ... 9e-k. Render the spec with
 * {@link renderChartSvg} or {@link renderChartPng}, or embed it in a page with vega-embed.
 * @param comparison - What {@link iterlab!compare} returned.
 * @param options - The x axis, title and size.
 * @returns The vega-lite specification (plain data).
 * @throws {@link iterlab!InvalidOptionError} for an unknown option, an `x` other than `"iteration"`, `"time"` or
 *   `"cost"` (`"cost"` only when the comparison recorded one), a size out of range or a bad theory line.
 * @example
 * ```ts
 * const svg = await renderChartSvg(comparisonChartSpec(comparison, { x: "iteration" }));
 * ```
 */
export function comparisonChartSpec(comparison: Comparison, options: ChartSpecOptions): ChartSpec {
  if (options === null || typeof options !== "object")
    throw new InvalidOptionError("options", "an object { x, title? }", options);
  validateStrictOptions(
    options,
    {
      x: oneOf(["iteration", "time", "cost"]),
      title: anyValue,
      xScale: optional(oneOf(["auto", "linear", "symlog"])),
      width: optional(integerAtLeast(50)),
      height: optional(integerAtLeast(50)),
      theory: anyValue,
    },
    "comparisonChartSpec",
  );
  const hasCost = comparison.series.length > 0 && comparison.series.every((curve) => curve.cost !== undefined);
  if (options.x === "cost" && !hasCost) {
    const expected = '"iteration" or "time" (this comparison recorded no cost: pass compare\'s cost)';
    throw new InvalidOptionError("x", expected, options.x);
  }
  const theory = validateTheoryLines(options.theory);
  const xField = options.x === "iteration" ? "iteration" : options.x === "time" ? "timeMs" : "cost";
  const chosen = options.xScale ?? "auto";
  const xScale = chosen === "auto" ? autoScale(comparison.series, xField) : chosen;
  const symlog = xScale === "symlog";
  const height = options.height ?? 300;
  const measured = comparison.series.flatMap((curve) => points(curve, xField, symlog));
  const lines = options.x === "iteration" ? theoryPoints(theory, comparison.series, measured, symlog) : [];
  const values = [...measured, ...lines];
  const theoryLabels = lines.length > 0 ? theory.map((line) => line.label) : [];
  const labels = [...comparison.rows.map((row) => row.label), ...theoryLabels];
  const severalSeeds = comparison.seeds.length > 1;
  const xTitle =
    options.x === "iteration" ? "iteration" : options.x === "time" ? "time (ms)" : (comparison.costName ?? "cost");
  return {
    ...(options.title === undefined ? {} : { title: options.title }),
    width: options.width ?? 480,
    height,
    background: "white",
    config: {
      font: chartFont,
      axis: { labelFontSize: 11, titleFontSize: 12, gridColor: "#ececec" },
      legend: { labelFontSize: 11, titleFontSize: 12, labelLimit: 320 },
    },
    data: { values },
    mark: { type: "line", strokeWidth: 2 },
    encoding: {
      x: {
        field: xField,
        type: "quantitative",
        title: xScale === "symlog" ? `${xTitle} (symlog scale)` : xTitle,
        scale: { type: xScale },
        axis: symlog
          ? { values: symlogTicks(values, xField, options.width ?? 480), format: options.x === "time" ? "~g" : "d" }
          : options.x === "time"
            ? {}
            : { tickMinStep: 1, format: "d" },
      },
      y: {
        field: "error",
        type: "quantitative",
        scale: { type: "log" },
        title: `error: ${comparison.errorName}`,
        axis: { values: logTicks(values, height), format: ".0e" },
      },
      color: { field: "method", type: "nominal", title: "method", sort: labels, scale: { domain: labels } },
      ...(lines.length > 0
        ? {
            strokeDash: {
              field: "line",
              type: "nominal",
              title: "line",
              scale: {
                domain: ["measured", "theory"],
                range: [
                  [1, 0],
                  [6, 4],
                ],
              },
            },
          }
        : {}),
      ...(severalSeeds ? { detail: { field: "seed", type: "nominal" } } : {}),
      order: { field: "iteration", type: "quantitative" },
    },
  } satisfies TopLevelSpec;
}

/**
 * `symlog` when the runs' last x values span more than {@link logAxisSpan} (the shortest counted as at least
 * 1), else `linear`.
 */
function autoScale(series: readonly ComparisonSeries[], field: "iteration" | "timeMs" | "cost"): "linear" | "symlog" {
  const xs = (curve: ComparisonSeries) =>
    field === "cost" ? curve.cost : field === "iteration" ? curve.iteration : curve.timeMs;
  const ends = series.map((curve) => xs(curve)?.at(-1) ?? 0);
  if (ends.length === 0) return "linear";
  const unit = field === "timeMs" ? 0.01 : 1;
  const shortest = Math.max(unit, Math.min(...ends));
  return Math.max(...ends) > logAxisSpan * shortest ? "symlog" : "linear";
}

/**
 * Ticks among 0, 1, 2, 5, 10, 20, 50, ... (from 0.1 for times) up to the largest value, as many as fit
 * `width` pixels without their labels touching: 0 and powers of ten first (the largest first), then 5s, then
 * 2s. vega's own ticks are sparse on symlog, and when labels crowd it hides some (the 10000 under a
 * chart's right end), so every tick given here is one whose label shows.
 */
function symlogTicks(values: readonly ChartPoint[], field: "iteration" | "timeMs" | "cost", width: number): number[] {
  let largest = 0;
  for (const point of values) largest = Math.max(largest, point[field] ?? 0);
  const candidates = [0];
  for (let decade = field === "timeMs" ? 0.1 : 1; decade <= largest; decade *= 10) {
    for (const multiple of [1, 2, 5]) {
      if (multiple * decade <= largest) candidates.push(Number((multiple * decade).toPrecision(1)));
    }
  }
  const position = (tick: number) => (largest > 0 ? (width * Math.log1p(tick)) / Math.log1p(largest) : 0);
  const labelWidth = (tick: number) => String(tick).length * labelCharacterWidth;
  const leading = (tick: number) => Number(String(tick).replace(/[0.]/g, "") || "1");
  const rank = (tick: number) => (tick === 0 || leading(tick) === 1 ? 0 : leading(tick) === 5 ? 1 : 2);
  const ordered = [...candidates].sort((a, b) => rank(a) - rank(b) || b - a);
  const kept: number[] = [];
  for (const tick of ordered) {
    const clear = kept.every(
      (other) => Math.abs(position(tick) - position(other)) >= (labelWidth(tick) + labelWidth(other)) / 2 + labelGap,
    );
    if (clear) kept.push(tick);
  }
  return kept.sort((a, b) => a - b);
}

/** A generous width of one digit of an axis label at the charts' 11 px font, in pixels. */
const labelCharacterWidth = 7.5;

/** The least space between two axis labels, in pixels. */
const labelGap = 8;

/** One plotted point: of a measured curve, or of a theory line (`line: "theory"`, no time). */
export interface ChartPoint {
  readonly method: string;
  readonly line: "measured" | "theory";
  readonly seed: number;
  readonly iteration: number;
  readonly timeMs?: number | undefined;
  readonly cost?: number | undefined;
  readonly error: number;
}

/**
 * Powers of ten from the decade below the smallest error to the decade above the largest (where vega's
 * log scale ends), every few so that labels are at least `pixelsPerDecade` apart; with less than two
 * decades, 2 and 5 times them too.
 */
function logTicks(values: readonly ChartPoint[], height: number): number[] {
  let smallest = Infinity;
  let largest = 0;
  for (const point of values) {
    smallest = Math.min(smallest, point.error);
    largest = Math.max(largest, point.error);
  }
  if (!(largest > 0)) return [];
  const low = Math.floor(Math.log10(smallest));
  const high = Math.ceil(Math.log10(largest));
  const decades = Math.max(1, high - low);
  const step = Math.max(1, Math.ceil((decades * pixelsPerDecade) / height));
  const multiples = decades < 2 ? [1, 2, 5] : [1];
  const ticks: number[] = [];
  for (let exponent = high; exponent >= low; exponent -= step) {
    for (const multiple of multiples) {
      const tick = Number(`${multiple}e${exponent}`); // exact, unlike multiple * 10 ** exponent
      if (exponent < high || multiple === 1) ticks.push(tick); // the axis ends at 10^high
    }
  }
  return ticks.sort((a, b) => a - b);
}

/**
 * The curve's drawable points, at most `maxPointsPerCurve`: the first, the last, and between them the first
 * point at or past each of evenly spaced positions along the x axis (in `log(1 + x)` on a symlog axis).
 */
function points(curve: ComparisonSeries, xField: "iteration" | "timeMs" | "cost", symlog: boolean): ChartPoint[] {
  const count = curve.error.length;
  const kept: ChartPoint[] = [];
  const keep = (i: number) => {
    const error = curve.error[i] as number;
    if (!(error > 0) || !Number.isFinite(error)) return;
    const cost = curve.cost?.[i];
    const iteration = curve.iteration[i] as number;
    const point = { method: curve.label, line: "measured" as const, seed: curve.seed, iteration };
    kept.push({ ...point, timeMs: curve.timeMs[i] as number, ...(cost === undefined ? {} : { cost }), error });
  };
  if (count <= maxPointsPerCurve) {
    for (let i = 0; i < count; i++) keep(i);
    return kept;
  }
  const xs =
    xField === "iteration" ? curve.iteration : xField === "timeMs" ? curve.timeMs : (curve.cost ?? curve.timeMs);
  const along = (i: number) => (symlog ? Math.log1p(Math.max(0, xs[i] as number)) : (xs[i] as number));
  // Times can all be 0 on a coarse clock: then the points are spaced evenly by index.
  const advances = along(count - 1) - along(0) > 0;
  const position = advances ? along : (i: number) => i;
  const first = position(0);
  const spacing = (position(count - 1) - first) / (maxPointsPerCurve - 1);
  // Slot s sits at first + s * spacing; the last point takes the last slot, every other kept point one.
  let slot = 0;
  for (let i = 0; i < count; i++) {
    if (i !== count - 1 && (slot > maxPointsPerCurve - 2 || position(i) < first + slot * spacing)) continue;
    keep(i);
    while (slot < maxPointsPerCurve && first + slot * spacing <= position(i)) slot++; // the same test as above
  }
  return kept;
}

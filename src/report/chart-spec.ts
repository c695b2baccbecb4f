import type { TopLevelSpec } from "vega-lite";
import type { Comparison, ComparisonSeries } from "../compare/types.js";
import { InvalidOptionError } from "../errors.js";
import { integerAtLeast, oneOf, optional, validateOptions } from "../validate.js";
import type { ChartSpecOptions } from "./types.js";

/** Points kept per curve: more than a chart's width in pixels shows nothing more and slows rendering. */
const maxPointsPerCurve = 400;

/** Vertical pixels per labelled decade at least: closer labels overlap. */
const pixelsPerDecade = 24;

/** The font of every chart: DejaVu Sans is what the PNG renderer finds on Debian; browsers fall back. */
export const chartFont = "DejaVu Sans, Helvetica, Arial, sans-serif";

/**
 * A vega-lite chart of a comparison: the error on a log scale against the iteration or the time, one line
 * per method (and seed), coloured by method.
 *
 * @remarks Errors of exactly 0 (and non-finite ones) cannot be drawn on a log scale and are left out.
 * Curves longer than 400 points are thinned to 400, evenly spaced along the x axis (in `log(1 + x)` on a
 * symlog axis), first and last point kept: a chart is a few hundred pixels wide, and a long linear run
 * would otherwise weigh hundreds of kilobytes in an SVG. Only the plotted points are thinned; the
 * comparison's rows are computed from every error. The error axis is labelled at powers of ten (every
 * few when they would crowd), so that a log axis over many decades does not draw a tick and a grid line
 * at every 2e-k ... 9e-k. Render the spec with
 * {@link renderChartSvg} or {@link renderChartPng}, or embed it in a page with vega-embed.
 * @param comparison - What {@link compare} returned.
 * @param options - The x axis, title and size.
 * @returns The vega-lite specification (plain data).
 * @throws {@link InvalidOptionError} when `x` is not `"iteration"` or `"time"`, or a size is out of range.
 * @example
 * ```ts
 * const svg = await renderChartSvg(comparisonChartSpec(comparison, { x: "iteration" }));
 * ```
 */
export function comparisonChartSpec(comparison: Comparison, options: ChartSpecOptions): TopLevelSpec {
  if (options === null || typeof options !== "object") throw new InvalidOptionError("options", "an object { x, title? }", options);
  validateOptions(options, {
    x: oneOf(["iteration", "time"]),
    xScale: optional(oneOf(["linear", "symlog"])),
    width: optional(integerAtLeast(50)), height: optional(integerAtLeast(50)),
  });
  const xField = options.x === "iteration" ? "iteration" : "timeMs";
  const labels = comparison.rows.map((row) => row.label);
  const height = options.height ?? 300;
  const values = comparison.series.flatMap((curve) => points(curve, xField, options.xScale === "symlog"));
  const severalSeeds = comparison.seeds.length > 1;
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
        title: options.x === "iteration" ? "iteration" : "time (ms)",
        scale: { type: options.xScale ?? "linear" },
        axis:
          options.xScale === "symlog"
            ? { values: symlogTicks(values, xField), format: options.x === "iteration" ? "d" : "~g" }
            : options.x === "iteration"
              ? { tickMinStep: 1, format: "d" }
              : {},
      },
      y: {
        field: "error",
        type: "quantitative",
        scale: { type: "log" },
        title: `error: ${comparison.errorName}`,
        axis: { values: logTicks(values, height), format: ".0e" },
      },
      color: { field: "method", type: "nominal", title: "method", sort: labels, scale: { domain: labels } },
      ...(severalSeeds ? { detail: { field: "seed", type: "nominal" } } : {}),
      order: { field: "iteration", type: "quantitative" },
    },
  };
}

/** Ticks 0, 1, 2, 5, 10, 20, 50, ... (from 0.1 for times) up to the largest value: vega's own are sparse on symlog. */
function symlogTicks(values: readonly { readonly iteration: number; readonly timeMs: number }[], field: "iteration" | "timeMs"): number[] {
  let largest = 0;
  for (const point of values) largest = Math.max(largest, point[field]);
  const ticks = [0];
  for (let decade = field === "iteration" ? 1 : 0.1; decade <= largest; decade *= 10) {
    for (const multiple of [1, 2, 5]) if (multiple * decade <= largest) ticks.push(Number((multiple * decade).toPrecision(1)));
  }
  return ticks;
}

/** One plotted point. */
interface ChartPoint {
  readonly method: string;
  readonly seed: number;
  readonly iteration: number;
  readonly timeMs: number;
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
function points(curve: ComparisonSeries, xField: "iteration" | "timeMs", symlog: boolean): ChartPoint[] {
  const count = curve.error.length;
  const kept: ChartPoint[] = [];
  const keep = (i: number) => {
    const error = curve.error[i] as number;
    if (!(error > 0) || !Number.isFinite(error)) return;
    kept.push({ method: curve.label, seed: curve.seed, iteration: curve.iteration[i] as number, timeMs: curve.timeMs[i] as number, error });
  };
  if (count <= maxPointsPerCurve) {
    for (let i = 0; i < count; i++) keep(i);
    return kept;
  }
  const xs = xField === "iteration" ? curve.iteration : curve.timeMs;
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

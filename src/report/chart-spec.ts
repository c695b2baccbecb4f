import type { TopLevelSpec } from "vega-lite";
import type { Comparison, ComparisonSeries } from "../compare/types.js";
import { InvalidOptionError } from "../errors.js";
import { integerAtLeast, oneOf, optional, validateOptions } from "../validate.js";
import type { ChartSpecOptions } from "./types.js";

/** Points kept per curve: more than a chart's width in pixels shows nothing more and slows rendering. */
const maxPointsPerCurve = 400;

/** The font of every chart: DejaVu Sans is what the PNG renderer finds on Debian; browsers fall back. */
export const chartFont = "DejaVu Sans, Helvetica, Arial, sans-serif";

/**
 * A vega-lite chart of a comparison: the error on a log scale against the iteration or the time, one line
 * per method (and seed), coloured by method.
 *
 * @remarks Errors of exactly 0 (and non-finite ones) cannot be drawn on a log scale and are left out;
 * curves longer than 400 points are thinned evenly (first and last point kept). Render the spec with
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
  const values = comparison.series.flatMap((curve) => points(curve));
  const severalSeeds = comparison.seeds.length > 1;
  return {
    ...(options.title === undefined ? {} : { title: options.title }),
    width: options.width ?? 480,
    height: options.height ?? 300,
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
      y: { field: "error", type: "quantitative", scale: { type: "log" }, title: `error: ${comparison.errorName}`, axis: { format: ".0e" } },
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

function points(curve: ComparisonSeries): { method: string; seed: number; iteration: number; timeMs: number; error: number }[] {
  const count = curve.error.length;
  const stride = Math.max(1, Math.ceil(count / maxPointsPerCurve));
  const kept: { method: string; seed: number; iteration: number; timeMs: number; error: number }[] = [];
  for (let i = 0; i < count; i++) {
    if (i % stride !== 0 && i !== count - 1) continue;
    const error = curve.error[i] as number;
    if (!(error > 0) || !Number.isFinite(error)) continue;
    kept.push({ method: curve.label, seed: curve.seed, iteration: curve.iteration[i] as number, timeMs: curve.timeMs[i] as number, error });
  }
  return kept;
}

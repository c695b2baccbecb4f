import type { TopLevelSpec } from "vega-lite";
import type { ChartSpec } from "../../report/index.js";
import { InvalidOptionError } from "../../index.js";
import type { ConvergenceCurve, CurvePoint } from "./convergence-curves.js";
import type { DataProfile } from "./data-profile.js";
import type { PerformanceProfile, ProfileCurve } from "./performance-profile.js";
import { anyValue, integerAtLeast, optional, validateStrictOptions } from "../../engine/internals.js";
import type { OptionSchemaOf } from "../../engine/internals.js";

/** Options of {@link profileChartSpec} and {@link curvesChartSpec}. */
export interface StudyChartOptions {
  /**
   * The chart's title.
   * @defaultValue none
   */
  readonly title?: string | undefined;
  /**
   * The plot area's width in pixels, an integer >= 50.
   * @defaultValue `420`
   */
  readonly width?: number | undefined;
  /**
   * The plot area's height in pixels, an integer >= 50.
   * @defaultValue `260`
   */
  readonly height?: number | undefined;
}

const rules = {
  title: anyValue,
  width: optional(integerAtLeast(50)),
  height: optional(integerAtLeast(50)),
} satisfies OptionSchemaOf<StudyChartOptions>;

const font = "DejaVu Sans, Helvetica, Arial, sans-serif";
const config = {
  font,
  axis: { labelFontSize: 11, titleFontSize: 12, gridColor: "#ececec" },
  legend: { labelFontSize: 11, titleFontSize: 12, labelLimit: 320 },
};

/** What every study chart starts with: its title and size, the white background, the shared config, the data. */
function chartFrame(options: StudyChartOptions, values: readonly object[]) {
  return {
    ...(options.title === undefined ? {} : { title: options.title }),
    width: options.width ?? 420,
    height: options.height ?? 260,
    background: "white",
    config,
    data: { values },
  };
}

/**
 * A vega-lite chart of a performance or data profile: one step line per method configuration, the fraction
 * of instances solved against `tau` (log2 axis; a performance profile) or the budget (log axis; a data
 * profile).
 *
 * @param profile - From {@link performanceProfile} or {@link dataProfile}.
 * @param options - Title and size.
 * @returns The vega-lite specification (render it with `renderChartSvg` or `renderChartPng`).
 * @throws `InvalidOptionError` for unknown options or a size out of range.
 * @example
 * ```ts
 * const svg = await renderChartSvg(profileChartSpec(performanceProfile(results, { cost: "iterations" })));
 * ```
 */
export function profileChartSpec(
  profile: PerformanceProfile | DataProfile,
  options: StudyChartOptions = {},
): ChartSpec {
  if (profile === null || typeof profile !== "object" || !Array.isArray(profile.curves))
    throw new InvalidOptionError("profile", "a performance or data profile", profile);
  validateStrictOptions(options, rules, "profileChartSpec");
  const performance = !("scaled" in profile);
  const start = performance ? 1 : Math.max(1e-3, Math.min(1, ...profile.curves.flatMap((c) => c.values.slice(0, 1))));
  const largest = Math.max(start * 2, ...profile.curves.flatMap((curve) => curve.values.slice(-1)));
  const end = largest * 1.25;
  const values = profile.curves.flatMap((curve: ProfileCurve) => {
    const points: { method: string; x: number; fraction: number }[] = [];
    let count = curve.values.filter((value: number) => value <= start * (1 + 1e-12)).length;
    points.push({ method: curve.label, x: start, fraction: count / profile.instances });
    for (const value of curve.values) {
      if (value <= start * (1 + 1e-12)) continue;
      count++;
      points.push({ method: curve.label, x: value, fraction: count / profile.instances });
    }
    points.push({ method: curve.label, x: end, fraction: count / profile.instances });
    return points;
  });
  const unit = profile.cost === "time" ? "time" : profile.cost;
  const xTitle = performance
    ? `tau: within this factor of the best ${unit}`
    : `budget: ${unit}${"scaled" in profile && profile.scaled ? " / (n + 1)" : ""}`;
  const solvedBy = profile.tolerance === undefined ? "converged" : `error <= ${profile.tolerance} x initial error`;
  return {
    ...chartFrame(options, values),
    mark: { type: "line", interpolate: "step-after", strokeWidth: 2 },
    encoding: {
      x: {
        field: "x",
        type: "quantitative",
        title: xTitle,
        scale: { type: "log", ...(performance ? { base: 2 } : {}) },
      },
      y: {
        field: "fraction",
        type: "quantitative",
        title: `fraction of ${profile.instances} solved (${solvedBy})`,
        scale: { domain: [0, 1] },
      },
      color: { field: "method", type: "nominal", title: "method" },
      order: { field: "x", type: "quantitative" },
    },
  } satisfies TopLevelSpec;
}

/**
 * A vega-lite chart of convergence curves (one problem's, usually): per method configuration the median
 * error over the seeds against the iteration, on a log scale, with its quantile band shaded.
 *
 * @param curves - From {@link convergenceCurves}, e.g. filtered to one problem.
 * @param errorName - The error's name, for the axis title.
 * @param options - Title and size.
 * @returns The vega-lite specification. Errors of 0 cannot be drawn on a log scale and are left out.
 * @throws `InvalidOptionError` for unknown options or a size out of range.
 */
export function curvesChartSpec(
  curves: readonly ConvergenceCurve[],
  errorName: string,
  options: StudyChartOptions = {},
): ChartSpec {
  if (!Array.isArray(curves)) throw new InvalidOptionError("curves", "convergence curves", curves);
  validateStrictOptions(options, rules, "curvesChartSpec");
  const values = curves.flatMap((curve) =>
    curve.points
      .filter((point: CurvePoint) => point.median > 0 && Number.isFinite(point.median))
      .map((point: CurvePoint) => ({
        method: curve.label,
        iteration: point.iteration,
        median: point.median,
        low: Math.max(point.low, point.median * 1e-3, Number.MIN_VALUE),
        high: Number.isFinite(point.high) ? point.high : point.median,
      })),
  );
  const last = Math.max(1, ...values.map((value) => value.iteration));
  // vega's own symlog ticks crowd or vanish: 0, then 1, 3, 10, 30, ... up to the last iteration.
  const ticks = [0];
  for (let decade = 1; decade <= last; decade *= 10) ticks.push(...[decade, 3 * decade].filter((t) => t <= last));
  const x = {
    field: "iteration",
    type: "quantitative" as const,
    title: "iteration (symlog scale)",
    scale: { type: "symlog" as const },
    axis: { values: ticks, format: "d" },
  };
  return {
    ...chartFrame(options, values),
    layer: [
      {
        mark: { type: "area", opacity: 0.18 },
        encoding: {
          x,
          y: { field: "low", type: "quantitative", scale: { type: "log" }, title: `error: ${errorName}` },
          y2: { field: "high" },
          color: { field: "method", type: "nominal", title: "method" },
        },
      },
      {
        mark: { type: "line", strokeWidth: 2 },
        encoding: {
          x,
          y: { field: "median", type: "quantitative", scale: { type: "log" } },
          color: { field: "method", type: "nominal", title: "method" },
        },
      },
    ],
  } satisfies TopLevelSpec;
}

import { describe, expect, it } from "vitest";
import { asciiChart, comparisonChartSpec, renderChartPng, renderChartSvg } from "../../src/report/index.js";
import type { Comparison } from "../../src/index.js";
import { rootFinders } from "./fixtures.js";

const comparison = rootFinders();

/** One curve of a comparison from its errors, iteration k at k / 100 ms. */
function series(label: string, error: readonly number[]): Comparison["series"][number] {
  return { label, seed: 0, iteration: error.map((_, k) => k), timeMs: error.map((_, k) => k / 100), error };
}

/**
 * A slow linear method (e_k = 0.999^k for 19,380 iterations, as long as gradient descent on Rosenbrock's
 * function) and a fast one (4 iterations): only the curves matter to the charts.
 */
function slowLinear(): Comparison {
  const row = comparison.rows[0] as Comparison["rows"][number];
  return {
    errorName: "e",
    tolerances: [1e-2],
    tolerancesFrom: "options",
    warmup: 1,
    seeds: [0],
    rows: [
      { ...row, label: "slow" },
      { ...row, label: "fast" },
    ],
    series: [
      series(
        "slow",
        Array.from({ length: 19_381 }, (_, k) => 0.999 ** k),
      ),
      series("fast", [1, 1e-2, 1e-4, 1e-8]),
    ],
  };
}

/** The points a chart spec plots for one method. */
function plotted(spec: unknown, method: string): { iteration: number; error: number }[] {
  const values = (spec as { data: { values: { method: string; iteration: number; error: number }[] } }).data.values;
  return values.filter((point) => point.method === method);
}

/** The `<g class="mark-line ...">` groups of a vega SVG: one per line drawn, each holding one path. */
function linePaths(svg: string): string[] {
  return [...svg.matchAll(/<g class="mark-line role-mark[^"]*"[^>]*>(.*?)<\/g>/g)].map((match) => match[1] ?? "");
}

describe("comparisonChartSpec", () => {
  it("plots the error on a log scale against the iteration or the time, one colour per method, leaving out zeros", () => {
    const spec = comparisonChartSpec(comparison, { x: "iteration", title: "x^3 - 2x - 5" }) as unknown as Record<
      string,
      unknown
    >;
    const encoding = spec["encoding"] as Record<string, Record<string, unknown>>;
    expect(encoding["x"]).toMatchObject({ field: "iteration", title: "iteration" });
    expect(encoding["y"]).toMatchObject({ field: "error", scale: { type: "log" }, title: "error: |x - x*|" });
    expect(encoding["color"]).toMatchObject({ field: "method", scale: { domain: ["Newton", "secant"] } });
    const values = (spec["data"] as { values: { method: string; error: number }[] }).values;
    // Newton's errors are 9.5e-2, 5.4e-3, 1.7e-5, 1.6e-10, 0, 0: the two zeros cannot sit on a log axis.
    expect(values.filter((point) => point.method === "Newton")).toHaveLength(4);
    expect(values.every((point) => point.error > 0)).toBe(true);
    const time = comparisonChartSpec(comparison, { x: "time" }) as unknown as Record<string, unknown>;
    expect((time["encoding"] as Record<string, unknown>)["x"]).toMatchObject({ field: "timeMs", title: "time (ms)" });
  });

  it("thins a long curve to 400 points evenly along the x axis, keeping the first and the last", () => {
    const long = slowLinear();
    const before = JSON.stringify(long);
    const curve = long.series[0] as Comparison["series"][number];
    const last = curve.iteration.length - 1; // 19,380 iterations, as gradient descent on Rosenbrock's function
    for (const x of ["iteration", "time"] as const) {
      const kept = plotted(comparisonChartSpec(long, { x, xScale: "linear" }), "slow");
      expect(kept.length).toBeLessThanOrEqual(400);
      expect(kept.length).toBeGreaterThan(390);
      expect(kept[0]?.iteration).toBe(0);
      expect(kept.at(-1)?.iteration).toBe(last);
      // Slot s at s * 19380 / 399 = 48.57 s iterations: each kept point is the first at or past its slot.
      const gaps = kept.slice(1).map((point, k) => point.iteration - (kept[k] as { iteration: number }).iteration);
      expect(Math.min(...gaps)).toBeGreaterThanOrEqual(48);
      expect(Math.max(...gaps)).toBeLessThanOrEqual(49);
      for (const point of kept) expect(point.error).toBe(curve.error[point.iteration]); // drawn as measured
    }
    expect(plotted(comparisonChartSpec(long, { x: "iteration" }), "fast")).toHaveLength(4); // short curves are kept whole
    expect(JSON.stringify(long)).toBe(before); // the comparison (and so its table) is left as it was
  });

  it("thins evenly in log(1 + iteration) on a symlog axis, so that the first iterations all show", () => {
    const kept = plotted(comparisonChartSpec(slowLinear(), { x: "iteration", xScale: "symlog" }), "slow");
    expect(kept.length).toBeLessThanOrEqual(400);
    expect(kept.at(-1)?.iteration).toBe(19_380);
    // The slots are log(19381) / 399 = 0.0247 apart in log(1 + k): every iteration up to 1 / 0.0247 = 40.
    expect(kept.slice(0, 41).map((point) => point.iteration)).toEqual(Array.from({ length: 41 }, (_, k) => k));
    const steps = kept
      .slice(1)
      .map((point, k) => Math.log1p(point.iteration) - Math.log1p((kept[k] as { iteration: number }).iteration));
    expect(Math.max(...steps.slice(41))).toBeLessThan(2 * 0.0247);
  });

  it("labels the error axis at powers of ten, every few when they would crowd, and at 1, 2, 5 within a decade", () => {
    // Errors from 1 down to 0.999^19380 = 3.7e-9: the log axis runs from 1e-9 to 1.
    const axis = (spec: unknown) =>
      (spec as { encoding: { y: { axis: { values: number[] } } } }).encoding.y.axis.values;
    expect(axis(comparisonChartSpec(slowLinear(), { x: "iteration" }))).toEqual([
      1e-9, 1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1,
    ]);
    // 9 decades in 100 pixels at 24 pixels a label: every third decade.
    expect(axis(comparisonChartSpec(slowLinear(), { x: "iteration", height: 100 }))).toEqual([1e-9, 1e-6, 1e-3, 1]);
    const flat: Comparison = { ...slowLinear(), series: [series("fast", [0.5, 0.3, 0.2])] };
    expect(axis(comparisonChartSpec(flat, { x: "iteration" }))).toEqual([0.1, 0.2, 0.5, 1]);
  });

  it("rejects an unknown axis and sizes out of range", () => {
    expect(() => comparisonChartSpec(comparison, { x: "seconds" as never })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: x must be one of "iteration", "time", "cost", got "seconds"]`,
    );
    expect(() => comparisonChartSpec(comparison, { x: "time", width: 10 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: width must be an integer >= 50, got 10]`,
    );
  });
});

describe("renderChartSvg", () => {
  it("draws a long curve with one tick and grid line per labelled decade, not one per 2e-k ... 9e-k", async () => {
    const svg = await renderChartSvg(
      comparisonChartSpec(slowLinear(), { x: "iteration", xScale: "linear", width: 360, height: 240 }),
    );
    expect(svg).toContain(">1e-9</text>");
    expect(svg).toContain(">1e+0</text>");
    // 10 decades and 9 or so iteration ticks, each with a tick and a grid line, plus the two axis lines.
    expect(svg.match(/<line /g)?.length).toBeLessThan(50);
    expect(svg.length).toBeLessThan(30_000);
  });

  it("draws one line path per method, with the axis titles and the legend", async () => {
    const svg = await renderChartSvg(comparisonChartSpec(comparison, { x: "iteration", title: "Root finders" }));
    expect(svg.startsWith("<svg")).toBe(true);
    const paths = linePaths(svg);
    expect(paths).toHaveLength(2);
    for (const path of paths) expect(path.match(/<path /g)).toHaveLength(1);
    expect(svg).toContain(">iteration</text>");
    expect(svg).toContain(">error: |x - x*|</text>");
    expect(svg).toContain(">Newton</text>");
    expect(svg).toContain(">secant</text>");
    expect(svg).toContain(">Root finders</text>");
  });

  it("escapes labels that look like markup", async () => {
    const svg = await renderChartSvg(comparisonChartSpec(rootFinders(["<b>Newton</b>", "secant & co"]), { x: "time" }));
    expect(svg).not.toContain("<b>");
    expect(svg).toContain("&lt;b&gt;Newton&lt;/b&gt;");
    expect(svg).toContain("secant &amp; co");
  });
});

describe("renderChartPng", () => {
  it("writes a PNG of the SVG's size times the scale", async () => {
    const spec = comparisonChartSpec(comparison, { x: "iteration", width: 300, height: 200 });
    const svg = await renderChartSvg(spec);
    const [, width, height] = /width="(\d+)" height="(\d+)"/.exec(svg) ?? [];
    for (const scale of [1, 2]) {
      const png = await renderChartPng(spec, { scale });
      expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      const header = new DataView(png.buffer, png.byteOffset + 16, 8); // the IHDR chunk's width and height
      expect(header.getUint32(0)).toBe(Number(width) * scale);
      expect(header.getUint32(4)).toBe(Number(height) * scale);
    }
  });

  it("rejects a scale out of range", async () => {
    await expect(
      renderChartPng(comparisonChartSpec(comparison, { x: "time" }), { scale: 0 }),
    ).rejects.toThrowErrorMatchingInlineSnapshot(`[InvalidOptionError: scale must be a number in (0, 10], got 0]`);
  });
});

describe("asciiChart", () => {
  it("draws log10 of the error per method with its own marker, and a legend", () => {
    const chart = asciiChart(comparison, { width: 40, height: 8 });
    const lines = chart.split("\n");
    expect(lines[0]).toBe("log10 |x - x*|");
    expect(lines.at(-2)).toBe("legend: ** Newton   oo secant");
    // Both start at the same errors: those cells are drawn # and the legend says so.
    expect(lines.at(-1)).toBe("## cells where lines overlap (Newton, secant)");
    expect(lines.at(-3)).toMatch(/^ {8}0 +iteration 6$/);
    expect(chart).toContain("*");
    expect(chart).toContain("o");
    expect(lines[1]).toMatch(/^ +-1\.0 /); // the largest error, 9.5e-2, is at the top
    expect(lines.at(-4)).toMatch(/^ +-9\.8 /); // the smallest positive error, 1.5e-10 (zeros sit there too)
  });

  it("colours the lines and the legend for terminals when asked", () => {
    const chart = asciiChart(comparison, { colors: true });
    expect(chart).toContain("\x1b[34m");
    expect(chart.split("\n").at(-1)).toBe("legend: \x1b[34m──\x1b[0m Newton   \x1b[31m──\x1b[0m secant");
  });

  it("rejects sizes out of range", () => {
    expect(() => asciiChart(comparison, { height: 2 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: height must be an integer >= 4, got 2]`,
    );
  });
});

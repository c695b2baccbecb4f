import { describe, expect, it } from "vitest";
import { asciiChart, comparisonChartSpec, renderChartPng, renderChartSvg } from "../../src/index.js";
import { rootFinders } from "./fixtures.js";

const comparison = rootFinders();

/** The `<g class="mark-line ...">` groups of a vega SVG: one per line drawn, each holding one path. */
function linePaths(svg: string): string[] {
  return [...svg.matchAll(/<g class="mark-line role-mark[^"]*"[^>]*>(.*?)<\/g>/g)].map((match) => match[1] ?? "");
}

describe("comparisonChartSpec", () => {
  it("plots the error on a log scale against the iteration or the time, one colour per method, leaving out zeros", () => {
    const spec = comparisonChartSpec(comparison, { x: "iteration", title: "x^3 - 2x - 5" }) as unknown as Record<string, unknown>;
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

  it("rejects an unknown axis and sizes out of range", () => {
    expect(() => comparisonChartSpec(comparison, { x: "seconds" as never })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: x must be one of "iteration", "time", got "seconds"]`,
    );
    expect(() => comparisonChartSpec(comparison, { x: "time", width: 10 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: width must be an integer >= 50, got 10]`,
    );
  });
});

describe("renderChartSvg", () => {
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
    await expect(renderChartPng(comparisonChartSpec(comparison, { x: "time" }), { scale: 0 })).rejects.toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: scale must be a number in (0, 10], got 0]`,
    );
  });
});

describe("asciiChart", () => {
  it("draws log10 of the error per method with its own marker, and a legend", () => {
    const chart = asciiChart(comparison, { width: 40, height: 8 });
    const lines = chart.split("\n");
    expect(lines[0]).toBe("log10 |x - x*|");
    expect(lines.at(-1)).toBe("legend: ** Newton   oo secant");
    expect(lines.at(-2)).toMatch(/^ {8}0 +iteration 6$/);
    expect(chart).toContain("*");
    expect(chart).toContain("o");
    expect(lines[1]).toMatch(/^ +-1\.0 /); // the largest error, 9.5e-2, is at the top
    expect(lines.at(-3)).toMatch(/^ +-9\.8 /); // the smallest positive error, 1.5e-10 (zeros sit there too)
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

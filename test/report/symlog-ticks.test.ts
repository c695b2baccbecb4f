import { describe, expect, it } from "vitest";
import { compare, errorMeasure } from "../../src/index.js";
import { comparisonChartSpec, renderChartSvg } from "../../src/report/index.js";
import type { Solver } from "../../src/index.js";

/** A method whose error shrinks by 0.999 per iteration, spending `perStep` evaluations on each. */
type Counted = { readonly e: number; readonly evaluations: number };

function counting(maxIterations: number, perStep: number): Solver<unknown, Counted> {
  return {
    name: "counting",
    init: () => ({ e: 1, evaluations: 0 }),
    step: (_problem, state) => ({ e: 0.999 * state.e, evaluations: state.evaluations + perStep }),
    record: (state) => state,
    convergence: undefined,
    maxIterations,
  };
}

const comparison = compare({
  problem: {},
  methods: [
    { label: "short", solver: counting(20, 1) },
    { label: "long", solver: counting(12_000, 1) },
  ],
  error: errorMeasure("e", (state: { readonly e: number }) => state.e),
  cost: { name: "gradient evaluations", measure: (state: { readonly evaluations: number }) => state.evaluations },
  warmup: 0,
});

/** The x axis labels of a rendered chart: text, and whether vega drew it (opacity 1) or hid it (0). */
async function xLabels(x: "iteration" | "cost", width: number): Promise<{ text: string; shown: boolean }[]> {
  const svg = await renderChartSvg(comparisonChartSpec(comparison, { x, width }));
  const axis = svg.slice(svg.indexOf('aria-label="X-axis'), svg.indexOf('aria-label="Y-axis'));
  return [...axis.matchAll(/<text[^>]*opacity="([\d.]+)"[^>]*>(\d+)<\/text>/g)].map((match) => ({
    text: match[2] as string,
    shown: match[1] === "1",
  }));
}

describe("comparisonChartSpec: symlog x axis ticks", () => {
  it.each([
    ["iteration", 480],
    ["cost", 480],
    ["cost", 300],
  ] as const)("gives on a %s axis %d pixels wide only ticks whose labels show, 10000 among them", async (x, width) => {
    const labels = await xLabels(x, width);
    expect(labels.length).toBeGreaterThan(4);
    expect(labels.filter((label) => !label.shown)).toEqual([]);
    expect(labels.map((label) => label.text)).toContain("10000");
    expect(labels[0]?.text).toBe("0");
  });
});

import { describe, expect, it } from "vitest";
import { compare, errorMeasure } from "../../src/index.js";
import { asciiChart, comparisonChartSpec } from "../../src/report/index.js";
import type { Comparison, Solver } from "../../src/index.js";
import { rootFinders } from "./fixtures.js";

/** A solver whose state is its own error: e_{k+1} = rate e_k from 1, for `maxIterations` iterations. */
function linear(rate: number, maxIterations: number): Solver<unknown, { readonly e: number }> {
  return {
    name: `rate ${rate}`,
    init: () => ({ e: 1 }),
    step: (_problem, state) => ({ e: rate * state.e }),
    record: (state) => state,
    convergence: undefined,
    maxIterations,
  };
}
const own = errorMeasure("e", (state: { readonly e: number }) => state.e);

/** Two linear methods: one of 19,384 iterations (as gradient descent on Rosenbrock) and one of 20. */
function longAndShort(): Comparison {
  return compare({
    problem: {},
    methods: [
      { label: "slow", solver: linear(0.999, 19_384) },
      { label: "fast", solver: linear(0.3, 20) },
    ],
    error: own,
    tolerances: [1e-2],
    warmup: 0,
  });
}

interface SpecShape {
  readonly data: { readonly values: { method: string; line: string; iteration: number; error: number }[] };
  readonly encoding: Record<string, { scale?: { type?: string; domain?: unknown[] }; title?: string; field?: string }>;
}

describe("comparisonChartSpec: the x axis", () => {
  it("chooses a symlog iteration axis when run lengths span more than two decades, and linear otherwise", () => {
    const spread = comparisonChartSpec(longAndShort(), { x: "iteration" }) as unknown as SpecShape;
    expect(spread.encoding["x"]?.scale?.type).toBe("symlog");
    expect(spread.encoding["x"]?.title).toBe("iteration (symlog scale)");
    const close = comparisonChartSpec(rootFinders(), { x: "iteration" }) as unknown as SpecShape; // 5 and 6 iterations
    expect(close.encoding["x"]?.scale?.type).toBe("linear");
    const forced = comparisonChartSpec(longAndShort(), { x: "iteration", xScale: "linear" }) as unknown as SpecShape;
    expect(forced.encoding["x"]?.scale?.type).toBe("linear");
  });

  it("plots against the comparison's cost, and refuses a cost axis when none was recorded", () => {
    const withCost = compare({
      problem: {},
      methods: [{ label: "fast", solver: linear(0.5, 10) }],
      error: own,
      tolerances: [1e-2],
      cost: {
        name: "gradient evaluations",
        measure: (state: { readonly e: number }) => 3 * Math.round(Math.log2(1 / state.e)),
      },
      warmup: 0,
    });
    const spec = comparisonChartSpec(withCost, { x: "cost" }) as unknown as SpecShape;
    expect(spec.encoding["x"]).toMatchObject({ field: "cost", title: "gradient evaluations" });
    expect(spec.data.values.map((point) => (point as unknown as { cost: number }).cost)).toEqual([
      0, 3, 6, 9, 12, 15, 18, 21, 24, 27, 30,
    ]);
    expect(() => comparisonChartSpec(rootFinders(), { x: "cost" })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: x must be "iteration" or "time" (this comparison recorded no cost: pass compare's cost), got "cost"]`,
    );
  });
});

describe("comparisonChartSpec: theory lines", () => {
  it("draws each theory line dashed and labelled, from the largest initial error down to the smallest error shown", () => {
    const spec = comparisonChartSpec(longAndShort(), {
      x: "iteration",
      theory: [{ label: "0.999^k", rate: 0.999 }],
    }) as unknown as SpecShape;
    const theory = spec.data.values.filter((point) => point.line === "theory");
    expect(theory.length).toBeGreaterThan(10);
    expect(theory.every((point) => point.method === "0.999^k")).toBe(true);
    expect(theory[0]).toMatchObject({ iteration: 0, error: 1 });
    for (const point of theory) expect(point.error).toBeCloseTo(0.999 ** point.iteration, 12);
    const smallest = Math.min(
      ...spec.data.values.filter((point) => point.line === "measured").map((point) => point.error),
    );
    expect(Math.min(...theory.map((point) => point.error))).toBeGreaterThanOrEqual(smallest * (1 - 1e-12));
    expect(spec.encoding["strokeDash"]).toMatchObject({ field: "line", scale: { domain: ["measured", "theory"] } });
    expect(spec.encoding["color"]?.scale?.domain).toEqual(["slow", "fast", "0.999^k"]);
  });

  it("rejects a theory line with a rate outside (0, 1) or an unknown name", () => {
    expect(() =>
      comparisonChartSpec(rootFinders(), { x: "iteration", theory: [{ label: "rho", rate: 1.5 }] }),
    ).toThrowErrorMatchingInlineSnapshot(`[InvalidOptionError: theory[0].rate must be a number in (0, 1), got 1.5]`);
    expect(() =>
      comparisonChartSpec(rootFinders(), { x: "iteration", theory: [{ label: "rho", rate: 0.5, strat: 1 } as never] }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: theory[0].strat is not an option of a theory line; did you mean theory[0].start? (options: label, rate, start)]`,
    );
  });
});

describe("asciiChart: every method visible", () => {
  it("shows the marker of every method, the first included, and # where lines overlap", () => {
    const comparison = compare({
      problem: {},
      methods: [
        { label: "a", solver: linear(0.5, 30) },
        { label: "b", solver: linear(0.3, 30) },
        { label: "c", solver: linear(0.1, 30) },
      ],
      error: own,
      tolerances: [1e-2],
      warmup: 0,
    });
    const chart = asciiChart(comparison, { width: 40, height: 10 });
    const plot = chart
      .split("\n")
      .slice(1, 11)
      .map((line) => line.slice(9))
      .join("\n");
    for (const marker of ["*", "o", "+"]) expect(plot).toContain(marker);
    expect(plot).toContain("#"); // all three start at e_0 = 1
    expect(chart).toContain("legend: ** a   oo b   ++ c");
    expect(chart).toContain("## cells where lines overlap (a, b, c)");
  });

  it("says when a method's line runs entirely under another's (the same curve)", () => {
    const comparison = compare({
      problem: {},
      methods: [
        { label: "one", solver: linear(0.5, 20) },
        { label: "same", solver: linear(0.5, 20) },
      ],
      error: own,
      tolerances: [1e-2],
      warmup: 0,
    });
    const chart = asciiChart(comparison, { width: 30, height: 6 });
    expect(chart).toContain("one runs entirely under the # of others (the same curve at this resolution)");
    expect(chart).toContain("same runs entirely under the # of others (the same curve at this resolution)");
  });

  it("samples a symlog iteration axis when run lengths span more than two decades, so a 20-iteration run shows", () => {
    const chart = asciiChart(longAndShort(), { width: 60, height: 12 });
    const lines = chart.split("\n");
    const plot = lines
      .slice(1, 14)
      .map((line) => line.slice(9))
      .join("\n");
    // Linear, the 20 iterations of "fast" took the first column of 60 (19,384 / 59 = 329 iterations each).
    expect((plot.match(/o/g) ?? []).length).toBeGreaterThan(5);
    expect(lines[14]).toMatch(/^ {8}0 +10 +100 +1000 +19384$/);
    expect(lines[15]?.trim()).toBe("iteration (symlog scale)");
    expect(chart).not.toContain("fast runs entirely under");
  });

  it("keeps a linear iteration axis when the runs' lengths are within two decades", () => {
    const chart = asciiChart(
      compare({
        problem: {},
        methods: [
          { label: "a", solver: linear(0.5, 30) },
          { label: "b", solver: linear(0.5, 3) },
        ],
        error: own,
        warmup: 0,
      }),
      { width: 40, height: 6 },
    );
    expect(chart).toContain(`${" ".repeat(8)}0${"iteration 30".padStart(39)}`);
    expect(chart).not.toContain("symlog");
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compare, distanceTo, errorMeasure, formatComparison, relativeResidual } from "../../src/index.js";
import type { Comparison, ComparisonRow, Solver } from "../../src/index.js";
import { judgeOrder } from "../../src/compare/fit-trust.js";
import { poisson2dWithSolution } from "../../src/apps/cli/registry-problems.js";
import { gaussSeidel, jacobi, sor } from "../../solvers/gauss-seidel/index.js";

/** A solver whose state is its own error: e_{k+1} = next(e_k), from e_0 = problem.e0. */
function sequence(
  next: (error: number) => number,
  maxIterations = 20,
): Solver<{ readonly e0: number }, { readonly e: number }> {
  return {
    name: "sequence",
    init: (problem) => ({ e: problem.e0 }),
    step: (_problem, state) => ({ e: next(state.e) }),
    record: (state) => state,
    convergence: undefined,
    maxIterations,
  };
}
const own = errorMeasure("e", (state: { readonly e: number }) => state.e);

/** The cells of a method's row in a formatted table. */
function cells(table: string, label: string): string[] {
  const line = table.split("\n").find((text) => text.startsWith(`${label}  `)) ?? "";
  return line
    .slice(label.length)
    .trim()
    .split(/\s{2,}/);
}

describe("formatComparison: exact counts", () => {
  it("prints 19384 iterations as 19384, not 19380", () => {
    const comparison = compare({
      problem: { e0: 1 },
      methods: [{ label: "slow", solver: sequence((e) => 0.9995 * e, 19_384) }],
      error: own,
      tolerances: [0.5, 1e-3],
    });
    const row = cells(formatComparison(comparison), "slow");
    expect(comparison.rows[0]?.iterations).toBe(19_384);
    expect(row[0]).toBe("1386"); // 0.9995^1386 = 0.49995: the first error <= 0.5
    expect(row[1]).toBe("13813");
    expect(row[3]).toBe("19384");
  });

  it("prints every iteration count of the data exactly (property)", () => {
    const template = compare({
      problem: { e0: 1 },
      methods: [{ label: "m", solver: sequence((e) => e / 2) }],
      error: own,
      tolerances: [0.1, 1e-3],
    });
    const base = template.rows[0] as ComparisonRow;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        (a, b, total) => {
          const comparison: Comparison = { ...template, rows: [{ ...base, iterationsTo: [a, b], iterations: total }] };
          const row = cells(formatComparison(comparison), "m");
          expect(row.slice(0, 2)).toEqual([String(a), String(b)]);
          expect(row[3]).toBe(String(total));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("compare: rates and orders only from trusted fits", () => {
  it("prints no order for SOR at omega = 1.9 (its errors oscillate; the fit gives q = -0.19), with the reason", () => {
    const { problem, solution } = poisson2dWithSolution(15);
    const comparison = compare({
      problem,
      methods: [
        { label: "SOR 1.5", solver: sor({ relaxation: 1.5 }) },
        { label: "SOR 1.9", solver: sor({ relaxation: 1.9 }) },
      ],
      error: distanceTo(solution),
    });
    const [moderate, over] = comparison.rows as [ComparisonRow, ComparisonRow];
    expect(moderate.order).toBeCloseTo(1, 2);
    expect(moderate.rate).toBeCloseTo(0.8804, 3);
    expect(over.runs[0]?.orderFit.value).toBeLessThan(0); // what used to be printed as q = -0.19
    expect(over.order).toBeUndefined();
    expect(over.orderFit).toEqual({ seeds: 0, reason: "the error does not decrease at every one of the last 3 steps" });
    expect(over.rate).toBeUndefined();
    expect(over.rateFit.reason).toMatch(
      /^log error is not a straight line over the last 10 iterations \(R\^2 = 0\.\d\d < 0\.98\)/,
    );
    const table = formatComparison(comparison);
    expect(cells(table, "SOR 1.9").slice(-4, -2)).toEqual(["-", "-"]); // rate and order
    expect(table).toContain("  order of SOR 1.9: the error does not decrease at every one of the last 3 steps");
    expect(table).toContain("  rate of SOR 1.9: log error is not a straight line");
  });

  it("does not report an order below 0.9 such as q = 0.085, nor one fitted to too few errors", () => {
    const judged = judgeOrder({ orders: [0.1, 0.09, 0.08], order: 0.085, pairs: 3, rSquared: 0.99, decreasing: true });
    expect(judged.reason).toBe(
      "the fitted q = 0.09 is below 0.9, no order of convergence (the last steps are not asymptotic)",
    );
    expect(judgeOrder({ orders: [2], order: 2, pairs: 2, rSquared: 1, decreasing: true }).reason).toBe(
      "fewer than 4 usable errors (finite, above the rounding floor)",
    );
    expect(judgeOrder({ orders: [2, 2, 2], order: 2, pairs: 3, rSquared: 1, decreasing: true }).reason).toBeUndefined();
  });
});

describe("compare: several seeds", () => {
  it("gives the median over the seeds that reached a tolerance and how many did: 14 (7/10)", () => {
    const comparison = compare({
      problem: (seed) => ({ e0: seed < 7 ? 1 : 1e6 }), // seeds 7, 8, 9 start a million times further away
      methods: [{ label: "halving", solver: sequence((e) => e / 2) }],
      error: own,
      tolerances: [1e-4],
      seeds: Array.from({ length: 10 }, (_, seed) => seed),
    });
    const row = comparison.rows[0] as ComparisonRow;
    expect(row.iterationsTo).toEqual([14]); // 0.5^14 = 6.1e-5; 1e6 0.5^20 = 0.95 never gets there
    expect(row.reachedBy).toEqual([7]);
    expect(row.timeToMs[0]).toBeGreaterThanOrEqual(0);
    expect(cells(formatComparison(comparison), "halving")[0]).toBe("14 (7/10)");
  });
});

describe("formatComparison: cells over several seeds", () => {
  it("prints the median and, when some seeds missed the tolerance, how many reached it (property)", () => {
    const template = compare({
      problem: { e0: 1 },
      methods: [{ label: "m", solver: sequence((e) => e / 2) }],
      error: own,
      tolerances: [0.1],
      seeds: [1, 2],
      warmup: 0,
    });
    const base = template.rows[0] as ComparisonRow;
    const cell = fc.integer({ min: 2, max: 50 }).chain((seeds) =>
      fc.record({
        seeds: fc.constant(seeds),
        reached: fc.integer({ min: 0, max: seeds }),
        median: fc.integer({ min: 0, max: 100_000 }),
      }),
    );
    fc.assert(
      fc.property(cell, ({ seeds, reached, median }) => {
        const value = reached === 0 ? undefined : median;
        const row: ComparisonRow = { ...base, seeds, iterationsTo: [value], reachedBy: [reached] };
        const printed = cells(formatComparison({ ...template, rows: [row] }), "m")[0];
        const count = value === undefined ? "-" : String(median);
        expect(printed).toBe(reached === seeds ? count : `${count} (${reached}/${seeds})`);
      }),
      { numRuns: 200 },
    );
  });
});

describe("compare: default tolerances", () => {
  it("chooses tolerances between the initial error and the smallest error most methods reached, each reached", () => {
    const { problem } = poisson2dWithSolution(15);
    const comparison = compare({
      problem,
      methods: [
        { label: "Jacobi", solver: jacobi({ relTolerance: 1e-8, maxIterations: 10_000 }) },
        { label: "Gauss-Seidel", solver: gaussSeidel({ relTolerance: 1e-8, maxIterations: 10_000 }) },
        { label: "SOR", solver: sor({ relaxation: 1.674, relTolerance: 1e-8 }) },
      ],
      error: relativeResidual(),
    });
    expect(comparison.tolerancesFrom).toBe("errors");
    expect(comparison.tolerances).toEqual([0.1, 1e-3, 1e-6, 1e-8]); // from ||r_0||/||b|| = 1 down to the 1e-8 they stop at
    for (const row of comparison.rows) expect(row.iterationsTo.every((value) => value !== undefined)).toBe(true);
    expect(formatComparison(comparison)).toContain("tolerances 0.1, 0.001, 1e-6, 1e-8 chosen from the errors reached");
  });
});

describe("compare: warm-up", () => {
  it("runs one untimed warm-up run per method by default, and says so under the table", () => {
    let inits = 0;
    const counted = {
      ...sequence((e) => e / 2),
      init: () => {
        inits++;
        return { e: 1 };
      },
    };
    const comparison = compare({
      problem: { e0: 1 },
      methods: [{ label: "halving", solver: counted }],
      error: own,
      tolerances: [0.1],
    });
    expect(inits).toBe(2);
    expect(comparison.warmup).toBe(1);
    expect(formatComparison(comparison)).toContain("  times after 1 untimed warm-up run per method");
    const cold = compare({
      problem: { e0: 1 },
      methods: [{ label: "halving", solver: counted }],
      error: own,
      tolerances: [0.1],
      warmup: 0,
    });
    expect(inits).toBe(3);
    expect(formatComparison(cold)).toContain("  times include one-off compilation (warmup: 0)");
  });
});

describe("compare: a cost measure", () => {
  it("records the cost beside the error at every iteration", () => {
    const comparison = compare({
      problem: { e0: 1 },
      methods: [{ label: "halving", solver: sequence((e) => e / 2, 3) }],
      error: own,
      tolerances: [0.1],
      cost: { name: "evaluations", measure: (state: { readonly e: number }) => 2 * Math.round(Math.log2(1 / state.e)) },
    });
    expect(comparison.costName).toBe("evaluations");
    expect(comparison.series[0]?.cost).toEqual([0, 2, 4, 6]);
  });
});

import { describe, expect, it } from "vitest";
import {
  convergenceCurves,
  dataProfile,
  formatProblemTable,
  performanceProfile,
  problemTable,
  profileValue,
  studyReport,
} from "../../../src/apps/study/index.js";
import type { StudyResults, StudyRun } from "../../../src/apps/study/index.js";

/** A recorded run with only what the summaries read set. */
function run(method: string, problem: string, iterations: number, fields: Partial<StudyRun> = {}): StudyRun {
  return {
    key: `${method} ${problem} ${fields.seed ?? 0}`,
    method,
    problem,
    options: {},
    seed: 0,
    status: "done",
    iterations,
    evaluations: { f: 2 * iterations, gradient: iterations },
    timeMs: iterations / 10,
    initialError: 1,
    finalError: 1e-9,
    stopKind: "converged",
    stopMessage: "converged",
    reached: [iterations / 2, iterations],
    reachedEvaluations: [(3 * iterations) / 2, 3 * iterations],
    trace: { iteration: [0, iterations], error: [1, 1e-9] },
    attempts: 1,
    ...fields,
  };
}
const notConverged = { stopKind: "maxIterations", reached: [60, undefined], reachedEvaluations: [180, undefined] };

// Iterations to convergence (x: not converged):
//        p1  p2  p3  p4
//   A    10  30   x   8
//   B    20  15  50   8
//   C    40   x  25  32
// Best per problem: 10, 15, 25, 8. Ratios r_{p,s}: A 1, 2, inf, 1; B 2, 1, 2, 1; C 4, inf, 1, 4.
const handExample: StudyResults = {
  name: "hand",
  errorName: "e",
  tolerances: [1e-3, 1e-6],
  planned: 12,
  runs: [
    run("A", "p1", 10),
    run("A", "p2", 30),
    run("A", "p3", 100, notConverged),
    run("A", "p4", 8),
    run("B", "p1", 20),
    run("B", "p2", 15),
    run("B", "p3", 50),
    run("B", "p4", 8),
    run("C", "p1", 40),
    run("C", "p2", 100, notConverged),
    run("C", "p3", 25),
    run("C", "p4", 32),
  ],
};

describe("performanceProfile", () => {
  it("matches Dolan and Moré's rho_s(tau) computed by hand", () => {
    const profile = performanceProfile(handExample, { cost: "iterations" });
    expect(profile.instances).toBe(4);
    expect(profile.curves).toEqual([
      { label: "A", values: [1, 1, 2] },
      { label: "B", values: [1, 1, 2, 2] },
      { label: "C", values: [1, 4, 4] },
    ]);
    const rho = (label: string, tau: number) => profileValue(profile, label, tau);
    expect([rho("A", 1), rho("A", 1.99), rho("A", 2), rho("A", 1e9)]).toEqual([0.5, 0.5, 0.75, 0.75]);
    expect([rho("B", 1), rho("B", 2)]).toEqual([0.5, 1]);
    expect([rho("C", 1), rho("C", 3.99), rho("C", 4)]).toEqual([0.25, 0.25, 0.75]);
  });

  it("measures evaluations and time alike, and counts a tolerance's first iteration as solved", () => {
    // Evaluations are 3 x iterations and times iterations / 10 here: the same ratios.
    const byIterations = performanceProfile(handExample, { cost: "iterations" }).curves;
    expect(performanceProfile(handExample, { cost: "evaluations" }).curves).toEqual(byIterations);
    expect(performanceProfile(handExample, { cost: "time" }).curves).toEqual(byIterations);
    // To 1e-3 (reached at half the iterations) the unconverged runs count too, reaching it at 60: A is best on
    // p1 and p4, has 15 / 7.5 on p2 and 60 / 12.5 on p3.
    const reduced = performanceProfile(handExample, { cost: "iterations", tolerance: 1e-3 });
    expect(reduced.curves.find((curve) => curve.label === "A")?.values).toEqual([1, 1, 2, 60 / 12.5]);
  });

  it("refuses a tolerance the study did not record and time with a tolerance", () => {
    expect(() => performanceProfile(handExample, { cost: "iterations", tolerance: 0.5 })).toThrow(
      "tolerance must be one of the study's tolerances 0.001, 0.000001, got 0.5",
    );
    expect(() => performanceProfile(handExample, { cost: "time", tolerance: 1e-3 })).toThrow(
      'cost must be "iterations" or "evaluations" with a tolerance, got "time"',
    );
  });
});

describe("dataProfile", () => {
  it("gives the fraction solved within a budget, scaled by n + 1 when dimensions are given", () => {
    const profile = dataProfile(handExample, { tolerance: 1e-6, cost: "evaluations" });
    expect(profile.curves.find((curve) => curve.label === "B")?.values).toEqual([24, 45, 60, 150]);
    expect(profileValue(profile, "B", 59)).toBe(0.5);
    expect(profileValue(profile, "C", 1000)).toBe(0.75);
    const scaled = dataProfile(handExample, {
      tolerance: 1e-6,
      cost: "iterations",
      dimensions: { p1: 2, p2: 2, p3: 2, p4: 2 },
    });
    expect(scaled.curves.find((curve) => curve.label === "B")?.values).toEqual([8 / 3, 15 / 3, 20 / 3, 50 / 3]);
  });
});

describe("convergenceCurves", () => {
  it("takes the median and band over seeds, a stopped run keeping its final error", () => {
    const results: StudyResults = {
      ...handExample,
      runs: [
        run("A", "p", 2, { seed: 0, trace: { iteration: [0, 1, 2], error: [1, 0.1, 0.01] } }),
        run("A", "p", 4, { seed: 1, trace: { iteration: [0, 2, 4], error: [2, 0.2, 0.02] } }),
      ],
    };
    const [curve] = convergenceCurves(results);
    expect(curve?.seeds).toBe(2);
    expect(curve?.points.map((point) => point.iteration)).toEqual([0, 1, 2, 4]);
    const at1 = curve?.points[1];
    expect(at1?.median).toBeCloseTo(1.05, 15);
    expect(at1?.low).toBeCloseTo(0.1 + 0.25 * 1.9, 15);
    expect(at1?.high).toBeCloseTo(0.1 + 0.75 * 1.9, 15);
    expect(curve?.points[3]?.median).toBeCloseTo(0.015, 15);
  });
});

describe("problemTable", () => {
  it("gives medians per problem and method", () => {
    const rows = problemTable(handExample);
    expect(rows.find((row) => row.problem === "p3" && row.label === "A")).toMatchObject({
      runs: 1,
      converged: 0,
      failed: 0,
      iterations: 100,
      stops: "maxIterations 1",
    });
    expect(formatProblemTable(rows).split("\n").slice(0, 4)).toMatchInlineSnapshot(`
      [
        "problem / method  runs  converged  failed  iters  evals  final error   ms  stops",
        "----------------  ----  ---------  ------  -----  -----  -----------  ---  ---------------",
        "p1",
        "  A                  1          1       0     10     30       1.0e-9    1  converged 1",
      ]
    `);
  });
});

describe("studyReport", () => {
  it("renders the profiles, data profiles and each problem's curves into one page", { timeout: 60_000 }, async () => {
    const report = await studyReport(handExample, { date: new Date("2026-01-01T00:00:00Z") });
    expect(report.charts.map((chart) => chart.file)).toEqual([
      "performance-iterations.svg",
      "performance-evaluations.svg",
      "performance-time.svg",
      "data-evaluations-0.001.svg",
      "data-evaluations-0.000001.svg",
      "curves-1.svg",
      "curves-2.svg",
      "curves-3.svg",
      "curves-4.svg",
    ]);
    for (const chart of report.charts) expect(chart.svg).toMatch(/^<svg/);
    expect(report.html).toContain("12 of 12 runs recorded: 12 ended (10 converged), 0 failed.");
    expect(report.html.match(/<svg/g)).toHaveLength(9);
  });
});

import { compare, distanceTo, relativeResidual, solve } from "../../src/index.js";
import { asciiChart, comparisonChartSpec, htmlReport, renderChartPng, renderChartSvg } from "../../src/report/index.js";
import type { Comparison } from "../../src/index.js";
import { gaussSeidel, jacobi, poisson2d, sor } from "../../solvers/gauss-seidel/index.js";
import { newton, secant } from "../../solvers/newton/index.js";
import { formatMeasurements, measureSideBySide } from "./measure.js";

/** The median of `rounds` timed runs of an async task, after one untimed run. */
async function medianMs(rounds: number, task: () => Promise<unknown>): Promise<number> {
  await task();
  const samples: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    await task();
    samples.push(performance.now() - started);
  }
  return samples.sort((a, b) => a - b)[samples.length >> 1] ?? NaN;
}

/**
 * What comparing costs: compare() against the same solves without the per-iteration error measure, and
 * rendering (a chart to SVG and to PNG, a three-section HTML report, an ASCII chart), whose total the tour
 * pays once per family.
 */
export async function reportRenderingBenchmark(): Promise<string> {
  const n = 31;
  const poisson = { matrix: poisson2d(n), b: new Float64Array(n * n).fill(1 / (n + 1) ** 2) };
  const stationary = [
    jacobi({ relTolerance: 1e-8, maxIterations: 10_000 }),
    gaussSeidel({ relTolerance: 1e-8, maxIterations: 10_000 }),
    sor({ relaxation: 1.8, relTolerance: 1e-8 }),
  ];
  const overhead = measureSideBySide(
    [
      {
        name: "three solves, no trace",
        run: () => stationary.map((solver) => solve(solver, poisson, { trace: false })),
      },
      {
        name: "compare() of the same three",
        run: () =>
          compare({
            problem: poisson,
            methods: stationary.map((solver, i) => ({ label: `m${i}`, solver })),
            error: relativeResidual(),
          }),
      },
    ],
    5,
  );
  const cubic: Comparison = compare({
    problem: { f: "x^3 - 2x - 5", x0: 2 },
    methods: [
      { label: "Newton", solver: newton() },
      { label: "secant", solver: secant() },
    ],
    error: distanceTo(2.0945514815423265),
  });
  const linear = compare({
    problem: poisson,
    methods: stationary.map((solver, i) => ({ label: `m${i}`, solver })),
    error: relativeResidual(),
  });
  const spec = comparisonChartSpec(linear, { x: "iteration" });
  const sections = [cubic, linear, cubic].map((comparison, i) => ({
    heading: `section ${i}`,
    problem: {},
    options: {},
    comparison,
  }));
  const rendering = [
    ["chart to SVG (3 curves, 400 points each)", await medianMs(9, () => renderChartSvg(spec))],
    ["chart to PNG, scale 1", await medianMs(9, () => renderChartPng(spec))],
    ["chart to PNG, scale 2", await medianMs(9, () => renderChartPng(spec, { scale: 2 }))],
    ["HTML report, 3 sections (6 SVGs)", await medianMs(5, () => htmlReport({ title: "bench", sections }))],
    ["ASCII chart", await medianMs(9, async () => asciiChart(linear))],
  ] as const;
  const width = Math.max(...rendering.map(([name]) => name.length));
  return [
    formatMeasurements(`compare() overhead: Jacobi, Gauss-Seidel, SOR on Poisson ${n} x ${n}`, overhead),
    "",
    "rendering (median ms)",
    ...rendering.map(([name, ms]) => `  ${name.padEnd(width)}  ${ms.toFixed(1).padStart(8)} ms`),
  ].join("\n");
}

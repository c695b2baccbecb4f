/**
 * Comparing methods with one call: `compare()` runs several solvers on the same problem, measures the same
 * error at every iteration, and returns iterations and time to each tolerance with the fitted rate rho and
 * order q; the plots go to PNG files for docs/guides/comparing-methods.md.
 *
 * Run: npx tsx examples/compare-methods.ts   (writes docs/guides/images/*.png)
 *
 * 1. x^3 - 2x - 5 = 0 from 2: the chord method (a fixed-point iteration with the slope frozen at f'(2) = 10)
 *    converges linearly with rho = |1 - f'(x*)/10| = 0.116, the secant method with order 1.618, Newton's
 *    method with order 2.
 * 2. Rosenbrock's function from (-1.2, 1): gradient descent is linear with rho close to 1; Newton's method
 *    quadratic once near the minimum; BFGS superlinear in between.
 * 3. Poisson's equation on a 15 x 15 grid: Jacobi at rho_J = cos(pi h), Gauss-Seidel at rho_J^2 (half the
 *    iterations), SOR at the optimal relaxation far faster.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { compare, distanceTo, formatComparison, relativeResidual } from "../src/index.js";
import { asciiChart, comparisonChartSpec, renderChartPng } from "../src/report/index.js";
import type { Comparison } from "../src/index.js";
import { fixedPoint } from "../solvers/fixed-point/index.js";
import {
  gaussSeidel,
  jacobi,
  optimalRelaxation,
  poisson2d,
  poissonJacobiRadius,
  sor,
} from "../solvers/gauss-seidel/index.js";
import { gradientDescent } from "../solvers/gradient-descent/index.js";
import { bfgs, newton, newtonMinimize, secant } from "../solvers/newton/index.js";
import { runIfMain } from "./run-if-main.js";

/** The real root of Wallis's equation x^3 - 2x - 5 = 0. */
const root = 2.0945514815423265;

/** Rosenbrock's function with its gradient and Hessian, from (-1.2, 1); its minimum is 0 at (1, 1). */
const rosenbrock = {
  f: (x: Float64Array) => 100 * ((x[1] as number) - (x[0] as number) ** 2) ** 2 + (1 - (x[0] as number)) ** 2,
  gradient: (x: Float64Array) => {
    const [a, b] = x as unknown as [number, number];
    return [-400 * a * (b - a * a) - 2 * (1 - a), 200 * (b - a * a)];
  },
  hessian: (x: Float64Array) => {
    const [a, b] = x as unknown as [number, number];
    return [
      [1200 * a * a - 400 * b + 2, -400 * a],
      [-400 * a, 200],
    ];
  },
  x0: [-1.2, 1],
};

/** The three comparisons, and the images written with how long rendering them took. */
export interface CompareMethodsOutcome {
  readonly rootFinders: Comparison;
  readonly rosenbrock: Comparison;
  readonly poisson: Comparison;
  /** The PNG files written. */
  readonly images: readonly string[];
  /** Milliseconds spent rendering the PNGs. */
  readonly renderMs: number;
}

/**
 * Runs the three comparisons, prints their tables and terminal charts, and writes their plots as PNG
 * files into `imagesDirectory` (`docs/guides/images` by default; `undefined` in `options` skips writing).
 */
export async function main(
  print: (line: string) => void = console.log,
  options: { readonly imagesDirectory?: string | undefined } = {
    imagesDirectory: fileURLToPath(new URL("../docs/guides/images/", import.meta.url)),
  },
): Promise<CompareMethodsOutcome> {
  // 1. Three root finders on one problem object: the chord method reads `map`, the others `f`.
  const cubic = { f: "x^3 - 2x - 5", x0: 2, map: (x: number) => x - (x ** 3 - 2 * x - 5) / 10 };
  const rootFinders = compare({
    problem: cubic,
    methods: [
      { label: "chord (slope 10)", solver: fixedPoint({ absTolerance: 1e-14 }) },
      { label: "secant", solver: secant() },
      { label: "Newton", solver: newton() },
    ],
    error: distanceTo(root),
    tolerances: [1e-2, 1e-4, 1e-8, 1e-12],
  });
  print("1. x^3 - 2x - 5 = 0 from x0 = 2");
  print(formatComparison(rootFinders));
  print(asciiChart(rootFinders, { width: 50, height: 10 }));

  // 2. Minimising Rosenbrock's function: first-order, second-order and quasi-Newton.
  const valley = compare({
    problem: rosenbrock,
    methods: [
      { label: "gradient descent", solver: gradientDescent() },
      { label: "BFGS", solver: bfgs() },
      { label: "Newton", solver: newtonMinimize() },
    ],
    error: distanceTo([1, 1]),
    tolerances: [1e-2, 1e-4, 1e-6],
    maxIterations: 50_000,
    // Recorded beside the error, for a plot against the work done rather than the iterations.
    cost: {
      name: "gradient evaluations",
      measure: (state: { readonly gradientEvaluations: number }) => state.gradientEvaluations,
    },
  });
  print("\n2. Rosenbrock's function from (-1.2, 1)");
  print(formatComparison(valley));

  // 3. Poisson's equation: the stationary methods at the rates theory gives.
  const n = 15;
  const h = 1 / (n + 1);
  const omega = optimalRelaxation(poissonJacobiRadius(n));
  const poisson = compare({
    problem: { matrix: poisson2d(n), b: new Float64Array(n * n).fill(h * h) },
    methods: [
      { label: "Jacobi", solver: jacobi({ relTolerance: 1e-8, maxIterations: 10_000 }) },
      { label: "Gauss-Seidel", solver: gaussSeidel({ relTolerance: 1e-8, maxIterations: 10_000 }) },
      { label: `SOR (omega = ${omega.toFixed(3)})`, solver: sor({ relaxation: omega, relTolerance: 1e-8 }) },
    ],
    error: relativeResidual(),
    tolerances: [1e-2, 1e-4, 1e-6, 1e-8],
  });
  print(`\n3. Poisson's equation, ${n} x ${n} grid: rho_J = cos(pi h) = ${poissonJacobiRadius(n).toFixed(5)}`);
  print(formatComparison(poisson));
  print(asciiChart(poisson, { width: 50, height: 10 }));

  const images: string[] = [];
  const started = performance.now();
  const directory = options.imagesDirectory;
  if (directory !== undefined) {
    mkdirSync(directory, { recursive: true });
    const charts = [
      {
        file: "root-finders.png",
        comparison: rootFinders,
        x: "iteration",
        title: "x^3 - 2x - 5 = 0: error per iteration",
        xScale: "linear",
      },
      // Run lengths from 21 to 19,384 span three decades: the x axis is chosen symlog (xScale "auto").
      {
        file: "rosenbrock.png",
        comparison: valley,
        x: "iteration",
        title: "Rosenbrock: error per iteration",
        xScale: "auto",
      },
      {
        file: "rosenbrock-time.png",
        comparison: valley,
        x: "time",
        title: "Rosenbrock: error against time",
        xScale: "auto",
      },
      {
        file: "rosenbrock-gradients.png",
        comparison: valley,
        x: "cost",
        title: "Rosenbrock: error per gradient evaluation",
        xScale: "auto",
      },
      {
        file: "poisson.png",
        comparison: poisson,
        x: "iteration",
        title: `Poisson ${n} x ${n}: residual per iteration`,
        xScale: "linear",
      },
    ] as const;
    const rhoJ = poissonJacobiRadius(n);
    const theory = [
      { label: `rho_J^k = ${rhoJ.toFixed(4)}^k`, rate: rhoJ },
      { label: `rho_J^(2k) = ${(rhoJ ** 2).toFixed(4)}^k`, rate: rhoJ ** 2 },
      { label: `(omega - 1)^k = ${(omega - 1).toFixed(4)}^k`, rate: omega - 1 },
    ];
    for (const chart of charts) {
      const lines = chart.comparison === poisson ? { theory } : {};
      const spec = comparisonChartSpec(chart.comparison, {
        x: chart.x,
        xScale: chart.xScale,
        title: chart.title,
        width: 480,
        height: 280,
        ...lines,
      });
      const path = join(directory, chart.file);
      writeFileSync(path, await renderChartPng(spec, { scale: 1.5 }));
      images.push(path);
    }
    print(`\nwrote ${images.length} plots to ${directory} in ${(performance.now() - started).toFixed(0)} ms`);
  }
  return { rootFinders, rosenbrock: valley, poisson, images, renderMs: performance.now() - started };
}

runIfMain(import.meta.url, main);

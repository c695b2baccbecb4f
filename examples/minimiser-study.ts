/**
 * A convergence study: gradient descent, Newton and BFGS on four problems of the Moré-Garbow-Hillstrom test
 * set (Rosenbrock, Freudenstein and Roth, Powell badly scaled, Beale), from 10 starts each (seed 0 the standard start, the others moved by up to 10 % per coordinate), summarised
 * as a table per problem and Dolan-Moré performance profiles.
 *
 * Run: npx tsx examples/minimiser-study.ts
 * Or from the command line, on all cores, resumable (Ctrl-C, then the same command again):
 *   iterlab study examples/minimiser-study.ts --export minimisers --db minimisers.sqlite --report minimisers-report
 *
 * Each problem is built where its run runs (a worker thread, process or machine imports this module); the
 * error is the gap f(x_k) - f* to the published minimum value.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Random } from "../src/index.js";
import {
  defineStudy,
  formatProblemTable,
  performanceProfile,
  problemTable,
  profileValue,
  readStudy,
  study,
} from "../src/apps/study/index.js";
import { gradientDescent } from "../solvers/gradient-descent/index.js";
import { bfgs, finiteDifferences, newtonMinimize } from "../solvers/newton/index.js";
import { runIfMain } from "./run-if-main.js";

/** The standard start, moved by up to 10 % per coordinate by the seed (seed 0: the standard start). */
function start(standard: readonly number[]): (seed: number) => number[] {
  return (seed) => {
    if (seed === 0) return [...standard];
    const random = new Random(seed);
    return standard.map((value) => value * (1 + 0.2 * (random.float() - 0.5)));
  };
}

type Vector = Float64Array;
const at = (x: Vector, i: number) => x[i] as number;

/** A problem of the MGH set (by its number there), with its published minimum value f* = 0. */
function mgh(name: string, f: (x: Vector) => number, gradient: (x: Vector) => number[], x0: readonly number[]) {
  const from = start(x0);
  return {
    name,
    // The Hessian by differences of the gradient, for Newton; gradient descent and BFGS use the gradient.
    problem: (seed: number) => ({ f, gradient, hessian: finiteDifferences(), x0: from(seed) }),
    solution: { f: 0 },
  };
}

const rosenbrock = mgh(
  "(1) Rosenbrock",
  (x) => 100 * (at(x, 1) - at(x, 0) ** 2) ** 2 + (1 - at(x, 0)) ** 2,
  (x) => [-400 * at(x, 0) * (at(x, 1) - at(x, 0) ** 2) - 2 * (1 - at(x, 0)), 200 * (at(x, 1) - at(x, 0) ** 2)],
  [-1.2, 1],
);

// Freudenstein and Roth: f1 = -13 + x + ((5 - y) y - 2) y, f2 = -29 + x + ((y + 1) y - 14) y. It also has a local
// minimum, f = 48.98 at (11.41, -0.8968), where the gap f(x_k) - f* stays when a method is drawn into it.
const freudensteinRoth = mgh(
  "(2) Freudenstein and Roth",
  (x) => {
    const [a, b] = [at(x, 0), at(x, 1)];
    return (-13 + a + ((5 - b) * b - 2) * b) ** 2 + (-29 + a + ((b + 1) * b - 14) * b) ** 2;
  },
  (x) => {
    const [a, b] = [at(x, 0), at(x, 1)];
    const f1 = -13 + a + ((5 - b) * b - 2) * b;
    const f2 = -29 + a + ((b + 1) * b - 14) * b;
    return [2 * f1 + 2 * f2, 2 * f1 * (10 * b - 3 * b * b - 2) + 2 * f2 * (3 * b * b + 2 * b - 14)];
  },
  [0.5, -2],
);

// Powell badly scaled: r1 = 10^4 x y - 1, r2 = exp(-x) + exp(-y) - 1.0001; the minimiser is (1.098e-5, 9.106).
const powellBadlyScaled = mgh(
  "(3) Powell badly scaled",
  (x) => (1e4 * at(x, 0) * at(x, 1) - 1) ** 2 + (Math.exp(-at(x, 0)) + Math.exp(-at(x, 1)) - 1.0001) ** 2,
  (x) => {
    const [a, b] = [at(x, 0), at(x, 1)];
    const r1 = 1e4 * a * b - 1;
    const r2 = Math.exp(-a) + Math.exp(-b) - 1.0001;
    return [2 * r1 * 1e4 * b - 2 * r2 * Math.exp(-a), 2 * r1 * 1e4 * a - 2 * r2 * Math.exp(-b)];
  },
  [0, 1],
);

// Beale: r_i = c_i - x (1 - y^i) with c = (1.5, 2.25, 2.625); the minimiser is (3, 0.5).
const beale = mgh(
  "(5) Beale",
  (x) => [1.5, 2.25, 2.625].reduce((sum, c, i) => sum + (c - at(x, 0) * (1 - at(x, 1) ** (i + 1))) ** 2, 0),
  (x) => {
    const [a, b] = [at(x, 0), at(x, 1)];
    let ga = 0;
    let gb = 0;
    [1.5, 2.25, 2.625].forEach((c, i) => {
      const r = c - a * (1 - b ** (i + 1));
      ga += -2 * r * (1 - b ** (i + 1));
      gb += 2 * r * a * (i + 1) * b ** i;
    });
    return [ga, gb];
  },
  [1, 1],
);

/** The study: 3 minimisers x 4 problems x 10 seeds = 120 runs. */
export const minimisers = defineStudy({
  name: "minimisers on MGH",
  seeds: 10,
  methods: [
    {
      name: "gradient descent",
      solver: (options) => gradientDescent(options) as never,
      grid: { maxIterations: [5000] },
    },
    { name: "Newton", solver: (options) => newtonMinimize(options) as never },
    { name: "BFGS", solver: (options) => bfgs(options) as never },
  ],
  problems: [rosenbrock, freudensteinRoth, powellBadlyScaled, beale],
});

export async function main(print: (line: string) => void = console.log, seeds = 10, database?: string) {
  const dir = database === undefined ? mkdtempSync(join(tmpdir(), "iterlab-study-")) : undefined;
  const file = database ?? join(dir as string, "minimisers.sqlite");
  try {
    const outcome = await study({ ...minimisers, seeds }, { database: file });
    const results = readStudy(file);
    print(formatProblemTable(problemTable(results)));
    const profile = performanceProfile(results, { cost: "evaluations" });
    print("\nperformance profile (evaluations of converged runs): rho(1), rho(4), rho(infinity)");
    const rho: Record<string, readonly number[]> = {};
    for (const curve of profile.curves) {
      rho[curve.label] = [1, 4, Infinity].map((tau) => profileValue(profile, curve.label, tau));
      print(`  ${curve.label.padEnd(18)} ${rho[curve.label]?.map((value) => value.toFixed(2)).join("  ")}`);
    }
    return { outcome, results, rho };
  } finally {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  }
}

runIfMain(import.meta.url, main);

import { describe, expect, it } from "vitest";
import {
  compare,
  compareAsync,
  distanceTo,
  errorMeasure,
  formatComparison,
  relativeResidual,
  residualNorm,
} from "../../src/index.js";
import type { Solver } from "../../src/index.js";
import { gradientDescent } from "../../solvers/gradient-descent/index.js";
import {
  gaussSeidel,
  jacobi,
  optimalRelaxation,
  poisson2d,
  poissonJacobiRadius,
  sor,
} from "../../solvers/gauss-seidel/index.js";
import { newton, newtonMinimize, secant } from "../../solvers/newton/index.js";
import { rosenbrockWithHessian } from "../fixtures/problems.js";

/** The real root of Wallis's equation x^3 - 2x - 5 = 0. */
const wallis = 2.0945514815423265;
const cubic = { f: "x^3 - 2x - 5", x0: 2 };

/** A solver whose state is its own error: e_{k+1} = next(e_k), from e_0 = problem.e0 (+ a seeded draw). */
function sequence(
  name: string,
  next: (error: number) => number,
  jitter = 0,
): Solver<{ readonly e0: number }, { readonly e: number }> {
  return {
    name,
    init: (problem, { random }) => ({ e: problem.e0 * (1 + jitter * random.float()) }),
    step: (_problem, state) => ({ e: next(state.e) }),
    record: (state) => state,
    convergence: undefined,
    maxIterations: 20,
  };
}
const own = errorMeasure("e", (state: { readonly e: number }) => state.e);

describe("compare", () => {
  it("fits rho = 0.5 and q = 1 to e_k = 0.5^k, and q = 2 to e_{k+1} = e_k^2", () => {
    const comparison = compare({
      problem: { e0: 0.5 },
      methods: [
        { label: "halving", solver: sequence("halving", (e) => e / 2) },
        { label: "squaring", solver: sequence("squaring", (e) => e * e), options: { maxIterations: 8 } },
      ],
      error: own,
      tolerances: [1e-2, 1e-6],
    });
    const [halving, squaring] = comparison.rows;
    expect(halving?.rate).toBeCloseTo(0.5, 12);
    expect(halving?.order).toBeCloseTo(1, 12);
    expect(halving?.iterationsTo).toEqual([6, 19]); // 0.5^7 = 0.0078 <= 1e-2 at k = 6 (e_0 = 0.5); 0.5^20 = 9.5e-7
    expect(squaring?.order).toBeCloseTo(2, 12);
    expect(squaring?.iterationsTo).toEqual([3, 5]); // e_k = 0.5^(2^k): 3.9e-3 at k = 3, 1.5e-5 at 4, 2.3e-10 at 5
    expect(comparison.series.map((curve) => curve.error.length)).toEqual([21, 9]);
  });

  it("puts Newton (q = 2) and the secant method (q = 1.618) side by side on x^3 - 2x - 5", () => {
    const comparison = compare({
      problem: cubic,
      methods: [
        { label: "Newton", solver: newton() },
        { label: "secant", solver: secant() },
      ],
      error: distanceTo(wallis),
    });
    const [newtonRow, secantRow] = comparison.rows;
    expect(comparison.errorName).toBe("|x - x*|");
    // Chosen from the errors: below the initial 9.5e-2, down to ten times the rounding floor 2.1e-14.
    expect(comparison.tolerances).toEqual([1e-2, 1e-5, 1e-9, 1e-12]);
    expect(comparison.tolerancesFrom).toBe("errors");
    // Errors 9.5e-2, 5.4e-3, 1.7e-5, 1.6e-10, 0 (Newton) and 9.5e-2, 5.4e-3, 3.0e-4, 9.2e-7, 1.5e-10, 0 (secant).
    expect(newtonRow?.iterationsTo).toEqual([1, 3, 3, 4]);
    expect(secantRow?.iterationsTo).toEqual([1, 3, 4, 5]);
    expect(newtonRow?.order).toBeCloseTo(2, 1);
    expect(secantRow?.order).toBeGreaterThan(1.5);
    expect(secantRow?.order).toBeLessThan(1.75);
    for (const row of comparison.rows) {
      expect(row.converged).toBe(true);
      expect(row.stopReason.kind).toBe("converged");
      expect(row.finalError).toBeLessThan(1e-15);
      expect(row.timeToMs.every((time) => time !== undefined && time >= 0)).toBe(true);
      expect(row.timePerIterationMs).toBeGreaterThan(0);
      expect(row.spread).toBeUndefined();
    }
    expect(newtonRow?.iterations).toBe(5);
    for (const curve of comparison.series) {
      expect(curve.iteration).toEqual(curve.iteration.map((_, k) => k));
      expect(curve.timeMs).toHaveLength(curve.error.length);
      expect(curve.error[0]).toBeCloseTo(wallis - 2, 15);
    }
  });

  it("fits q = 2 (Newton) and q = 1.618 (secant) on residuals, leaving out the rounding-level ones", () => {
    const comparison = compare({
      problem: { f: "x^2 - 2", x0: 1 },
      methods: [
        { label: "Newton", solver: newton() },
        { label: "secant", solver: secant() },
      ],
      error: residualNorm(),
    });
    const [newtonRow, secantRow] = comparison.rows;
    // |f(x_k)|: 1, 0.25, 6.9e-3, 6.0e-6, 4.5e-12, then 4.4e-16 = 2 eps, the rounding level of x^2 - 2 at
    // sqrt(2) (exactly, 2.0e-23). Fitting the order through that last residual gives 0.42; the residuals at
    // or below 1e-14 times the first are left out.
    expect(newtonRow?.runs[0]?.finalError).toBeLessThan(1e-15);
    expect(newtonRow?.order).toBeGreaterThanOrEqual(1.8);
    expect(newtonRow?.order).toBeLessThanOrEqual(2.2);
    expect(secantRow?.order).toBeGreaterThanOrEqual(1.5);
    expect(secantRow?.order).toBeLessThanOrEqual(1.75);
    // Superlinear: the rate fitted to the last usable residuals is far below 1, but log |f| is no straight
    // line in k, so no rate is reported, and the evidence says why.
    expect(newtonRow?.runs[0]?.rateFit.value).toBeLessThan(0.01);
    expect(secantRow?.runs[0]?.rateFit.value).toBeLessThan(0.05);
    expect(newtonRow?.rate).toBeUndefined();
    expect(newtonRow?.rateFit.reason).toMatch(
      /^log error is not a straight line over the last 5 iterations \(R\^2 = 0\.\d\d < 0\.98\)/,
    );
  });

  it("shows Newton's quadratic and gradient descent's linear rate on Rosenbrock's function", () => {
    const comparison = compare({
      problem: rosenbrockWithHessian,
      methods: [
        { label: "gradient descent", solver: gradientDescent() },
        { label: "Newton", solver: newtonMinimize() },
      ],
      error: distanceTo([1, 1]),
      tolerances: [1e-4],
      maxIterations: 50_000,
    });
    const [descent, newtonRow] = comparison.rows;
    expect(comparison.errorName).toBe("||x - x*||");
    expect(newtonRow?.iterations).toBe(21);
    expect(newtonRow?.order).toBeGreaterThan(1.8);
    expect(descent?.converged).toBe(true);
    expect(descent?.iterations).toBeGreaterThan(10_000);
    expect(descent?.rate).toBeGreaterThan(0.99);
    expect(descent?.rate).toBeLessThan(1);
    expect(descent?.order).toBeCloseTo(1, 2);
    expect(descent?.iterationsTo[0]).toBeGreaterThan(100 * (newtonRow?.iterationsTo[0] ?? Infinity));
  });

  it("measures Jacobi, Gauss-Seidel and SOR on Poisson's equation at their theoretical rates", () => {
    const n = 15;
    const h = 1 / (n + 1);
    const rhoJacobi = poissonJacobiRadius(n); // cos(pi h)
    const omega = optimalRelaxation(rhoJacobi);
    const comparison = compare({
      problem: { matrix: poisson2d(n), b: new Float64Array(n * n).fill(h * h) },
      methods: [
        { label: "Jacobi", solver: jacobi({ relTolerance: 1e-8, maxIterations: 10_000 }) },
        { label: "Gauss-Seidel", solver: gaussSeidel({ relTolerance: 1e-8, maxIterations: 10_000 }) },
        { label: "SOR", solver: sor({ relaxation: omega, relTolerance: 1e-8 }) },
      ],
      error: relativeResidual(),
    });
    const [jacobiRow, gaussSeidelRow, sorRow] = comparison.rows;
    expect(jacobiRow?.rate).toBeCloseTo(rhoJacobi, 3);
    expect(gaussSeidelRow?.rate).toBeCloseTo(rhoJacobi ** 2, 3); // rho_GS = rho_J^2
    const ratio = (gaussSeidelRow?.iterationsTo[3] ?? 0) / (jacobiRow?.iterationsTo[3] ?? 1);
    expect(ratio).toBeGreaterThan(0.45); // Gauss-Seidel needs half of Jacobi's iterations
    expect(ratio).toBeLessThan(0.55);
    expect(sorRow?.iterations).toBeLessThan((gaussSeidelRow?.iterations ?? 0) / 5);
    expect(jacobiRow?.order).toBeCloseTo(1, 2);
  });

  it("runs every method once per seed, on the problem built for that seed, and gives means and spreads", () => {
    const built: number[] = [];
    const comparison = compare({
      problem: (seed) => {
        built.push(seed);
        return { e0: 0.5 };
      },
      methods: [{ label: "halving", solver: sequence("halving", (e) => e / 2, 1) }],
      error: own,
      tolerances: [1e-3],
      seeds: [1, 2, 3, 4],
    });
    expect(built).toEqual([1, 1, 2, 3, 4]); // the warm-up run on the first seed's problem, then one per seed
    expect(comparison.seeds).toEqual([1, 2, 3, 4]);
    expect(comparison.series.map((curve) => curve.seed)).toEqual([1, 2, 3, 4]);
    const row = comparison.rows[0];
    const runs = row?.runs ?? [];
    expect(row?.seeds).toBe(4);
    expect(runs.map((run) => run.seed)).toEqual([1, 2, 3, 4]);
    const finals = runs.map((run) => run.finalError);
    const mean = finals.reduce((a, b) => a + b, 0) / 4;
    expect(row?.finalError).toBeCloseTo(mean, 15);
    expect(row?.spread?.finalError.mean).toBeCloseTo(mean, 15);
    expect(row?.spread?.finalError.min).toBe(Math.min(...finals));
    expect(row?.spread?.finalError.max).toBe(Math.max(...finals));
    const sd = Math.sqrt(finals.reduce((sum, value) => sum + (value - mean) ** 2, 0) / 3);
    expect(row?.spread?.finalError.sd).toBeCloseTo(sd, 15);
    expect(row?.spread?.iterations).toEqual({ mean: 20, sd: 0, min: 20, max: 20 });
    const reached = runs.map((run) => run.iterationsTo[0] as number);
    const sorted = [...reached].sort((a, b) => a - b);
    expect(row?.iterationsTo[0]).toBe(((sorted[1] as number) + (sorted[2] as number)) / 2); // the median
    expect(row?.reachedBy).toEqual([4]);
    expect(new Set(finals).size).toBeGreaterThan(1); // the seeds drew different starts
    expect(row?.rate).toBeCloseTo(0.5, 12);
  });

  it("reports a method that does not reach a tolerance as not converged, without an error", () => {
    const comparison = compare({
      problem: { e0: 1 },
      methods: [{ label: "slow", solver: sequence("slow", (e) => 0.9 * e) }],
      error: own,
      tolerances: [0.5, 1e-6],
      maxIterations: 10,
    });
    const row = comparison.rows[0];
    expect(row?.converged).toBe(false);
    expect(row?.stopReason).toEqual({ kind: "maxIterations", text: "reached maxIterations = 10" });
    expect(row?.iterationsTo).toEqual([7, undefined]); // 0.9^7 = 0.478
    expect(row?.timeToMs[1]).toBeUndefined();
    expect(row?.rate).toBeCloseTo(0.9, 12);
  });

  it("runs untimed warm-up runs first without changing the counts", () => {
    let inits = 0;
    const counted = {
      ...sequence("halving", (e) => e / 2),
      init: () => {
        inits++;
        return { e: 0.5 };
      },
    };
    const tolerances = [1e-2, 1e-4, 1e-6, 1e-8];
    const comparison = compare({
      problem: { e0: 0.5 },
      methods: [{ label: "halving", solver: counted }],
      error: own,
      warmup: 2,
      tolerances,
    });
    expect(inits).toBe(3);
    expect(comparison.warmup).toBe(2);
    expect(comparison.rows[0]?.iterationsTo).toEqual([6, 13, 19, undefined]); // e_k = 0.5^(k + 1), 20 iterations
    expect(() =>
      compare({ problem: { e0: 0.5 }, methods: [{ label: "h", solver: counted }], error: own, warmup: -1 }),
    ).toThrowErrorMatchingInlineSnapshot(`[InvalidOptionError: warmup must be an integer >= 0, got -1]`);
  });

  it("gives the same counts with the async driver", async () => {
    const options = {
      problem: cubic,
      methods: [
        { label: "Newton", solver: newton() },
        { label: "secant", solver: secant() },
      ],
      error: distanceTo(wallis),
    };
    const synchronous = compare(options);
    const asynchronous = await compareAsync(options);
    expect(asynchronous.rows.map((row) => row.iterationsTo)).toEqual(synchronous.rows.map((row) => row.iterationsTo));
    expect(asynchronous.series.map((curve) => curve.error)).toEqual(synchronous.series.map((curve) => curve.error));
  });

  it("rejects no methods, duplicate labels, bad tolerances and seeds, and names the method whose error is NaN", () => {
    const method = { label: "Newton", solver: newton() };
    const base = { problem: cubic, error: distanceTo(wallis) };
    expect(() => compare({ ...base, methods: [] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: methods must be a non-empty array of methods, got an array of length 0]`,
    );
    expect(() => compare({ ...base, methods: [method, method] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: methods[1].label must be a label no other method has, got "Newton"]`,
    );
    expect(() => compare({ ...base, methods: [{ ...method, label: "" }] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: methods[0].label must be a non-empty string, got ""]`,
    );
    expect(() => compare({ ...base, methods: [method], tolerances: [1e-2, -1] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: tolerances[1] must be a finite number > 0, got -1]`,
    );
    expect(() => compare({ ...base, methods: [method], tolerances: [] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: tolerances must be a non-empty array of numbers, got an array of length 0]`,
    );
    expect(() => compare({ ...base, methods: [method], seeds: [1.5] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: seeds[0] must be an integer in [0, 4294967295], got 1.5]`,
    );
    expect(() => compare({ ...base, methods: [method], maxIterations: -1 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: maxIterations must be an integer >= 0, got -1]`,
    );
    expect(() => compare({ ...base, methods: [method], error: undefined as never })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: error must be an error measure such as distanceTo(xStar), got undefined]`,
    );
    const nanAfterTwo = errorMeasure("broken", (state: { readonly x: number }) => (state.x === 2 ? 1 : NaN));
    expect(() => compare({ problem: cubic, methods: [method], error: nanAfterTwo })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: error.measure (method "Newton", seed 0, iteration 1) must be a number >= 0 (Infinity allowed), got NaN]`,
    );
    const negative = errorMeasure("signed", (state: { readonly x: number }) => state.x - wallis);
    expect(() => compare({ problem: cubic, methods: [method], error: negative })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: error.measure (method "Newton", seed 0, iteration 0) must be a number >= 0 (Infinity allowed), got -0.09455148154232651]`,
    );
  });
});

describe("formatComparison", () => {
  it("prints one row per method, the tolerances as headers, and - for a tolerance never reached", () => {
    const comparison = compare({
      problem: { e0: 1 },
      methods: [
        { label: "halving", solver: sequence("halving", (e) => e / 2) },
        { label: "slow", solver: sequence("slow", (e) => 0.9 * e) },
      ],
      error: own,
      tolerances: [0.5, 1e-4],
    });
    const lines = formatComparison(comparison).split("\n");
    expect(lines[0]).toBe("error: e");
    expect(lines[1]).toMatch(
      /^method\s+it<=0.5\s+it<=1e-4\s+ms<=1e-4\s+iters\s+final error\s+rate\s+order\s+ms\/iter\s+stop$/,
    );
    expect(lines[3]).toMatch(/^halving\s+1\s+14\s+\S+\s+20\s+9\.5e-7\s+0\.5\s+1\.000\s+\S+\s+maxIterations$/);
    expect(lines[4]).toMatch(/^slow\s+7\s+-\s+-\s+20\s+0\.1216\s+0\.9\s+1\.000/);
  });

  it("shows mean ± sd with several seeds", () => {
    const comparison = compare({
      problem: { e0: 0.5 },
      methods: [{ label: "halving", solver: sequence("halving", (e) => e / 2, 1) }],
      error: own,
      seeds: [1, 2],
    });
    expect(formatComparison(comparison)).toContain("20 ± 0");
    expect(formatComparison(comparison)).toContain(
      "2 seeds: iterations and ms to a tolerance are medians over the seeds",
    );
  });
});

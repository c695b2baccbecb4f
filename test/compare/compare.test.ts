import { describe, expect, it } from "vitest";
import { compare, distanceTo, relativeResidual, residualNorm } from "../../src/index.js";
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
import { wallis, cubic, sequence, own } from "../fixtures/compare.js";

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
});

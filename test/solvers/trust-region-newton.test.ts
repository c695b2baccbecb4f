import { describe, expect, it } from "vitest";
import { describeStopReason, fixedStep, solve } from "../../src/index.js";
import { newtonMinimize, noModification, trustRegionNewton } from "../../solvers/newton/index.js";
import { steihaugCg } from "../../solvers/newton/steihaug-cg.js";
import { rosenbrockWithHessian } from "../fixtures/problems.js";

// Iteration counts (nit, rejected steps included) of SciPy 1.10.1 (Debian's /usr/bin/python3):
// minimize(f, x0, jac, hess, method="trust-ncg", options={"gtol": tol}), default radii 1 and 1000, eta 0.15.
const rosenbrock = "100 (y - x^2)^2 + (1 - x)^2";
const doubleWell = "x^4/4 - x^2/2 + y^2/2"; // Hessian diag(3x^2 - 1, 1): indefinite for |x| < 1/sqrt 3
const rosenbrock4 = "100 (x2 - x1^2)^2 + (1 - x1)^2 + 100 (x3 - x2^2)^2 + (1 - x2)^2 + 100 (x4 - x3^2)^2 + (1 - x3)^2";

describe("trustRegionNewton", () => {
  it.each([
    ["Rosenbrock", [-1.2, 1], 1e-5, 29, rosenbrock, [1, 1]],
    ["Rosenbrock", [-1.2, 1], 1e-8, 30, rosenbrock, [1, 1]],
    ["the double well", [0.01, 1], 1e-5, 11, doubleWell, [1, 0]],
    ["the double well", [0.5, 0.5], 1e-5, 5, doubleWell, [1, 0]],
    ["the double well", [0.5, 0.5], 1e-8, 6, doubleWell, [1, 0]],
    ["the 4-D chained Rosenbrock (SciPy's rosen)", [-1.2, 1, -1.2, 1], 1e-8, 49, rosenbrock4, [1, 1, 1, 1]],
  ] as const)(
    "minimises %s from %j (gtol %s) in SciPy trust-ncg's %i iterations",
    (_name, x0, tol, iterations, f, minimum) => {
      const result = solve(trustRegionNewton({ absTolerance: tol }), { f, x0 });
      expect(result.stopReason).toMatchObject({ kind: "converged", test: "|grad|" });
      expect(result.iterations).toBe(iterations);
      for (let i = 0; i < minimum.length; i++) expect(result.state.x[i]).toBeCloseTo(minimum[i] as number, 5);
    },
    30_000, // the first case loads mathjs, slow on a loaded machine
  );

  it("goes downhill where the Hessian is indefinite, where plain Newton goes to the saddle", () => {
    const start = { f: doubleWell, x0: [0.01, 1] };
    const plain = solve(newtonMinimize({ hessianModification: noModification(), lineSearch: fixedStep(1) }), start);
    expect(Math.abs(plain.state.x[0] as number)).toBeLessThan(1e-6); // the saddle (0, 0), f = 0
    const result = solve(trustRegionNewton(), start, { trace: { every: 1 } });
    expect(result.state.f).toBeCloseTo(-0.25, 14);
    expect(result.trace.entries.some((entry) => entry.record.negativeCurvature)).toBe(true);
    // f never increases: rejected trials leave x where it was.
    const values = result.trace.entries.map((entry) => entry.record.f);
    for (let k = 1; k < values.length; k++) expect(values[k]).toBeLessThanOrEqual(values[k - 1] as number);
  });

  it("follows Nocedal and Wright's radius rules: a quarter below rho = 1/4, double on the boundary above 3/4", () => {
    const result = solve(trustRegionNewton(), rosenbrockWithHessian, { trace: { every: 1 } });
    const records = result.trace.entries.map((entry) => entry.record);
    let shrinks = 0;
    for (let k = 1; k < records.length; k++) {
      const { ratio, radius } = records[k] as { ratio: number; radius: number };
      const before = (records[k - 1] as { radius: number }).radius;
      if (ratio < 0.25) {
        expect(radius).toBe(before / 4);
        shrinks++;
      } else expect([before, Math.min(2 * before, 1000)]).toContain(radius);
      expect(records[k]?.accepted).toBe(ratio > 0.15);
    }
    expect(shrinks).toBeGreaterThan(0);
  });

  it("solves the subproblem exactly when the Newton step of a convex quadratic is inside the region", () => {
    // A small gradient, so the forcing tolerance min(1/2, sqrt |g|) |g| asks for CG's exact answer (n = 2 steps).
    const small = steihaugCg(Float64Array.of(1e-4, 2e-4), Float64Array.of(2, 0, 0, 4), 10);
    expect(small.step[0]).toBeCloseTo(-0.5e-4, 18); // the Newton step -H^-1 g
    expect(small.step[1]).toBeCloseTo(-0.5e-4, 18);
    expect(small.iterations).toBe(2);
    expect(small.onBoundary).toBe(false);
    // A large one: CG stops once the residual is below |g| / 2 (inexact Newton), here after one step.
    const g = Float64Array.of(1, 2);
    const h = Float64Array.of(2, 0, 0, 4);
    expect(steihaugCg(g, h, 10).iterations).toBe(1);
    const cut = steihaugCg(g, h, 0.1);
    expect(Math.hypot(cut.step[0] as number, cut.step[1] as number)).toBeCloseTo(0.1, 15);
    expect(cut.onBoundary).toBe(true);
  });

  it("steps to the boundary along a direction of negative curvature", () => {
    const result = steihaugCg(Float64Array.of(1, 0), Float64Array.of(-1, 0, 0, 1), 2);
    expect(Array.from(result.step)).toEqual([-2, 0]);
    expect(result.negativeCurvature).toBe(true);
    expect(result.predictedDecrease).toBe(4); // -(1 (-2) + (-1)(4)/2)
  });

  it("stops at iteration 0 at a stationary point and on the relative gradient test", () => {
    expect(solve(trustRegionNewton(), { f: "x^2 + y^2", x0: [0, 0] }).iterations).toBe(0);
    const result = solve(trustRegionNewton({ relTolerance: 1e-3, absTolerance: 0 }), rosenbrockWithHessian);
    expect(result.stopReason).toMatchObject({ kind: "converged", test: "|grad|/|grad0|" });
    expect(result.state.gradientNorm / result.state.initialGradientNorm).toBeLessThanOrEqual(1e-3);
  });

  it("rejects a trial point where f is not finite and shrinks the radius", () => {
    // x - log x (NaN for x < 0), minimum at 1; from 3 the Newton step -6 is cut to the radius 4: x = -1.
    const problem = {
      f: (x: Float64Array) => (x[0] as number) - Math.log(x[0] as number),
      gradient: (x: Float64Array) => [1 - 1 / (x[0] as number)],
      hessian: (x: Float64Array) => [[1 / (x[0] as number) ** 2]],
      x0: [3],
    };
    const result = solve(trustRegionNewton({ initialRadius: 4 }), problem, { trace: { every: 1 } });
    expect(describeStopReason(result.stopReason)).toMatch(/^converged: \|grad\|/);
    expect(result.trace.entries[1]?.record).toMatchObject({ accepted: false, ratio: -Infinity, radius: 1 });
    expect(result.state.x[0]).toBeCloseTo(1, 8); // |grad| = 1 - 1/x <= 1e-8
  });

  it("rejects options outside their ranges", () => {
    expect(() => trustRegionNewton({ acceptanceRatio: 0.3 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: acceptanceRatio must be a number in [0, 0.25), got 0.3]`,
    );
    expect(() => trustRegionNewton({ initialRadius: 10, maxRadius: 5 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: maxRadius must be a finite number >= initialRadius (10), got 5]`,
    );
    expect(() => trustRegionNewton({ radius: 1 } as never)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: radius is not an option of trustRegionNewton; did you mean maxRadius? (options: absTolerance, relTolerance, initialRadius, maxRadius, acceptanceRatio, maxIterations)]`,
    );
  });
});

import { describe, expect, it } from "vitest";
import { solve } from "../../src/index.js";
import { fixedPoint } from "../../solvers/fixed-point/index.js";
import type { FixedPointProblem } from "../../solvers/fixed-point/index.js";
import { cosineFixedPoint, dottie } from "../fixtures/problems.js";

describe("fixedPoint", () => {
  it("reaches the exact floating-point fixed point of cos, the Dottie number", () => {
    const result = solve(fixedPoint({ absTolerance: 0 }), cosineFixedPoint);
    expect(result.state.x).toBe(dottie);
    expect(Math.cos(result.state.x)).toBe(result.state.x);
    expect(result.stopReason).toMatchObject({ kind: "converged", test: "|dx|", value: 0, tolerance: 0 });
  });

  it("converges linearly at the rate |g'(x*)| = sin(x*), which the step ratio estimates", () => {
    const result = solve(fixedPoint({ absTolerance: 1e-10 }), cosineFixedPoint);
    const ratios = result.trace.entries.map((entry) => entry.record.stepRatio).filter((ratio) => ratio !== undefined);
    // Past the transient, |x_{k+1} - x_k| / |x_k - x_{k-1}| -> |g'(x*)| = sin(0.739...) = 0.6736.
    expect(ratios.at(-1)).toBeCloseTo(Math.sin(dottie), 6);
    expect(result.iterations).toBeGreaterThan(50);
  });

  it("converges in a handful of steps with the optimal relaxation 1 / (1 - g'(x*))", () => {
    const plain = solve(fixedPoint({ absTolerance: 1e-14 }), cosineFixedPoint);
    const relaxed = solve(
      fixedPoint({ absTolerance: 1e-14, relaxation: 1 / (1 + Math.sin(dottie)) }),
      cosineFixedPoint,
    );
    expect(Math.abs(relaxed.state.x - dottie)).toBeLessThan(1e-15);
    expect(relaxed.iterations).toBeLessThanOrEqual(6);
    expect(plain.iterations).toBeGreaterThan(70);
  });

  it("finds sqrt(2) with the Babylonian map x = (x + 2 / x) / 2", () => {
    const result = solve(fixedPoint({ absTolerance: 0 }), { map: (x: number) => (x + 2 / x) / 2, x0: 1 });
    expect(result.state.x).toBeCloseTo(Math.SQRT2, 15);
    expect(result.iterations).toBeLessThanOrEqual(7);
  });

  it("stops with diverged when the steps grow, as for g(x) = 2x + 1 (|g'| = 2)", () => {
    const result = solve(fixedPoint(), { map: (x: number) => 2 * x + 1, x0: 0 });
    expect(result.stopReason.kind).toBe("diverged");
    expect(result.converged).toBe(false);
    expect(result.stopReason.kind === "diverged" && result.stopReason.message).toMatchInlineSnapshot(
      `"|dx| = 1.0e+6 > 1e+6 (met, 1.0e+6 x initial)"`,
    );
    expect(Number.isFinite(result.state.x)).toBe(true);
  });

  it("stops with diverged, not NaN, when the map leaves the reals", () => {
    const result = solve(fixedPoint(), { map: (x: number) => Math.sqrt(x - 5), x0: 1 });
    expect(result.stopReason).toMatchObject({ kind: "diverged", message: "x = NaN (not finite: met)" });
  });

  it("stops with maxIterations when there is no fixed point to approach", () => {
    const result = solve(fixedPoint({ maxIterations: 50 }), { map: (x: number) => x + 1, x0: 0 });
    expect(result.stopReason).toEqual({ kind: "maxIterations", maxIterations: 50 });
    expect(result.state.x).toBe(50);
  });

  it("counts one evaluation of the map per iteration", () => {
    const result = solve(fixedPoint(), cosineFixedPoint);
    expect(result.state.evaluations).toBe(result.iterations);
  });

  it("rejects malformed problems with a typed error naming the part", () => {
    expect(() =>
      solve(fixedPoint(), { map: 3, x0: 1 } as unknown as FixedPointProblem),
    ).toThrowErrorMatchingInlineSnapshot(`[InvalidProblemError: problem.map must be a function of one number, got 3]`);
    expect(() => solve(fixedPoint(), { map: Math.cos, x0: Number.NaN })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.x0 must be a finite number, got NaN]`,
    );
  });

  it("rejects options outside their ranges", () => {
    expect(() => fixedPoint({ relaxation: 2 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: relaxation must be a number in (0, 2), got 2]`,
    );
    expect(() => fixedPoint({ absTolerance: -1 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: absTolerance must be a finite number >= 0, got -1]`,
    );
    expect(() => fixedPoint({ maxIterations: 1.5 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: maxIterations must be an integer >= 0, got 1.5]`,
    );
  });
});

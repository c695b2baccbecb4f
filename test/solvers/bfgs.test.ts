import { describe, expect, it } from "vitest";
import { describeStopReason, estimateRate, solve, solveIterations } from "../../src/index.js";
import { gradientDescent } from "../../solvers/gradient-descent/index.js";
import { bfgs, finiteDifferences, newtonMinimize } from "../../solvers/newton/index.js";
import type { BfgsState } from "../../solvers/newton/index.js";
import { quadratic, rosenbrock } from "../fixtures/problems.js";

const distanceToOnes = (x: Float64Array) => Math.hypot((x[0] as number) - 1, (x[1] as number) - 1);

describe("bfgs", () => {
  it("reaches (1, 1) on Rosenbrock with |grad| <= 1e-8, without a Hessian", () => {
    const result = solve(bfgs(), rosenbrock);
    expect(result.stopReason).toMatchObject({ kind: "converged", test: "|grad|" });
    expect(result.state.gradientNorm).toBeLessThanOrEqual(1e-8);
    expect(distanceToOnes(result.state.x)).toBeLessThan(1e-9);
    expect(result.solver).toBe("BFGS (backtracking)");
  });

  it("converges superlinearly on Rosenbrock: the error ratios fall towards 0, unlike gradient descent's", () => {
    const errors = solve(bfgs(), rosenbrock).trace.entries.map((entry) => distanceToOnes(entry.record.x));
    const ratios = errors.slice(1).map((error, k) => error / (errors[k] as number));
    for (const ratio of ratios.slice(-5)) expect(ratio).toBeLessThan(0.1);
    expect(estimateRate(errors, { tail: 5 })).toBeLessThan(0.05);
    const descent = solve(gradientDescent({ maxIterations: 30_000 }), rosenbrock, { trace: { maxLength: 100_000 } });
    const descentErrors = descent.trace.entries.map((entry) => distanceToOnes(entry.record.x));
    expect(estimateRate(descentErrors, { tail: 100 })).toBeGreaterThan(0.99);
  });

  it("takes more iterations than Newton's method but evaluates no Hessian", () => {
    const quasi = solve(bfgs(), rosenbrock);
    const exact = solve(newtonMinimize(), { ...rosenbrock, hessian: finiteDifferences() });
    expect(quasi.iterations).toBeGreaterThan(exact.iterations);
    expect(quasi.iterations).toBeLessThan(60);
    expect(quasi.state.gradientEvaluations).toBe(1 + quasi.iterations);
  });

  it("keeps the inverse-Hessian approximation symmetric positive definite", () => {
    for (const { record, iteration } of solve(bfgs(), rosenbrock).trace.entries)
      expect(record.updateSkipped && iteration > 0).toBe(false);
    const h = solve(bfgs(), rosenbrock).state.inverseHessian;
    expect(h[1]).toBeCloseTo(h[2] as number, 12);
    expect(h[0]).toBeGreaterThan(0);
    expect((h[0] as number) * (h[3] as number) - (h[1] as number) * (h[2] as number)).toBeGreaterThan(0);
  });

  it("scales H_0 by (s . y) / (y . y) before the first update, and never mutates an earlier state", () => {
    const problem = quadratic(10);
    const seen: { state: BfgsState; inverseHessian: number[]; x: number[] }[] = [];
    for (const { state } of solveIterations(bfgs(), problem)) {
      seen.push({ state, inverseHessian: Array.from(state.inverseHessian), x: Array.from(state.x) });
    }
    expect(seen[0]?.inverseHessian).toEqual([1, 0, 0, 1]);
    expect(seen[1]?.inverseHessian).not.toEqual([1, 0, 0, 1]);
    for (const { state, inverseHessian, x } of seen) {
      expect(Array.from(state.inverseHessian)).toEqual(inverseHessian);
      expect(Array.from(state.x)).toEqual(x);
    }
  });

  it("gives the same first step with the gradient given, derived by mathjs, or by finite differences", () => {
    const given = solve(bfgs(), rosenbrock, { maxIterations: 3 }).state.x;
    const symbolic = solve(bfgs(), { f: "100 (y - x^2)^2 + (1 - x)^2", x0: [-1.2, 1] }, { maxIterations: 3 }).state.x;
    const differenced = solve(
      bfgs(),
      { f: rosenbrock.f, gradient: finiteDifferences(), x0: [-1.2, 1] },
      { maxIterations: 3 },
    ).state.x;
    expect(symbolic[0]).toBeCloseTo(given[0] as number, 12);
    expect(symbolic[1]).toBeCloseTo(given[1] as number, 12);
    expect(differenced[0]).toBeCloseTo(given[0] as number, 6);
    expect(differenced[1]).toBeCloseTo(given[1] as number, 6);
  });

  it("stops with the line search's message when no step decreases f", () => {
    const result = solve(bfgs(), { ...quadratic(10), gradient: (x) => [-(x[0] as number), -10 * (x[1] as number)] });
    expect(describeStopReason(result.stopReason)).toMatchInlineSnapshot(
      `"stopped by the solver: line search failed: no step length down to 1.7e-18 decreased f enough (Armijo, c1 = 0.0001) in 60 trials"`,
    );
    expect(result.converged).toBe(false);
  });

  it("rejects malformed problems and options with typed errors", () => {
    expect(() => solve(bfgs(), { f: rosenbrock.f, x0: [-1.2, 1] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.gradient must be a function, an array of expression strings or finiteDifferences() when problem.f is a function, got undefined]`,
    );
    expect(() => solve(bfgs(), { f: "x^2 + q", x0: [1] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.f must be an expression in x, got "x^2 + q" (unknown variable q)]`,
    );
    expect(() => bfgs({ maxIterations: -1 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: maxIterations must be an integer >= 0, got -1]`,
    );
    expect(() => bfgs({ divergenceTolerance: 0 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: divergenceTolerance must be a finite number >= 1, got 0]`,
    );
  });
});

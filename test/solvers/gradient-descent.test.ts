import { describe, expect, it } from "vitest";
import { backtracking, fixedStep, norm2, solve, solveIterations, strongWolfe } from "../../src/index.js";
import type { ObjectiveProblem } from "../../solvers/gradient-descent/index.js";
import { gradientDescent } from "../../solvers/gradient-descent/index.js";
import { quadratic, rosenbrock } from "../fixtures/problems.js";

describe("gradientDescent", () => {
  it.each([2, 10, 100])(
    "contracts the error by exactly (kappa - 1) / (kappa + 1) per step on a quadratic with kappa = %i",
    (kappa) => {
      const result = solve(
        gradientDescent({ lineSearch: fixedStep(2 / (1 + kappa)), maxIterations: 40 }),
        quadratic(kappa),
      );
      const errors = result.trace.entries.map((entry) => norm2(entry.record.x));
      const rate = (kappa - 1) / (kappa + 1);
      for (let k = 1; k < errors.length; k++)
        expect((errors[k] as number) / (errors[k - 1] as number)).toBeCloseTo(rate, 12);
    },
  );

  it("takes the number of iterations that the rate predicts to reach the gradient tolerance", () => {
    const kappa = 100;
    const result = solve(
      gradientDescent({ lineSearch: fixedStep(2 / (1 + kappa)), absTolerance: 1e-8 }),
      quadratic(kappa),
    );
    // ||grad||_inf = kappa * rho^k from (1, 1), so k = ceil(ln(tol / kappa) / ln(rho)).
    const predicted = Math.ceil(Math.log(1e-8 / kappa) / Math.log((kappa - 1) / (kappa + 1)));
    expect(result.iterations).toBe(predicted);
    expect(result.stopReason).toMatchObject({ kind: "converged", test: "|grad|" });
  });

  it("reaches the minimum (1, 1) of Rosenbrock with Armijo backtracking, never increasing f", () => {
    const result = solve(gradientDescent({ lineSearch: backtracking(), maxIterations: 30_000 }), rosenbrock, {
      trace: { maxLength: 100_000 },
    });
    expect(result.converged).toBe(true);
    expect(result.state.gradientNorm).toBeLessThanOrEqual(1e-8);
    expect(result.state.x[0]).toBeCloseTo(1, 6);
    expect(result.state.x[1]).toBeCloseTo(1, 6);
    const values = result.trace.entries.map((entry) => entry.record.f);
    for (let k = 1; k < values.length; k++) expect(values[k]).toBeLessThanOrEqual(values[k - 1] as number);
  });

  it("checks the gradient at iteration 0, so a start at the minimum takes no step", () => {
    const result = solve(gradientDescent(), quadratic(10, [0, 0]));
    expect(result.iterations).toBe(0);
    expect(result.stopReason).toMatchObject({ kind: "converged", value: 0 });
  });

  it("stops with diverged when a fixed step is longer than 2 / L", () => {
    const result = solve(gradientDescent({ lineSearch: fixedStep(0.5) }), quadratic(10));
    expect(result.stopReason.kind).toBe("diverged");
    expect(result.stopReason.kind === "diverged" && result.stopReason.message).toMatch(/^\|grad\| = .* > .*x initial/);
    expect(Number.isFinite(result.state.f)).toBe(true);
  });

  it("stops with the line search's message, not a NaN, when no step decreases f (here: a gradient of the wrong sign)", () => {
    const wrongSign: ObjectiveProblem = {
      ...quadratic(10),
      gradient: (x) => [-(x[0] as number), -10 * (x[1] as number)],
    };
    const result = solve(gradientDescent(), wrongSign);
    expect(result.stopReason).toMatchObject({ kind: "stopRequested", source: "solver" });
    expect(result.stopReason.kind === "stopRequested" && result.stopReason.message).toMatchInlineSnapshot(
      `"line search failed: no step length down to 1.7e-18 decreased f enough (Armijo, c1 = 0.0001) in 60 trials"`,
    );
    expect(result.iterations).toBe(1);
    expect(Array.from(result.state.x)).toEqual([1, 1]);
  });

  it("counts objective and gradient evaluations", () => {
    const result = solve(gradientDescent({ lineSearch: fixedStep(0.1) }), quadratic(2), { maxIterations: 5 });
    expect(result.state.fEvaluations).toBe(6);
    expect(result.state.gradientEvaluations).toBe(6);
  });

  it("rejects malformed problems with a typed error naming the part", () => {
    const good = quadratic(2);
    expect(() => solve(gradientDescent(), { ...good, x0: [] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.x0 must be a non-empty array of finite numbers, got an array of length 0]`,
    );
    expect(() => solve(gradientDescent(), { ...good, gradient: () => [1, 2, 3] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.gradient(x) must be an array of 2 numbers, got an array of length 3]`,
    );
    expect(() => solve(gradientDescent(), { ...good, f: () => Number.NaN })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.f(x0) must be a finite number, got NaN]`,
    );
  });

  it("takes strong Wolfe steps (c2 = 0.1) on Rosenbrock, reusing the search's gradient, and reaches (1, 1)", () => {
    const solver = gradientDescent({ lineSearch: strongWolfe({ c2: 0.1 }), maxIterations: 30_000 });
    expect(solver.name).toBe("gradient descent (strong Wolfe (c1 = 0.0001, c2 = 0.1))");
    const states = [...solveIterations(solver, rosenbrock)].map(({ state }) => state);
    const last = states[states.length - 1]!;
    expect(last.gradientNorm).toBeLessThanOrEqual(1e-8);
    expect(Math.hypot((last.x[0] as number) - 1, (last.x[1] as number) - 1)).toBeLessThan(1e-7);
    // One f and one gradient per trial: the gradient at the accepted point is the search's last one.
    expect(last.gradientEvaluations).toBe(last.fEvaluations);
    for (let k = 1; k < states.length; k++) {
      const before = states[k - 1]!;
      const after = states[k]!;
      const s = [0, 1].map((i) => (after.x[i] as number) - (before.x[i] as number));
      const slope = s[0]! * before.gradient[0]! + s[1]! * before.gradient[1]!;
      expect(after.f).toBeLessThanOrEqual(before.f + 1e-4 * slope);
      expect(Math.abs(s[0]! * after.gradient[0]! + s[1]! * after.gradient[1]!)).toBeLessThanOrEqual(0.1 * -slope);
    }
  });

  it("rejects options outside their ranges", () => {
    expect(() => gradientDescent({ absTolerance: Number.NaN })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: absTolerance must be a finite number >= 0, got NaN]`,
    );
    expect(() => gradientDescent({ lineSearch: (() => undefined) as never })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: lineSearch must be a line search such as backtracking() or fixedStep(alpha), got a function]`,
    );
  });
});

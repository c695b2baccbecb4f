import { describe, expect, it } from "vitest";
import { describeStopReason, estimateOrder, estimateRate, solve } from "../../src/index.js";
import { finiteDifferences, halley, newton, secant } from "../../solvers/newton/index.js";
import { dottie } from "../fixtures/problems.js";
import { cubic, errorsOf, wallis } from "../fixtures/scalar-roots.js";

describe.each([
  { name: "newton", solver: newton() },
  { name: "secant", solver: secant() },
  { name: "halley", solver: halley() },
])("$name", ({ solver }) => {
  it.each([
    {
      equation: "x^2 = 2 from 1",
      problem: { f: (x: number) => x * x - 2, derivative: (x: number) => 2 * x, secondDerivative: () => 2, x0: 1 },
      root: Math.SQRT2,
    },
    {
      equation: "cos x = x from 1",
      problem: {
        f: (x: number) => Math.cos(x) - x,
        derivative: (x: number) => -Math.sin(x) - 1,
        secondDerivative: (x: number) => -Math.cos(x),
        x0: 1,
      },
      root: dottie,
    },
    { equation: "x^3 - 2x - 5 = 0 from 2", problem: cubic, root: wallis },
    { equation: "x^3 - 2x - 5 = 0 from 2, as an expression", problem: { f: "x^3 - 2x - 5", x0: 2 }, root: wallis },
  ])("finds the root of $equation to 1e-12", ({ problem, root }) => {
    const result = solve(solver, problem);
    expect(result.converged).toBe(true);
    expect(Math.abs(result.state.x - root)).toBeLessThanOrEqual(1e-12 * Math.max(1, root));
    expect(Number.isFinite(result.state.fx)).toBe(true);
  });

  it("stops at iteration 0 when x0 is an exact root (the |f| test is checked first)", () => {
    const result = solve(solver, { f: (x) => x - 3, derivative: () => 1, secondDerivative: () => 0, x0: 3 });
    expect(result.iterations).toBe(0);
    expect(result.stopReason).toMatchObject({ kind: "converged", test: "|f|", value: 0 });
  });

  it("ends on a large root through the relative step test", () => {
    const result = solve(solver, { f: "x^2 - 2e12", x0: 1e6 });
    expect(result.converged).toBe(true);
    expect(Math.abs(result.state.x - Math.SQRT2 * 1e6) / 1e6).toBeLessThan(1e-15);
  });
});

describe("rates on x^3 - 2x - 5 from 2", () => {
  const order = (solver: typeof newton) => estimateOrder(errorsOf(solve(solver(), cubic), wallis), { floor: 1e-14 });

  it("shows Newton's quadratic convergence", () => {
    const { orders, order: q } = order(newton);
    expect(orders.length).toBeGreaterThanOrEqual(2);
    expect(q).toBeGreaterThan(1.9);
    expect(q).toBeLessThan(2.1);
  });

  it("shows the secant method's golden-ratio order", () => {
    const { order: q } = order(secant);
    expect(q).toBeGreaterThan(1.5);
    expect(q).toBeLessThan(1.75);
  });

  it("shows Halley's cubic convergence", () => {
    const { order: q } = order(halley);
    expect(q).toBeGreaterThan(2.9);
    expect(q).toBeLessThan(3.1);
  });

  it("takes fewer iterations with Halley than Newton than secant", () => {
    const iterations = [halley, newton, secant].map((solver) => solve(solver(), cubic).iterations);
    expect(iterations).toEqual([4, 5, 6]);
  });
});

describe("newton", () => {
  it("converges linearly with rate 1/2 at the double root of (x - 1)^2", () => {
    const result = solve(newton(), { f: (x) => (x - 1) ** 2, derivative: (x) => 2 * (x - 1), x0: 2 });
    expect(result.converged).toBe(true);
    const errors = errorsOf(result, 1);
    // x_{k+1} - 1 = (x_k - 1) / 2 exactly: every ratio is 1/2.
    expect(estimateRate(errors)).toBeCloseTo(0.5, 14);
    expect(estimateOrder(errors).order).toBeCloseTo(1, 12);
    expect(Math.abs(result.state.x - 1)).toBeLessThan(2e-12);
  });

  it("detects the cycle 0, 1, 0, 1 on x^3 - 2x + 2 from 0 and says so", () => {
    const result = solve(newton(), { f: "x^3 - 2x + 2", x0: 0 });
    expect(result.trace.entries.map((entry) => entry.record.x)).toEqual([0, 1, 0]);
    expect(result.stopReason).toMatchObject({ kind: "diverged", source: "solver" });
    expect(describeStopReason(result.stopReason)).toMatchInlineSnapshot(
      `"diverged: Newton's iterates cycle with period 2 between x = 1 and x = 0"`,
    );
  });

  it("stops with diverged, not NaN, when the iterates run away on atan x from 1.5", () => {
    const result = solve(newton(), { f: Math.atan, derivative: (x) => 1 / (1 + x * x), x0: 1.5 });
    expect(result.stopReason.kind).toBe("diverged");
    expect(describeStopReason(result.stopReason)).toMatchInlineSnapshot(
      `"diverged: |dx| = 3.9e+6 > 3.2e+6 (met, 1.0e+6 x initial)"`,
    );
    expect(Number.isFinite(result.state.x)).toBe(true);
    // The iterates alternate in sign and grow: |x_{k+1}| > |x_k|.
    const xs = result.trace.entries.map((entry) => entry.record.x);
    for (let k = 1; k < xs.length; k++)
      expect(Math.abs(xs[k] as number)).toBeGreaterThan(Math.abs(xs[k - 1] as number));
  });

  it("converges on atan x from 1.3, inside the region of convergence (|x0| < 1.3917)", () => {
    const result = solve(newton(), { f: "atan(x)", x0: 1.3 });
    expect(result.converged).toBe(true);
    expect(Math.abs(result.state.x)).toBeLessThan(1e-15);
  });

  it("stops with diverged and keeps the point when f'(x) = 0", () => {
    const result = solve(newton(), { f: (x) => x * x + 1, derivative: (x) => 2 * x, x0: 0 });
    expect(result.iterations).toBe(1);
    expect(result.state.x).toBe(0);
    expect(describeStopReason(result.stopReason)).toMatchInlineSnapshot(
      `"diverged: f'(x) = 0 at x = 0: the Newton step is undefined"`,
    );
  });

  it("gives the same first step with f' given, derived by mathjs, or by finite differences", () => {
    const given = solve(
      newton(),
      { f: (x) => Math.exp(x) - 3 * x, derivative: (x) => Math.exp(x) - 3, x0: 0 },
      { maxIterations: 1 },
    );
    const symbolic = solve(newton(), { f: "exp(x) - 3x", x0: 0 }, { maxIterations: 1 });
    const differenced = solve(
      newton(),
      { f: (x) => Math.exp(x) - 3 * x, derivative: finiteDifferences(), x0: 0 },
      { maxIterations: 1 },
    );
    expect(given.state.x).toBe(0.5); // 0 - 1 / (1 - 3)
    expect(symbolic.state.x).toBe(0.5);
    expect(differenced.state.x).toBeCloseTo(0.5, 9);
  });

  it("reaches the same root with every derivative source", () => {
    const roots = [
      { f: "x^3 - 2x - 5", x0: 2 },
      { f: "x^3 - 2x - 5", derivative: "3 x^2 - 2", x0: 2 },
      { f: cubic.f, derivative: finiteDifferences(), x0: 2 },
      { f: "x^3 - 2x - 5", derivative: finiteDifferences(), x0: 2 },
    ].map((problem) => solve(newton(), problem).state.x);
    for (const root of roots) expect(Math.abs(root - wallis)).toBeLessThan(1e-14);
  });

  it("counts evaluations of f and f', and finite differences as evaluations of f", () => {
    const exact = solve(newton(), cubic).state;
    expect([exact.fEvaluations, exact.derivativeEvaluations, exact.secondDerivativeEvaluations]).toEqual([6, 5, 0]);
    const differenced = solve(newton(), { ...cubic, derivative: finiteDifferences() }).state;
    expect(differenced.derivativeEvaluations).toBe(0);
    expect(differenced.fEvaluations).toBe(
      1 + 3 * solve(newton(), { ...cubic, derivative: finiteDifferences() }).iterations,
    );
  });

  it("reads expressions in another variable, with constants", () => {
    const result = solve(newton(), { f: "sin(t) - 1/2", variable: "t", x0: 0.5 });
    expect(result.state.x).toBeCloseTo(Math.PI / 6, 15);
    expect(solve(newton(), { f: "x - pi", x0: 1 }).state.x).toBe(Math.PI);
  });

  it("is named Newton", () => {
    expect(newton().name).toBe("Newton");
  });
});

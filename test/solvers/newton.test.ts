import { describe, expect, it } from "vitest";
import { describeStopReason, estimateOrder, estimateRate, solve } from "../../src/index.js";
import type { SolveResult } from "../../src/index.js";
import { finiteDifferences, halley, newton, secant } from "../../solvers/newton/index.js";
import type { ScalarRootProblem, ScalarRootState } from "../../solvers/newton/index.js";
import { dottie } from "../fixtures/problems.js";

/** The real root of x^3 - 2x - 5 (Wallis's equation), to double precision. */
const wallis = 2.0945514815423265;

const cubic: ScalarRootProblem = {
  f: (x) => x * x * x - 2 * x - 5,
  derivative: (x) => 3 * x * x - 2,
  secondDerivative: (x) => 6 * x,
  x0: 2,
};

const errorsOf = (result: SolveResult<ScalarRootState, ScalarRootState>, root: number) =>
  result.trace.entries.map((entry) => Math.abs(entry.record.x - root));

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

describe("secant", () => {
  it("starts from x0 and x1, both evaluated at iteration 0", () => {
    const result = solve(secant(), { f: (x) => x * x - 2, x0: 1, x1: 2 }, { maxIterations: 1 });
    expect(result.trace.entries[0]?.record).toMatchObject({
      x: 1,
      fx: -1,
      previousX: 2,
      previousFx: 2,
      fEvaluations: 2,
    });
    expect(result.state.x).toBeCloseTo(4 / 3, 15); // the secant through (1, -1) and (2, 2)
    expect(result.state.derivativeEvaluations).toBe(0);
  });

  it("stops with diverged when the secant is horizontal", () => {
    const result = solve(secant(), { f: (x) => x * x + 1, x0: -1, x1: 1 });
    expect(result.stopReason.kind).toBe("diverged");
    expect(describeStopReason(result.stopReason)).toMatchInlineSnapshot(
      `"diverged: f(x) = 2 at both x = 1 and x = -1: the secant is horizontal and the step undefined"`,
    );
    expect(result.state.x).toBe(-1);
  });

  it("needs no derivative, even for a function f", () => {
    expect(solve(secant(), { f: (x) => Math.cos(x) - x, x0: 1 }).state.x).toBeCloseTo(dottie, 15);
  });
});

describe("halley", () => {
  it("takes the Newton step where its correction is large, so SciPy's x^(1/9) - 9^(1/9) from 0.1 converges", () => {
    // Unsafeguarded, the first Halley step jumps to x = -0.266 and f turns NaN; SciPy's newton (with fprime2)
    // falls back to the Newton step there and converges in 6 iterations, as here.
    const result = solve(halley(), { f: "x^(1/9) - 9^(1/9)", x0: 0.1 });
    expect(result.stopReason.kind).toBe("converged");
    expect(result.iterations).toBe(6);
    expect(result.state.x).toBeCloseTo(9, 12);
  });

  it("gives the same iterates with f'' given, derived by mathjs from f or f', or by finite differences", () => {
    const given = solve(halley(), cubic, { maxIterations: 1 }).state.x;
    const fromF = solve(halley(), { f: "x^3 - 2x - 5", x0: 2 }, { maxIterations: 1 }).state.x;
    const fromDerivative = solve(halley(), { f: cubic.f, derivative: "3x^2 - 2", x0: 2 }, { maxIterations: 1 }).state.x;
    const differenced = solve(halley(), { ...cubic, secondDerivative: finiteDifferences() }, { maxIterations: 1 }).state
      .x;
    const fullyDifferenced = solve(
      halley(),
      { f: cubic.f, derivative: finiteDifferences(), secondDerivative: finiteDifferences(), x0: 2 },
      { maxIterations: 1 },
    ).state.x;
    expect(fromF).toBe(given);
    expect(fromDerivative).toBe(given);
    expect(differenced).toBeCloseTo(given, 9);
    expect(fullyDifferenced).toBeCloseTo(given, 7);
  });

  it("counts one f', one f'' and one f per iteration", () => {
    const { state, iterations } = solve(halley(), cubic);
    expect([state.fEvaluations, state.derivativeEvaluations, state.secondDerivativeEvaluations]).toEqual([
      1 + iterations,
      iterations,
      iterations,
    ]);
  });

  it("stops with diverged when f'(x) = 0", () => {
    const result = solve(halley(), { f: "x^2 + 1", x0: 0 });
    expect(describeStopReason(result.stopReason)).toMatchInlineSnapshot(
      `"diverged: f'(x) = 0 at x = 0: the Halley step is undefined"`,
    );
  });
});

describe("problem and option errors", () => {
  it("rejects malformed problems with a typed error naming the part", () => {
    expect(() => solve(newton(), { f: "x^3 - 2x -", x0: 2 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.f must be an expression mathjs can parse, got "x^3 - 2x -" (Unexpected end of expression (char 11))]`,
    );
    expect(() => solve(newton(), { f: "x^3 - 2y", x0: 2 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.f must be an expression in x, got "x^3 - 2y" (unknown variable y)]`,
    );
    expect(() => solve(newton(), { f: "gamma(x) - 2", x0: 2 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.f must be an expression in x of arithmetic and elementary functions, got "gamma(x) - 2" (unsupported function gamma of 1 argument)]`,
    );
    expect(() => solve(newton(), { f: "2 x (x - 1)", x0: 2 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.f must be an expression in x, got "2 x (x - 1)" (x(...) reads as a call of x: write x * (...))]`,
    );
    expect(() => solve(newton(), { f: "x = 2", x0: 2 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.f must be an expression in x of arithmetic and elementary functions, got "x = 2" (unsupported syntax (AssignmentNode))]`,
    );
    expect(() => solve(newton(), { f: 42 as never, x0: 2 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.f must be a function of x or an expression string, got 42]`,
    );
    expect(() => solve(newton(), { f: Math.atan, x0: 2 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.derivative must be a function, an expression string or finiteDifferences() when problem.f is a function, got undefined]`,
    );
    expect(() => solve(newton(), { f: Math.atan, derivative: 1 as never, x0: 2 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.derivative must be a function, an expression string or finiteDifferences(), got 1]`,
    );
    expect(() => solve(newton(), { f: "x^2", derivative: "3y", x0: 2 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.derivative must be an expression in x, got "3y" (unknown variable y)]`,
    );
    expect(() =>
      solve(halley(), { f: Math.atan, derivative: (x) => 1 / (1 + x * x), x0: 2 }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.secondDerivative must be a function, an expression string or finiteDifferences() when neither problem.f nor problem.derivative is an expression string, got undefined]`,
    );
    expect(() => solve(newton(), { f: "x^2 - 2", x0: Number.NaN })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.x0 must be a finite number, got NaN]`,
    );
    expect(() => solve(newton(), { f: "x^2 - 2", x0: [1] as never })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.x0 must be a finite number, got an array of length 1]`,
    );
    expect(() => solve(newton(), { f: "log(x)", x0: -1 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.f(x0) must be a finite number, got NaN]`,
    );
    expect(() => solve(newton(), { f: "x^2 - 2", variable: "2x", x0: 1 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.variable must be a name such as "x", got "2x"]`,
    );
    expect(() => solve(secant(), { f: "x^2 - 2", x0: 1, x1: 1 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.x1 must be a finite number other than x0, got 1]`,
    );
    expect(() => solve(newton(), null as never)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem must be an object { f, x0 }, got null]`,
    );
  });

  it("rejects a given derivative that does not return a number, when it is first called", () => {
    expect(() =>
      solve(newton(), { f: Math.atan, derivative: (() => "1") as never, x0: 2 }),
    ).toThrowErrorMatchingInlineSnapshot(`[InvalidProblemError: problem.derivative(x) must be a number, got "1"]`);
  });

  it("rejects options outside their ranges", () => {
    expect(() => newton({ stepAbsTolerance: -1 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: stepAbsTolerance must be a finite number >= 0, got -1]`,
    );
    expect(() => secant({ maxIterations: 1.5 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: maxIterations must be an integer >= 0, got 1.5]`,
    );
    expect(() => halley({ divergenceTolerance: 0.5 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: divergenceTolerance must be a finite number >= 1, got 0.5]`,
    );
    expect(() => newton({ absTolerance: Number.NaN })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: absTolerance must be a finite number >= 0, got NaN]`,
    );
    expect(() => newton({ stepRelTolerance: Infinity })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: stepRelTolerance must be a finite number >= 0, got Infinity]`,
    );
  });
});

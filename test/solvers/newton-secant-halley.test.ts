import { describe, expect, it } from "vitest";
import { describeStopReason, solve } from "../../src/index.js";
import { finiteDifferences, halley, secant } from "../../solvers/newton/index.js";
import { dottie } from "../fixtures/problems.js";
import { cubic } from "../fixtures/scalar-roots.js";

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

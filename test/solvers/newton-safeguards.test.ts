import { describe, expect, it } from "vitest";
import { describeStopReason, solve } from "../../src/index.js";
import { brent, halley, newton, secant } from "../../solvers/newton/index.js";
import type { ScalarRootState } from "../../solvers/newton/index.js";
import { ulpsBetween } from "../../solvers/newton/ulps.js";

const atRoundingLevel = { stepAbsTolerance: 0, stepRelTolerance: 0 };
const methods = [
  ["newton", newton],
  ["halley", halley],
  ["secant", secant],
] as const;

/** The iterates of a run, from its trace. */
function iterates(states: readonly { readonly record: ScalarRootState }[]): number[] {
  return states.map((entry) => entry.record.x);
}

describe("a two-cycle at rounding level next to a root", () => {
  it.each([
    ["newton", newton, 6],
    ["halley", halley, 5],
  ] as const)(
    "%s on x^2 - 2 from 1.5 with tolerances 0 converges (it used to report a diverged 2-cycle)",
    (_name, method, iterations) => {
      // Before: `diverged: Newton's iterates cycle with period 2 between x = 1.414213562373095 and
      // x = 1.4142135623730951` (Halley's the same), although those are the two doubles around sqrt 2.
      const result = solve(method(atRoundingLevel), { f: "x^2 - 2", x0: 1.5 }, { trace: { every: 1 } });
      expect(result.stopReason).toMatchObject({ kind: "converged", test: "2-cycle (ulps)", value: 1, tolerance: 4 });
      expect(result.iterations).toBe(iterations);
      const [a, b] = [Math.SQRT2 - Number.EPSILON, Math.SQRT2]; // 1.414213562373095, 1.4142135623730951
      expect(ulpsBetween(a, b)).toBe(1);
      expect(Math.sign(a * a - 2)).toBe(-Math.sign(b * b - 2)); // f changes sign between them
      expect([a, b]).toContain(result.state.x);
      const xs = iterates(result.trace.entries);
      expect(xs.slice(-3)).toEqual([xs.at(-1), xs.at(-2), xs.at(-1)]); // the cycle x_{k+1} = x_{k-1}
    },
    30_000, // the first case loads mathjs, slow on a loaded machine
  );

  it("still reports a wide cycle as diverged: x^3 - 2x + 2 from 0 cycles between 0 and 1", () => {
    const result = solve(newton(atRoundingLevel), { f: "x^3 - 2x + 2", x0: 0 });
    expect(describeStopReason(result.stopReason)).toBe(
      "diverged: Newton's iterates cycle with period 2 between x = 1 and x = 0",
    );
  });

  it("counts units in the last place between doubles", () => {
    expect(ulpsBetween(1, 1)).toBe(0);
    expect(ulpsBetween(0, -0)).toBe(0);
    expect(ulpsBetween(1, 1 + Number.EPSILON)).toBe(1);
    expect(ulpsBetween(-Number.MIN_VALUE, Number.MIN_VALUE)).toBe(2);
    expect(ulpsBetween(1, Number.NaN)).toBe(Infinity);
  });
});

describe("Newton, secant and Halley with a bracket", () => {
  it.each(methods)(
    "%s converges on atan x from 1.5 with a bracket, where the plain method runs away",
    (name, method) => {
      const problem = { f: "atan(x)", x0: 1.5, bracket: [-2, 3] as const };
      if (name === "newton") expect(solve(method(), { f: "atan(x)", x0: 1.5 }).stopReason.kind).toBe("diverged");
      const result = solve(method(), problem, { trace: { every: 1 } });
      expect(result.converged).toBe(true);
      expect(Math.abs(result.state.x)).toBeLessThanOrEqual(1e-15);
      // Every iterate stays in the bracket, which never widens and always changes sign.
      let [lower, upper] = [-2, 3];
      for (const { record } of result.trace.entries) {
        const bracket = record.bracket;
        if (bracket === undefined) throw new Error("a bracketed run lost its bracket");
        expect(record.x).toBeGreaterThanOrEqual(lower);
        expect(record.x).toBeLessThanOrEqual(upper);
        expect(bracket.lower).toBeGreaterThanOrEqual(lower);
        expect(bracket.upper).toBeLessThanOrEqual(upper);
        expect(bracket.fLower * bracket.fUpper).toBeLessThanOrEqual(0);
        [lower, upper] = [bracket.lower, bracket.upper];
      }
      expect(result.state.bracket?.bisections).toBeGreaterThanOrEqual(1);
    },
  );

  it("bisects out of Newton's cycle on x^3 - 2x + 2 from 0 and finds the root Brent finds", () => {
    const problem = { f: "x^3 - 2x + 2", x0: 0, bracket: [-3, 0.5] as const };
    const result = solve(newton(), problem);
    const reference = solve(brent({ stepAbsTolerance: 1e-15 }), problem).state.x;
    expect(result.converged).toBe(true);
    expect(result.state.x).toBeCloseTo(reference, 14);
    expect(result.state.x).toBeCloseTo(-1.7692923542386314, 15);
  });

  it("leaves Newton's iterates unchanged where they shrink the bracket fast enough (quadratic near the root)", () => {
    const plain = solve(newton(), { f: "x^3 - 2x - 5", x0: 2 }, { trace: { every: 1 } });
    const bracketed = solve(newton(), { f: "x^3 - 2x - 5", x0: 2, bracket: [2, 3] }, { trace: { every: 1 } });
    expect(iterates(bracketed.trace.entries)).toEqual(iterates(plain.trace.entries));
    expect(bracketed.state.bracket?.bisections).toBe(0);
    expect(bracketed.state.fEvaluations).toBe(plain.state.fEvaluations + 2); // f(a) and f(b)
  });

  it("converges at rounding level when the bracket's ends become adjacent numbers", () => {
    const result = solve(halley(atRoundingLevel), { f: "x^2 - 2", x0: 1.5, bracket: [0, 2] });
    expect(result.converged).toBe(true);
    expect([Math.SQRT2 - Number.EPSILON, Math.SQRT2]).toContain(result.state.x);
  });

  it("starts at an end where f is 0", () => {
    const result = solve(newton(), { f: "x^2 - 4", x0: 1, bracket: [0, 2] });
    expect(result.iterations).toBe(0);
    expect(result.state.x).toBe(2);
  });

  it("rejects a bracket without a sign change and a start outside the bracket", () => {
    expect(() => solve(newton(), { f: "x^2 + 1", x0: 0, bracket: [-1, 1] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.bracket must be [a, b] with f(a) and f(b) of opposite signs, got f(-1) = 2 and f(1) = 2, both positive]`,
    );
    expect(() => solve(secant(), { f: "x^2 - 2", x0: 3, bracket: [0, 2] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.x0 must be a number in the bracket [0, 2], got 3]`,
    );
    expect(() =>
      solve(halley(), { f: "x^2 - 2", x0: 1, bracket: [2, 0] as unknown as [number, number] }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.bracket must be [a, b] with finite numbers a < b, got [2, 0]]`,
    );
  });
});

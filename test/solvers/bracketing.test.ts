import { describe, expect, it } from "vitest";
import { compare, distanceTo, solve } from "../../src/index.js";
import type { Solver } from "../../src/index.js";
import { bisection, brent, itp, newton } from "../../solvers/newton/index.js";
import type { Bracket, BracketingProblem, BracketingRecord, BracketingState } from "../../solvers/newton/index.js";

type BracketingSolver = Solver<BracketingProblem, BracketingState, BracketingRecord, Bracket>;

const wallis = 2.0945514815423265;
const dottie = 0.7390851332151607;

/** SciPy's standard test functions with their roots. */
const functions: readonly { readonly name: string; readonly problem: BracketingProblem; readonly root: number }[] = [
  { name: "x^3 - 2x - 5 on [2, 3]", problem: { f: "x^3 - 2x - 5", bracket: [2, 3] }, root: wallis },
  { name: "cos x - x on [0, 1]", problem: { f: (x) => Math.cos(x) - x, bracket: [0, 1] }, root: dottie },
  { name: "x^(1/9) - 9^(1/9) on [0.1, 10]", problem: { f: "x^(1/9) - 9^(1/9)", bracket: [0.1, 10] }, root: 9 },
  { name: "exp(x) - 2 on [0, 2]", problem: { f: "exp(x) - 2", bracket: [0, 2] }, root: Math.LN2 },
  { name: "a step at 1/3 on [0, 1]", problem: { f: (x) => (x < 1 / 3 ? -1 : 1), bracket: [0, 1] }, root: 1 / 3 },
];

const methods: readonly { readonly name: string; readonly solver: () => BracketingSolver }[] = [
  { name: "bisection", solver: () => bisection() },
  { name: "brent", solver: () => brent() },
  { name: "itp", solver: () => itp() },
];

/** Every state of a run, copied in a hook. */
function statesOf(solver: BracketingSolver, problem: BracketingProblem): BracketingState[] {
  const states: BracketingState[] = [];
  solve(solver, problem, { hooks: { onIteration: ({ state }) => void states.push(state) } }); // iteration 0 included
  return states;
}

describe("bisection, brent and itp on SciPy's test functions", () => {
  it("find the roots with SciPy's evaluation counts (bisect, brentq) and ITP's", () => {
    const counts = functions.slice(0, 3).map(({ problem, root }) =>
      methods.map(({ solver }) => {
        const result = solve(solver(), problem);
        expect(result.converged).toBe(true);
        expect(Math.abs(result.state.x - root)).toBeLessThanOrEqual(2e-12);
        return result.state.fEvaluations;
      }),
    );
    // scipy.optimize.bisect / brentq (1.10.1, Debian's) function_calls: 41 / 8, 41 / 8, 45 / 8.
    expect(counts).toEqual([
      [41, 8, 11],
      [41, 8, 10],
      [45, 8, 11],
    ]);
  });

  it("keep a bracket that always holds the root and never widens, shrinking at every step", () => {
    for (const { problem, root } of functions) {
      for (const { name, solver } of methods) {
        const states = statesOf(solver(), problem);
        expect(states.length, name).toBeGreaterThan(2);
        for (const [k, state] of states.entries()) {
          expect(state.lower <= root && root <= state.upper, `${name} at ${k}`).toBe(true);
          expect(Math.sign(state.fLower) * Math.sign(state.fUpper)).toBeLessThanOrEqual(0);
          expect(state.x >= state.lower && state.x <= state.upper).toBe(true);
          const previous = states[k - 1];
          if (previous !== undefined) {
            expect(state.lower).toBeGreaterThanOrEqual(previous.lower);
            expect(state.upper).toBeLessThanOrEqual(previous.upper);
            expect(state.width).toBeLessThan(previous.width);
          }
        }
      }
    }
  });

  it("bisection takes exactly ceil(log2((b - a) / stepAbsTolerance)) iterations when no midpoint is a root", () => {
    for (const stepAbsTolerance of [1e-3, 1e-6, 1e-10]) {
      const result = solve(bisection({ stepAbsTolerance }), { f: "x^3 - 2x - 5", bracket: [2, 3] });
      expect(result.iterations).toBe(Math.ceil(Math.log2(1 / stepAbsTolerance)));
      expect(result.state.iterationBound).toBe(result.iterations);
    }
  });

  it("ITP stays within its bound n_1/2 + n0, also where interpolation is useless (a step function)", () => {
    for (const { problem } of functions) {
      for (const n0 of [0, 1, 5]) {
        for (const stepAbsTolerance of [1e-4, 1e-9, 2e-12]) {
          const result = solve(itp({ n0, stepAbsTolerance }), problem);
          const width = problem.bracket[1] - problem.bracket[0];
          const bound = Math.ceil(Math.log2(width / stepAbsTolerance)) + n0;
          expect(result.state.iterationBound).toBe(bound);
          expect(result.iterations).toBeLessThanOrEqual(bound);
        }
      }
    }
    // On the step function interpolation cannot help: ITP then needs the bound's n_1/2 iterations.
    const step = solve(itp({ n0: 0 }), { f: (x) => (x < 1 / 3 ? -1 : 1), bracket: [0, 1] });
    expect(step.iterations).toBe(39);
  });

  it("Brent stays within its bound (bisection's count squared) and far below it on smooth functions", () => {
    for (const { problem } of functions) {
      const result = solve(brent(), problem);
      expect(result.iterations).toBeLessThanOrEqual(result.state.iterationBound);
      expect(result.iterations).toBeLessThanOrEqual(Math.sqrt(result.state.iterationBound) + 2);
    }
  });

  it("stop at once on a bracket end that is a root, and on |f| <= absTolerance", () => {
    const exact = solve(brent(), { f: "x^2 - 4", bracket: [2, 5] });
    expect(exact.iterations).toBe(0);
    expect(exact.state.x).toBe(2);
    const loose = solve(itp({ absTolerance: 1e-3 }), { f: "x^3 - 2x - 5", bracket: [2, 3] });
    expect(loose.stopReason).toMatchObject({ kind: "converged", test: "|f|" });
    expect(Math.abs(loose.state.fx)).toBeLessThanOrEqual(1e-3);
  });

  it("end diverged when f is not finite inside the bracket", () => {
    const result = solve(bisection(), { f: (x) => (x > 2.4 && x < 2.6 ? Number.NaN : x - 2.5), bracket: [2, 3] });
    expect(result.stopReason).toMatchInlineSnapshot(`
      {
        "kind": "diverged",
        "message": "f(x) = NaN at x = 2.5 inside the bracket [2, 3]",
        "source": "solver",
      }
    `);
  });

  it("run beside Newton in compare() on one problem", () => {
    const comparison = compare({
      problem: { f: "x^3 - 2x - 5", x0: 2, bracket: [2, 3] as const },
      methods: [
        { label: "Newton", solver: newton() },
        { label: "Brent", solver: brent() },
        { label: "ITP", solver: itp() },
        { label: "bisection", solver: bisection() },
      ],
      error: distanceTo(wallis),
    });
    expect(comparison.rows.map((row) => [row.label, row.converged])).toEqual([
      ["Newton", true],
      ["Brent", true],
      ["ITP", true],
      ["bisection", true],
    ]);
    expect(comparison.rows[3]?.iterations).toBe(39);
  });
});

describe("bracket and option errors", () => {
  it("rejects a bracket whose ends have the same sign, or are not finite, or are out of order", () => {
    expect(() => solve(brent(), { f: "x^2 + 1", bracket: [-1, 1] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.bracket must be [a, b] with f(a) and f(b) of opposite signs, got f(-1) = 2 and f(1) = 2, both positive]`,
    );
    expect(() => solve(itp(), { f: "x - 5", bracket: [-3, -1] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.bracket must be [a, b] with f(a) and f(b) of opposite signs, got f(-3) = -8 and f(-1) = -6, both negative]`,
    );
    expect(() => solve(bisection(), { f: "log(x)", bracket: [0, 2] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.f(a) at a = 0 must be a finite number, got -Infinity]`,
    );
    expect(() => solve(bisection(), { f: "x", bracket: [1, -1] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.bracket must be [a, b] with finite numbers a < b, got [1, -1]]`,
    );
    expect(() => solve(bisection(), { f: "x", bracket: [Number.NaN, 1] as never })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.bracket must be [a, b] with finite numbers a < b, got [NaN, 1]]`,
    );
    expect(() => solve(bisection(), { f: "x", x0: 1 } as never)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.bracket must be [a, b] with finite numbers a < b, got undefined]`,
    );
    expect(() => solve(brent(), null as never)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem must be an object { f, bracket: [a, b] }, got null]`,
    );
  });

  it("rejects unknown options and values outside their ranges", () => {
    expect(() => brent({ xtol: 1e-6 } as never)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: xtol is not an option of brent; did you mean stepAbsTolerance? (options: stepAbsTolerance, stepRelTolerance, absTolerance, maxIterations)]`,
    );
    expect(() => brent({ rtol: 1e-6 } as never)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: rtol is not an option of brent; did you mean stepRelTolerance? (options: stepAbsTolerance, stepRelTolerance, absTolerance, maxIterations)]`,
    );
    expect(() => bisection({ stepAbsTolerance: 0 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: stepAbsTolerance must be a finite number > 0, got 0]`,
    );
    expect(() => itp({ k2: 3 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: k2 must be a number in [1, 2.618033988749895), got 3]`,
    );
    expect(() => itp({ n0: -1 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: n0 must be an integer >= 0, got -1]`,
    );
    expect(() => itp({ k1: 0 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: k1 must be a finite number > 0, got 0]`,
    );
  });
});

import { describe, expect, it } from "vitest";
import {
  describeStopReason,
  estimateOrder,
  fixedStep,
  norm2,
  solve,
  solveIterations,
  strongWolfe,
} from "../../src/index.js";
import { finiteDifferences, newtonSystem } from "../../solvers/newton/index.js";
import type { NewtonSystemProblem, NewtonSystemState } from "../../solvers/newton/index.js";

// The circle x^2 + y^2 = 4 meets the hyperbola x y = 1 where x^2 = 2 + sqrt 3: x = sqrt(2 + sqrt 3), y = 1 / x.
const root = [Math.sqrt(2 + Math.sqrt(3)), 1 / Math.sqrt(2 + Math.sqrt(3))];
const circleAndHyperbola: NewtonSystemProblem = {
  f: (v) => [(v[0] as number) ** 2 + (v[1] as number) ** 2 - 4, (v[0] as number) * (v[1] as number) - 1],
  jacobian: (v) => [
    [2 * (v[0] as number), 2 * (v[1] as number)],
    [v[1] as number, v[0] as number],
  ],
  x0: [2, 0.5],
};
const distance = (x: ArrayLike<number>) =>
  Math.hypot((x[0] as number) - (root[0] as number), (x[1] as number) - (root[1] as number));

/** Broyden's tridiagonal function, F_i = (3 - 2 x_i) x_i - x_{i-1} - 2 x_{i+1} + 1: a standard n-dimensional test. */
function broydenTridiagonal(n: number): NewtonSystemProblem {
  const at = (x: Float64Array, i: number) => (i < 0 || i >= n ? 0 : (x[i] as number));
  return {
    f: (x) => Array.from({ length: n }, (_, i) => (3 - 2 * at(x, i)) * at(x, i) - at(x, i - 1) - 2 * at(x, i + 1) + 1),
    jacobian: (x) => {
      const j = new Float64Array(n * n);
      for (let i = 0; i < n; i++) {
        j[i * n + i] = 3 - 4 * at(x, i);
        if (i > 0) j[i * n + i - 1] = -1;
        if (i < n - 1) j[i * n + i + 1] = -2;
      }
      return j;
    },
    x0: new Array<number>(n).fill(-1),
  };
}

describe("newtonSystem", () => {
  it("finds where the circle meets the hyperbola to 1e-12, quadratically", () => {
    const result = solve(newtonSystem(), circleAndHyperbola);
    expect(result.converged).toBe(true);
    expect(distance(result.state.x)).toBeLessThan(1e-12);
    expect(result.state.residualNorm).toBeLessThan(1e-14);
    const errors = result.trace.entries.map((entry) => distance(entry.record.x));
    expect(estimateOrder(errors, { floor: 1e-14 }).order).toBeGreaterThan(1.8);
  });

  it("makes new arrays at every step: earlier states are never mutated", () => {
    const seen: { state: NewtonSystemState; x: number[]; residual: number[] }[] = [];
    for (const { state } of solveIterations(newtonSystem(), { ...circleAndHyperbola, x0: [3, -1] })) {
      seen.push({ state, x: Array.from(state.x), residual: Array.from(state.residual) });
    }
    expect(seen.length).toBeGreaterThan(4);
    for (const { state, x, residual } of seen) {
      expect(Array.from(state.x)).toEqual(x);
      expect(Array.from(state.residual)).toEqual(residual);
    }
  });

  it("takes the same steps with the Jacobian given, derived by mathjs, or by finite differences", () => {
    const given = solve(newtonSystem(), circleAndHyperbola, { maxIterations: 2 }).state.x;
    const symbolic = solve(newtonSystem(), { f: ["x^2 + y^2 - 4", "x y - 1"], x0: [2, 0.5] }, { maxIterations: 2 })
      .state.x;
    const asStrings = solve(
      newtonSystem(),
      {
        f: ["x^2 + y^2 - 4", "x y - 1"],
        jacobian: [
          ["2x", "2y"],
          ["y", "x"],
        ],
        x0: [2, 0.5],
      },
      { maxIterations: 2 },
    ).state.x;
    const differenced = solve(
      newtonSystem(),
      { ...circleAndHyperbola, jacobian: finiteDifferences() },
      { maxIterations: 2 },
    ).state.x;
    expect(Array.from(symbolic)).toEqual(Array.from(given));
    expect(Array.from(asStrings)).toEqual(Array.from(given));
    expect(
      norm2([(differenced[0] as number) - (given[0] as number), (differenced[1] as number) - (given[1] as number)]),
    ).toBeLessThan(1e-9);
    const all = [circleAndHyperbola, { ...circleAndHyperbola, jacobian: finiteDifferences() }].map(
      (problem) => solve(newtonSystem(), problem).state.x,
    );
    for (const x of all) expect(distance(x)).toBeLessThan(1e-12);
  });

  it("counts one F and one Jacobian per full step, and 2n evaluations of F per differenced Jacobian", () => {
    const exact = solve(newtonSystem(), circleAndHyperbola);
    expect(exact.trace.entries.every((entry) => entry.iteration === 0 || entry.record.stepLength === 1)).toBe(true);
    expect([exact.state.fEvaluations, exact.state.jacobianEvaluations]).toEqual([
      1 + exact.iterations,
      exact.iterations,
    ]);
    const differenced = solve(newtonSystem(), { ...circleAndHyperbola, jacobian: finiteDifferences() });
    expect(differenced.state.jacobianEvaluations).toBe(0);
    expect(differenced.state.fEvaluations).toBe(1 + 5 * differenced.iterations);
  });

  it("stops with diverged and says where when the Jacobian is singular", () => {
    // J = [[2x, 2y], [2x, -2y]] is singular on the axes.
    const result = solve(newtonSystem(), { f: ["x^2 + y^2 - 1", "x^2 - y^2"], x0: [0, 1] });
    expect(result.stopReason).toMatchObject({ kind: "diverged", source: "solver" });
    expect(describeStopReason(result.stopReason)).toMatchInlineSnapshot(
      `"diverged: the Jacobian is singular at x = (0, 1): the Newton step is undefined"`,
    );
    expect(Array.from(result.state.x)).toEqual([0, 1]);
  });

  it("converges from where pure Newton runs away, by backtracking on ||F||", () => {
    const problem: NewtonSystemProblem = { f: ["atan(x)", "y"], x0: [1.5, 1] };
    const damped = solve(newtonSystem(), problem);
    expect(damped.converged).toBe(true);
    expect(norm2(damped.state.x)).toBeLessThan(1e-15);
    expect(damped.trace.entries.some((entry) => entry.record.stepLength < 1)).toBe(true);
    const pure = solve(newtonSystem({ lineSearch: fixedStep(1) }), problem);
    expect(pure.stopReason.kind).toBe("diverged");
    expect(pure.solver).toBe("Newton system (fixed step 1)");
    expect(Array.from(pure.state.x).every(Number.isFinite)).toBe(true);
  });

  it("stops with a clear reason, not NaN, at a minimum of ||F|| that is not a root", () => {
    const result = solve(newtonSystem(), { f: ["x^2 + 1"], x0: [1] });
    expect(result.converged).toBe(false);
    expect(describeStopReason(result.stopReason)).toMatchInlineSnapshot(
      `"diverged: the Jacobian is singular at x = (0): the Newton step is undefined"`,
    );
  });

  it("solves a 20 x 20 system (LU by ml-matrix above 16 unknowns) as accurately as a 10 x 10 one", () => {
    for (const n of [10, 20]) {
      const problem = broydenTridiagonal(n);
      const result = solve(newtonSystem(), problem);
      expect(result.converged).toBe(true);
      const residual = problem.f as (x: Float64Array) => number[];
      expect(Math.max(...residual(result.state.x).map(Math.abs))).toBeLessThan(1e-14);
    }
  });

  it("checks the residual at iteration 0", () => {
    const result = solve(newtonSystem(), { f: ["x - 1", "y + 2"], x0: [1, -2] });
    expect(result.iterations).toBe(0);
    expect(result.stopReason).toMatchObject({ kind: "converged", test: "||F||" });
  });

  it("rejects malformed problems with a typed error naming the part", () => {
    expect(() =>
      solve(newtonSystem(), { f: ["x^2 + y^2 - 4", "x y - 1"], x0: [2, 0.5, 1] }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.x0 must be an array of length 2 (one entry per equation in problem.f), got an array of length 3]`,
    );
    expect(() =>
      solve(newtonSystem(), { f: ["x^2 + y^2 - 4", "x z - 1"], x0: [2, 0.5] }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.f[1] must be an expression in x, y, got "x z - 1" (unknown variable z)]`,
    );
    expect(() =>
      solve(newtonSystem(), { f: ["x^2 + y^2 - 4", "x y -"], x0: [2, 0.5] }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.f[1] must be an expression mathjs can parse, got "x y -" (Unexpected end of expression (char 6))]`,
    );
    expect(() =>
      solve(newtonSystem(), { f: ["a^2 - 4", "a b - 1"], variables: ["a"], x0: [2, 0.5] }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.variables must be an array of 2 distinct names (one per entry of x0), got an array of length 1]`,
    );
    expect(() => solve(newtonSystem(), { f: "x^2 - 4" as never, x0: [2] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.f must be a function of a Float64Array or an array of expression strings, got "x^2 - 4"]`,
    );
    expect(() =>
      solve(newtonSystem(), { f: ["x^2 + y^2 - 4", "x y - 1"], jacobian: [["2x", "2y"]], x0: [2, 0.5] }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.jacobian must be a 2 x 2 array of expression strings, got an array of length 1]`,
    );
    expect(() =>
      solve(newtonSystem(), { ...circleAndHyperbola, jacobian: undefined as never }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.jacobian must be a function, an n x n array of expression strings or finiteDifferences() when problem.f is a function, got undefined]`,
    );
    expect(() => solve(newtonSystem(), { ...circleAndHyperbola, x0: [] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.x0 must be a non-empty array of finite numbers, got an array of length 0]`,
    );
    expect(() =>
      solve(newtonSystem(), { ...circleAndHyperbola, f: () => [1, 2, 3] }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.f(x) must be an array of 2 numbers, got an array of length 3]`,
    );
    expect(() =>
      solve(newtonSystem(), { ...circleAndHyperbola, f: () => [Number.NaN, 0] }),
    ).toThrowErrorMatchingInlineSnapshot(`[InvalidProblemError: problem.f(x0) must be finite numbers, got (NaN, 0)]`);
  });

  it("rejects a Jacobian function of the wrong shape at its first evaluation", () => {
    expect(() =>
      solve(newtonSystem(), { ...circleAndHyperbola, jacobian: () => [1, 2, 3] }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.jacobian(x) must be a 2 x 2 matrix (2 rows of 2 numbers, or 4 numbers row-major), got an array of length 3]`,
    );
    expect(() =>
      solve(newtonSystem(), { ...circleAndHyperbola, jacobian: () => [[1, 2], [3]] }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.jacobian(x)[1] must be a row of 2 numbers, got an array of length 1]`,
    );
    // n * n numbers row-major are a valid shape too.
    expect(
      solve(newtonSystem(), { ...circleAndHyperbola, jacobian: ([x = 0, y = 0]) => [2 * x, 2 * y, y, x] }).converged,
    ).toBe(true);
  });

  it("rejects options outside their ranges", () => {
    expect(() => newtonSystem({ stepAbsTolerance: -1 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: stepAbsTolerance must be a finite number >= 0, got -1]`,
    );
    expect(() => newtonSystem({ lineSearch: "backtracking" as never })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: lineSearch must be a line search such as backtracking() or fixedStep(alpha), got "backtracking"]`,
    );
    // The merit function's gradient J^T F at each trial would need a Jacobian per trial.
    expect(() => newtonSystem({ lineSearch: strongWolfe() })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: lineSearch must be a line search that reads no gradient, such as backtracking() or fixedStep(alpha), got "strong Wolfe"]`,
    );
  });
});

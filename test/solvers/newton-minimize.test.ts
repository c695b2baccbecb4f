import { describe, expect, it } from "vitest";
import {
  describeStopReason,
  estimateOrder,
  estimateRate,
  fixedStep,
  parseCheckpoint,
  serializeCheckpoint,
  solve,
  solveIterations,
} from "../../src/index.js";
import { finiteDifferences, newtonMinimize } from "../../solvers/newton/index.js";
import type { MinimizeProblem, NewtonMinimizeRecord, NewtonMinimizeState } from "../../solvers/newton/index.js";
import { quadratic, rosenbrock, rosenbrockWithHessian as withHessian } from "../fixtures/problems.js";
const distanceToOnes = (x: Float64Array) => Math.hypot((x[0] as number) - 1, (x[1] as number) - 1);

describe("newtonMinimize", () => {
  it("reaches (1, 1) on Rosenbrock with |grad| <= 1e-8, quadratically in its last steps", () => {
    const result = solve(newtonMinimize(), withHessian);
    expect(result.stopReason).toMatchObject({ kind: "converged", test: "|grad|" });
    expect(result.state.gradientNorm).toBeLessThanOrEqual(1e-8);
    expect(distanceToOnes(result.state.x)).toBeLessThan(1e-9);
    expect(result.iterations).toBe(21);
    const errors = result.trace.entries.map((entry) => distanceToOnes(entry.record.x));
    const { orders, order } = estimateOrder(errors, { floor: 1e-14 });
    expect(order).toBeGreaterThan(1.8);
    expect(orders.at(-2)).toBeGreaterThan(1.8);
    // Full steps at the end: the line search no longer interferes.
    expect(result.trace.entries.slice(-5).map((entry) => entry.record.stepLength)).toEqual([1, 1, 1, 1, 1]);
  });

  it("makes new arrays at every step: earlier states and records are never mutated", () => {
    const seen: { state: NewtonMinimizeState; x: number[]; gradient: number[] }[] = [];
    for (const { state } of solveIterations(newtonMinimize(), withHessian)) {
      seen.push({ state, x: Array.from(state.x), gradient: Array.from(state.gradient) });
    }
    expect(seen).toHaveLength(22);
    for (const { state, x, gradient } of seen) {
      expect(Array.from(state.x)).toEqual(x);
      expect(Array.from(state.gradient)).toEqual(gradient);
    }
  });

  it("resumes from a serialized checkpoint (plain-data state) to the same result", () => {
    const whole = solve(newtonMinimize(), withHessian);
    const half = solve(newtonMinimize(), withHessian, { maxIterations: 10 });
    const restored = parseCheckpoint<NewtonMinimizeState, NewtonMinimizeRecord>(serializeCheckpoint(half.checkpoint()));
    const resumed = solve(newtonMinimize(), withHessian, { resumeFrom: restored });
    expect(resumed.state).toEqual(whole.state);
    expect(resumed.trace.entries.map((entry) => entry.record)).toEqual(
      whole.trace.entries.map((entry) => entry.record),
    );
  });

  it("never increases f with the Armijo line search", () => {
    const values = solve(newtonMinimize(), withHessian).trace.entries.map((entry) => entry.record.f);
    for (let k = 1; k < values.length; k++) expect(values[k]).toBeLessThan(values[k - 1] as number);
  });

  it("takes one step on a strictly convex quadratic", () => {
    const problem = {
      ...quadratic(100),
      hessian: () => [
        [1, 0],
        [0, 100],
      ],
    };
    const result = solve(newtonMinimize(), problem);
    expect(result.iterations).toBe(1);
    expect(Array.from(result.state.x)).toEqual([0, 0]);
    expect(result.state.stepLength).toBe(1);
    expect(solve(newtonMinimize(), { f: "3 (x - 1)^2 + (x - y)^2 + 2 y^2 + x y", x0: [5, -7] }).iterations).toBe(1);
  });

  it("takes the same first step with derivatives given, derived by mathjs, or by finite differences", () => {
    const step = (problem: MinimizeProblem) =>
      Array.from(solve(newtonMinimize(), problem, { maxIterations: 1 }).state.x);
    const given = step(withHessian);
    const expression = "100 (y - x^2)^2 + (1 - x)^2";
    const x0 = [-1.2, 1];
    const close = (digits: number) => (x: number[]) =>
      x.forEach((value, i) => expect(value).toBeCloseTo(given[i] as number, digits));
    close(14)(step({ f: expression, x0 }));
    close(14)(
      step({
        ...rosenbrock,
        hessian: [
          ["1200 x^2 - 400 y + 2", "-400 x"],
          ["-400 x", "200"],
        ],
      }),
    );
    close(14)(step({ f: expression, gradient: ["-400 x * (y - x^2) - 2 (1 - x)", "200 (y - x^2)"], x0 }));
    close(9)(step({ ...rosenbrock, hessian: finiteDifferences() }));
    close(7)(step({ f: rosenbrock.f, gradient: finiteDifferences(), hessian: finiteDifferences(), x0 }));
    expect(given[0]).toBeCloseTo(-1.1752808988764043, 15); // N&W: the first pure Newton step from (-1.2, 1)
  });

  it("counts f, gradient and Hessian evaluations, with finite differences as evaluations of what they difference", () => {
    const exact = solve(newtonMinimize(), withHessian).state;
    const iterations = solve(newtonMinimize(), withHessian).iterations;
    expect(exact.gradientEvaluations).toBe(1 + iterations);
    expect(exact.hessianEvaluations).toBe(iterations);
    const differenced = solve(
      newtonMinimize(),
      { ...rosenbrock, hessian: finiteDifferences() },
      { maxIterations: 3 },
    ).state;
    expect([differenced.gradientEvaluations, differenced.hessianEvaluations]).toEqual([1 + 3 + 3 * 4, 0]);
  });

  it("modifies a Hessian that is not positive definite (tau = -min h_ii + beta) and records it", () => {
    // f = x^4 - 2x^2 + y^2 at (0.1, 1): H = diag(12 x^2 - 4, 2) = diag(-3.88, 2), so tau = 3.88 + 1e-3.
    const result = solve(newtonMinimize(), { f: "x^4 - 2x^2 + y^2", x0: [0.1, 1] });
    const first = result.trace.entries[1]?.record;
    expect(first?.hessianModified).toBe(true);
    expect(first?.hessianShift).toBeCloseTo(3.881, 12);
    expect(result.trace.entries[0]?.record.hessianModified).toBe(false);
    expect(result.converged).toBe(true);
    expect(result.state.x[0]).toBeCloseTo(1, 9); // a minimiser (1, 0), not the saddle (0, 0)
    expect(result.state.x[1]).toBeCloseTo(0, 9);
    expect(result.state.hessianModified).toBe(false);
  });

  it("doubles the shift until the Cholesky factorisation succeeds", () => {
    // H = [[1, 2], [2, 1]] has a positive diagonal but eigenvalue -1: H + tau I is positive definite for tau > 1.
    const result = solve(
      newtonMinimize({ minimumShift: 0.3 }),
      { f: "x^2/2 + 2 x y + y^2/2", x0: [1, 0] },
      { maxIterations: 1 },
    );
    expect(result.state.hessianShift).toBe(1.2); // tau = 0, then 0.3, 0.6, 1.2
  });

  it("converges linearly with rate 2/3 where the Hessian is singular at the minimiser (f = x^4)", () => {
    const result = solve(newtonMinimize(), { f: "x^4", x0: [1] });
    expect(result.converged).toBe(true);
    const errors = result.trace.entries.map((entry) => Math.abs(entry.record.x[0] as number));
    expect(estimateRate(errors)).toBeCloseTo(2 / 3, 12);
    expect(estimateOrder(errors).order).toBeCloseTo(1, 10);
  });

  it("takes full steps with fixedStep(1): pure Newton, six steps on Rosenbrock", () => {
    const result = solve(newtonMinimize({ lineSearch: fixedStep(1) }), withHessian);
    expect(result.solver).toBe("Newton minimize (fixed step 1)");
    expect(result.converged).toBe(true);
    expect(result.iterations).toBe(6);
    expect(result.state.fEvaluations).toBe(7);
  });

  it("stops with the line search's message, not converged, when no step decreases f (a gradient of the wrong sign)", () => {
    const result = solve(newtonMinimize(), {
      f: "x^2 + 10 y^2",
      gradient: (x) => [-2 * (x[0] as number), -20 * (x[1] as number)],
      x0: [1, 1],
    });
    expect(result.stopReason).toMatchObject({ kind: "stopRequested", source: "solver" });
    expect(describeStopReason(result.stopReason)).toMatchInlineSnapshot(
      `"stopped by the solver: line search failed: no step length down to 1.7e-18 decreased f enough (Armijo, c1 = 0.0001) in 60 trials"`,
    );
    expect(Array.from(result.state.x)).toEqual([1, 1]);
    expect(result.state.stepNorm).toBeUndefined();
  });

  it("stops with diverged when the Hessian is not finite", () => {
    const result = solve(newtonMinimize(), {
      f: "x^2",
      gradient: (x) => [2 * (x[0] as number)],
      hessian: () => [[Number.NaN]],
      x0: [1],
    });
    expect(describeStopReason(result.stopReason)).toMatchInlineSnapshot(
      `"diverged: the Hessian is not finite at x = (1)"`,
    );
  });

  it("stops on the step and function-change tests when they are set", () => {
    const stepped = solve(newtonMinimize({ absTolerance: 0, stepAbsTolerance: 1e-5 }), withHessian);
    expect(stepped.stopReason).toMatchObject({ kind: "converged", test: "||dx||" });
    const flat = solve(newtonMinimize({ absTolerance: 0, functionRelTolerance: 0.5 }), withHessian);
    expect(flat.stopReason).toMatchObject({ kind: "converged", test: "|df|/|f|" });
  });

  it("minimises a 20-dimensional Rosenbrock (Cholesky by ml-matrix above 16 unknowns)", () => {
    const n = 20;
    const f = (x: Float64Array) => {
      let sum = 0;
      for (let i = 0; i < n; i += 2)
        sum += 100 * ((x[i + 1] as number) - (x[i] as number) ** 2) ** 2 + (1 - (x[i] as number)) ** 2;
      return sum;
    };
    const gradient = (x: Float64Array) => {
      const g = new Float64Array(n);
      for (let i = 0; i < n; i += 2) {
        const a = x[i] as number;
        const b = x[i + 1] as number;
        g[i] = -400 * a * (b - a * a) - 2 * (1 - a);
        g[i + 1] = 200 * (b - a * a);
      }
      return g;
    };
    const result = solve(newtonMinimize(), {
      f,
      gradient,
      hessian: finiteDifferences(),
      x0: Array.from({ length: n }, (_, i) => (i % 2 === 0 ? -1.2 : 1)),
    });
    expect(result.converged).toBe(true);
    expect(result.iterations).toBe(21); // the same path as in two dimensions
    for (const value of result.state.x) expect(value).toBeCloseTo(1, 8);
  });

  it("rejects malformed problems with a typed error naming the part", () => {
    expect(() =>
      solve(newtonMinimize(), { f: "100 (y - x^2)^2 + (1 - x)^2", x0: [-1.2] }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.f must be an expression in x, got "100 (y - x^2)^2 + (1 - x)^2" (unknown variable y)]`,
    );
    expect(() =>
      solve(newtonMinimize(), { f: "(a - 1)^2", x0: [1, 2], variables: ["a", "a"] }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.variables must be an array of 2 distinct names (one per entry of x0), got an array of length 2]`,
    );
    expect(() =>
      solve(newtonMinimize(), { f: "(a - 1)^2", x0: [1, 2, 3], variables: ["a", "b"] }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.x0 must be an array of length 2 (one entry per name in problem.variables), got an array of length 3]`,
    );
    expect(() => solve(newtonMinimize(), { f: rosenbrock.f, x0: [-1.2, 1] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.gradient must be a function, an array of expression strings or finiteDifferences() when problem.f is a function, got undefined]`,
    );
    expect(() => solve(newtonMinimize(), rosenbrock)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.hessian must be a function, an n x n array of expression strings or finiteDifferences() when neither problem.f nor problem.gradient is made of expression strings, got undefined]`,
    );
    expect(() =>
      solve(newtonMinimize(), { f: "x^2 + y^2", hessian: [["2", "0"], ["0"]], x0: [1, 1] }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.hessian must be a 2 x 2 array of expression strings, got 2 rows, row 1 being an array of length 1]`,
    );
    expect(() =>
      solve(newtonMinimize(), { f: "x^2 + y^2", gradient: ["2x"], x0: [1, 1] }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.gradient must be an array of 2 expression strings (one per entry of x0), got an array of length 1]`,
    );
    expect(() =>
      solve(newtonMinimize(), { f: "x^2 + y^2", gradient: 5 as never, x0: [1, 1] }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.gradient must be a function, an array of expression strings or finiteDifferences(), got 5]`,
    );
    expect(() => solve(newtonMinimize(), { f: ["x^2"] as never, x0: [1] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.f must be a function of a Float64Array or an expression string, got an array of length 1]`,
    );
    expect(() => solve(newtonMinimize(), { f: "sqrt(x)", x0: [-1] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.f(x0) must be a finite number, got NaN]`,
    );
    expect(() => solve(newtonMinimize(), { ...withHessian, x0: [Number.NaN, 1] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.x0[0] must be a finite number, got NaN]`,
    );
    expect(() => solve(newtonMinimize(), { ...withHessian, gradient: () => [1] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.gradient(x) must be an array of 2 numbers, got an array of length 1]`,
    );
  });

  it("rejects a Hessian function of the wrong shape at its first evaluation", () => {
    expect(() =>
      solve(newtonMinimize(), {
        ...rosenbrock,
        hessian: () => [
          [1, 0, 0],
          [0, 1, 0],
        ],
      }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.hessian(x)[0] must be a row of 2 numbers, got an array of length 3]`,
    );
  });

  it("rejects options outside their ranges", () => {
    expect(() => newtonMinimize({ minimumShift: 0 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: minimumShift must be a finite number > 0, got 0]`,
    );
    expect(() => newtonMinimize({ absTolerance: -1e-8 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: absTolerance must be a finite number >= 0, got -1e-8]`,
    );
    expect(() => newtonMinimize({ functionRelTolerance: Number.NaN })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: functionRelTolerance must be a finite number >= 0, got NaN]`,
    );
    expect(() => newtonMinimize({ lineSearch: fixedStep as never })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: lineSearch must be a line search such as backtracking() or fixedStep(alpha), got a function]`,
    );
  });
});

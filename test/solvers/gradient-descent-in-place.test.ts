import { describe, expect, it } from "vitest";
import { backtracking, fixedStep, InvalidProblemError, solve, strongWolfe } from "../../src/index.js";
import type { LineSearch, LineSearchInput } from "../../src/index.js";
import type { InPlaceObjectiveProblem, ObjectiveProblem } from "../../solvers/gradient-descent/index.js";
import { gradientDescent } from "../../solvers/gradient-descent/index.js";
import { quadratic, rosenbrock } from "../fixtures/problems.js";

/** The same objective with its gradient written into `out` instead of returned. */
function inPlace(problem: ObjectiveProblem): InPlaceObjectiveProblem {
  return {
    f: problem.f,
    gradientInto: (x, out) => {
      const g = problem.gradient(x);
      for (let i = 0; i < out.length; i++) out[i] = g[i] as number;
    },
    x0: problem.x0,
  };
}

/** `fixedStep(length)` written out as any user could, so the solver cannot recognise it as a fixed step. */
function plainFixedStep(length: number): LineSearch {
  const search = ({ objective, x, direction }: LineSearchInput) => {
    const next = new Float64Array(x.length);
    for (let i = 0; i < x.length; i++) next[i] = (x[i] as number) + length * (direction[i] as number);
    return { step: length, x: next, f: objective(next), evaluations: 1 };
  };
  return Object.assign(search, { label: `plain fixed step ${length}` });
}

/** What a run ends with, bit for bit (the iterate as its raw bytes). */
function outcome(result: ReturnType<typeof solve<ObjectiveProblem, unknown, unknown>>) {
  const state = result.state as { x: Float64Array; f: number; gradientNorm: number };
  return {
    x: Array.from(new Uint32Array(Float64Array.from(state.x).buffer)),
    f: state.f,
    gradientNorm: state.gradientNorm,
    state: { ...state, x: undefined, gradient: Array.from((state as unknown as { gradient: Float64Array }).gradient) },
    iterations: result.iterations,
    stopReason: result.stopReason,
  };
}

const cases = [
  { name: "fixed step on a quadratic", search: () => fixedStep(2 / 101), problem: quadratic(100), maxIterations: 300 },
  { name: "backtracking on Rosenbrock", search: () => backtracking(), problem: rosenbrock, maxIterations: 400 },
  {
    name: "strong Wolfe on Rosenbrock",
    search: () => strongWolfe({ c2: 0.1 }),
    problem: rosenbrock,
    maxIterations: 200,
  },
  {
    name: "a fixed step too long (diverges)",
    search: () => fixedStep(0.5),
    problem: quadratic(10),
    maxIterations: 500,
  },
];

describe("gradientDescent with gradientInto (the gradient written in place)", () => {
  it.each(cases)("gives the same iterates, counts and stop reason as the returned gradient: $name", (entry) => {
    const solver = gradientDescent({ lineSearch: entry.search(), maxIterations: entry.maxIterations });
    for (const options of [{ trace: false as const }, {}]) {
      const returned = outcome(solve(solver, entry.problem, options));
      const written = outcome(solve(solver, inPlace(entry.problem) as unknown as ObjectiveProblem, options));
      expect(written).toEqual(returned);
    }
  });

  it("takes fixed steps in place with the same bits as the same search written by hand, traced or not", () => {
    for (const kappa of [2, 10, 100]) {
      const length = 2 / (1 + kappa);
      const problem = quadratic(kappa, [0.7, -1.3]);
      const reference = outcome(
        solve(gradientDescent({ lineSearch: plainFixedStep(length), maxIterations: 200 }), problem, { trace: false }),
      );
      const recognised = gradientDescent({ lineSearch: fixedStep(length), maxIterations: 200 });
      expect(outcome(solve(recognised, problem, { trace: false }))).toEqual(reference);
      expect(outcome(solve(recognised, problem))).toEqual(reference);
      expect(outcome(solve(recognised, inPlace(problem) as unknown as ObjectiveProblem, { trace: false }))).toEqual(
        reference,
      );
    }
  });

  it("never writes a state that a hook kept, with the in-place gradient and a fixed step", () => {
    const kept: { x: number[]; gradient: number[]; f: number }[] = [];
    const states: { x: Float64Array; gradient: Float64Array; f: number }[] = [];
    const result = solve(gradientDescent({ lineSearch: fixedStep(0.1), maxIterations: 20 }), inPlace(quadratic(5)), {
      trace: false,
      hooks: {
        onIteration: ({ state }) => {
          states.push(state);
          kept.push({ x: Array.from(state.x), gradient: Array.from(state.gradient), f: state.f });
        },
      },
    });
    expect(result.iterations).toBe(20);
    expect(new Set(states).size).toBe(states.length);
    states.forEach((state, k) => {
      expect({ x: Array.from(state.x), gradient: Array.from(state.gradient), f: state.f }).toEqual(kept[k]);
    });
  });

  it("accepts a gradientInto that returns out, or returns a new array of the right length", () => {
    const base = quadratic(10);
    const reference = outcome(solve(gradientDescent({ lineSearch: fixedStep(0.05) }), base, { trace: false }));
    const returnsOut: InPlaceObjectiveProblem = {
      ...inPlace(base),
      gradientInto: (x, out) => {
        out.set(base.gradient(x));
        return out;
      },
    };
    const returnsNew: InPlaceObjectiveProblem = {
      ...inPlace(base),
      gradientInto: (x) => Float64Array.from(base.gradient(x)),
    };
    for (const problem of [returnsOut, returnsNew]) {
      const result = solve(gradientDescent({ lineSearch: fixedStep(0.05) }), problem, { trace: false });
      expect(outcome(result as never)).toEqual(reference);
    }
  });

  it("is a typed error when an entry of out is left unwritten, at the start or at a later step", () => {
    const writesFirstOnly: InPlaceObjectiveProblem = {
      f: (x) => (x[0] as number) ** 2 + (x[1] as number) ** 2,
      gradientInto: (x, out) => {
        out[0] = 2 * (x[0] as number);
      },
      x0: [1, 1],
    };
    const expected = "problem.gradientInto(x, out) must be a function that writes every entry of out";
    expect(() => solve(gradientDescent(), writesFirstOnly)).toThrow(InvalidProblemError);
    expect(() => solve(gradientDescent(), writesFirstOnly)).toThrow(
      `${expected} (or returns an array of 2 numbers), got out[1] left unwritten`,
    );
    let calls = 0;
    const stopsWritingLater: InPlaceObjectiveProblem = {
      ...writesFirstOnly,
      gradientInto: (x, out) => {
        calls++;
        if (calls > 3) return;
        out[0] = 2 * (x[0] as number);
        out[1] = 2 * (x[1] as number);
      },
    };
    for (const trace of [false, undefined]) {
      calls = 0;
      const run = () =>
        solve(gradientDescent({ lineSearch: fixedStep(0.1) }), stopsWritingLater, trace === false ? { trace } : {});
      expect(run).toThrow(/got out\[0\] left unwritten/);
    }
  });

  it("ends the run diverged on a NaN it wrote, as a returned NaN does", () => {
    const withNaN = (x: Float64Array) => [
      (x[0] as number) > 0.5 ? 2 * (x[0] as number) : Number.NaN,
      2 * (x[1] as number),
    ];
    const returned: ObjectiveProblem = {
      f: (x) => (x[0] as number) ** 2 + (x[1] as number) ** 2,
      gradient: withNaN,
      x0: [1, 1],
    };
    for (const options of [{ trace: false as const }, {}]) {
      const solver = gradientDescent({ lineSearch: fixedStep(0.1) });
      const reference = solve(solver, returned, options);
      expect(reference.stopReason.kind).toBe("diverged");
      const written = solve(solver, inPlace(returned), options);
      expect(written.stopReason).toEqual(reference.stopReason);
      expect(written.iterations).toBe(reference.iterations);
    }
  });

  it("gives gradient's typed errors for a returned array of the wrong length, a Promise, or a non-array", () => {
    const f = (x: Float64Array) => (x[0] as number) ** 2;
    const returning = (value: unknown): InPlaceObjectiveProblem => ({
      f,
      gradientInto: () => value as undefined,
      x0: [1, 2],
    });
    expect(() => solve(gradientDescent(), returning([1, 2, 3]))).toThrow(
      "problem.gradientInto(x, out) must be an array of 2 numbers, got an array of length 3",
    );
    expect(() => solve(gradientDescent(), returning(null))).toThrow(InvalidProblemError);
    expect(() => solve(gradientDescent(), returning(Promise.resolve([1, 2])))).toThrow(/Promise/);
    expect(() => solve(gradientDescent(), returning([1, "2"]))).toThrow(
      "problem.gradientInto(x, out)[1] must be a number",
    );
  });

  it("calls gradient and gradientInto as the problem's methods (this is the problem), as f is", () => {
    class Scaled {
      readonly x0 = [1, -2];
      constructor(readonly scale: number) {}
      f(x: Float64Array) {
        return 0.5 * this.scale * ((x[0] as number) ** 2 + (x[1] as number) ** 2);
      }
      gradient(x: Float64Array) {
        return [this.scale * (x[0] as number), this.scale * (x[1] as number)];
      }
    }
    class ScaledInPlace extends Scaled {
      gradientInto(x: Float64Array, out: Float64Array) {
        out[0] = this.scale * (x[0] as number);
        out[1] = this.scale * (x[1] as number);
      }
    }
    const returned = new Scaled(4);
    const written = Object.assign(new ScaledInPlace(4), { gradient: undefined });
    for (const options of [{ trace: false as const }, {}]) {
      const solver = gradientDescent({ lineSearch: fixedStep(0.1), maxIterations: 30 });
      const reference = outcome(solve(solver, returned, options));
      expect(reference.iterations).toBe(30);
      expect(outcome(solve(solver, written as never, options))).toEqual(reference);
    }
  });

  it("rejects a problem with both forms of the gradient, or a gradientInto that is not a function", () => {
    const both = {
      f: (x: Float64Array) => (x[0] as number) ** 2,
      gradient: () => [1],
      gradientInto: () => {},
      x0: [1],
    };
    expect(() => solve(gradientDescent(), both as never)).toThrow(
      "problem.gradient must be undefined when problem.gradientInto is given (give one form of the gradient), got a function",
    );
    const notFunction = { f: (x: Float64Array) => (x[0] as number) ** 2, gradientInto: 3, x0: [1] };
    expect(() => solve(gradientDescent(), notFunction as never)).toThrow(
      "problem.gradientInto must be a function of (x, out) writing into out, got 3",
    );
    const neither = { f: (x: Float64Array) => (x[0] as number) ** 2, x0: [1] };
    expect(() => solve(gradientDescent(), neither as never)).toThrow(
      "problem.gradient must be a function of a Float64Array",
    );
  });
});

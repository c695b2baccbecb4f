import { describe, expect, it, vi } from "vitest";
import {
  below,
  InvalidOptionError,
  InvalidProblemError,
  iterate,
  solve,
  solveAsync,
  solveIterations,
  solveIterationsAsync,
  StepError,
} from "../../src/index.js";
import type { Solver } from "../../src/index.js";
import { fixedPoint } from "../../solvers/fixed-point/index.js";
import { drain, drainAsync, outcome, thrownBy } from "./support.js";

/** Babylonian square root with a random start, so the seed matters. */
interface SqrtProblem {
  readonly a: number;
}
interface SqrtState {
  readonly x: number;
  readonly residual: number;
}

const squareRoot: Solver<SqrtProblem, SqrtState, number> = {
  name: "babylonian square root",
  maxIterations: 50,
  convergence: below((s: SqrtState) => s.residual, 1e-12, { name: "|x^2 - a|" }),
  init(problem, { random }) {
    if (!(problem.a > 0)) throw new InvalidProblemError("problem.a", "a number > 0", problem.a);
    const x = 1 + 10 * random.float();
    return { x, residual: Math.abs(x * x - problem.a) };
  },
  step(problem, state) {
    const x = (state.x + problem.a / state.x) / 2;
    return { x, residual: Math.abs(x * x - problem.a) };
  },
  record: (state) => state.x,
};

const problem: SqrtProblem = Object.freeze({ a: 2 });

describe("solve", () => {
  it("runs a solver with its defaults and reports its name", () => {
    const result = solve(squareRoot, problem);
    expect(result.solver).toBe("babylonian square root");
    expect(result.stopReason).toMatchObject({ kind: "converged", test: "|x^2 - a|" });
    expect(result.state.x).toBeCloseTo(Math.SQRT2, 12);
    expect(result.trace.entries).toHaveLength(result.iterations + 1);
    expect(result.trace.entries.at(-1)?.record).toBe(result.state.x);
  });

  it("lets the options replace the solver's bound and tests", () => {
    const bounded = solve(squareRoot, problem, { maxIterations: 0 });
    expect(bounded.iterations).toBe(0);
    expect(bounded.stopReason).toEqual({ kind: "maxIterations", maxIterations: 0 });
    const loose = solve(squareRoot, problem, { converged: below((s: SqrtState) => s.residual, 1) });
    expect(loose.iterations).toBeLessThan(solve(squareRoot, problem).iterations);
  });

  it("draws the initial state from the seeded generator", () => {
    expect(solve(squareRoot, problem, { seed: 4, maxIterations: 0 }).state).toEqual(
      solve(squareRoot, problem, { seed: 4, maxIterations: 0 }).state,
    );
    expect(solve(squareRoot, problem, { seed: 4, maxIterations: 0 }).state).not.toEqual(
      solve(squareRoot, problem, { seed: 5, maxIterations: 0 }).state,
    );
  });

  it("gives the same run as iterate with the solver's step", () => {
    const initial = solve(squareRoot, problem, { maxIterations: 0 }).state;
    const direct = iterate(initial, {
      update: (state, context) => squareRoot.step(problem, state, context) as SqrtState,
      maxIterations: 50,
      converged: squareRoot.convergence,
      trace: { record: squareRoot.record },
    });
    expect(outcome(solve(squareRoot, problem))).toEqual(outcome(direct));
  });

  it("takes the epoch length from the solver", () => {
    const batched: Solver<SqrtProblem, SqrtState, number> = {
      ...squareRoot,
      convergence: undefined,
      epochLength: () => 3,
    };
    const result = solve(batched, problem, { maxIterations: 7 });
    expect(result.epochs).toBe(2);
    expect(result.trace.entries.map((entry) => entry.epoch)).toEqual([0, 0, 0, 1, 1, 1, 2, 2]);
    expect(solve(batched, problem, { maxIterations: 7, epochLength: 7 }).epochs).toBe(1);
  });

  it("continues from a checkpoint with resumeFrom", () => {
    const first = solve(squareRoot, problem, { maxIterations: 2 });
    const whole = solve(squareRoot, problem);
    const init = vi.spyOn(squareRoot, "init");
    try {
      const rest = solve(squareRoot, problem, { resumeFrom: first.checkpoint() });
      expect(init).not.toHaveBeenCalled();
      expect(outcome(rest)).toEqual(outcome(whole));
    } finally {
      init.mockRestore();
    }
  });

  it("throws the solver's InvalidProblemError as it is", () => {
    const error = thrownBy(() => solve(squareRoot, { a: -1 }));
    expect(error).toBeInstanceOf(InvalidProblemError);
    expect(() => solve(squareRoot, { a: -1 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.a must be a number > 0, got -1]`,
    );
  });

  it("wraps another error from init in a StepError with phase init", () => {
    const broken: Solver<SqrtProblem, SqrtState, number> = {
      ...squareRoot,
      init() {
        throw new Error("no memory");
      },
    };
    const error = thrownBy(() => solve(broken, problem));
    expect(error).toBeInstanceOf(StepError);
    expect(error).toMatchObject({ phase: "init", iteration: 0 });
  });

  it("rejects a solver without its functions or bound", () => {
    expect(() =>
      solve({ ...squareRoot, step: undefined } as unknown as typeof squareRoot, problem),
    ).toThrowErrorMatchingInlineSnapshot(`[InvalidOptionError: solver.step must be a function, got undefined]`);
    expect(() => solve({ ...squareRoot, maxIterations: -1 }, problem)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: solver.maxIterations must be an integer >= 0, got -1]`,
    );
    expect(() => solve(null as unknown as typeof squareRoot, problem)).toThrow(InvalidOptionError);
  });
});

describe("solveAsync", () => {
  it("gives the same result as solve", async () => {
    expect(outcome(await solveAsync(squareRoot, problem, { seed: 2 }))).toEqual(
      outcome(solve(squareRoot, problem, { seed: 2 })),
    );
  });
});

describe("solveIterations", () => {
  it("yields every iteration and returns the same result as solve", () => {
    const { events, result } = drain(solveIterations(squareRoot, problem));
    const direct = solve(squareRoot, problem);
    expect(events.map((event) => event.state.x)).toEqual(direct.trace.entries.map((entry) => entry.record));
    expect(outcome(result)).toEqual(outcome(direct));
  });
});

describe("solveIterationsAsync", () => {
  it("yields every iteration and returns the same result as solve", async () => {
    const { events, result } = await drainAsync(solveIterationsAsync(squareRoot, problem));
    expect(events).toHaveLength(result.iterations + 1);
    expect(outcome(result)).toEqual(outcome(solve(squareRoot, problem)));
  });
});

describe("solve with a trace record of the caller's", () => {
  it("records what the caller's record function returns instead of the solver's record", () => {
    const result = solve(
      fixedPoint({ absTolerance: 0 }),
      { map: Math.cos, x0: 1 },
      { trace: { record: (state) => ({ twice: 2 * state.x }) } },
    );
    expect(result.trace.entries[0]?.record).toEqual({ twice: 2 });
    expect(result.trace.entries.at(-1)?.record.twice).toBeCloseTo(2 * 0.7390851332151607, 15);
  });
});

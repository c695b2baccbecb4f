import { describe, expect, it } from "vitest";
import {
  below,
  CheckpointError,
  HookError,
  InvalidOptionError,
  InvalidProblemError,
  prepareProblem,
  solve,
  solveAsync,
  solveIterations,
  solveIterationsAsync,
  StepError,
} from "../../src/index.js";
import type { Solver } from "../../src/index.js";
import { drain, drainAsync } from "./support.js";

/** Newton's square root of `a`, with `a` validated and its reciprocal worked out once in `prepare`. */
interface RootProblem {
  readonly a: number;
}
interface PreparedRoot {
  readonly a: number;
  readonly half: number;
}
interface RootState {
  readonly x: number;
  readonly residual: number;
}

/** A counting solver: how often `prepare` and `dispose` ran, and on what. */
function countingRoot(failAt?: { readonly step?: number; readonly dispose?: boolean }) {
  const calls = { prepare: 0, dispose: 0, disposed: [] as PreparedRoot[] };
  const solver: Solver<RootProblem, RootState, number, PreparedRoot> = {
    name: "counting square root",
    maxIterations: 50,
    convergence: below((s: RootState) => s.residual, 1e-12, { name: "|x^2 - a|" }),
    prepare(problem) {
      calls.prepare += 1;
      if (!(problem.a > 0)) throw new InvalidProblemError("problem.a", "a number > 0", problem.a);
      return { a: problem.a, half: 0.5 };
    },
    init: (prepared, { random }) => {
      const x = prepared.a + random.float();
      return { x, residual: Math.abs(x * x - prepared.a) };
    },
    step(prepared, state, context) {
      if (context.iteration + 1 === failAt?.step) throw new Error("step failed on purpose");
      const x = prepared.half * (state.x + prepared.a / state.x);
      return { x, residual: Math.abs(x * x - prepared.a) };
    },
    dispose(prepared) {
      calls.dispose += 1;
      calls.disposed.push(prepared);
      if (failAt?.dispose === true) throw new Error("dispose failed on purpose");
    },
    record: (state) => state.x,
  };
  return { solver, calls };
}

const problem: RootProblem = Object.freeze({ a: 2 });

describe("solve with a solver that prepares", () => {
  it("prepares once and disposes once per run, with each driver", async () => {
    const { solver, calls } = countingRoot();
    const sync = solve(solver, problem, { seed: 3 });
    await solveAsync(solver, problem, { seed: 3 });
    drain(solveIterations(solver, problem, { seed: 3 }));
    await drainAsync(solveIterationsAsync(solver, problem, { seed: 3 }));
    expect(sync.state.x).toBeCloseTo(Math.SQRT2, 12);
    expect(calls.prepare).toBe(4);
    expect(calls.dispose).toBe(4);
  });

  it("disposes once when a step throws, and the step's error is the one reported", async () => {
    const { solver, calls } = countingRoot({ step: 2 });
    expect(() => solve(solver, problem)).toThrow(StepError);
    await expect(solveAsync(solver, problem)).rejects.toThrow(StepError);
    expect(() => drain(solveIterations(solver, problem))).toThrow(StepError);
    expect(calls.dispose).toBe(3);
  });

  it("disposes once when a hook throws, and when a step-through consumer leaves early", () => {
    const { solver, calls } = countingRoot();
    const hooks = {
      onIteration: () => {
        throw new Error("hook failed");
      },
    };
    expect(() => solve(solver, problem, { hooks })).toThrow(HookError);
    for (const event of solveIterations(solver, problem)) if (event.iteration === 1) break;
    expect(calls.dispose).toBe(2);
  });

  it("keeps the run's error when dispose also throws, and reports dispose's error after a clean run", () => {
    const { solver } = countingRoot({ step: 1, dispose: true });
    expect(() => solve(solver, problem)).toThrow(StepError);
    const clean = countingRoot({ dispose: true });
    expect(() => solve(clean.solver, problem)).toThrowErrorMatchingInlineSnapshot(`[Error: dispose failed on purpose]`);
  });

  it("checks the options before preparing, and never prepares or disposes for invalid options", () => {
    const { solver, calls } = countingRoot();
    expect(() => solve(solver, problem, { maxIterations: -1 })).toThrow(InvalidOptionError);
    expect(calls).toMatchObject({ prepare: 0, dispose: 0 });
  });

  it("reports a malformed problem from prepare, and wraps other errors of prepare as a StepError of init", () => {
    const { solver, calls } = countingRoot();
    expect(() => solve(solver, { a: -1 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.a must be a number > 0, got -1]`,
    );
    const throwing: Solver<RootProblem, RootState, number, PreparedRoot> = {
      ...solver,
      prepare: () => {
        throw new Error("no memory");
      },
    };
    expect(() => solve(throwing, problem)).toThrowErrorMatchingInlineSnapshot(
      `[StepError: init failed at iteration 0: no memory]`,
    );
    expect(calls.dispose).toBe(0);
  });
});

describe("prepareProblem", () => {
  it("prepares once for many runs, which give the same results as separate solves and never dispose it", () => {
    const { solver, calls } = countingRoot();
    const prepared = prepareProblem(solver, problem);
    const seeds = [1, 2, 3, 4, 5];
    const shared = seeds.map((seed) => solve(solver, prepared, { seed }).state);
    expect(calls).toMatchObject({ prepare: 1, dispose: 0 });
    expect(shared).toEqual(seeds.map((seed) => solve(solver, problem, { seed }).state));
    expect(calls).toMatchObject({ prepare: 6, dispose: 5 });
    prepared.dispose();
    prepared.dispose();
    expect(calls.dispose).toBe(6);
    expect(calls.disposed.at(-1)).toBe(prepared.prepared);
    expect(prepared.disposed).toBe(true);
  });

  it("is disposed by Symbol.dispose (a using declaration)", () => {
    const { solver, calls } = countingRoot();
    const prepared = prepareProblem(solver, problem);
    prepared[Symbol.dispose]();
    expect(calls.dispose).toBe(1);
  });

  it("is not disposed by a run that throws", () => {
    const { solver, calls } = countingRoot({ step: 1 });
    const prepared = prepareProblem(solver, problem);
    expect(() => solve(solver, prepared)).toThrow(StepError);
    expect(calls.dispose).toBe(0);
  });

  it("computes the problem's fingerprint once, the same as a solve's checkpoint carries", () => {
    const { solver } = countingRoot();
    const prepared = prepareProblem(solver, problem);
    expect(prepared.fingerprint()).toBe(prepared.fingerprint());
    expect(solve(solver, problem, { maxIterations: 1 }).checkpoint().problem).toEqual(prepared.fingerprint());
  });

  it("resumes a checkpoint of the same problem, and refuses one of another problem", () => {
    const { solver } = countingRoot();
    const prepared = prepareProblem(solver, problem);
    const checkpoint = solve(solver, problem, { maxIterations: 2, seed: 1 }).checkpoint();
    const uninterrupted = solve(solver, problem, { seed: 1 }).state;
    expect(solve(solver, prepared, { resumeFrom: checkpoint }).state).toEqual(uninterrupted);
    const other = prepareProblem(solver, { a: 3 });
    expect(() => solve(solver, other, { resumeFrom: checkpoint })).toThrow(CheckpointError);
    expect(() => solve(solver, other, { resumeFrom: checkpoint })).toThrowErrorMatchingInlineSnapshot(
      `[CheckpointError: the checkpoint was taken on another problem: problem.a is 2 in the checkpoint but 3 in this run]`,
    );
  });

  it("refuses a handle of another solver and a disposed handle", () => {
    const first = countingRoot().solver;
    const second = { ...countingRoot().solver, name: "another square root" };
    const prepared = prepareProblem(first, problem);
    expect(() => solve(second, prepared)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: problem is a prepared problem made by another solver (counting square root); solve needs one made by prepareProblem with this solver (another square root)]`,
    );
    prepared.dispose();
    expect(() => solve(first, prepared)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: problem is a prepared problem that was disposed; prepare it again with prepareProblem]`,
    );
  });

  it("keeps the problem itself as the prepared problem for a solver without prepare", () => {
    const { solver } = countingRoot();
    const bare: Solver<RootProblem, RootState, number> = {
      name: "square root without prepare",
      maxIterations: solver.maxIterations,
      convergence: solver.convergence,
      init: (given, context) => solver.init({ a: given.a, half: 0.5 }, context),
      step: (given, state, context) => solver.step({ a: given.a, half: 0.5 }, state, context),
      record: solver.record,
    };
    const prepared = prepareProblem(bare, problem);
    expect(prepared.prepared).toBe(problem);
    expect(solve(bare, prepared, { seed: 2 }).state).toEqual(solve(solver, problem, { seed: 2 }).state);
  });
});

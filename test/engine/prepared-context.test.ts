// What a prepared problem gives a run besides `init` and `step`: the warnings its `prepare` recorded (in every
// result) and itself, to the stopping tests' `init` (so thresholds that depend on the problem stay out of states).
import { describe, expect, it } from "vitest";
import {
  allOf,
  anyOf,
  below,
  InvalidOptionError,
  iterate,
  prepareProblem,
  solve,
  solveAsync,
  solveIterations,
  solveIterationsAsync,
  sustained,
} from "../../src/index.js";
import type { Criterion, CriterionContext, Solver } from "../../src/index.js";
import { drain, drainAsync } from "./support.js";

/** Halve `x` until it is below the problem's `limit`: the threshold is problem data, read once per run. */
interface HalvingProblem {
  readonly x0: number;
  readonly limit: number;
}
interface HalvingState {
  readonly x: number;
}

/** `x <= limit`, where `limit` is read from the prepared problem when the run starts. */
function belowPreparedLimit(seen: unknown[] = []): Criterion<HalvingState, { limit: number; met: boolean }> {
  return {
    label: "x <= limit",
    init(context?: CriterionContext) {
      seen.push(context?.prepared);
      const prepared = context?.prepared as HalvingProblem | undefined;
      return { limit: prepared?.limit ?? Number.NaN, met: false };
    },
    check(state, _context, memory) {
      memory.met = state.x <= memory.limit;
      return memory.met;
    },
    report: (memory) => [
      { label: "x <= limit", value: undefined, relation: "<=", tolerance: memory.limit, met: memory.met, iteration: 0 },
    ],
  };
}

function halving(warnings: readonly string[] = []): Solver<HalvingProblem, HalvingState, number, HalvingProblem> {
  return {
    name: "halving",
    maxIterations: 100,
    convergence: belowPreparedLimit(),
    prepare(problem, context) {
      for (const warning of warnings) context.warn(warning);
      return { x0: problem.x0, limit: problem.limit };
    },
    init: (prepared) => ({ x: prepared.x0 }),
    step: (_prepared, state) => ({ x: state.x / 2 }),
    record: (state) => state.x,
  };
}

const twoWarnings = ["the first thing to know", "the second thing to know"];

describe("result.warnings", () => {
  it("reports what prepare warned, in order, in the result of every driver and not in the state", async () => {
    const solver = halving(twoWarnings);
    const problem = { x0: 64, limit: 1 };
    const results = [
      solve(solver, problem),
      await solveAsync(solver, problem),
      drain(solveIterations(solver, problem)).result,
      (await drainAsync(solveIterationsAsync(solver, problem))).result,
    ];
    for (const result of results) {
      expect(result.warnings).toEqual(twoWarnings);
      expect(Object.isFrozen(result.warnings)).toBe(true);
      expect(Object.keys(result.state)).toEqual(["x"]);
      expect(result.iterations).toBe(6);
    }
  });

  it("is empty without warnings, for solvers without prepare, and for iterate", () => {
    expect(solve(halving(), { x0: 8, limit: 1 }).warnings).toEqual([]);
    const { prepare: _, ...unprepared } = halving(twoWarnings);
    expect(solve(unprepared, { x0: 8, limit: 1 }).warnings).toEqual([]);
    const plain = iterate(1, { update: (x) => x / 2, maxIterations: 3 });
    expect(plain.warnings).toEqual([]);
  });

  it("lives on a prepareProblem handle: prepared once, reported by every run on it and by a resumed run", () => {
    let prepares = 0;
    const base = halving(["a warning"]);
    const solver: typeof base = {
      ...base,
      prepare: (problem, context) => {
        prepares += 1;
        return base.prepare?.(problem, context) as HalvingProblem;
      },
    };
    using handle = prepareProblem(solver, { x0: 64, limit: 1 });
    expect(handle.warnings).toEqual(["a warning"]);
    const first = solve(solver, handle, { maxIterations: 2 });
    const resumed = solve(solver, handle, { resumeFrom: first.checkpoint() });
    expect([first.warnings, resumed.warnings, solve(solver, handle).warnings]).toEqual([
      ["a warning"],
      ["a warning"],
      ["a warning"],
    ]);
    expect(resumed.iterations).toBe(6);
    expect(prepares).toBe(1);
    expect(prepareProblem(halving(), { x0: 1, limit: 1 }).warnings).toEqual([]);
  });
});

describe("Criterion.init's context", () => {
  it("gets the run's prepared problem, through anyOf, allOf and sustained too", () => {
    const seen: unknown[] = [];
    const solver = halving();
    const problem = { x0: 64, limit: 4 };
    using handle = prepareProblem(solver, problem);
    const converged = anyOf(allOf(belowPreparedLimit(seen)), sustained(1, belowPreparedLimit(seen)));
    const result = solve(solver, handle, { converged });
    expect(result.iterations).toBe(4);
    expect(seen).toEqual([handle.prepared, handle.prepared]);
    expect(seen[0]).toBe(handle.prepared);
    expect(result.criteria.convergence.map((report) => report.tolerance)).toEqual([4, 4]);
  });

  it("gets the problem itself for a solver without prepare, and undefined for iterate", () => {
    const seen: unknown[] = [];
    const { prepare: _, ...unprepared } = halving();
    const problem = { x0: 64, limit: 2 };
    expect(solve(unprepared, problem, { converged: belowPreparedLimit(seen) }).iterations).toBe(5);
    expect(seen[0]).toBe(problem);
    iterate({ x: 1 }, { update: (s) => ({ x: s.x / 2 }), maxIterations: 2, converged: belowPreparedLimit(seen) });
    expect(seen).toHaveLength(2);
    expect(seen[1]).toBeUndefined();
  });

  it("is not called on resume: the memory comes from the checkpoint, and the run continues exactly", () => {
    const seen: unknown[] = [];
    const solver = { ...halving(), convergence: belowPreparedLimit(seen) };
    const problem = { x0: 1000, limit: 0.01 };
    const whole = solve(solver, problem);
    const first = solve(solver, problem, { maxIterations: 3 });
    const resumed = solve(solver, problem, { resumeFrom: first.checkpoint() });
    expect(seen).toHaveLength(2);
    expect(resumed.iterations).toBe(whole.iterations);
    expect(resumed.state.x).toBe(whole.state.x);
    expect(resumed.criteria.convergence).toEqual(whole.criteria.convergence);
    // The fingerprint still refuses a checkpoint of another problem (whose limit would differ).
    expect(() => solve(solver, { x0: 1000, limit: 0.5 }, { resumeFrom: first.checkpoint() })).toThrow(/problem/);
  });

  it("lets a test refuse a run whose prepared problem lacks what it needs, with a typed error", () => {
    const needsLimit: Criterion<number, number> = {
      label: "needs a limit",
      init(context) {
        if (context === undefined || context.prepared === undefined)
          throw new InvalidOptionError("converged", "a test of a solver run", context?.prepared);
        return 0;
      },
      check: () => false,
      report: () => [],
    };
    expect(() => iterate(1, { update: (x) => x, maxIterations: 1, converged: needsLimit })).toThrow(InvalidOptionError);
    expect(below((x: number) => x, 1).init()).toBeDefined();
  });
});

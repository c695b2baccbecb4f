import { describe, expect, it } from "vitest";
import { prepareProblem, resume, solve, solveAsync, solveIterations } from "../../src/index.js";
import type { IterationEvent, SolveOptions, SolveResult } from "../../src/index.js";
import type { ConformanceCase } from "./case.js";
import { comparable } from "./case.js";
import { conformanceCases } from "./cases/index.js";

/**
 * The table every solver passes: it converges on its fixture and its check holds; the same seed gives the
 * same result; maxIterations 0 returns iteration 0; the trace has iterations + 1 entries; the problem is
 * not mutated (fixtures are deep-frozen); abort works; the drivers agree; resume equals an uninterrupted run.
 * Each solver family adds its cases in ./cases/ and its file to ./cases/index.ts.
 */
const cases = conformanceCases;

describe.each(cases)("conformance: $name", ({ solver, problem, check }) => {
  it("converges on its fixture and its check holds", () => {
    const result = solve(solver, problem);
    expect(result.stopReason.kind).toBe("converged");
    expect(result.converged).toBe(true);
    check(result);
  });

  it("gives the same result for the same seed", () => {
    expect(comparable(solve(solver, problem, { seed: 7 }))).toEqual(comparable(solve(solver, problem, { seed: 7 })));
  });

  it("returns iteration 0 with reason maxIterations when maxIterations is 0", () => {
    const result = solve(solver, problem, { maxIterations: 0 });
    expect(result.iterations).toBe(0);
    expect(result.stopReason).toEqual({ kind: "maxIterations", maxIterations: 0 });
    const prepared = prepareProblem(solver, problem);
    expect(result.state).toEqual(solver.init(prepared.prepared, { random: undefined as never }));
    prepared.dispose();
    expect(result.trace.entries.map((entry) => entry.iteration)).toEqual([0]);
  });

  it("records a trace of iterations + 1 entries, iteration 0 first", () => {
    const result = solve(solver, problem, { trace: { maxLength: 100_000 } });
    expect(result.trace.entries).toHaveLength(result.iterations + 1);
    expect(result.trace.entries.map((entry) => entry.iteration)).toEqual(
      Array.from({ length: result.iterations + 1 }, (_, i) => i),
    );
  });

  it("does not mutate its (frozen) problem", () => {
    expect(Object.isFrozen(problem)).toBe(true);
    expect(() => solve(solver, problem)).not.toThrow();
  });

  it("stops with reason aborted within one step of an abort", () => {
    const controller = new AbortController();
    const options: SolveOptions<unknown> = {
      signal: controller.signal,
      hooks: { onIteration: (event) => (event.iteration === 2 ? controller.abort(new Error("enough")) : undefined) },
    };
    const result = solve(solver, problem, options);
    expect(result.stopReason.kind).toBe("aborted");
    expect(result.iterations).toBe(2);
  });

  it("gives the same result with the sync, async and step-through drivers", async () => {
    const sync = solve(solver, problem);
    const asynchronous = await solveAsync(solver, problem);
    const steps = solveIterations(solver, problem);
    const events: IterationEvent<unknown>[] = [];
    let next = steps.next();
    while (next.done !== true) {
      events.push(next.value);
      next = steps.next();
    }
    expect(comparable(asynchronous)).toEqual(comparable(sync));
    expect(comparable(next.value as SolveResult<unknown, unknown>)).toEqual(comparable(sync));
    expect(events).toHaveLength(sync.iterations + 1);
    expect(events.at(-1)?.stopReason).toEqual(sync.stopReason);
  });

  it("resumes from a checkpoint to the same result as an uninterrupted run", () => {
    const whole = solve(solver, problem);
    const half = Math.floor(whole.iterations / 2);
    const first = solve(solver, problem, { maxIterations: half });
    const resumed = solve(solver, problem, { resumeFrom: first.checkpoint() });
    expect(comparable(resumed)).toEqual(comparable(whole));
  });
});

describe("conformance: resume", () => {
  it("works through the engine-level resume too", () => {
    const solverCase = cases[0] as ConformanceCase;
    using prepared = prepareProblem(solverCase.solver, solverCase.problem);
    const first = solve(solverCase.solver, solverCase.problem, { maxIterations: 10 });
    const continued = resume(first.checkpoint(), {
      update: (state, context) => solverCase.solver.step(prepared.prepared, state, context),
      maxIterations: 1000,
      converged: solverCase.solver.convergence,
      diverged: solverCase.solver.divergence,
      trace: { record: (state: unknown) => solverCase.solver.record(state) },
    });
    expect(continued.state).toEqual(solve(solverCase.solver, solverCase.problem).state);
  });
});

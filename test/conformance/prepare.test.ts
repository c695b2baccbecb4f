import { describe, expect, it } from "vitest";
import { CheckpointError, prepareProblem, solve, solveIterations, StepError } from "../../src/index.js";
import type { SolveResult, Solver } from "../../src/index.js";
import { perturb, sitesOf } from "../properties/perturb-problem.js";
import { comparable } from "./case.js";
import { conformanceCases } from "./cases/index.js";

/**
 * The solver contract's prepare phase, for every solver of the conformance table: a problem prepared once
 * runs many times, also interleaved step by step, with the results of separate solves; a run disposes what it prepared exactly once (also
 * when a step throws) and never a caller's handle; a checkpoint resumed into a handle of another problem is
 * refused.
 */
const cases = conformanceCases;

/** The solver with `dispose` counted (and its step failing at `failAt`, when given). */
function counted(solver: Solver<any, any, any, any>, failAt?: number) {
  const calls = { dispose: 0 };
  const wrapped: Solver<any, any, any, any> = {
    ...solver,
    step: (prepared, state, context) => {
      if (context.iteration + 1 === failAt) throw new Error("step failed on purpose");
      return solver.step(prepared, state, context);
    },
    dispose: (prepared) => {
      calls.dispose += 1;
      solver.dispose?.(prepared);
    },
  };
  return { wrapped, calls };
}

describe.each(cases)("conformance (prepare): $name", ({ solver, problem }) => {
  it("gives the results of separate solves when one prepared problem runs many times", () => {
    using prepared = prepareProblem(solver, problem);
    for (const seed of [1, 2, 3]) {
      expect(comparable(solve(solver, prepared, { seed }))).toEqual(comparable(solve(solver, problem, { seed })));
    }
    const whole = solve(solver, prepared, { seed: 4 });
    const first = solve(solver, prepared, { seed: 4, maxIterations: Math.floor(whole.iterations / 2) });
    expect(comparable(solve(solver, prepared, { resumeFrom: first.checkpoint() }))).toEqual(comparable(whole));
  });

  it("gives two runs interleaved step by step on one prepared problem the results of separate solves", () => {
    // What a prepared problem holds is shared by every run on it (scratch arrays, kernel memory): a run must
    // not leave anything there that the next step of another run would read.
    using prepared = prepareProblem(solver, problem);
    const runs = [1, 2].map((seed) => solveIterations(solver, prepared, { seed }));
    const ends: (SolveResult<unknown, unknown> | undefined)[] = [undefined, undefined];
    while (ends.includes(undefined)) {
      runs.forEach((run, i) => {
        if (ends[i] !== undefined) return;
        const next = run.next();
        if (next.done === true) ends[i] = { ...next.value, solver: solver.name, kernelThreads: prepared.kernelThreads };
      });
    }
    [1, 2].forEach((seed, i) => {
      expect(comparable(ends[i] as SolveResult<unknown, unknown>)).toEqual(
        comparable(solve(solver, problem, { seed })),
      );
    });
  });

  it("disposes exactly once per solve, also when a step throws, and never a caller's handle", () => {
    const { wrapped, calls } = counted(solver);
    solve(wrapped, problem);
    solve(wrapped, problem, { maxIterations: 0 });
    expect(calls.dispose).toBe(2);
    const failing = counted(solver, 1);
    expect(() => solve(failing.wrapped, problem)).toThrow(StepError);
    expect(failing.calls.dispose).toBe(1);
    const held = prepareProblem(wrapped, problem);
    solve(wrapped, held);
    solve(wrapped, held, { seed: 2 });
    expect(calls.dispose).toBe(2);
    held.dispose();
    expect(calls.dispose).toBe(3);
  });

  it("reports the threads its kernels were bound to (1 to the threads asked for), with the results of one thread", () => {
    const one = solve(solver, problem, { threads: 1, seed: 3 });
    expect(one.kernelThreads).toBe(1);
    using handle = prepareProblem(solver, problem, { threads: 3 });
    const three = solve(solver, handle, { seed: 3 });
    expect(three.kernelThreads).toBe(handle.kernelThreads);
    expect([1, 2, 3]).toContain(three.kernelThreads);
    expect(comparable(three)).toEqual(comparable(one));
  });

  it("refuses a checkpoint resumed into a prepared problem of another problem", () => {
    const checkpoint = solve(solver, problem, { maxIterations: 1 }).checkpoint();
    const other = sitesOf(problem)
      .map((site) => perturb(problem, site, "entry", 1))
      .map((candidate) => {
        try {
          return prepareProblem(solver, candidate);
        } catch {
          return undefined; // this perturbation makes the problem invalid; another site will do
        }
      })
      .find((handle) => handle !== undefined);
    expect(other).toBeDefined();
    expect(() => solve(solver, other!, { resumeFrom: checkpoint })).toThrow(CheckpointError);
    other!.dispose();
  });
});

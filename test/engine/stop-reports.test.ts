// A run that stops on one of its tests keeps the reports it built for the stop reason and gives them to the
// result, instead of building them a second time. These tests build the reports afresh from the memories the
// run ends with (its checkpoint's) and require the result, the stop reason and the events to match them,
// quiet and hooked, for runs that converge, diverge and stop otherwise.
import { describe, expect, it } from "vitest";
import { anyOf, below, exceeds, iterate, nonFinite, solve } from "../../src/index.js";
import type { Criterion, CriterionReport, RunResult, StopReason } from "../../src/index.js";
import { fixedPoint } from "../../solvers/fixed-point/index.js";
import { newtonMinimize } from "../../solvers/newton/index.js";
import { cosineFixedPoint, rosenbrockWithHessian as rosenbrock } from "../fixtures/problems.js";

/** The reports of `test` built afresh from the memory the run ended with. */
function freshReports<S>(test: Criterion<S> | undefined, memory: unknown): readonly CriterionReport[] {
  return test === undefined ? [] : test.report(structuredClone(memory));
}

/** Checks a finished run's criteria and stop reason against reports built afresh from its final memories. */
function expectFreshReports<S>(
  result: RunResult<S, unknown>,
  convergence: Criterion<S> | undefined,
  divergence: Criterion<S> | undefined,
): void {
  const checkpoint = result.checkpoint();
  const converged = freshReports(convergence, checkpoint.convergence?.memory);
  const diverged = freshReports(divergence, checkpoint.divergence?.memory);
  expect(result.criteria.convergence).toEqual(converged);
  expect(result.criteria.divergence).toEqual(diverged);
  const reason: StopReason = result.stopReason;
  if (reason.kind === "converged") {
    const met = converged.filter((report) => report.met);
    expect(reason.met).toEqual(met);
    expect(reason.test).toBe(met[0]?.label);
    expect(reason.value).toBe(met[0]?.value);
  }
  if (reason.kind === "diverged" && reason.source === "test") {
    expect(reason.report).toEqual(diverged.find((report) => report.met));
  }
}

describe("the reports of the test a run stops on", () => {
  const solverRuns = [
    { name: "fixed point, converged", solver: fixedPoint({ absTolerance: 0 }), problem: cosineFixedPoint },
    { name: "fixed point, bound", solver: fixedPoint({ maxIterations: 5 }), problem: cosineFixedPoint },
    {
      name: "fixed point, diverged",
      solver: fixedPoint({ divergenceTolerance: 1 }),
      problem: { map: (x: number) => 3 * x, x0: 1 },
    },
    { name: "Newton, converged", solver: newtonMinimize(), problem: rosenbrock },
  ] as const;

  it.each(solverRuns)("are those built afresh from the final memories: $name", ({ solver, problem }) => {
    for (const trace of [false, undefined] as const) {
      for (const hooked of [false, true]) {
        const seen: (readonly CriterionReport[])[] = [];
        const hooks = hooked
          ? { onIteration: (event: { criteria(): readonly CriterionReport[] }) => void seen.push(event.criteria()) }
          : undefined;
        const options = { ...(trace === false ? { trace } : {}), ...(hooks === undefined ? {} : { hooks }) };
        const result = solve(solver as never, problem as never, options) as RunResult<unknown, unknown>;
        const typed = solver as { convergence?: Criterion<unknown>; divergence?: Criterion<unknown> };
        expectFreshReports(result, typed.convergence, typed.divergence);
        // A hook's event at the last iteration saw the same reports the result gives.
        if (hooked) expect(seen.at(-1)).toEqual(result.criteria.convergence);
      }
    }
  });

  it("hold the exact stop: converged at iteration 0, diverged at a given iteration, both tests of anyOf", () => {
    const convergence = anyOf(
      below((x: number) => x, 5, { name: "x" }),
      below((x: number) => x - 1, 5, { name: "x - 1" }),
    );
    const atZero = iterate(0, { update: (x) => x + 1, maxIterations: 10, converged: convergence, trace: false });
    expect(atZero.iterations).toBe(0);
    expect(atZero.stopReason.kind).toBe("converged");
    expectFreshReports(atZero, convergence, undefined);

    const divergence = anyOf(
      nonFinite((x: number) => x, { name: "x" }),
      exceeds((x: number) => x, 6.5),
    );
    const diverged = iterate(0, { update: (x) => x + 1, maxIterations: 10, diverged: divergence, trace: false });
    expect(diverged.iterations).toBe(7);
    expect(diverged.stopReason).toMatchObject({ kind: "diverged", source: "test" });
    expectFreshReports(diverged, undefined, divergence);
  });

  it("are a result's own array: changing one result's list leaves another run's alone", () => {
    const solver = fixedPoint();
    const first = solve(solver, cosineFixedPoint, { trace: false });
    const second = solve(solver, cosineFixedPoint, { trace: false });
    (first.criteria.convergence as CriterionReport[]).length = 0;
    expect(second.criteria.convergence.length).toBeGreaterThan(0);
    expect(first.stopReason.kind === "converged" && first.stopReason.met.length).toBe(1);
  });
});

describe("parts of a run made on first use", () => {
  it("give the update rule one step control per run, whose requests stop the run", () => {
    const controls = new Set<unknown>();
    const result = iterate(0, {
      update: (x, context) => {
        controls.add(context.control);
        controls.add(context.control);
        if (x === 3) context.control.stall("flat");
        return x + 1;
      },
      maxIterations: 10,
      trace: false,
    });
    expect(controls.size).toBe(1);
    expect(result.iterations).toBe(4);
    expect(result.stopReason).toEqual({ kind: "stalled", source: "solver", message: "flat" });
  });

  it("listen to an abort signal given to the run, and stop listening when it ends", () => {
    const controller = new AbortController();
    const added: unknown[] = [];
    const removed: unknown[] = [];
    const signal = controller.signal;
    const add = signal.addEventListener.bind(signal);
    const remove = signal.removeEventListener.bind(signal);
    signal.addEventListener = ((type: string, listener: () => void, options?: { once?: boolean }) => {
      added.push(listener);
      add(type, listener, options);
    }) as typeof signal.addEventListener;
    signal.removeEventListener = ((type: string, listener: () => void) => {
      removed.push(listener);
      remove(type, listener);
    }) as typeof signal.removeEventListener;
    const result = iterate(0, {
      update: (x) => {
        if (x === 2) controller.abort("enough");
        return x + 1;
      },
      maxIterations: 10,
      signal,
      trace: false,
    });
    expect(result.stopReason).toEqual({ kind: "aborted", reason: "enough" });
    expect(result.iterations).toBe(3);
    expect(added).toHaveLength(1);
    expect(removed).toEqual(added);
  });

  it("check every run option's rule: a bad value of each is a typed error naming it, in iterate and solve", () => {
    const bad: Record<string, unknown> = {
      maxIterations: -1,
      maxEpochs: 1.5,
      epochLength: 0,
      timeLimitMs: -1,
      clock: 3,
      seed: -1,
      yieldEveryMs: -2,
    };
    for (const [name, value] of Object.entries(bad)) {
      const options = { update: (x: number) => x, maxIterations: 3, epochLength: 2, [name]: value };
      expect(() => iterate(0, options as never)).toThrow(new RegExp(`^${name} must be`));
      const { update: _update, ...solveOptions } = options;
      expect(() => solve(fixedPoint(), cosineFixedPoint, solveOptions as never)).toThrow(
        new RegExp(`^${name} must be`),
      );
    }
    expect(() => iterate(0, { update: 3, maxIterations: 1 } as never)).toThrow(/^update must be a function/);
  });
});

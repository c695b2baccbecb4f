import { describe, expect, it } from "vitest";
import { solve } from "../../src/index.js";
import type { CriterionReport } from "../../src/index.js";
import { fixedPoint } from "../../solvers/fixed-point/index.js";
import { newtonMinimize } from "../../solvers/newton/index.js";
import { cosineFixedPoint, rosenbrockWithHessian as rosenbrock } from "../fixtures/problems.js";

describe("a result's criteria", () => {
  const runs = [
    { name: "fixed point, 7 iterations", solver: fixedPoint({ maxIterations: 7 }), problem: cosineFixedPoint },
    { name: "fixed point to convergence", solver: fixedPoint(), problem: cosineFixedPoint },
    { name: "Newton to convergence", solver: newtonMinimize(), problem: rosenbrock },
    { name: "Newton, 3 iterations", solver: newtonMinimize({ maxIterations: 3 }), problem: rosenbrock },
  ] as const;

  it.each(runs)("are the reports the tests gave when the run stopped: $name", ({ solver, problem }) => {
    for (const trace of [false, undefined]) {
      let atStop: readonly CriterionReport[] | undefined;
      const options = { ...(trace === false ? { trace } : {}) };
      const hooked = solve(solver as never, problem as never, {
        ...options,
        hooks: {
          onStop: (event: { criteria(): readonly CriterionReport[] }) => {
            atStop = event.criteria();
          },
        },
      }) as ReturnType<typeof solve>;
      expect(hooked.criteria.convergence).toEqual(atStop);
      const quiet = solve(solver as never, problem as never, options) as ReturnType<typeof solve>;
      expect(quiet.criteria.convergence).toEqual(atStop);
      expect(quiet.criteria.divergence).toEqual(hooked.criteria.divergence);
      expect(quiet.criteria.divergence.length).toBeGreaterThan(0);
    }
  });

  it("are one plain object, read once or many times, copied, serialised or read after a checkpoint", () => {
    const result = solve(newtonMinimize({ maxIterations: 4 }), rosenbrock, { trace: false });
    const first = result.criteria;
    expect(result.criteria).toBe(first);
    const { checkpoint, ...plain } = result;
    expect(plain.criteria).toBe(first);
    expect(JSON.parse(JSON.stringify(plain)).criteria).toEqual(JSON.parse(JSON.stringify(first)));
    expect(checkpoint().iteration).toBe(4);
    expect(result.criteria).toBe(first);
    expect(Object.keys(result)).toContain("criteria");
  });
});

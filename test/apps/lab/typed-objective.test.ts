import { describe, expect, it } from "vitest";
import { normInf, solve, type solveIterations } from "../../../src/index.js";
import { bfgs, newtonMinimize } from "../../../solvers/newton/index.js";
import { minimiseRun } from "../../../src/apps/lab/problems/minimise.js";
import { minimiseMethods } from "../../../src/apps/lab/problems/minimise.js";
import {
  parseNumberList,
  typedObjective,
  typedObjectiveError,
} from "../../../src/apps/lab/problems/typed-objective.js";

// The minimisation page's typed objective: the library's expression compiler, its symbolic derivatives,
// and runs that equal the library's own on the same string.
const setup = { expression: "5 (y - x^2)^2 + (1 - x)^2", start: [-1.2, 1], box: [-2, 2, -1, 3] } as const;

describe("typed objective f(x, y)", () => {
  it("has the exact gradient and Hessian (closed forms of 5 (y - x^2)^2 + (1 - x)^2)", () => {
    const objective = typedObjective(setup);
    for (const [a, b] of [
      [-1.2, 1],
      [0.3, -0.7],
      [2, 3],
    ] as const) {
      const x = Float64Array.of(a, b);
      expect(objective.f(x)).toBeCloseTo(5 * (b - a * a) ** 2 + (1 - a) ** 2, 12);
      const [ga, gb] = objective.gradient(x);
      expect(ga).toBeCloseTo(-20 * a * (b - a * a) - 2 * (1 - a), 11);
      expect(gb).toBeCloseTo(10 * (b - a * a), 11);
      const h = objective.hessian(x);
      expect(h[0]?.[0]).toBeCloseTo(60 * a * a - 20 * b + 2, 11);
      expect(h[0]?.[1]).toBeCloseTo(-20 * a, 11);
      expect(h[1]?.[0]).toBeCloseTo(-20 * a, 11);
      expect(h[1]?.[1]).toBeCloseTo(10, 11);
    }
  });

  it("runs GD, momentum, Newton and BFGS; Newton and BFGS end where the library ends on the string", () => {
    for (const method of minimiseMethods) {
      const run = minimiseRun({ objective: "typed", kappa: 10, method, typed: setup });
      const result = run.solve() as ReturnType<typeof solve>;
      const x = (result.state as { x: Float64Array }).x;
      expect(run.errorName).toBe("||grad f||_inf");
      expect(Math.hypot((x[0] as number) - 1, (x[1] as number) - 1)).toBeLessThan(1e-4);
      expect(run.error(result.state as never, [])).toBeLessThan(1e-4);
    }
    const libraryRuns = {
      newton: solve(newtonMinimize(), { f: setup.expression, x0: [-1.2, 1] }, { seed: 1 }),
      bfgs: solve(bfgs(), { f: setup.expression, x0: [-1.2, 1] }, { seed: 1 }),
    };
    for (const method of ["newton", "bfgs"] as const) {
      const page = minimiseRun({ objective: "typed", kappa: 10, method, typed: setup }).solve() as ReturnType<
        typeof solve
      >;
      expect(page.iterations).toBe(libraryRuns[method].iterations);
      expect(Array.from((page.state as { x: Float64Array }).x)).toEqual(Array.from(libraryRuns[method].state.x));
    }
  });

  it("shows as its error the value each method's |grad| test compares (the infinity norm), at every iteration", () => {
    const objective = typedObjective(setup);
    for (const method of minimiseMethods) {
      const run = minimiseRun({ objective: "typed", kappa: 10, method, typed: setup });
      let seen = 0;
      for (const event of run.start() as ReturnType<typeof solveIterations>) {
        const state = event.state as unknown as { x: Float64Array };
        const tested = event.criteria().find((report) => report.label === "|grad|");
        const shown = run.error(event.state as never, event.criteria());
        expect(tested?.value).toBe(shown);
        expect(shown).toBe(normInf(objective.gradient(state.x)));
        if (++seen === 25) break;
      }
      expect(seen).toBeGreaterThan(3);
    }
  });

  it("rejects a bad expression with a message naming the problem, never evaluating it as code", () => {
    expect(typedObjectiveError({ ...setup, expression: "x^2 + (y" })).toMatch(/problem\.f must be/);
    expect(typedObjectiveError({ ...setup, expression: "x^2 + z" })).toMatch(/unknown variable z/);
    expect(typedObjectiveError({ ...setup, expression: "alert(1)" })).toMatch(/unsupported function alert/);
    expect(typedObjectiveError({ ...setup, expression: "log(x)", start: [-1, 0] })).toMatch(/pick a start/);
    expect(typedObjectiveError({ ...setup, expression: "x".repeat(201) })).toMatch(/at most 200/);
    expect(typedObjectiveError(setup)).toBeUndefined();
  });

  it("reads number lists from the URL, falling back on a wrong count or a non-number", () => {
    expect(parseNumberList("1, 2", [0, 0] as const)).toEqual([1, 2]);
    expect(parseNumberList("1,2,3", [0, 0] as const)).toEqual([0, 0]);
    expect(parseNumberList("1,a", [0, 0] as const)).toEqual([0, 0]);
    expect(parseNumberList("", [5, 6] as const)).toEqual([5, 6]);
  });
});

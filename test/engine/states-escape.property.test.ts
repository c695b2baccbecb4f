// Property: a state that anything can keep (a trace record, an `onIteration` hook, the step-through
// generator, the result) is never changed afterwards, for gradient descent, fixed point and Newton
// minimisation on random problems; and the quiet run (states updated in place) ends with the same bits.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { backtracking, fixedStep, solve, solveIterations } from "../../src/index.js";
import type { Solver, SolveOptions } from "../../src/index.js";
import { fixedPoint } from "../../solvers/fixed-point/index.js";
import { gradientDescent } from "../../solvers/gradient-descent/index.js";
import { newtonMinimize } from "../../solvers/newton/index.js";

type AnySolver = Solver<unknown, unknown, unknown, unknown>;

/** A deep copy that keeps typed arrays typed, to compare a kept state with what it was when kept. */
const snapshot = <T>(value: T): T => structuredClone(value);

/**
 * Runs observed three ways, keeping every state it is handed and a snapshot of each, then checks that none
 * changed, and that the quiet run ends with the same bits.
 */
function checkKeptStates(solver: AnySolver, problem: unknown, options: SolveOptions<unknown, unknown>) {
  const kept: { state: unknown; copy: unknown }[] = [];
  const keep = (state: unknown): void => {
    kept.push({ state, copy: snapshot(state) });
  };
  const observed = solve(solver, problem, {
    ...options,
    trace: {
      every: 1,
      maxLength: 100_000,
      record: (state: unknown) => {
        keep(state);
        return state;
      },
    },
    hooks: { onIteration: ({ state }) => keep(state) },
  });
  const generator = solveIterations(solver, problem, { ...options, trace: false });
  let step = generator.next();
  while (!step.done) {
    keep(step.value.state);
    step = generator.next();
  }
  keep(step.value.state);
  keep(observed.state);
  const quiet = solve(solver, problem, { ...options, trace: false });
  for (const { state, copy } of kept) expect(state).toEqual(copy);
  // Each iteration's state is a distinct object (the trace's and the hook's of one iteration are the same one).
  expect(new Set(observed.trace.entries.map((entry) => entry.record)).size).toBe(observed.iterations + 1);
  expect(quiet.state).toEqual(observed.state);
  expect(quiet.stopReason).toEqual(observed.stopReason);
  expect(quiet.criteria).toEqual(observed.criteria);
}

const coefficient = fc.double({ min: 0.5, max: 50, noNaN: true });
const start = fc.double({ min: -3, max: 3, noNaN: true });

describe("kept states are never changed afterwards", () => {
  it("gradient descent on random quadratics, fixed step and backtracking", () => {
    fc.assert(
      fc.property(coefficient, coefficient, start, start, fc.boolean(), (a, b, x, y, fixed) => {
        const problem = {
          f: (v: Float64Array) => 0.5 * (a * (v[0] as number) ** 2 + b * (v[1] as number) ** 2),
          gradient: (v: Float64Array) => [a * (v[0] as number), b * (v[1] as number)],
          x0: [x, y],
        };
        const lineSearch = fixed ? fixedStep(1.9 / Math.max(a, b)) : backtracking();
        checkKeptStates(gradientDescent({ lineSearch }) as AnySolver, problem, { maxIterations: 60 });
      }),
      { numRuns: 25 },
    );
  });

  it("fixed point on random contractions and expansions, with relaxation", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1.5, max: 1.5, noNaN: true }),
        start,
        fc.double({ min: 0.3, max: 1.5, noNaN: true }),
        (slope, x0, omega) => {
          const problem = { map: (x: number) => slope * Math.sin(x) + 0.5, x0 };
          checkKeptStates(fixedPoint({ relaxation: omega }) as AnySolver, problem, { maxIterations: 80 });
        },
      ),
      { numRuns: 25 },
    );
  });

  it("Newton minimisation on random convex quartics", () => {
    fc.assert(
      fc.property(coefficient, coefficient, start, start, (a, b, x, y) => {
        const problem = {
          f: (v: Float64Array) =>
            a * (v[0] as number) ** 4 + b * (v[1] as number) ** 2 + (v[0] as number) * (v[1] as number),
          gradient: (v: Float64Array) => [
            4 * a * (v[0] as number) ** 3 + (v[1] as number),
            2 * b * (v[1] as number) + (v[0] as number),
          ],
          hessian: (v: Float64Array) => [
            [12 * a * (v[0] as number) ** 2, 1],
            [1, 2 * b],
          ],
          x0: [x, y],
        };
        checkKeptStates(newtonMinimize() as AnySolver, problem, { maxIterations: 40 });
      }),
      { numRuns: 25 },
    );
  });
});

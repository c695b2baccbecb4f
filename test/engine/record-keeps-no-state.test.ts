// `Solver.recordKeepsNoState`: a trace built with a solver's own record that keeps no part of a state does
// not make states escape (`IterationContext.statesEscape`); a caller's `trace.record`, hooks, the caller's own
// tests and the step-through generator still do, and a solver without the flag sees what it saw before.
import { describe, expect, it } from "vitest";
import { below, solve, solveIterations } from "../../src/index.js";
import type { Solver, SolveOptions } from "../../src/index.js";

interface Count {
  readonly value: number;
}

/** Counts to 3, recording what `statesEscape` said at each update; the record is a number, not the state. */
function counter(recordKeepsNoState: boolean | undefined): { solver: Solver<null, Count, number>; seen: boolean[] } {
  const seen: boolean[] = [];
  const solver: Solver<null, Count, number> = {
    name: "counter",
    init: () => ({ value: 0 }),
    step: (_problem, state, context) => {
      seen.push(context.statesEscape);
      return { value: state.value + 1 };
    },
    record: (state) => state.value,
    convergence: undefined,
    maxIterations: 3,
    ...(recordKeepsNoState === undefined ? {} : { recordKeepsNoState }),
  };
  return { solver, seen };
}

/** What `statesEscape` said at every update of one run of the counter with `options`. */
function escapes(recordKeepsNoState: boolean | undefined, options: SolveOptions<Count, number>): boolean[] {
  const { solver, seen } = counter(recordKeepsNoState);
  const result = solve(solver, null, options);
  expect(result.state.value).toBe(3);
  return seen;
}

describe("Solver.recordKeepsNoState", () => {
  it("lets a default trace keep states in: no escape, with the same trace", () => {
    expect(escapes(true, {})).toEqual([false, false, false]);
    const { solver } = counter(true);
    const entries = solve(solver, null).trace?.entries.map((entry) => [entry.iteration, entry.record]);
    expect(entries).toEqual([
      [0, 0],
      [1, 1],
      [2, 2],
      [3, 3],
    ]);
  });

  it("changes nothing for a solver without it, or with it false: the default trace makes states escape", () => {
    expect(escapes(undefined, {})).toEqual([true, true, true]);
    expect(escapes(false, {})).toEqual([true, true, true]);
    expect(escapes(undefined, { trace: false })).toEqual([false, false, false]);
  });

  it("does not apply to a caller's trace.record, hooks, the caller's tests or the step-through generator", () => {
    expect(escapes(true, { trace: { record: (state) => state.value } })).toEqual([true, true, true]);
    expect(escapes(true, { trace: { every: 2 } })).toEqual([false, false, false]);
    expect(escapes(true, { hooks: { onIteration: () => undefined } })).toEqual([true, true, true]);
    expect(escapes(true, { converged: below((state: Count) => 3 - state.value, 0) })).toEqual([true, true, true]);
    const { solver, seen } = counter(true);
    expect([...solveIterations(solver, null)].map((event) => event.state.value)).toEqual([0, 1, 2, 3]);
    expect(seen).toEqual([true, true, true]);
  });
});

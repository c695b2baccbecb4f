import { describe, expect, it } from "vitest";
import { solve } from "../../src/index.js";
import type { IterationContext, RunResult, Solver } from "../../src/index.js";
import type { ConformanceCase } from "./case.js";
import { conformanceCases } from "./cases/index.js";
import { neuralCase } from "./cases/neural.js";

/**
 * The contract of `Solver.recordKeepsNoState`, for every solver of the conformance table that declares it: a
 * trace built with the solver's own record keeps no part of a state, so the default trace lets `step` reuse
 * the state's arrays (`context.statesEscape` false), and what the trace holds must still be what the record
 * said at each iteration. Checked three ways: against a run whose caller's record clones each record as it is
 * made (those runs make new states, so nothing is overwritten), by identity (no object of any state the run
 * made is reachable from a record), and against a run without a trace (the same final bits).
 */
const flagged = conformanceCases.filter(({ solver }) => solver.recordKeepsNoState === true);

type AnySolver = Solver<unknown, unknown, unknown, unknown>;

/** What a traced run and an untraced one must share, bit for bit. */
function outcome({ iterations, stopReason, state, criteria }: RunResult<unknown, unknown>) {
  return { iterations, stopReason, state, criteria };
}

/** The trace's entries without their timestamps. */
function records(result: RunResult<unknown, unknown>) {
  return result.trace.entries.map(({ iteration, epoch, record }) => ({ iteration, epoch, record }));
}

/** Every object (arrays and typed arrays included) reachable from `value`, added to `into`. */
function objectsOf(value: unknown, into: Set<object>): Set<object> {
  if (value === null || typeof value !== "object" || into.has(value)) return into;
  into.add(value);
  if (ArrayBuffer.isView(value)) return into;
  for (const inner of Object.values(value)) objectsOf(inner, into);
  return into;
}

/** The solver with every state its `init` and `step` hand to the engine collected, and what each step saw. */
function collecting(solver: AnySolver) {
  const states: unknown[] = [];
  const escapes: boolean[] = [];
  const keep = <S>(state: S): S => {
    states.push(state);
    return state;
  };
  const wrapped: AnySolver = {
    ...solver,
    init: (prepared, context) => keep(solver.init(prepared, context)),
    step: (prepared, state, context: IterationContext) => {
      escapes.push(context.statesEscape);
      return keep(solver.step(prepared, state, context) as unknown);
    },
  };
  return { wrapped, states, escapes };
}

describe.each(flagged)("records that keep no state: $name", ({ solver, problem }) => {
  it("traces by default what its record said at each iteration (a caller's cloning record as the reference)", () => {
    const traced = solve(solver, problem);
    const clone = (state: unknown) => structuredClone(solver.record(state));
    const reference = solve(solver, problem, { trace: { record: clone } });
    expect(records(traced)).toEqual(records(reference));
    expect(outcome(traced)).toEqual(outcome(reference));
    expect(traced.trace.entries.length).toBeGreaterThan(1);
  });

  it("ends with the same bits traced by default as without a trace", () => {
    expect(outcome(solve(solver, problem))).toEqual(outcome(solve(solver, problem, { trace: false })));
  });

  it("keeps no object of any state in its records, and lets the steps know no state escapes", () => {
    const { wrapped, states, escapes } = collecting(solver as AnySolver);
    const result = solve(wrapped, problem);
    const stateObjects = new Set<object>();
    for (const state of [...states, result.state]) objectsOf(state, stateObjects);
    const shared = result.trace.entries.filter(({ record }) =>
      [...objectsOf(record, new Set())].some((part) => stateObjects.has(part)),
    );
    expect(shared.map(({ iteration }) => iteration)).toEqual([]);
    expect(new Set(escapes)).toEqual(new Set([false]));
  });
});

describe("records that keep no state", () => {
  it("covers the in-place solvers and every root finder and minimiser of the Newton family", () => {
    const names = flagged.map(({ name }) => name);
    for (const family of ["fixed point", "gradient descent", "Newton minimization", "BFGS", "L-BFGS", "Nelder-Mead"])
      expect(names.some((name) => name.startsWith(family))).toBe(true);
    const newtonFamily = conformanceCases.filter(({ name }) =>
      /^(bisection|Brent|ITP|Newton|secant|Halley|trust-region|Nelder|BFGS|L-BFGS)/.test(name),
    );
    expect(newtonFamily.filter((testCase: ConformanceCase) => !flagged.includes(testCase))).toEqual([]);
  });

  it("has no async-only (neural) solver that declares it, which the table above could not run", () => {
    expect(neuralCase.solver.recordKeepsNoState).not.toBe(true);
  });
});

/** The cases whose solvers have an in-place step for runs whose states do not escape. */
const inPlace = conformanceCases.filter(({ name }) =>
  /^(fixed point|relaxed fixed point|gradient descent|Newton minimization)/.test(name),
);

describe.each(inPlace)("in place under the default trace: $name", ({ solver, problem }) => {
  it("steps the run's own state, which its init made, from the first iteration to the result", () => {
    const given: unknown[] = [];
    const returned: unknown[] = [];
    const { wrapped, states } = collecting({
      ...(solver as AnySolver),
      step: (prepared, state, context) => {
        given.push(state);
        const next = solver.step(prepared, state, context);
        returned.push(next);
        return next;
      },
    });
    const result = solve(wrapped, problem);
    const initial = states[0];
    expect(result.iterations).toBeGreaterThan(1);
    // One object throughout (by identity): every step was given it and returned it.
    expect([...new Set([...given, ...returned])]).toHaveLength(1);
    expect(given[0]).toBe(initial);
    expect(result.state).toBe(initial);
  });
});

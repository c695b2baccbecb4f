// When nothing can keep a state (no trace or only the solver's own record, no hooks, step-through consumer or
// caller's tests), gradient descent, fixed point and Newton minimisation update their state in place
// (`context.statesEscape` is false). These tests run every stop reason each solver can end with both ways,
// quiet (no trace, and the solver's own trace) and fully observed (trace at every iteration, an `onIteration`
// hook, and the step-through generator), and require the same bits: iterations, stop reason, final state,
// criteria, records. Which way each run took is read from the context the solver saw.
import { describe, expect, it } from "vitest";
import { backtracking, fixedStep, prepareProblem, solve, solveIterations } from "../../src/index.js";
import type { RunResult, Solver, SolveOptions } from "../../src/index.js";
import { fixedPoint } from "../../solvers/fixed-point/index.js";
import { gradientDescent } from "../../solvers/gradient-descent/index.js";
import { newtonMinimize } from "../../solvers/newton/index.js";
import { rosenbrockHessian, rosenbrockWithHessian } from "../fixtures/problems.js";
import { manualClock } from "./support.js";

type AnySolver = Solver<unknown, unknown, unknown, unknown>;

/** The solver, its step wrapped to record what `context.statesEscape` said at each update. */
function watched(solver: AnySolver): { solver: AnySolver; seen: boolean[] } {
  const seen: boolean[] = [];
  return {
    seen,
    solver: {
      ...solver,
      step: (prepared, state, context) => {
        seen.push(context.statesEscape);
        return solver.step(prepared, state, context);
      },
    },
  };
}

/** A case: a solver, and a problem made fresh for each run (a manual clock, an abort controller). */
interface Case {
  readonly solver: () => AnySolver;
  readonly problem: () => { problem: unknown; options: SolveOptions<unknown, unknown> };
}

/** Calls `body` on every call of `fn`, with the call count, before `fn`. */
function counted<A extends unknown[], T>(fn: (...args: A) => T, body: (calls: number) => void): (...args: A) => T {
  let calls = 0;
  return (...args: A) => {
    body(++calls);
    return fn(...args);
  };
}

const quadratic = {
  f: (x: Float64Array) => 0.5 * ((x[0] as number) ** 2 + 10 * (x[1] as number) ** 2),
  gradient: (x: Float64Array) => [x[0] as number, 10 * (x[1] as number)],
  x0: [1, 1],
};
const freudensteinRoth = "(-13 + x + ((5 - y) * y - 2) * y)^2 + (-29 + x + ((y + 1) * y - 14) * y)^2";

/** The problem with a manual clock that advances 1 ms per call of `key`, and a time limit. */
function timed<P extends object>(problem: P, key: keyof P, timeLimitMs: number) {
  const time = manualClock();
  const fn = problem[key] as (...args: unknown[]) => unknown;
  return {
    problem: { ...problem, [key]: counted(fn, () => time.advance(1)) },
    options: { clock: time.clock, timeLimitMs },
  };
}

/** The problem with an abort signal that fires at the `at`-th call of `key`. */
function aborted<P extends object>(problem: P, key: keyof P, at: number) {
  const controller = new AbortController();
  const fn = problem[key] as (...args: unknown[]) => unknown;
  const abortAt = (calls: number) => calls === at && controller.abort("enough");
  return { problem: { ...problem, [key]: counted(fn, abortAt) }, options: { signal: controller.signal } };
}

const plain = (problem: unknown) => () => ({ problem, options: {} });
const cases: [string, string, Case][] = [
  [
    "gradient descent",
    "converged",
    { solver: () => gradientDescent({ lineSearch: fixedStep(2 / 11) }), problem: plain(quadratic) },
  ],
  [
    "gradient descent",
    "maxIterations",
    { solver: () => gradientDescent({ maxIterations: 7 }), problem: plain(quadratic) },
  ],
  [
    "gradient descent",
    "diverged",
    { solver: () => gradientDescent({ lineSearch: fixedStep(0.5) }), problem: plain(quadratic) },
  ],
  ["gradient descent", "stalled", { solver: () => gradientDescent({ absTolerance: 0 }), problem: plain(quadratic) }],
  [
    "gradient descent",
    "stopRequested",
    {
      solver: () => gradientDescent({ lineSearch: backtracking({ initialStep: 1e6, maxSteps: 1 }) }),
      problem: plain(quadratic),
    },
  ],
  [
    "gradient descent",
    "timeLimit",
    { solver: () => gradientDescent(), problem: () => timed(quadratic, "gradient", 9) },
  ],
  [
    "gradient descent",
    "aborted",
    { solver: () => gradientDescent(), problem: () => aborted(quadratic, "gradient", 6) },
  ],
  ["fixed point", "converged", { solver: () => fixedPoint(), problem: plain({ map: Math.cos, x0: 1 }) }],
  [
    "fixed point",
    "maxIterations",
    { solver: () => fixedPoint({ maxIterations: 5 }), problem: plain({ map: Math.cos, x0: 1 }) },
  ],
  ["fixed point", "diverged", { solver: () => fixedPoint(), problem: plain({ map: (x: number) => 3 * x - 1, x0: 1 }) }],
  [
    "fixed point",
    "timeLimit",
    { solver: () => fixedPoint(), problem: () => timed({ map: Math.cos, x0: 1 }, "map", 12) },
  ],
  [
    "fixed point",
    "aborted",
    { solver: () => fixedPoint(), problem: () => aborted({ map: Math.cos, x0: 1 }, "map", 8) },
  ],
  ["Newton minimisation", "converged", { solver: () => newtonMinimize(), problem: plain(rosenbrockWithHessian) }],
  [
    "Newton minimisation",
    "maxIterations",
    { solver: () => newtonMinimize({ maxIterations: 5 }), problem: plain(rosenbrockWithHessian) },
  ],
  [
    "Newton minimisation",
    "diverged",
    {
      solver: () => newtonMinimize(),
      problem: plain({
        ...rosenbrockWithHessian,
        hessian: (x: Float64Array) =>
          (x[0] as number) > 0
            ? [
                [NaN, 0],
                [0, 1],
              ]
            : rosenbrockHessian(x),
      }),
    },
  ],
  [
    "Newton minimisation",
    "stalled",
    { solver: () => newtonMinimize(), problem: plain({ f: freudensteinRoth, x0: [0.5, -2] }) },
  ],
  [
    "Newton minimisation",
    "stopRequested",
    {
      solver: () => newtonMinimize({ lineSearch: backtracking({ initialStep: 1e6, maxSteps: 1 }) }),
      problem: plain(rosenbrockWithHessian),
    },
  ],
  [
    "Newton minimisation",
    "timeLimit",
    { solver: () => newtonMinimize(), problem: () => timed(rosenbrockWithHessian, "hessian", 7) },
  ],
  [
    "Newton minimisation",
    "aborted",
    { solver: () => newtonMinimize(), problem: () => aborted(rosenbrockWithHessian, "hessian", 4) },
  ],
];

/** Runs the case quiet, observed (trace and hook), and through the generator; each with what its steps saw. */
function runEveryWay({ solver, problem }: Case) {
  const run = (extra: SolveOptions<unknown, unknown>) => {
    const { solver: probe, seen } = watched(solver());
    const { problem: input, options } = problem();
    return { result: solve(probe, input, { ...options, ...extra }), seen };
  };
  const quiet = run({ trace: false });
  const observed = run({ trace: { every: 1, maxLength: 100_000 }, hooks: { onIteration: () => undefined } });
  // The solver's own record copies what it keeps (`recordKeepsNoState`): a trace alone lets the steps reuse.
  const traced = run({ trace: { every: 1, maxLength: 100_000 } });
  const { solver: probe, seen } = watched(solver());
  const { problem: input, options } = problem();
  const generator = solveIterations(probe, input, { ...options, trace: false });
  let step = generator.next();
  while (!step.done) step = generator.next();
  return { quiet, observed, traced, stepped: { result: step.value, seen } };
}

/** What a quiet run and an observed one must share, bit for bit. */
function outcome(result: RunResult<unknown, unknown>) {
  const { iterations, stopReason, state, criteria } = result;
  return { iterations, stopReason, state, criteria };
}

describe("quiet runs that update their state in place", () => {
  // The mathjs case compiles its expression for each of the three runs: slow on a loaded machine.
  it.each(cases)(
    "%s stopping with %s: the same bits as the observed run",
    { timeout: 60_000 },
    (_solver, kind, testCase) => {
      const { quiet, observed, traced, stepped } = runEveryWay(testCase);
      expect(quiet.result.stopReason.kind).toBe(kind);
      expect(outcome(quiet.result)).toEqual(outcome(observed.result));
      expect(outcome(quiet.result)).toEqual(outcome(stepped.result));
      expect(outcome(quiet.result)).toEqual(outcome(traced.result));
      // The quiet and traced runs were told that no state escapes; the others, that every state does.
      expect(new Set(quiet.seen)).toEqual(new Set(quiet.seen.length > 0 ? [false] : []));
      expect(new Set(traced.seen)).toEqual(new Set(traced.seen.length > 0 ? [false] : []));
      // Records made while the steps overwrote the state are those made from new states.
      const recordsOf = (result: RunResult<unknown, unknown>) => result.trace.entries.map((entry) => entry.record);
      expect(recordsOf(traced.result)).toEqual(recordsOf(observed.result));
      expect(observed.seen.every((escapes) => escapes)).toBe(true);
      expect(stepped.seen.every((escapes) => escapes)).toBe(true);
      // The trace holds a state per iteration, none overwritten: its last record is the final state.
      const entries = observed.result.trace.entries;
      expect(entries).toHaveLength(quiet.result.iterations + 1);
      expect((entries[entries.length - 1]?.record as { x: unknown } | undefined)?.x).toEqual(
        (quiet.result.state as { x: unknown }).x,
      );
    },
  );
});

describe("context.statesEscape", () => {
  const escapes = (options: SolveOptions<unknown, unknown>) => {
    const { solver, seen } = watched(fixedPoint({ maxIterations: 3 }) as AnySolver);
    solve(solver, { map: Math.cos, x0: 1 }, options);
    return [...new Set(seen)];
  };

  it("is false only when nothing but the solver and its own tests sees a state", () => {
    expect(escapes({ trace: false })).toEqual([false]);
    expect(escapes({ trace: false, timeLimitMs: 1e9, seed: 3 })).toEqual([false]);
    expect(escapes({})).toEqual([false]); // the default trace: fixed point's records are new objects
    expect(escapes({ trace: { record: (state) => state } })).toEqual([true]);
    expect(escapes({ trace: false, hooks: { onStop: () => undefined } })).toEqual([true]);
    expect(escapes({ trace: false, converged: fixedPoint().convergence as never })).toEqual([true]);
    expect(escapes({ trace: false, diverged: fixedPoint().divergence as never })).toEqual([true]);
  });

  it("says states are visible only when user code sees them between updates (hooks, caller's tests, a consumer)", () => {
    const visible = (options: SolveOptions<unknown, unknown>) => {
      const seen: boolean[] = [];
      const solver = fixedPoint({ maxIterations: 3 }) as AnySolver;
      const probe: AnySolver = {
        ...solver,
        step: (prepared, state, context) => {
          seen.push(context.statesVisible);
          return solver.step(prepared, state, context);
        },
      };
      solve(probe, { map: Math.cos, x0: 1 }, options);
      return [...new Set(seen)];
    };
    expect(visible({ trace: false })).toEqual([false]);
    expect(visible({})).toEqual([false]); // a trace keeps states but runs no user code
    expect(visible({ trace: false, hooks: { onIteration: () => undefined } })).toEqual([true]);
    expect(visible({ trace: false, converged: fixedPoint().convergence as never })).toEqual([true]);
  });

  it("leaves a quiet run's final state its own: later runs on the same prepared problem do not touch it", () => {
    const solver = gradientDescent();
    using prepared = prepareProblem(solver, quadratic);
    const kept = solve(solver, prepared, { trace: false, maxIterations: 3 });
    const copy = { x: kept.state.x.slice(), gradient: kept.state.gradient.slice(), f: kept.state.f };
    const later = solve(solver, prepared, { trace: false, maxIterations: 10 });
    expect({ x: kept.state.x, gradient: kept.state.gradient, f: kept.state.f }).toEqual(copy);
    expect(later.state.x).not.toBe(kept.state.x);
    // And it is the state a run whose states escape (every state a new object) reaches in as many iterations.
    const escaping = solve(solver, prepared, { maxIterations: 3, trace: { record: (state) => state.f } });
    expect(kept.state).toEqual(escaping.state);
  });
});

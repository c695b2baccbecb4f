// The solver hook `settle`: where no one sees the states (`context.willSettle`), a solver may keep its iterate
// beside the state (as CG's kernel does) and bring the last state up to date once. These tests run a solver
// that does exactly that and check every way a state leaves a run: the result, its checkpoint (and a resume
// from it), each stop reason, the async driver, and the runs that must not defer (trace, hooks, the caller's
// tests, step-through, a wrapper without `settle`), where the iterate must be current at every iteration.
import { describe, expect, it } from "vitest";
import {
  below,
  InvalidOptionError,
  prepareProblem,
  solve,
  solveAsync,
  solveIterations,
  solveIterationsAsync,
  StepError,
} from "../../src/index.js";
import type { Solver, SolveOptions } from "../../src/index.js";
import { manualClock } from "./support.js";

/** x <- x / 2 + c, entry by entry: x_k = 2 c (1 - 2^-k) from 0, exact in binary for small k. */
interface LagState {
  readonly x: Float64Array;
  /** |x_k - x_{k-1}| at entry 0, kept current by every step (what the solver's own test reads). */
  readonly change: number;
}

/** The prepared problem: the iterate kept beside the state, and what the engine asked of the solver. */
interface LagPrepared {
  readonly c: Float64Array;
  resident: Float64Array;
  /** The state array whose entries `resident` holds (possibly newer than the array). */
  owner: Float64Array | undefined;
  readonly willSettle: boolean[];
  readonly settled: LagState[];
  disposed: number;
}

interface LagOptions {
  readonly maxIterations?: number;
  readonly tolerance?: number;
  readonly divergeAt?: number;
  readonly stopAt?: number;
  readonly failAt?: number;
  readonly settleThrows?: boolean;
}

/** A solver that leaves the state's array behind its own copy while `context.willSettle` is true. */
function lagging(options: LagOptions = {}): Solver<{ c: number[] }, LagState, LagState, LagPrepared> {
  return {
    name: "lagging",
    prepare: ({ c }) => ({
      c: Float64Array.from(c),
      resident: new Float64Array(c.length),
      owner: undefined,
      willSettle: [],
      settled: [],
      disposed: 0,
    }),
    init: ({ c }) => ({ x: new Float64Array(c.length), change: Number.POSITIVE_INFINITY }),
    step(prepared, state, context) {
      prepared.willSettle.push(context.willSettle === true);
      const k = context.iteration;
      if (k === options.failAt) throw new Error("step failed");
      if (prepared.owner !== state.x) {
        prepared.resident = state.x.slice();
        prepared.owner = state.x;
      }
      const { resident, c } = prepared;
      const before = resident[0] as number;
      for (let i = 0; i < resident.length; i++) resident[i] = (resident[i] as number) / 2 + (c[i] as number);
      if (!context.willSettle) state.x.set(resident);
      if (k + 1 === options.divergeAt) context.control.diverge("told to");
      if (k + 1 === options.stopAt) context.control.stop("told to");
      return { x: state.x, change: Math.abs((resident[0] as number) - before) };
    },
    settle(prepared, state) {
      if (options.settleThrows) throw new Error("settle failed");
      if (prepared.owner === state.x) state.x.set(prepared.resident);
      prepared.settled.push(state);
      return { ...state };
    },
    dispose: (prepared) => void prepared.disposed++,
    record: (state) => ({ x: state.x.slice(), change: state.change }),
    convergence: below((state: LagState) => state.change, options.tolerance ?? 0, { name: "change" }),
    divergence: undefined,
    maxIterations: options.maxIterations ?? 10,
  };
}

const problem = { c: [1, 3] };
/** x_k from 0. */
const exact = (k: number) => problem.c.map((c) => 2 * c * (1 - 2 ** -k));
const quiet = { trace: false } as const;

describe("settle", () => {
  it("is called once, on the last state, which the result and its checkpoint hold settled", () => {
    const solver = lagging();
    using handle = prepareProblem(solver, problem);
    const result = solve(solver, handle, quiet);
    const { willSettle, settled } = handle.prepared;
    expect(willSettle).toEqual(new Array(10).fill(true));
    expect(settled).toHaveLength(1);
    expect([...result.state.x]).toEqual(exact(10));
    expect(result.state).not.toBe(settled[0]); // what settle returned is the result's state
    expect([...result.checkpoint().state.x]).toEqual(exact(10));
  });

  it("settles on every stop reason", async () => {
    const cases: [LagOptions, SolveOptions<LagState, LagState>, string, number][] = [
      [{ maxIterations: 6 }, {}, "maxIterations", 6],
      [{ tolerance: 2 ** -4 }, {}, "converged", 5],
      [{ divergeAt: 3 }, {}, "diverged", 3],
      [{ stopAt: 4 }, {}, "stopRequested", 4],
    ];
    for (const [options, run, kind, iterations] of cases) {
      const solver = lagging(options);
      using handle = prepareProblem(solver, problem);
      const result = solve(solver, handle, { ...quiet, ...run });
      expect([result.stopReason.kind, result.iterations]).toEqual([kind, iterations]);
      expect([...result.state.x]).toEqual(exact(iterations));
      expect(handle.prepared.settled).toHaveLength(1);
    }
    // The time limit, on a clock that moves 1 ms per read.
    const time = manualClock();
    const clock = () => {
      time.advance(1);
      return time.clock();
    };
    const limited = solve(lagging({ maxIterations: 1e6 }), problem, { ...quiet, clock, timeLimitMs: 5 });
    expect(limited.stopReason.kind).toBe("timeLimit");
    expect([...limited.state.x]).toEqual(exact(limited.iterations));
    // Aborted between the async driver's slices, and a run of the async driver to its end.
    const controller = new AbortController();
    const solver = lagging({ maxIterations: 1e6 });
    using handle = prepareProblem(solver, problem);
    const pending = solveAsync(solver, handle, { ...quiet, signal: controller.signal, yieldEveryMs: 0 });
    // Abort once the run has taken 3 steps (it yields after each; a timer instead raced the run's end).
    const abortAfterThreeSteps = (): void => {
      if (handle.prepared.willSettle.length >= 3) controller.abort();
      else setImmediate(abortAfterThreeSteps);
    };
    setImmediate(abortAfterThreeSteps);
    const aborted = await pending;
    expect(aborted.stopReason.kind).toBe("aborted");
    expect(aborted.iterations).toBeGreaterThanOrEqual(3);
    expect(aborted.iterations).toBeLessThan(10);
    expect([...aborted.state.x]).toEqual(exact(aborted.iterations));
    expect(handle.prepared.willSettle.every(Boolean)).toBe(true);
    expect(handle.prepared.settled).toHaveLength(1);
    const toEnd = await solveAsync(lagging(), problem, { ...quiet, yieldEveryMs: 0 });
    expect([...toEnd.state.x]).toEqual(exact(10));
  });

  it("gives a resumed run the settled iterate: it continues as the straight run", () => {
    const first = solve(lagging({ maxIterations: 3 }), problem, quiet);
    const resumed = solve(lagging({ maxIterations: 7 }), problem, { ...quiet, resumeFrom: first.checkpoint() });
    expect([...resumed.state.x]).toEqual(exact(7));
    const straight = solve(lagging({ maxIterations: 7 }), problem, quiet);
    expect(resumed.state.x).toEqual(straight.state.x);
  });

  it("is not asked for where anything sees states, and every state seen is current", async () => {
    const seen: number[][] = [];
    const push = (x: Float64Array) => void seen.push([...x]);
    const seenChange = (state: LagState) => {
      push(state.x);
      return state.change;
    };
    const every = [0, 1, 2, 3, 4].map(exact);
    const runs: [SolveOptions<LagState, LagState>, number[][]][] = [
      [{}, []],
      [{ trace: { every: 4 } }, []],
      [{ ...quiet, hooks: { onStop: ({ state }) => push(state.x) } }, [exact(4)]],
      [{ ...quiet, hooks: { onIteration: ({ state }) => push(state.x) } }, every],
      [{ ...quiet, converged: below(seenChange, 0) }, every],
    ];
    for (const [options, expected] of runs) {
      const solver = lagging({ maxIterations: 4 });
      using handle = prepareProblem(solver, problem);
      seen.length = 0;
      const result = solve(solver, handle, options);
      expect(handle.prepared.willSettle).toEqual([false, false, false, false]);
      expect(handle.prepared.settled).toHaveLength(0);
      expect([...result.state.x]).toEqual(exact(4));
      expect(seen).toEqual(expected);
      const records = result.trace.entries.map((entry) => [...entry.record.x]);
      if (options.trace !== false) expect(records.at(-1)).toEqual(exact(4));
    }
    // Step-through: each state handed out is current.
    const solver = lagging({ maxIterations: 4 });
    using handle = prepareProblem(solver, problem);
    let k = 0;
    for (const event of solveIterations(solver, handle, quiet)) expect([...event.state.x]).toEqual(exact(k++));
    expect(handle.prepared.willSettle).toEqual([false, false, false, false]);
    k = 0;
    for await (const event of solveIterationsAsync(solver, handle, quiet))
      expect([...event.state.x]).toEqual(exact(k++));
    expect(handle.prepared.willSettle).toHaveLength(8);
    expect(handle.prepared.willSettle.some(Boolean)).toBe(false);
    expect(handle.prepared.settled).toHaveLength(0);
  });

  it("is asked for under the solver's own trace where its record keeps no state, not under a caller's record", () => {
    const base = lagging({ maxIterations: 4 });
    const solver = { ...base, record: (state: LagState) => state.change, recordKeepsNoState: true };
    using handle = prepareProblem(solver, problem);
    const traced = solve(solver, handle);
    expect(handle.prepared.willSettle).toEqual([true, true, true, true]);
    expect(traced.trace.entries.map((entry) => entry.record)).toEqual([Infinity, 1, 0.5, 0.25, 0.125]);
    expect([...traced.state.x]).toEqual(exact(4));
    handle.prepared.willSettle.length = 0;
    const theirs = solve(solver, handle, { trace: { record: (state: LagState) => state.x[0] as number } });
    expect(handle.prepared.willSettle).toEqual([false, false, false, false]);
    expect(theirs.trace.entries.map((entry) => entry.record)).toEqual([0, 1, 2, 3, 4].map((k) => exact(k)[0]));
  });

  it("is not asked for when the solver run has none (a wrapper forwarding step only): the states are current", () => {
    const inner = lagging({ maxIterations: 5 });
    const { settle: _settle, ...wrapper } = inner;
    using handle = prepareProblem(wrapper, problem);
    const result = solve(wrapper, handle, quiet);
    expect(handle.prepared.willSettle.some(Boolean)).toBe(false);
    expect([...result.state.x]).toEqual(exact(5));
  });

  it("is not called after an error; an error of its own is a StepError of phase settle, and the problem is disposed", () => {
    const solver = lagging({ failAt: 2 });
    using handle = prepareProblem(solver, problem);
    expect(() => solve(solver, handle, quiet)).toThrow(StepError);
    expect(handle.prepared.settled).toHaveLength(0);
    let prepared: LagPrepared | undefined;
    const throwing = lagging({ settleThrows: true });
    const watched = { ...throwing, prepare: (p: { c: number[] }) => (prepared = throwing.prepare?.(p, {} as never)) };
    let error: unknown;
    try {
      solve(watched as typeof throwing, problem, quiet);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(StepError);
    expect((error as StepError).phase).toBe("settle");
    expect((error as StepError).message).toMatch(/^settle failed at iteration 10: /);
    expect((error as StepError).iteration).toBe(10);
    expect(prepared?.disposed).toBe(1);
  });

  it("must be a function", () => {
    const solver = { ...lagging(), settle: 3 } as unknown as Solver<unknown, unknown>;
    expect(() => solve(solver, problem)).toThrow(InvalidOptionError);
  });
});

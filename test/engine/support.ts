// Shared fixtures for the engine tests: a manual clock, a seeded random walk, trace and generator helpers, a
// criterion checked state by state.
import type { Clock, Criterion, CriterionReport, IterationContext, RunResult, Trace } from "../../src/index.js";

/** A clock that stands still until a test advances it. */
export interface ManualClock {
  readonly clock: Clock;
  advance(ms: number): void;
}

/** A manual clock starting at `start` milliseconds. */
export function manualClock(start = 0): ManualClock {
  let now = start;
  return {
    clock: () => now,
    advance(ms) {
      now += ms;
    },
  };
}

/** The state of a seeded random walk that pulls towards 0. */
export interface Walker {
  readonly x: number;
  readonly draws: number;
}

/** One step of the random walk: every run with the same seed takes the same path. */
export function walk(state: Walker, context: IterationContext): Walker {
  const noise = context.random.normal(0, 0.1) + (context.random.int(3) - 1) * 0.01;
  return { x: 0.5 * state.x + noise, draws: state.draws + 2 };
}

/** The trace entries without their timestamps, which depend on the clock. */
export function records<R>(trace: Trace<R>): { iteration: number; epoch: number; record: R }[] {
  return trace.entries.map(({ iteration, epoch, record }) => ({ iteration, epoch, record }));
}

/** What two results must share for two runs to count as the same run. */
export function outcome<S, R>(result: RunResult<S, R>) {
  return {
    state: result.state,
    iterations: result.iterations,
    epochs: result.epochs,
    stopReason: result.stopReason,
    converged: result.converged,
    criteria: result.criteria,
    trace: records(result.trace),
    stride: result.trace.stride,
    thinned: result.trace.thinned,
  };
}

/** Runs a generator to its end: the yielded values and the return value. */
export function drain<T, R>(generator: Generator<T, R, undefined>): { events: T[]; result: R } {
  const events: T[] = [];
  for (;;) {
    const step = generator.next();
    if (step.done === true) return { events, result: step.value };
    events.push(step.value);
  }
}

/** Runs an async generator to its end: the yielded values and the return value. */
export async function drainAsync<T, R>(
  generator: AsyncGenerator<T, R, undefined>,
): Promise<{ events: T[]; result: R }> {
  const events: T[] = [];
  for (;;) {
    const step = await generator.next();
    if (step.done === true) return { events, result: step.value };
    events.push(step.value);
  }
}

/** Calls `run` and returns what it threw (fails the test when it throws nothing). */
export function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to throw");
}

/** Awaits `promise` and returns its rejection (fails the test when it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the promise to reject");
}

/** The simplest update: adds one to a number. */
export const increment = (x: number): number => x + 1;

/** Checks `test` on each state in turn, as a run would: what it answered each time, and its final report. */
export function checkEach<S>(
  test: Criterion<S>,
  states: readonly S[],
): { held: boolean[]; report: readonly CriterionReport[] } {
  const memory = test.init();
  const held = states.map((state, iteration) => test.check(state, { iteration } as IterationContext, memory));
  return { held, report: test.report(memory) };
}

/** A measure that is the state itself (a number, or undefined for no measurement). */
export const identity = (x: number | undefined): number | undefined => x;

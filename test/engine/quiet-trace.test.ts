// A traced run without hooks or epochs (the default trace of every solve) must give what the same run gives
// when a no-op `onIteration` hook makes it take every phase: the same stop, the same trace entries with the
// same timestamps (a manual clock, fast and slow, so that the sampled clock's stride grows and shrinks), the
// same thinning, under the sync and async drivers. (Measured and not kept: running such runs in the quiet
// loop, which made untraced runs slower in a process that also traced; these tests guard either way.)
import { describe, expect, it } from "vitest";
import { below, exceeds, iterate, iterateAsync, StepError } from "../../src/index.js";
import type { IterationContext, RunOptions, RunResult, TraceOptions } from "../../src/index.js";
import { manualClock, outcome } from "./support.js";

/** A run over numbers counting up by one, `msPerUpdate` of a manual clock per update. */
function counting(
  msPerUpdate: number,
  extra: (x: number, context: IterationContext) => void = () => undefined,
): RunOptions<number> {
  const time = manualClock();
  return {
    update: (x, context) => {
      time.advance(msPerUpdate);
      extra(x, context);
      return x + 1;
    },
    maxIterations: 300,
    clock: time.clock,
  };
}

/** Everything a result says, the trace's timestamps included. */
function everything(result: RunResult<number, unknown>) {
  const { checkpoint: _checkpoint, ...rest } = result;
  return rest;
}

const stops: [string, (ms: number) => RunOptions<number>][] = [
  ["the bound", (ms) => counting(ms)],
  ["a convergence test", (ms) => ({ ...counting(ms), converged: below((x: number) => 250 - x, 60.5) })],
  ["a divergence test", (ms) => ({ ...counting(ms), diverged: exceeds((x: number) => x, 170.5) })],
  ["a time limit", (ms) => ({ ...counting(ms), timeLimitMs: 150 * ms + ms / 3 })],
  ["the update's request", (ms) => counting(ms, (x, context) => x === 77 && context.control.stop("at 77"))],
  [
    "both tests and a time limit",
    (ms) => ({
      ...counting(ms),
      timeLimitMs: 400 * ms,
      diverged: exceeds((x: number) => x, 1000),
      converged: below((x: number) => 250 - x, 60.5),
    }),
  ],
];
const traces: TraceOptions<number, number>[] = [{}, { every: 3 }, { maxLength: 8 }, { every: 2, maxLength: 5 }];
const clocks = [1, 0.001, 0.013];

describe("traced runs without hooks", () => {
  it.each(stops)("stop on %s with the trace of a run that takes every phase", async (_name, make) => {
    for (const trace of traces) {
      for (const ms of clocks) {
        const quiet = iterate(0, { ...make(ms), trace });
        const full = iterate(0, { ...make(ms), trace, hooks: { onIteration: () => undefined } });
        expect(quiet.trace.entries.length).toBeGreaterThan(1);
        const asyncQuiet = await iterateAsync(0, { ...make(ms), trace });
        // A hook's event reads the sampled clock at every iteration; so do a run with a time limit and the async
        // driver (for its slices). Where both runs count every iteration (every iteration traced, or a time
        // limit), every timestamp agrees; elsewhere the records, the stop and (on a clock slow enough to be read
        // at every count) the times do.
        const timed = make(ms).timeLimitMs !== undefined;
        if (timed || (trace.every === undefined && trace.maxLength === undefined)) {
          expect(everything(quiet)).toEqual(everything(full));
          expect(everything(asyncQuiet)).toEqual(everything(quiet));
        } else {
          expect(outcome(quiet)).toEqual(outcome(full));
          expect(outcome(asyncQuiet)).toEqual(outcome(quiet));
          if (ms === 1) {
            expect(quiet.trace.entries.map((entry) => entry.elapsedMs)).toEqual(
              quiet.trace.entries.map((entry) => entry.iteration),
            );
          }
        }
      }
    }
  });

  it("record the iterations the stride names, the last one and the one a test held at", () => {
    const result = iterate(0, { ...counting(1), converged: below((x: number) => 100 - x, 0), trace: { every: 7 } });
    expect(result.iterations).toBe(100);
    expect(result.trace.entries.map((entry) => entry.iteration)).toEqual([
      ...Array.from({ length: 15 }, (_, k) => 7 * k),
      100,
    ]);
    expect(result.trace.entries.map((entry) => entry.elapsedMs)).toEqual([
      ...Array.from({ length: 15 }, (_, k) => 7 * k),
      100,
    ]);
  });

  it("name a record that throws as a run that takes every phase does", () => {
    const failure = (options: RunOptions<number>): unknown => {
      try {
        iterate(0, options);
      } catch (error) {
        return error;
      }
      return undefined;
    };
    const record = (x: number) => {
      if (x === 9) throw new RangeError("no record at 9");
      return x;
    };
    const quiet = failure({ ...counting(1), trace: { record } });
    const full = failure({ ...counting(1), trace: { record }, hooks: { onIteration: () => undefined } });
    expect(quiet).toBeInstanceOf(StepError);
    expect(quiet).toMatchObject({ phase: "trace", iteration: 9 });
    expect(full).toMatchObject({ phase: "trace", iteration: 9 });
  });
});

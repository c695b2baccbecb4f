// A run with nothing to evaluate, trace or hook (a "quiet" run) skips those phases between updates. These
// tests run every stop reason through a quiet run (its stopping tests checked inside the quiet loop) and
// through the same run with a no-op `onIteration` hook,
// which takes every phase at every iteration, and require the same results from both (iterations, stop
// reason, final state, criteria, trace, elapsed time), under the sync, async and step-through drivers; and
// the same run traced at every iteration must stop alike with a trace of every iterate. A run with epochs is
// never quiet; it is run too, so every kind is covered.
import { describe, expect, it } from "vitest";
import { below, exceeds, iterate, iterateAsync, iterations, StepError } from "../../src/index.js";
import type { IterationContext, RunOptions, RunResult } from "../../src/index.js";
import { manualClock, outcome } from "./support.js";

/** A run over numbers counting up by one, one millisecond of a manual clock per update. */
function counting(extra: (x: number, context: IterationContext, abort: () => void) => void = () => undefined) {
  const time = manualClock();
  const controller = new AbortController();
  const options: RunOptions<number> = {
    update: (x, context) => {
      time.advance(1);
      extra(x, context, () => controller.abort("enough"));
      return x + 1;
    },
    maxIterations: 100,
    clock: time.clock,
    signal: controller.signal,
    trace: false,
  };
  return options;
}

// Each case makes fresh options (its own clock and abort signal) for each run.
const cases: [string, string, () => RunOptions<number>][] = [
  ["maxIterations", "quiet", () => counting()],
  ["maxEpochs", "never quiet: it counts epochs", () => ({ ...counting(), epochLength: 5, maxEpochs: 3 })],
  ["converged", "quiet, with a test", () => ({ ...counting(), converged: below((x: number) => 100 - x, 60.5) })],
  ["timeLimit", "quiet", () => ({ ...counting(), timeLimitMs: 30 })],
  ["diverged", "quiet", () => counting((x, context) => x === 7 && context.control.diverge("diverge at 7"))],
  ["stopRequested", "quiet", () => counting((x, context) => x === 7 && context.control.stop("stop at 7"))],
  ["stalled", "quiet", () => counting((x, context) => x === 7 && context.control.stall("stall at 7"))],
  ["aborted", "quiet", () => counting((x, _context, abort) => x === 7 && abort())],
  ["aborted", "quiet, before the first update", () => ({ ...counting(), signal: AbortSignal.abort("early") })],
  ["maxIterations", "quiet, with no update at all", () => ({ ...counting(), maxIterations: 0 })],
  ["diverged", "quiet, with a test", () => ({ ...counting(), diverged: exceeds((x: number) => x, 11.5) })],
  [
    "converged",
    "quiet, with both tests and a time limit",
    () => ({
      ...counting(),
      timeLimitMs: 80,
      diverged: exceeds((x: number) => x, 1000),
      converged: below((x: number) => 100 - x, 60.5),
    }),
  ],
  [
    "diverged",
    "quiet, a test and the update's own request at the same iteration",
    () => ({
      ...counting((x, context) => x === 11 && context.control.stop("stop at 11")),
      diverged: exceeds((x: number) => x, 11.5),
    }),
  ],
];

/** What two runs must share, the elapsed time (of the manual clock) included. */
function everything(result: RunResult<number, unknown>) {
  return { ...outcome(result), elapsedMs: result.elapsedMs };
}

/** The same options with a no-op `onIteration` hook: every phase runs at every iteration. */
function everyPhase(options: RunOptions<number>): RunOptions<number> {
  return { ...options, hooks: { onIteration: () => undefined } };
}

describe("quiet runs", () => {
  it.each(cases)("stop with %s as a run that takes every phase does (%s)", async (kind, _path, make) => {
    const quiet = iterate(0, make());
    expect(quiet.stopReason.kind).toBe(kind);
    const full = iterate(0, everyPhase(make()));
    expect(everything(quiet)).toEqual(everything(full));
    expect(everything(await iterateAsync(0, make()))).toEqual(everything(quiet));
    expect(everything(await iterateAsync(0, everyPhase(make())))).toEqual(everything(quiet));
    // The step-through driver takes every phase too.
    // With every iteration traced, the run stops at the same iteration, state and reason, and its trace holds
    // exactly the iterates the quiet run went through (0, 1, ..., n: the update counts up by one).
    const traced = iterate(0, { ...make(), trace: { maxLength: 1000 } });
    expect(outcome(traced)).toMatchObject({
      state: quiet.state,
      iterations: quiet.iterations,
      stopReason: quiet.stopReason,
    });
    expect(traced.trace.entries.map((entry) => entry.record)).toEqual(
      Array.from({ length: quiet.iterations + 1 }, (_, k) => k),
    );
    const generator = iterations(0, make());
    let step = generator.next();
    while (step.done !== true) step = generator.next();
    expect(everything(step.value)).toEqual(everything(quiet));
  });

  it("stop at the iteration each reason names", () => {
    const stopped = cases.map(([kind, , make]) => {
      const result = iterate(0, make());
      return [kind, result.iterations, result.state];
    });
    expect(stopped).toEqual([
      ["maxIterations", 100, 100],
      ["maxEpochs", 15, 15],
      ["converged", 40, 40],
      ["timeLimit", 30, 30],
      ["diverged", 8, 8],
      ["stopRequested", 8, 8],
      ["stalled", 8, 8],
      ["aborted", 8, 8],
      ["aborted", 0, 0],
      ["maxIterations", 0, 0],
      ["diverged", 12, 12],
      ["converged", 40, 40],
      ["diverged", 12, 12],
    ]);
  });

  it.each(["converged", "diverged"] as const)(
    "name a %s test that throws as a run that takes every phase does",
    (option) => {
      const throwing = {
        label: "throws at 5",
        init: () => ({ checks: 0 }),
        check: (x: number, _context: IterationContext, memory: { checks: number }) => {
          memory.checks++;
          if (x === 5) throw new RangeError("no test at 5");
          return false;
        },
        report: () => [],
      };
      const failure = (options: RunOptions<number>): unknown => {
        try {
          iterate(0, options);
        } catch (error) {
          return error;
        }
        throw new Error("the run did not fail");
      };
      const quiet = failure({ ...counting(), [option]: throwing }) as StepError;
      const full = failure(everyPhase({ ...counting(), [option]: throwing })) as StepError;
      expect(quiet).toBeInstanceOf(StepError);
      expect(quiet.message).toBe(full.message);
      expect([quiet.phase, quiet.iteration]).toEqual([option === "converged" ? "convergence" : "divergence", 5]);
      expect([full.phase, full.iteration]).toEqual([quiet.phase, 5]);
    },
  );
});

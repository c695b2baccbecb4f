import { describe, expect, it, vi } from "vitest";
import { absChange, HookError, iterate, iterateAsync, StepError, sustained } from "../../src/index.js";
import type { RunOptions, StopEvent } from "../../src/index.js";
import type { Walker } from "./support.js";
import { increment, manualClock, outcome, rejectionOf, walk } from "./support.js";

describe("iterateAsync", () => {
  it("gives the same result as iterate for synchronous code", async () => {
    const options: RunOptions<Walker, number> = {
      update: walk,
      maxIterations: 40,
      converged: sustained(
        2,
        absChange((s: Walker) => s.x, 1e-3),
      ),
      trace: { record: (s) => s.x },
      seed: 3,
    };
    const sync = iterate<Walker, number>({ x: 1, draws: 0 }, options);
    const async = await iterateAsync<Walker, number>({ x: 1, draws: 0 }, options);
    expect(outcome(async)).toEqual(outcome(sync));
  });

  it("awaits an async update and async hooks in order", async () => {
    const log: string[] = [];
    const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
    const result = await iterateAsync(0, {
      update: async (x) => {
        log.push(`update ${x}`);
        await tick();
        return x + 1;
      },
      maxIterations: 2,
      hooks: {
        onStart: async () => {
          await tick();
          log.push("start");
        },
        onIteration: async (event) => {
          await tick();
          log.push(`iteration ${event.iteration}`);
        },
        onStop: async (event) => {
          await tick();
          log.push(`stop ${event.iteration}`);
        },
      },
    });
    expect(result.state).toBe(2);
    expect(log).toEqual(["start", "iteration 0", "update 0", "iteration 1", "update 1", "iteration 2", "stop 2"]);
  });

  it("rejects with a StepError when the async update rejects, after onStop ran", async () => {
    const onStop = vi.fn<(event: StopEvent<number>) => void>();
    const error = await rejectionOf(
      iterateAsync(0, {
        update: async (x) => {
          if (x === 2) throw new Error("lost");
          return x + 1;
        },
        maxIterations: 5,
        hooks: { onStop },
      }),
    );
    expect(error).toBeInstanceOf(StepError);
    expect(error).toMatchObject({ phase: "update", iteration: 2 });
    expect(onStop).toHaveBeenCalledTimes(1);
  });

  it("rejects with a HookError when an async hook rejects", async () => {
    const error = await rejectionOf(
      iterateAsync(0, {
        update: increment,
        maxIterations: 5,
        hooks: {
          onIteration: async (event) => {
            if (event.iteration === 3) throw new Error("hook lost");
          },
        },
      }),
    );
    expect(error).toBeInstanceOf(HookError);
    expect(error).toMatchObject({ hook: "onIteration", iteration: 3 });
  });

  it("throws InvalidOptionError synchronously for an invalid option", () => {
    expect(() => iterateAsync(0, { update: increment, maxIterations: -1 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: maxIterations must be an integer >= 0, got -1]`,
    );
  });

  it("gives the event loop a turn every yieldEveryMs during a long run", async () => {
    const run = countToHundred();
    let seenAt: number | undefined;
    setImmediate(() => {
      seenAt = run.current;
    });
    const result = await run.iterate({ yieldEveryMs: 5 });
    expect(result.iterations).toBe(100);
    expect(seenAt).toBeDefined();
    expect(seenAt).toBeLessThan(100);
  });

  it("gives the event loop a turn on the fast path of a run without trace, tests or hooks", async () => {
    const run = countToHundred();
    const seen: number[] = [];
    const watch = () => {
      seen.push(run.current);
      if (run.current < 100) setImmediate(watch);
    };
    setImmediate(watch);
    const result = await run.iterate({ yieldEveryMs: 10, trace: false });
    expect(result.iterations).toBe(100);
    expect(seen.length).toBeGreaterThan(2);
    expect(seen.some((iteration) => iteration > 0 && iteration < 100)).toBe(true);
  });

  it("stops with aborted when an AbortController is aborted from a timer", async () => {
    const controller = new AbortController();
    const reason = new Error("user cancelled");
    setTimeout(() => controller.abort(reason), 1);
    const result = await iterateAsync(0, {
      update: increment,
      maxIterations: 1e9,
      signal: controller.signal,
      yieldEveryMs: 0,
      trace: false,
    });
    expect(result.stopReason).toEqual({ kind: "aborted", reason });
    expect(result.iterations).toBeLessThan(1e9);
    expect(result.state).toBe(result.iterations);
  });
});

/** A run counting 0 to 100 on a manual clock, one millisecond a step; `current` is where it is now. */
function countToHundred() {
  const time = manualClock();
  const run = {
    current: 0,
    iterate: (options: Pick<RunOptions<number, unknown>, "yieldEveryMs" | "trace">) =>
      iterateAsync(0, {
        update: (x) => {
          time.advance(1);
          run.current = x + 1;
          return x + 1;
        },
        maxIterations: 100,
        clock: time.clock,
        ...options,
      }),
  };
  return run;
}

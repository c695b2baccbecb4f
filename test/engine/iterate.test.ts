import { describe, expect, it, vi } from "vitest";
import {
  absChange,
  below,
  every,
  HookError,
  InvalidOptionError,
  iterate,
  iterateAsync,
  iterations,
  iterationsAsync,
  nonFinite,
  PromiseInSyncDriverError,
  StepError,
  sustained,
} from "../../src/index.js";
import type { IterationContext, IterationEvent, RunOptions, StopEvent } from "../../src/index.js";
import type { Walker } from "./support.js";
import { drain, drainAsync, manualClock, outcome, records, rejectionOf, thrownBy, walk } from "./support.js";

const increment = (x: number): number => x + 1;

describe("iterate", () => {
  it("returns the initial state with reason maxIterations when maxIterations is 0", () => {
    const update = vi.fn(increment);
    const result = iterate(7, { update, maxIterations: 0 });
    expect(update).not.toHaveBeenCalled();
    expect(result.state).toBe(7);
    expect(result.iterations).toBe(0);
    expect(result.stopReason).toEqual({ kind: "maxIterations", maxIterations: 0 });
    expect(result.converged).toBe(false);
    expect(records(result.trace)).toEqual([{ iteration: 0, epoch: 0, record: 7 }]);
  });

  it("stops with maxIterations when the tolerance is never met", () => {
    const result = iterate(0, { update: increment, maxIterations: 25, converged: absChange((x: number) => x, 0.5) });
    expect(result.stopReason).toEqual({ kind: "maxIterations", maxIterations: 25 });
    expect(result.state).toBe(25);
    expect(result.iterations).toBe(25);
  });

  it("counts the initial state as iteration 0 and traces iterations + 1 entries", () => {
    const result = iterate(0, { update: increment, maxIterations: 12 });
    expect(result.trace.entries).toHaveLength(result.iterations + 1);
    expect(result.trace.entries.map((entry) => entry.iteration)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(result.trace.entries.map((entry) => entry.record)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it("passes the index of the state being updated as context.iteration", () => {
    const seen: [number, number][] = [];
    iterate(0, {
      update: (x, context) => {
        seen.push([x, context.iteration]);
        return x + 1;
      },
      maxIterations: 4,
    });
    expect(seen).toEqual([
      [0, 0],
      [1, 1],
      [2, 2],
      [3, 3],
    ]);
  });

  it("gives the update and the tests the bound, the seeded generator and one reused context", () => {
    const contexts = new Set<IterationContext>();
    const bounds: number[] = [];
    iterate(0, {
      update: (x, context) => {
        contexts.add(context);
        bounds.push(context.maxIterations);
        expect(context.random.float()).toBeLessThan(1);
        expect(context.epochLength).toBeUndefined();
        expect(context.epoch).toBe(0);
        expect(context.iterationInEpoch).toBe(0);
        return x + 1;
      },
      maxIterations: 3,
    });
    expect(contexts.size).toBe(1);
    expect(bounds).toEqual([3, 3, 3]);
  });

  it("reports the elapsed time from the injected clock", () => {
    const time = manualClock(1000);
    const elapsed: number[] = [];
    const result = iterate(0, {
      update: (x, context) => {
        elapsed.push(context.elapsedMs);
        time.advance(2);
        return x + 1;
      },
      maxIterations: 3,
      clock: time.clock,
    });
    expect(elapsed).toEqual([0, 2, 4]);
    expect(result.elapsedMs).toBe(6);
  });

  it("stops with converged at iteration 0 when the initial state already satisfies the test", () => {
    const update = vi.fn(increment);
    const result = iterate(0.001, { update, maxIterations: 0, converged: below((x: number) => x, 0.01) });
    expect(update).not.toHaveBeenCalled();
    expect(result.stopReason.kind).toBe("converged");
    expect(result.iterations).toBe(0);
    expect(result.converged).toBe(true);
  });

  it("lets the update stop the run with context.control.stop after its state is checked and traced", () => {
    const result = iterate(0, {
      update: (x, context) => {
        if (x === 3) context.control.stop("enough");
        return x + 1;
      },
      maxIterations: 100,
    });
    expect(result.stopReason).toEqual({ kind: "stopRequested", source: "solver", message: "enough" });
    expect(result.state).toBe(4);
    expect(result.iterations).toBe(4);
    expect(result.trace.entries.at(-1)?.iteration).toBe(4);
  });

  it("lets a convergence test that holds at the same iteration take precedence over the solver's stop request", () => {
    const result = iterate(10, {
      update: (x, context) => {
        context.control.stop("asked to stop");
        return x / 100;
      },
      maxIterations: 100,
      converged: below((x: number) => x, 0.5),
    });
    expect(result.stopReason.kind).toBe("converged");
    expect(result.iterations).toBe(1);
  });

  it("lets a divergence declared by the update take precedence over convergence at the same iteration", () => {
    const result = iterate(10, {
      update: (x, context) => {
        context.control.diverge("no way forward");
        return x / 100;
      },
      maxIterations: 100,
      converged: below((x: number) => x, 0.5),
    });
    expect(result.stopReason).toEqual({ kind: "diverged", source: "solver", message: "no way forward" });
  });

  it("wraps an error thrown by the update in a StepError with phase update and the iteration", () => {
    const onStop = vi.fn<(event: StopEvent<number>) => void>();
    const cause = new Error("bad step");
    const error = thrownBy(() =>
      iterate(0, {
        update: (x) => {
          if (x === 2) throw cause;
          return x + 1;
        },
        maxIterations: 10,
        hooks: { onStop },
      }),
    );
    expect(error).toBeInstanceOf(StepError);
    expect(error).toMatchObject({ code: "step", phase: "update", iteration: 2, cause });
    expect((error as Error).message).toMatchInlineSnapshot(`"update failed at iteration 2: bad step"`);
    expect(onStop).toHaveBeenCalledTimes(1);
    expect(onStop.mock.calls[0]?.[0]).toMatchObject({ iteration: 2, stopReason: undefined, error });
  });

  it("wraps an error thrown by a convergence measure in a StepError with phase convergence", () => {
    const error = thrownBy(() =>
      iterate(1, {
        update: increment,
        maxIterations: 10,
        converged: below((x: number) => {
          if (x === 3) throw new Error("cannot measure");
          return x;
        }, 0),
      }),
    );
    expect(error).toMatchObject({ phase: "convergence", iteration: 2 });
  });

  it("wraps an error thrown by a divergence measure in a StepError with phase divergence", () => {
    const error = thrownBy(() =>
      iterate(0, {
        update: increment,
        maxIterations: 10,
        diverged: nonFinite((x: number) => {
          if (x === 1) throw new Error("cannot measure");
          return x;
        }),
      }),
    );
    expect(error).toMatchObject({ phase: "divergence", iteration: 1 });
  });

  it("wraps an error thrown by the trace record in a StepError with phase trace", () => {
    const error = thrownBy(() =>
      iterate(0, {
        update: increment,
        maxIterations: 10,
        trace: {
          record: (x: number) => {
            if (x === 4) throw new Error("cannot record");
            return x;
          },
        },
      }),
    );
    expect(error).toMatchObject({ phase: "trace", iteration: 4 });
  });

  it("throws PromiseInSyncDriverError when the update returns a Promise, after onStop ran", () => {
    const onStop = vi.fn<(event: StopEvent<number>) => void>();
    const options = {
      update: (x: number) => (x === 1 ? Promise.resolve(x + 1) : x + 1),
      maxIterations: 5,
      hooks: { onStop },
    } as RunOptions<number>;
    const error = thrownBy(() => iterate(0, options));
    expect(error).toBeInstanceOf(PromiseInSyncDriverError);
    expect(error).toMatchObject({ code: "promiseInSyncDriver", source: "update", iteration: 1 });
    expect(onStop).toHaveBeenCalledTimes(1);
    expect(onStop.mock.calls[0]?.[0].error).toBe(error);
    expect(() => iterate(0, options)).toThrowErrorMatchingInlineSnapshot(
      `[PromiseInSyncDriverError: update returned a Promise at iteration 1, which a synchronous driver cannot await; use the async driver (iterateAsync, solveAsync or iterationsAsync)]`,
    );
  });

  it("throws PromiseInSyncDriverError when a hook returns a Promise, after onStop ran", () => {
    const onStop = vi.fn<(event: StopEvent<number>) => void>();
    const options: RunOptions<number> = {
      update: increment,
      maxIterations: 5,
      hooks: {
        onIteration: async () => {},
        onStop,
      },
    };
    const error = thrownBy(() => iterate(0, options));
    expect(error).toMatchObject({ source: "onIteration", iteration: 0 });
    expect(onStop).toHaveBeenCalledTimes(1);
    expect(() => iterate(0, options)).toThrowErrorMatchingInlineSnapshot(
      `[PromiseInSyncDriverError: hook onIteration returned a Promise at iteration 0, which a synchronous driver cannot await; use the async driver (iterateAsync, solveAsync or iterationsAsync)]`,
    );
  });

  it("never prints to the console or the standard streams", () => {
    const spies = [
      vi.spyOn(console, "log"),
      vi.spyOn(console, "info"),
      vi.spyOn(console, "warn"),
      vi.spyOn(console, "error"),
      vi.spyOn(console, "debug"),
      vi.spyOn(process.stdout, "write"),
      vi.spyOn(process.stderr, "write"),
    ];
    try {
      const result = iterate<Walker>(
        { x: 1, draws: 0 },
        {
          update: walk,
          maxIterations: 50,
          epochLength: 7,
          converged: [
            sustained(
              2,
              absChange((s: Walker) => s.x, 1e-12),
            ),
            below((s: Walker) => Math.abs(s.x), 1e-12),
          ],
          diverged: nonFinite((s: Walker) => s.x),
          hooks: { onIteration: every(10, () => {}) },
          trace: { every: 3, maxLength: 4 },
          seed: 11,
        },
      );
      result.checkpoint();
      for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });

  it("stops the same way on the fast path of a run without tests, trace or hooks", () => {
    const requests = (x: number, context: IterationContext): number => {
      if (x === 3) context.control.stop("stop at 3");
      if (x === 5) context.control.diverge("diverge at 5");
      return x + 1;
    };
    const stopped = iterate(0, { update: requests, maxIterations: 100, trace: false });
    expect(stopped.stopReason).toEqual({ kind: "stopRequested", source: "solver", message: "stop at 3" });
    expect(stopped.iterations).toBe(4);
    const diverged = iterate(4, { update: requests, maxIterations: 100, trace: false });
    expect(diverged.stopReason).toEqual({ kind: "diverged", source: "solver", message: "diverge at 5" });
    expect(diverged.state).toBe(6);
    const bounded = iterate(0, { update: increment, maxIterations: 1000, trace: false });
    expect(bounded.state).toBe(1000);
    expect(bounded.stopReason).toEqual({ kind: "maxIterations", maxIterations: 1000 });
  });

  it("validates every option before the first step", () => {
    const update = vi.fn(increment);
    expect(() => iterate(0, { update, maxIterations: -1 })).toThrow(InvalidOptionError);
    expect(update).not.toHaveBeenCalled();
  });

  it("rejects an invalid maxIterations", () => {
    expect(() => iterate(0, { update: increment, maxIterations: -1 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: maxIterations must be an integer >= 0, got -1]`,
    );
    expect(() => iterate(0, { update: increment, maxIterations: 1.5 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: maxIterations must be an integer >= 0, got 1.5]`,
    );
    expect(() => iterate(0, { update: increment, maxIterations: NaN })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: maxIterations must be an integer >= 0, got NaN]`,
    );
    expect(() => iterate(0, { update: increment } as unknown as RunOptions<number>)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: maxIterations must be an integer >= 0, got undefined]`,
    );
  });

  it("rejects an update that is not a function", () => {
    expect(() =>
      iterate(0, { update: 3, maxIterations: 1 } as unknown as RunOptions<number>),
    ).toThrowErrorMatchingInlineSnapshot(`[InvalidOptionError: update must be a function, got 3]`);
  });

  it("rejects options that are not an object", () => {
    expect(() => iterate(0, null as unknown as RunOptions<number>)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: options must be an object, got null]`,
    );
  });

  it("rejects invalid trace settings", () => {
    expect(() =>
      iterate(0, { update: increment, maxIterations: 1, trace: { every: 0 } }),
    ).toThrowErrorMatchingInlineSnapshot(`[InvalidOptionError: trace.every must be an integer >= 1, got 0]`);
    expect(() =>
      iterate(0, { update: increment, maxIterations: 1, trace: { maxLength: 1 } }),
    ).toThrowErrorMatchingInlineSnapshot(`[InvalidOptionError: trace.maxLength must be an integer >= 2, got 1]`);
    expect(() =>
      iterate(0, { update: increment, maxIterations: 1, trace: { record: "x" } } as unknown as RunOptions<number>),
    ).toThrowErrorMatchingInlineSnapshot(`[InvalidOptionError: trace.record must be a function, got "x"]`);
    expect(() =>
      iterate(0, { update: increment, maxIterations: 1, trace: true } as unknown as RunOptions<number>),
    ).toThrowErrorMatchingInlineSnapshot(`[InvalidOptionError: trace must be an object or false, got true]`);
  });

  it("rejects invalid epoch settings", () => {
    expect(() =>
      iterate(0, { update: increment, maxIterations: 1, epochLength: 0 }),
    ).toThrowErrorMatchingInlineSnapshot(`[InvalidOptionError: epochLength must be an integer >= 1, got 0]`);
    expect(() => iterate(0, { update: increment, maxIterations: 1, maxEpochs: 2 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: epochLength must be an integer >= 1 when maxEpochs is given, got undefined]`,
    );
    expect(() =>
      iterate(0, { update: increment, maxIterations: 1, maxEpochs: -1, epochLength: 2 }),
    ).toThrowErrorMatchingInlineSnapshot(`[InvalidOptionError: maxEpochs must be an integer >= 0, got -1]`);
  });

  it("rejects an invalid time limit, clock, seed or yield interval", () => {
    expect(() =>
      iterate(0, { update: increment, maxIterations: 1, timeLimitMs: NaN }),
    ).toThrowErrorMatchingInlineSnapshot(`[InvalidOptionError: timeLimitMs must be a finite number >= 0, got NaN]`);
    expect(() =>
      iterate(0, { update: increment, maxIterations: 1, clock: 5 } as unknown as RunOptions<number>),
    ).toThrowErrorMatchingInlineSnapshot(`[InvalidOptionError: clock must be a function, got 5]`);
    expect(() => iterate(0, { update: increment, maxIterations: 1, seed: -1 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: seed must be an integer in [0, 4294967295], got -1]`,
    );
    expect(() =>
      iterate(0, { update: increment, maxIterations: 1, yieldEveryMs: -5 }),
    ).toThrowErrorMatchingInlineSnapshot(`[InvalidOptionError: yieldEveryMs must be a finite number >= 0, got -5]`);
  });

  it("rejects a convergence or divergence test that is not a criterion", () => {
    expect(() =>
      iterate(0, { update: increment, maxIterations: 1, converged: { label: "x" } } as unknown as RunOptions<number>),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: converged must be a criterion (an object with init, check and report methods) or a non-empty array of them, got an object (Object)]`,
    );
    expect(() => iterate(0, { update: increment, maxIterations: 1, converged: [] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: converged must be a criterion (an object with init, check and report methods) or a non-empty array of them, got an array of length 0]`,
    );
    expect(() =>
      iterate(0, {
        update: increment,
        maxIterations: 1,
        diverged: (x: number) => x > 1,
      } as unknown as RunOptions<number>),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: diverged must be a criterion (an object with init, check and report methods) or a non-empty array of them, got a function]`,
    );
  });

  it("rejects hooks that are not functions, naming the hook", () => {
    expect(() =>
      iterate(0, { update: increment, maxIterations: 1, hooks: { onIteration: 3 } } as unknown as RunOptions<number>),
    ).toThrowErrorMatchingInlineSnapshot(`[InvalidOptionError: hooks.onIteration must be a function, got 3]`);
    expect(() =>
      iterate(0, {
        update: increment,
        maxIterations: 1,
        hooks: [{}, { onStop: "x" }],
      } as unknown as RunOptions<number>),
    ).toThrowErrorMatchingInlineSnapshot(`[InvalidOptionError: hooks[1].onStop must be a function, got "x"]`);
    expect(() =>
      iterate(0, { update: increment, maxIterations: 1, hooks: [null] } as unknown as RunOptions<number>),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: hooks[0] must be an object of hook functions, got null]`,
    );
  });

  it("rejects a signal that is not an AbortSignal", () => {
    expect(() =>
      iterate(0, { update: increment, maxIterations: 1, signal: {} } as unknown as RunOptions<number>),
    ).toThrowErrorMatchingInlineSnapshot(`[InvalidOptionError: signal must be an AbortSignal, got an object (Object)]`);
  });
});

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
    const time = manualClock();
    let current = 0;
    let seenAt: number | undefined;
    setImmediate(() => {
      seenAt = current;
    });
    const result = await iterateAsync(0, {
      update: (x) => {
        time.advance(1);
        current = x + 1;
        return x + 1;
      },
      maxIterations: 100,
      clock: time.clock,
      yieldEveryMs: 5,
    });
    expect(result.iterations).toBe(100);
    expect(seenAt).toBeDefined();
    expect(seenAt).toBeLessThan(100);
  });

  it("gives the event loop a turn on the fast path of a run without trace, tests or hooks", async () => {
    const time = manualClock();
    let current = 0;
    const seen: number[] = [];
    const watch = () => {
      seen.push(current);
      if (current < 100) setImmediate(watch);
    };
    setImmediate(watch);
    const result = await iterateAsync(0, {
      update: (x) => {
        time.advance(1);
        current = x + 1;
        return x + 1;
      },
      maxIterations: 100,
      clock: time.clock,
      yieldEveryMs: 10,
      trace: false,
    });
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

describe("iterations", () => {
  it("yields iteration 0 and every iteration after it, then returns the result", () => {
    const { events, result } = drain(iterations(0, { update: increment, maxIterations: 3 }));
    expect(events.map((event) => [event.kind, event.iteration, event.state])).toEqual([
      ["iteration", 0, 0],
      ["iteration", 1, 1],
      ["iteration", 2, 2],
      ["iteration", 3, 3],
    ]);
    expect(events.map((event) => event.stopReason?.kind)).toEqual([undefined, undefined, undefined, "maxIterations"]);
    expect(result.state).toBe(3);
    expect(result.stopReason).toEqual({ kind: "maxIterations", maxIterations: 3 });
  });

  it("computes each iteration only when the consumer asks for it", () => {
    const update = vi.fn(increment);
    const generator = iterations(0, { update, maxIterations: 10 });
    generator.next();
    generator.next();
    expect(update).toHaveBeenCalledTimes(1);
  });

  it("stops with stopRequested from the consumer when the loop breaks, and runs onStop once", () => {
    const update = vi.fn(increment);
    const stops: StopEvent<number>[] = [];
    for (const event of iterations(0, {
      update,
      maxIterations: 100,
      hooks: { onStop: (stop) => void stops.push(stop) },
    })) {
      if (event.iteration === 2) break;
    }
    expect(update).toHaveBeenCalledTimes(2);
    expect(stops).toHaveLength(1);
    expect(stops[0]?.iteration).toBe(2);
    expect(stops[0]?.stopReason).toEqual({
      kind: "stopRequested",
      source: "consumer",
      message: "the consumer stopped iterating",
    });
  });

  it("stops before the next update when the consumer calls event.control.stop", () => {
    const update = vi.fn(increment);
    const generator = iterations(0, { update, maxIterations: 100 });
    const events: IterationEvent<number>[] = [];
    let step = generator.next();
    while (step.done !== true) {
      events.push(step.value);
      if (step.value.iteration === 3) step.value.control.stop("seen enough");
      step = generator.next();
    }
    expect(update).toHaveBeenCalledTimes(3);
    expect(events).toHaveLength(4);
    expect(step.value.stopReason).toEqual({ kind: "stopRequested", source: "consumer", message: "seen enough" });
    expect(step.value.iterations).toBe(3);
  });

  it("throws PromiseInSyncDriverError for an async update", () => {
    const generator = iterations(0, { update: async (x: number) => x + 1, maxIterations: 3 });
    expect(generator.next().value).toMatchObject({ iteration: 0 });
    expect(() => generator.next()).toThrow(PromiseInSyncDriverError);
  });
});

describe("iterationsAsync", () => {
  it("yields every iteration of an async update and returns the result", async () => {
    const { events, result } = await drainAsync(
      iterationsAsync(0, { update: async (x: number) => x + 1, maxIterations: 3 }),
    );
    expect(events.map((event) => event.iteration)).toEqual([0, 1, 2, 3]);
    expect(result.state).toBe(3);
  });

  it("stops with stopRequested from the consumer when the loop breaks", async () => {
    const stops: StopEvent<number>[] = [];
    for await (const event of iterationsAsync(0, {
      update: async (x: number) => x + 1,
      maxIterations: 100,
      hooks: { onStop: (stop) => void stops.push(stop) },
    })) {
      if (event.iteration === 4) break;
    }
    expect(stops).toHaveLength(1);
    expect(stops[0]?.iteration).toBe(4);
    expect(stops[0]?.stopReason).toMatchObject({ kind: "stopRequested", source: "consumer" });
  });
});

describe("the four drivers", () => {
  const options = (): RunOptions<Walker, number> => ({
    update: walk,
    maxIterations: 60,
    epochLength: 7,
    converged: sustained(
      3,
      absChange((s: Walker) => s.x, 0.02),
    ),
    trace: { record: (s) => s.x, every: 2 },
    seed: 2024,
  });
  const initial: Walker = { x: 4, draws: 0 };

  it("agree on the final state, count, stop reason and trace of a seeded run", async () => {
    const sync = iterate(initial, options());
    const async = await iterateAsync(initial, { ...options(), yieldEveryMs: 0 });
    const stepped = drain(iterations(initial, options()));
    const steppedAsync = await drainAsync(iterationsAsync(initial, options()));

    expect(sync.state.draws).toBeGreaterThan(0);
    expect(outcome(async)).toEqual(outcome(sync));
    expect(outcome(stepped.result)).toEqual(outcome(sync));
    expect(outcome(steppedAsync.result)).toEqual(outcome(sync));
  });

  it("yield one event per iteration from the step-through drivers, matching the trace", async () => {
    const sync = iterate(initial, { ...options(), trace: { record: (s) => s.x } });
    const stepped = drain(iterations(initial, options()));
    const steppedAsync = await drainAsync(iterationsAsync(initial, options()));
    for (const events of [stepped.events, steppedAsync.events]) {
      expect(events.map((event) => event.iteration)).toEqual(sync.trace.entries.map((entry) => entry.iteration));
      expect(events.map((event) => event.state.x)).toEqual(sync.trace.entries.map((entry) => entry.record));
      expect(events.map((event) => event.epoch)).toEqual(sync.trace.entries.map((entry) => entry.epoch));
      expect(events.at(-1)?.stopReason).toEqual(sync.stopReason);
    }
  });
});

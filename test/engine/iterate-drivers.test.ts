import { describe, expect, it, vi } from "vitest";
import {
  absChange,
  iterate,
  iterateAsync,
  iterations,
  iterationsAsync,
  PromiseInSyncDriverError,
  sustained,
} from "../../src/index.js";
import type { IterationEvent, RunOptions, StopEvent } from "../../src/index.js";
import type { Walker } from "./support.js";
import { drain, drainAsync, increment, outcome, walk } from "./support.js";

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

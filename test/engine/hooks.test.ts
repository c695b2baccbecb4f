import { describe, expect, it, vi } from "vitest";
import {
  below,
  every,
  HookError,
  InvalidOptionError,
  iterate,
  iterateAsync,
  once,
  StepError,
} from "../../src/index.js";
import type { EpochEndEvent, Hooks, IterationEvent, StopEvent } from "../../src/index.js";
import { thrownBy } from "./support.js";

const increment = (x: number): number => x + 1;

/** Hooks that log every call as a short string. */
function recorder(log: string[], name = ""): Hooks<number> {
  return {
    onStart: (event) => void log.push(`${name}start ${event.iteration}`),
    onIteration: (event) => void log.push(`${name}iteration ${event.iteration}`),
    onEpochEnd: (event) => void log.push(`${name}epochEnd ${event.epoch} at ${event.iteration}`),
    onStop: (event) => void log.push(`${name}stop ${event.iteration} ${event.stopReason?.kind ?? "error"}`),
  };
}

describe("Hooks", () => {
  it("run in lifecycle order for a whole run: onStart, onIteration from 0, onEpochEnd after onIteration, onStop once", () => {
    const log: string[] = [];
    iterate(0, { update: increment, maxIterations: 5, epochLength: 2, hooks: recorder(log) });
    expect(log).toEqual([
      "start 0",
      "iteration 0",
      "iteration 1",
      "iteration 2",
      "epochEnd 1 at 2",
      "iteration 3",
      "iteration 4",
      "epochEnd 2 at 4",
      "iteration 5",
      "stop 5 maxIterations",
    ]);
  });

  it("run in array order when several hook objects are given", () => {
    const log: string[] = [];
    iterate(0, {
      update: increment,
      maxIterations: 2,
      epochLength: 2,
      hooks: [recorder(log, "a:"), recorder(log, "b:")],
    });
    expect(log).toEqual([
      "a:start 0",
      "b:start 0",
      "a:iteration 0",
      "b:iteration 0",
      "a:iteration 1",
      "b:iteration 1",
      "a:iteration 2",
      "b:iteration 2",
      "a:epochEnd 1 at 2",
      "b:epochEnd 1 at 2",
      "a:stop 2 maxIterations",
      "b:stop 2 maxIterations",
    ]);
  });

  it("see the state, counters and bound of each iteration", () => {
    const events: IterationEvent<number>[] = [];
    iterate(10, {
      update: increment,
      maxIterations: 3,
      epochLength: 2,
      hooks: { onIteration: (event) => void events.push(event) },
    });
    expect(
      events.map(({ kind, state, iteration, epoch, iterationInEpoch, epochLength, maxIterations }) => ({
        kind,
        state,
        iteration,
        epoch,
        iterationInEpoch,
        epochLength,
        maxIterations,
      })),
    ).toEqual([
      { kind: "iteration", state: 10, iteration: 0, epoch: 0, iterationInEpoch: 0, epochLength: 2, maxIterations: 3 },
      { kind: "iteration", state: 11, iteration: 1, epoch: 0, iterationInEpoch: 1, epochLength: 2, maxIterations: 3 },
      { kind: "iteration", state: 12, iteration: 2, epoch: 1, iterationInEpoch: 0, epochLength: 2, maxIterations: 3 },
      { kind: "iteration", state: 13, iteration: 3, epoch: 1, iterationInEpoch: 1, epochLength: 2, maxIterations: 3 },
    ]);
  });

  it("see the stop reason decided at an iteration in onIteration, and the convergence reports", () => {
    const seen: { iteration: number; kind: string | undefined; value: number | undefined }[] = [];
    iterate(8, {
      update: (x) => x / 2,
      maxIterations: 10,
      converged: below((x: number) => x, 1),
      hooks: {
        onIteration(event) {
          seen.push({ iteration: event.iteration, kind: event.stopReason?.kind, value: event.criteria()[0]?.value });
        },
      },
    });
    expect(seen).toEqual([
      { iteration: 0, kind: undefined, value: 8 },
      { iteration: 1, kind: undefined, value: 4 },
      { iteration: 2, kind: undefined, value: 2 },
      { iteration: 3, kind: "converged", value: 1 },
    ]);
  });

  it("tell onStart whether the run is resumed, and give onStop the final state, reason and reports", () => {
    const stops: StopEvent<number>[] = [];
    let resumed: boolean | undefined;
    const result = iterate(8, {
      update: (x) => x / 2,
      maxIterations: 10,
      converged: below((x: number) => x, 1),
      hooks: {
        onStart: (event) => void (resumed = event.resumed),
        onStop: (event) => void stops.push(event),
      },
    });
    expect(resumed).toBe(false);
    expect(stops).toHaveLength(1);
    expect(stops[0]).toMatchObject({
      kind: "stop",
      state: 1,
      iteration: 3,
      stopReason: result.stopReason,
      error: undefined,
    });
    expect(stops[0]?.criteria()).toEqual(result.criteria.convergence);
  });

  it("stop the run on an onIteration error: later onIteration calls don't happen, onStop runs once with the error", () => {
    const log: string[] = [];
    const cause = new Error("logger crashed");
    const stops: StopEvent<number>[] = [];
    const error = thrownBy(() =>
      iterate(0, {
        update: increment,
        maxIterations: 10,
        hooks: [
          {
            onIteration(event) {
              log.push(`first ${event.iteration}`);
              if (event.iteration === 3) throw cause;
            },
          },
          {
            onIteration: (event) => void log.push(`second ${event.iteration}`),
            onStop: (event) => void stops.push(event),
          },
        ],
      }),
    );
    expect(log).toEqual(["first 0", "second 0", "first 1", "second 1", "first 2", "second 2", "first 3"]);
    expect(error).toBeInstanceOf(HookError);
    expect(error).toMatchObject({ code: "hook", hook: "onIteration", iteration: 3, cause });
    expect((error as Error).message).toMatchInlineSnapshot(`"hook onIteration failed at iteration 3: logger crashed"`);
    expect(stops).toHaveLength(1);
    expect(stops[0]?.error).toBe(error);
    expect(stops[0]?.stopReason).toBeUndefined();
    expect(stops[0]?.iteration).toBe(3);
  });

  it("report an error in onEpochEnd as a HookError of onEpochEnd", () => {
    const error = thrownBy(() =>
      iterate(0, {
        update: increment,
        maxIterations: 10,
        epochLength: 3,
        hooks: {
          onIteration: () => {},
          onEpochEnd(event) {
            if (event.epoch === 2) throw new Error("checkpoint disk full");
          },
        },
      }),
    );
    expect(error).toMatchObject({ hook: "onEpochEnd", iteration: 6 });
  });

  it("report an error in onStart as a HookError of onStart, with no update made", () => {
    const update = vi.fn(increment);
    const onStop = vi.fn();
    const error = thrownBy(() =>
      iterate(0, {
        update,
        maxIterations: 10,
        hooks: {
          onStart() {
            throw new Error("no output");
          },
          onStop,
        },
      }),
    );
    expect(error).toMatchObject({ hook: "onStart", iteration: 0 });
    expect(update).not.toHaveBeenCalled();
    expect(onStop).toHaveBeenCalledTimes(1);
  });

  it("throw an error from onStop after every onStop hook ran", () => {
    const later = vi.fn();
    const error = thrownBy(() =>
      iterate(0, {
        update: increment,
        maxIterations: 2,
        hooks: [
          {
            onStop() {
              throw new Error("flush failed");
            },
          },
          { onStop: later },
        ],
      }),
    );
    expect(error).toBeInstanceOf(HookError);
    expect(error).toMatchObject({ hook: "onStop", iteration: 2 });
    expect(later).toHaveBeenCalledTimes(1);
  });

  it("keep the original error when onStop throws after it, attaching the later one as suppressed", () => {
    const original = new Error("step exploded");
    const error = thrownBy(() =>
      iterate(0, {
        update: (x) => {
          if (x === 1) throw original;
          return x + 1;
        },
        maxIterations: 5,
        hooks: {
          onStop() {
            throw new Error("cleanup failed too");
          },
        },
      }),
    );
    expect(error).toBeInstanceOf(StepError);
    expect((error as Error).cause).toBe(original);
    const suppressed = (error as { suppressed?: unknown[] }).suppressed;
    expect(suppressed).toHaveLength(1);
    expect(suppressed?.[0]).toMatchObject({ hook: "onStop", iteration: 1 });
  });

  it("are awaited by iterateAsync in order, an async onEpochEnd included", async () => {
    const log: string[] = [];
    const later = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
    await iterateAsync(0, {
      update: increment,
      maxIterations: 2,
      epochLength: 1,
      hooks: [
        {
          onIteration: async (event) => {
            await later();
            log.push(`a ${event.iteration}`);
          },
          onEpochEnd: async (event) => {
            await later();
            log.push(`epoch ${event.epoch}`);
          },
        },
        { onIteration: (event) => void log.push(`b ${event.iteration}`) },
      ],
    });
    expect(log).toEqual(["a 0", "b 0", "a 1", "b 1", "epoch 1", "a 2", "b 2", "epoch 2"]);
  });

  it("let a hook stop the run after its iteration with reason stopRequested", () => {
    const result = iterate(0, {
      update: increment,
      maxIterations: 100,
      hooks: { onEpochEnd: (event) => event.control.stop(`stop after epoch ${event.epoch}`) },
      epochLength: 4,
    });
    expect(result.iterations).toBe(4);
    expect(result.stopReason).toEqual({ kind: "stopRequested", source: "hook", message: "stop after epoch 1" });
  });
});

describe("every", () => {
  it("runs an onIteration handler at every n-th iteration, iteration 0 included", () => {
    const seen: number[] = [];
    iterate(0, {
      update: increment,
      maxIterations: 10,
      hooks: { onIteration: every(3, (event) => void seen.push(event.iteration)) },
    });
    expect(seen).toEqual([0, 3, 6, 9]);
  });

  it("counts epochs for onEpochEnd", () => {
    const seen: [number, number][] = [];
    iterate(0, {
      update: increment,
      maxIterations: 12,
      epochLength: 2,
      hooks: { onEpochEnd: every(2, (event: EpochEndEvent<number>) => void seen.push([event.epoch, event.iteration])) },
    });
    expect(seen).toEqual([
      [2, 4],
      [4, 8],
      [6, 12],
    ]);
  });

  it("passes the handler's Promise through to the async driver", async () => {
    const seen: number[] = [];
    await iterateAsync(0, {
      update: increment,
      maxIterations: 4,
      hooks: {
        onIteration: every(2, async (event) => {
          await Promise.resolve();
          seen.push(event.iteration);
        }),
      },
    });
    expect(seen).toEqual([0, 2, 4]);
  });

  it("rejects a period that is not an integer >= 1", () => {
    expect(() => every(0, () => {})).toThrow(InvalidOptionError);
    expect(() => every(0, () => {})).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: every(n) must be an integer >= 1, got 0]`,
    );
    expect(() => every(1.5, () => {})).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: every(n) must be an integer >= 1, got 1.5]`,
    );
  });

  it("rejects a handler that is not a function", () => {
    expect(() => every(2, undefined as unknown as () => void)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: every(n, handler) must be a function, got undefined]`,
    );
  });
});

describe("once", () => {
  it("runs an onIteration handler only at iteration k", () => {
    const seen: number[] = [];
    iterate(0, {
      update: increment,
      maxIterations: 10,
      hooks: { onIteration: once(4, (event) => void seen.push(event.iteration)) },
    });
    expect(seen).toEqual([4]);
  });

  it("runs an onIteration handler at iteration 0 for k = 0", () => {
    const seen: number[] = [];
    iterate(0, {
      update: increment,
      maxIterations: 3,
      hooks: { onIteration: once(0, (event) => void seen.push(event.iteration)) },
    });
    expect(seen).toEqual([0]);
  });

  it("runs an onEpochEnd handler only when k epochs are complete", () => {
    const seen: [number, number][] = [];
    iterate(0, {
      update: increment,
      maxIterations: 20,
      epochLength: 3,
      hooks: { onEpochEnd: once(2, (event: EpochEndEvent<number>) => void seen.push([event.epoch, event.iteration])) },
    });
    expect(seen).toEqual([[2, 6]]);
  });

  it("never runs when the run ends before k", () => {
    const handler = vi.fn();
    iterate(0, { update: increment, maxIterations: 3, hooks: { onIteration: once(7, handler) } });
    expect(handler).not.toHaveBeenCalled();
  });

  it("rejects an index that is not an integer >= 0", () => {
    expect(() => once(-1, () => {})).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: once(k) must be an integer >= 0, got -1]`,
    );
    expect(() => once(1, "x" as unknown as () => void)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: once(k, handler) must be a function, got "x"]`,
    );
  });
});

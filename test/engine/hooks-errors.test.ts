import { describe, expect, it, vi } from "vitest";
import { HookError, iterate, StepError } from "../../src/index.js";
import type { StopEvent } from "../../src/index.js";
import { increment, thrownBy } from "./support.js";

describe("Hooks", () => {
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
});

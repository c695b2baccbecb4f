import { describe, expect, it, vi } from "vitest";
import { below, iterate, nonFinite, PromiseInSyncDriverError, StepError } from "../../src/index.js";
import type { RunOptions, StopEvent } from "../../src/index.js";
import { increment, thrownBy } from "./support.js";

describe("iterate", () => {
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
});

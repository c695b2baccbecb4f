import { describe, expect, it, vi } from "vitest";
import { InvalidOptionError, iterate } from "../../src/index.js";
import type { RunOptions } from "../../src/index.js";
import { increment } from "./support.js";

describe("iterate", () => {
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

import { describe, expect, it, vi } from "vitest";
import { every, InvalidOptionError, iterate, iterateAsync, once } from "../../src/index.js";
import type { EpochEndEvent } from "../../src/index.js";
import { increment } from "./support.js";

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

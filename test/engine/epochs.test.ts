import { describe, expect, it } from "vitest";
import { InvalidOptionError, iterate, iterationsPerEpoch } from "../../src/index.js";

describe("iterationsPerEpoch", () => {
  it("counts a last, incomplete batch as an iteration", () => {
    expect(iterationsPerEpoch(10, 3)).toBe(4);
    expect(iterationsPerEpoch(60000, 128)).toBe(469);
    expect(iterationsPerEpoch(9, 3)).toBe(3);
  });

  it("drops the last, incomplete batch with dropLast", () => {
    expect(iterationsPerEpoch(10, 3, { dropLast: true })).toBe(3);
    expect(iterationsPerEpoch(60000, 128, { dropLast: true })).toBe(468);
    expect(iterationsPerEpoch(9, 3, { dropLast: true })).toBe(3);
  });

  it("counts one iteration per accumulationSteps batches, rounding a partial accumulation up", () => {
    expect(iterationsPerEpoch(10, 3, { accumulationSteps: 2 })).toBe(2);
    expect(iterationsPerEpoch(10, 3, { accumulationSteps: 3 })).toBe(2);
    expect(iterationsPerEpoch(10, 3, { accumulationSteps: 4 })).toBe(1);
    expect(iterationsPerEpoch(10, 3, { accumulationSteps: 10 })).toBe(1);
    expect(iterationsPerEpoch(10, 3, { dropLast: true, accumulationSteps: 2 })).toBe(2);
  });

  it("gives one iteration when the batch is larger than the data", () => {
    expect(iterationsPerEpoch(5, 100)).toBe(1);
  });

  it("throws when dropLast leaves no complete batch", () => {
    expect(() => iterationsPerEpoch(5, 100, { dropLast: true })).toThrow(InvalidOptionError);
    expect(() => iterationsPerEpoch(5, 100, { dropLast: true })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: batchSize must be at most samples (5) when dropLast is true, got 100]`,
    );
  });

  it("rejects counts that are not positive integers", () => {
    expect(() => iterationsPerEpoch(0, 1)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: samples must be an integer >= 1, got 0]`,
    );
    expect(() => iterationsPerEpoch(10, 2.5)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: batchSize must be an integer >= 1, got 2.5]`,
    );
    expect(() => iterationsPerEpoch(10, 2, { accumulationSteps: 0 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: accumulationSteps must be an integer >= 1, got 0]`,
    );
  });
});

describe("epochLength", () => {
  it("tells the update which batch of which epoch it consumes, both 0-based", () => {
    const seen: [number, number, number][] = [];
    iterate(0, {
      update: (x, context) => {
        seen.push([context.iteration, context.epoch, context.iterationInEpoch]);
        expect(context.epochLength).toBe(3);
        return x + 1;
      },
      maxIterations: 7,
      epochLength: 3,
    });
    expect(seen).toEqual([
      [0, 0, 0],
      [1, 0, 1],
      [2, 0, 2],
      [3, 1, 0],
      [4, 1, 1],
      [5, 1, 2],
      [6, 2, 0],
    ]);
  });

  it("counts completed epochs as floor(iteration / E) in the trace and the result", () => {
    const result = iterate(0, { update: (x: number) => x + 1, maxIterations: 7, epochLength: 3 });
    expect(result.trace.entries.map((entry) => entry.epoch)).toEqual([0, 0, 0, 1, 1, 1, 2, 2]);
    expect(result.epochs).toBe(2);
  });

  it("fires onEpochEnd after onIteration at multiples of E with the number of completed epochs", () => {
    const log: string[] = [];
    iterate(0, {
      update: (x: number) => x + 1,
      maxIterations: 9,
      epochLength: 3,
      hooks: {
        onIteration: (event) => void log.push(`iteration ${event.iteration}`),
        onEpochEnd: (event) => void log.push(`epochEnd ${event.epoch} (${event.iteration}, ${event.iterationInEpoch})`),
      },
    });
    expect(log.filter((line) => line.startsWith("epochEnd"))).toEqual([
      "epochEnd 1 (3, 0)",
      "epochEnd 2 (6, 0)",
      "epochEnd 3 (9, 0)",
    ]);
    expect(log.indexOf("epochEnd 1 (3, 0)")).toBe(log.indexOf("iteration 3") + 1);
  });

  it("fires no onEpochEnd without an epoch length, and reports epoch 0", () => {
    const epochs: number[] = [];
    const result = iterate(0, {
      update: (x: number) => x + 1,
      maxIterations: 5,
      hooks: { onEpochEnd: (event) => void epochs.push(event.epoch) },
    });
    expect(epochs).toEqual([]);
    expect(result.epochs).toBe(0);
  });

  it("applies maxEpochs as maxEpochs * epochLength iterations, visible as context.maxIterations", () => {
    const bounds = new Set<number>();
    const result = iterate(0, {
      update: (x, context) => {
        bounds.add(context.maxIterations);
        return x + 1;
      },
      maxIterations: 1000,
      epochLength: 5,
      maxEpochs: 2,
    });
    expect([...bounds]).toEqual([10]);
    expect(result.iterations).toBe(10);
    expect(result.stopReason).toEqual({ kind: "maxEpochs", maxEpochs: 2 });
  });

  it("stops at iteration 0 with maxEpochs of 0", () => {
    const result = iterate(0, { update: (x: number) => x + 1, maxIterations: 10, epochLength: 5, maxEpochs: 0 });
    expect(result.iterations).toBe(0);
    expect(result.stopReason).toEqual({ kind: "maxEpochs", maxEpochs: 0 });
  });
});

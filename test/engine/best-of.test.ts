import { describe, expect, it, vi } from "vitest";
import { bestOf, bestOfAsync, deriveSeed, InvalidOptionError, iterate } from "../../src/index.js";
import type { BestOfOptions, Restart } from "../../src/index.js";
import type { Walker } from "./support.js";
import { walk } from "./support.js";

const scored = (scores: readonly number[]) => (restart: Restart) => ({
  ...restart,
  score: scores[restart.index] as number,
});
const byScore = (result: { score: number }) => result.score;

describe("bestOf", () => {
  it("keeps the run with the smallest score", () => {
    const result = bestOf(4, scored([3, 1, 2, 5]), byScore);
    expect(result.bestIndex).toBe(1);
    expect(result.best.score).toBe(1);
    expect(result.scores).toEqual([3, 1, 2, 5]);
  });

  it("keeps the largest score with direction maximize", () => {
    expect(bestOf(4, scored([3, 1, 7, 5]), byScore, { direction: "maximize" }).bestIndex).toBe(2);
  });

  it("gives ties to the earliest restart", () => {
    expect(bestOf(4, scored([3, 1, 1, 1]), byScore).bestIndex).toBe(1);
    expect(bestOf(3, scored([2, 2, 1]), byScore, { direction: "maximize" }).bestIndex).toBe(0);
  });

  it("never lets a NaN score win over a number", () => {
    expect(bestOf(3, scored([NaN, 5, NaN]), byScore).bestIndex).toBe(1);
    expect(bestOf(3, scored([NaN, 5, 4]), byScore, { direction: "maximize" }).bestIndex).toBe(1);
    expect(bestOf(2, scored([NaN, NaN]), byScore).bestIndex).toBe(0);
  });

  it("runs each restart once with its index and a seed derived from the base seed", () => {
    const run = vi.fn(scored([1, 2, 3]));
    const result = bestOf(3, run, byScore, { seed: 17 });
    const expected = [0, 1, 2].map((index) => deriveSeed(17, index));
    expect(run.mock.calls.map(([restart]) => restart)).toEqual(expected.map((seed, index) => ({ index, seed })));
    expect(result.seeds).toEqual(expected);
    expect(bestOf(2, scored([1, 2]), byScore).seeds).toEqual([deriveSeed(0, 0), deriveSeed(0, 1)]);
  });

  it("picks the best of seeded runs reproducibly", () => {
    const restart = ({ seed }: Restart) =>
      iterate<Walker>({ x: 5, draws: 0 }, { update: walk, maxIterations: 10, seed, trace: false });
    const first = bestOf(5, restart, (result) => Math.abs(result.state.x));
    const second = bestOf(5, restart, (result) => Math.abs(result.state.x));
    expect(second.bestIndex).toBe(first.bestIndex);
    expect(second.best.state).toEqual(first.best.state);
    expect(new Set(first.scores).size).toBe(5);
    expect(Math.abs(first.best.state.x)).toBe(Math.min(...first.scores));
  });

  it("rejects invalid arguments", () => {
    expect(() => bestOf(0, scored([]), byScore)).toThrow(InvalidOptionError);
    expect(() => bestOf(0, scored([]), byScore)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: restarts must be an integer >= 1, got 0]`,
    );
    expect(() => bestOf(2, "run" as unknown as () => number, (x) => x)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: run must be a function, got "run"]`,
    );
    expect(() => bestOf(2, scored([1, 2]), undefined as unknown as typeof byScore)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: score must be a function, got undefined]`,
    );
    expect(() => bestOf(2, scored([1, 2]), byScore, { seed: -3 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: seed must be an integer in [0, 4294967295], got -3]`,
    );
    expect(() =>
      bestOf(2, scored([1, 2]), byScore, { direction: "min" } as unknown as BestOfOptions),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: direction must be one of "minimize", "maximize", got "min"]`,
    );
  });
});

describe("bestOfAsync", () => {
  it("awaits each restart in turn and keeps the best", async () => {
    const started: number[] = [];
    const result = await bestOfAsync(
      3,
      async (restart) => {
        started.push(restart.index);
        await new Promise((resolve) => setTimeout(resolve, 0));
        return scored([4, 2, 9])(restart);
      },
      byScore,
      { direction: "maximize", seed: 3 },
    );
    expect(started).toEqual([0, 1, 2]);
    expect(result.bestIndex).toBe(2);
    expect(result.best.score).toBe(9);
    expect(result.seeds).toEqual([0, 1, 2].map((index) => deriveSeed(3, index)));
  });

  it("throws InvalidOptionError for an invalid count", async () => {
    await expect(
      bestOfAsync(
        0,
        async () => 1,
        (x) => x,
      ),
    ).rejects.toThrowErrorMatchingInlineSnapshot(`[InvalidOptionError: restarts must be an integer >= 1, got 0]`);
  });
});

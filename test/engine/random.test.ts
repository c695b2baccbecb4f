import { describe, expect, it } from "vitest";
import { CheckpointError, deriveSeed, InvalidOptionError, iterate, MAX_SEED, Random } from "../../src/index.js";
import type { Walker } from "./support.js";
import { outcome, walk } from "./support.js";

const draws = (random: Random, count: number, draw: (random: Random) => number): number[] =>
  Array.from({ length: count }, () => draw(random));

describe("Random", () => {
  it("gives the same sequence for the same seed and a different one for another seed", () => {
    const a = draws(new Random(42), 20, (random) => random.float());
    const b = draws(new Random(42), 20, (random) => random.float());
    const c = draws(new Random(43), 20, (random) => random.float());
    expect(a).toEqual(b);
    expect(c).not.toEqual(a);
    expect(new Set(a).size).toBe(20);
  });

  it("draws floats in [0, 1) with a mean near 1/2", () => {
    const values = draws(new Random(1), 10_000, (random) => random.float());
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.02);
  });

  it("draws integers in {0, ..., n - 1}, roughly uniformly", () => {
    const n = 10;
    const count = 20_000;
    const counts = new Array<number>(n).fill(0);
    const random = new Random(7);
    for (let i = 0; i < count; i++) {
      const value = random.int(n);
      expect(Number.isInteger(value) && value >= 0 && value < n).toBe(true);
      counts[value] = (counts[value] as number) + 1;
    }
    const expected = count / n;
    const chiSquare = counts.reduce((sum, observed) => sum + (observed - expected) ** 2 / expected, 0);
    // 9 degrees of freedom: the 99.99th percentile is about 33.7.
    expect(chiSquare).toBeLessThan(34);
    expect(new Random(3).int(1)).toBe(0);
  });

  it("int(n) rejects n that is not an integer >= 1 with a typed error, and draws nothing then", () => {
    const random = new Random(5);
    const untouched = new Random(5);
    for (const n of [0, -3, 2.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => random.int(n)).toThrowError(InvalidOptionError);
    }
    expect(() => random.int(0)).toThrowError("n must be an integer >= 1, got 0");
    expect(random.int(1000)).toBe(untouched.int(1000));
  });

  it("draws normal numbers with the requested mean and standard deviation", () => {
    const values = draws(new Random(11), 20_000, (random) => random.normal(3, 2));
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (values.length - 1);
    expect(Math.abs(mean - 3)).toBeLessThan(0.1);
    expect(Math.abs(variance - 4)).toBeLessThan(0.3);
    expect(values.every(Number.isFinite)).toBe(true);
  });

  it("shuffles in place into a permutation of the items", () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    const shuffled = new Random(5).shuffle(items);
    expect(shuffled).toBe(items);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(shuffled).not.toEqual(Array.from({ length: 50 }, (_, i) => i));
    const typed = new Random(5).shuffle(new Float64Array([1, 2, 3, 4]));
    expect(Array.from(typed).sort()).toEqual([1, 2, 3, 4]);
  });

  it("draws a permutation of 0, ..., n - 1", () => {
    const order = new Random(9).permutation(20);
    expect(order).toBeInstanceOf(Int32Array);
    expect(Array.from(order).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it("draws an index with probability proportional to its weight", () => {
    const random = new Random(13);
    expect(draws(random, 50, (r) => r.weightedIndex([0, 2, 0]))).toEqual(new Array(50).fill(1));
    const ones = draws(random, 10_000, (r) => r.weightedIndex([1, 3])).filter((index) => index === 1).length;
    expect(Math.abs(ones / 10_000 - 0.75)).toBeLessThan(0.03);
  });

  it("continues identically from a saved state", () => {
    const random = new Random(21);
    draws(random, 7, (r) => r.float());
    const state = random.state();
    expect(state).toHaveLength(4);
    const restored = Random.fromState(state);
    expect(draws(restored, 10, (r) => r.int(1000))).toEqual(draws(random, 10, (r) => r.int(1000)));
  });

  it("has the seed's state before its first draw (the generator is made on first use), and continues from it", () => {
    // The states a generator made at construction had (pinned from the code before it was made lazily).
    expect(new Random(5).state()).toEqual([1478832577, -1108905270, -757545350, 387527240]);
    expect(new Random(0).state()).toEqual([-1832243442, 1020716019, 454327756, 1275600319]);
    const fresh = new Random(5);
    const restored = Random.fromState(fresh.state());
    expect(draws(restored, 5, (r) => r.int(100))).toEqual(draws(new Random(5), 5, (r) => r.int(100)));
    expect(draws(fresh, 5, (r) => r.float())).toEqual(draws(new Random(5), 5, (r) => r.float()));
  });

  it("clones an independent copy with the same future", () => {
    const random = new Random(33);
    random.float();
    const copy = random.clone();
    const fromCopy = draws(copy, 5, (r) => r.float());
    expect(draws(random, 5, (r) => r.float())).toEqual(fromCopy);
    copy.float();
    expect(copy.state()).not.toEqual(random.state());
  });

  it("accepts the extreme seeds", () => {
    expect(new Random(0).float()).toBeLessThan(1);
    expect(new Random(MAX_SEED).float()).toBeLessThan(1);
    expect(MAX_SEED).toBe(4294967295);
  });

  it("rejects a seed that is not an integer in [0, 2^32 - 1]", () => {
    expect(() => new Random(-1)).toThrow(InvalidOptionError);
    expect(() => new Random(-1)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: seed must be an integer in [0, 4294967295], got -1]`,
    );
    expect(() => new Random(0.5)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: seed must be an integer in [0, 4294967295], got 0.5]`,
    );
    expect(() => new Random(2 ** 32)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: seed must be an integer in [0, 4294967295], got 4294967296]`,
    );
  });

  it("rejects a saved state that is not four 32-bit integers", () => {
    expect(() => Random.fromState([1, 2, 3])).toThrow(CheckpointError);
    expect(() => Random.fromState([1, 2, 3])).toThrowErrorMatchingInlineSnapshot(
      `[CheckpointError: random state must be four 32-bit integers, got [1, 2, 3]]`,
    );
    expect(() => Random.fromState([1, 2, 3, 0.5])).toThrowErrorMatchingInlineSnapshot(
      `[CheckpointError: random state must be four 32-bit integers, got [1, 2, 3, 0.5]]`,
    );
  });
});

describe("deriveSeed", () => {
  it("derives distinct, deterministic seeds in range", () => {
    const seeds = Array.from({ length: 1000 }, (_, index) => deriveSeed(42, index));
    expect(new Set(seeds).size).toBe(1000);
    expect(seeds.every((seed) => Number.isInteger(seed) && seed >= 0 && seed <= MAX_SEED)).toBe(true);
    expect(Array.from({ length: 1000 }, (_, index) => deriveSeed(42, index))).toEqual(seeds);
    expect(deriveSeed(43, 0)).not.toBe(deriveSeed(42, 0));
    expect(deriveSeed(42, 0)).not.toBe(42);
  });

  it("rejects an invalid seed or index", () => {
    expect(() => deriveSeed(-1, 0)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: seed must be an integer in [0, 4294967295], got -1]`,
    );
    expect(() => deriveSeed(1, -1)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: index must be an integer >= 0, got -1]`,
    );
  });
});

describe("the seed option", () => {
  const run = (seed?: number) =>
    iterate<Walker>({ x: 1, draws: 0 }, { update: walk, maxIterations: 20, ...(seed === undefined ? {} : { seed }) });

  it("gives the same run for the same seed and a different run for another seed", () => {
    expect(outcome(run(8))).toEqual(outcome(run(8)));
    expect(run(8).state.x).not.toBe(run(9).state.x);
  });

  it("defaults to seed 0", () => {
    expect(outcome(run())).toEqual(outcome(run(0)));
  });
});

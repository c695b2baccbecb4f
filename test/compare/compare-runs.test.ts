// compare's runs: seeds, tolerances never reached, warm-up, the async driver and its errors (the same describe as compare.test.ts).
import { describe, expect, it } from "vitest";
import { compare, compareAsync, distanceTo, errorMeasure } from "../../src/index.js";
import { newton, secant } from "../../solvers/newton/index.js";
import { wallis, cubic, sequence, own } from "../fixtures/compare.js";

describe("compare", () => {
  it("runs every method once per seed, on the problem built for that seed, and gives means and spreads", () => {
    const built: number[] = [];
    const comparison = compare({
      problem: (seed) => {
        built.push(seed);
        return { e0: 0.5 };
      },
      methods: [{ label: "halving", solver: sequence("halving", (e) => e / 2, 1) }],
      error: own,
      tolerances: [1e-3],
      seeds: [1, 2, 3, 4],
    });
    expect(built).toEqual([1, 1, 2, 3, 4]); // the warm-up run on the first seed's problem, then one per seed
    expect(comparison.seeds).toEqual([1, 2, 3, 4]);
    expect(comparison.series.map((curve) => curve.seed)).toEqual([1, 2, 3, 4]);
    const row = comparison.rows[0];
    const runs = row?.runs ?? [];
    expect(row?.seeds).toBe(4);
    expect(runs.map((run) => run.seed)).toEqual([1, 2, 3, 4]);
    const finals = runs.map((run) => run.finalError);
    const mean = finals.reduce((a, b) => a + b, 0) / 4;
    expect(row?.finalError).toBeCloseTo(mean, 15);
    expect(row?.spread?.finalError.mean).toBeCloseTo(mean, 15);
    expect(row?.spread?.finalError.min).toBe(Math.min(...finals));
    expect(row?.spread?.finalError.max).toBe(Math.max(...finals));
    const sd = Math.sqrt(finals.reduce((sum, value) => sum + (value - mean) ** 2, 0) / 3);
    expect(row?.spread?.finalError.sd).toBeCloseTo(sd, 15);
    expect(row?.spread?.iterations).toEqual({ mean: 20, sd: 0, min: 20, max: 20 });
    const reached = runs.map((run) => run.iterationsTo[0] as number);
    const sorted = [...reached].sort((a, b) => a - b);
    expect(row?.iterationsTo[0]).toBe(((sorted[1] as number) + (sorted[2] as number)) / 2); // the median
    expect(row?.reachedBy).toEqual([4]);
    expect(new Set(finals).size).toBeGreaterThan(1); // the seeds drew different starts
    expect(row?.rate).toBeCloseTo(0.5, 12);
  });

  it("reports a method that does not reach a tolerance as not converged, without an error", () => {
    const comparison = compare({
      problem: { e0: 1 },
      methods: [{ label: "slow", solver: sequence("slow", (e) => 0.9 * e) }],
      error: own,
      tolerances: [0.5, 1e-6],
      maxIterations: 10,
    });
    const row = comparison.rows[0];
    expect(row?.converged).toBe(false);
    expect(row?.stopReason).toEqual({ kind: "maxIterations", text: "reached maxIterations = 10" });
    expect(row?.iterationsTo).toEqual([7, undefined]); // 0.9^7 = 0.478
    expect(row?.timeToMs[1]).toBeUndefined();
    expect(row?.rate).toBeCloseTo(0.9, 12);
  });

  it("runs untimed warm-up runs first without changing the counts", () => {
    let inits = 0;
    const counted = {
      ...sequence("halving", (e) => e / 2),
      init: () => {
        inits++;
        return { e: 0.5 };
      },
    };
    const tolerances = [1e-2, 1e-4, 1e-6, 1e-8];
    const comparison = compare({
      problem: { e0: 0.5 },
      methods: [{ label: "halving", solver: counted }],
      error: own,
      warmup: 2,
      tolerances,
    });
    expect(inits).toBe(3);
    expect(comparison.warmup).toBe(2);
    expect(comparison.rows[0]?.iterationsTo).toEqual([6, 13, 19, undefined]); // e_k = 0.5^(k + 1), 20 iterations
    expect(() =>
      compare({ problem: { e0: 0.5 }, methods: [{ label: "h", solver: counted }], error: own, warmup: -1 }),
    ).toThrowErrorMatchingInlineSnapshot(`[InvalidOptionError: warmup must be an integer >= 0, got -1]`);
  });

  it("gives the same counts with the async driver", async () => {
    const options = {
      problem: cubic,
      methods: [
        { label: "Newton", solver: newton() },
        { label: "secant", solver: secant() },
      ],
      error: distanceTo(wallis),
    };
    const synchronous = compare(options);
    const asynchronous = await compareAsync(options);
    expect(asynchronous.rows.map((row) => row.iterationsTo)).toEqual(synchronous.rows.map((row) => row.iterationsTo));
    expect(asynchronous.series.map((curve) => curve.error)).toEqual(synchronous.series.map((curve) => curve.error));
  });

  it("rejects no methods, duplicate labels, bad tolerances and seeds, and names the method whose error is NaN", () => {
    const method = { label: "Newton", solver: newton() };
    const base = { problem: cubic, error: distanceTo(wallis) };
    expect(() => compare({ ...base, methods: [] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: methods must be a non-empty array of methods, got an array of length 0]`,
    );
    expect(() => compare({ ...base, methods: [method, method] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: methods[1].label must be a label no other method has, got "Newton"]`,
    );
    expect(() => compare({ ...base, methods: [{ ...method, label: "" }] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: methods[0].label must be a non-empty string, got ""]`,
    );
    expect(() => compare({ ...base, methods: [method], tolerances: [1e-2, -1] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: tolerances[1] must be a finite number > 0, got -1]`,
    );
    expect(() => compare({ ...base, methods: [method], tolerances: [] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: tolerances must be a non-empty array of numbers, got an array of length 0]`,
    );
    expect(() => compare({ ...base, methods: [method], seeds: [1.5] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: seeds[0] must be an integer in [0, 4294967295], got 1.5]`,
    );
    expect(() => compare({ ...base, methods: [method], maxIterations: -1 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: maxIterations must be an integer >= 0, got -1]`,
    );
    expect(() => compare({ ...base, methods: [method], error: undefined as never })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: error must be an error measure such as distanceTo(xStar), got undefined]`,
    );
    const nanAfterTwo = errorMeasure("broken", (state: { readonly x: number }) => (state.x === 2 ? 1 : NaN));
    expect(() => compare({ problem: cubic, methods: [method], error: nanAfterTwo })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: error.measure (method "Newton", seed 0, iteration 1) must be a number >= 0 (Infinity allowed), got NaN]`,
    );
    const negative = errorMeasure("signed", (state: { readonly x: number }) => state.x - wallis);
    expect(() => compare({ problem: cubic, methods: [method], error: negative })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: error.measure (method "Newton", seed 0, iteration 0) must be a number >= 0 (Infinity allowed), got -0.09455148154232651]`,
    );
  });
});

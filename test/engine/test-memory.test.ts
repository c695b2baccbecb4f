// The built-in tests' memories hold numbers from their creation (an `undefined` field that later holds numbers
// makes V8 box every number written into it), report `undefined` for what was never measured, and still read
// the memories of older checkpoints, whose unmeasured fields are `undefined`.
import { describe, expect, it } from "vitest";
import { absChange, below, exceeds, growsBeyond, nonFinite, normChange, relChange } from "../../src/index.js";
import type { Criterion, IterationContext } from "../../src/index.js";

type Probe = { value: number | undefined; vector: number[] };
const scalar = (state: Probe) => state.value;
const tests: [string, Criterion<Probe>][] = [
  ["below", below(scalar, 0.5)],
  ["absChange", absChange(scalar, 0.25)],
  ["relChange", relChange(scalar, 0.25)],
  ["nonFinite", nonFinite(scalar)],
  ["growsBeyond", growsBeyond(scalar, 10)],
  ["exceeds", exceeds(scalar, 3)],
];

/** An older checkpoint's memory: the same keys, `undefined` where nothing was measured. */
function olderFormat(memory: Record<string, unknown>): Record<string, unknown> {
  const older: Record<string, unknown> = { ...memory, value: undefined, iteration: undefined };
  if ("previous" in memory) older.previous = undefined;
  if ("reference" in memory && Number.isNaN(memory.reference)) older.reference = undefined;
  delete older.hasPrevious;
  return older;
}

const sequence: Probe[] = [1, undefined, 2, Number.NaN, 0.2, 0.1, 50, Infinity].map((value) => ({
  value,
  vector: [value ?? 0, 1],
}));

describe("stopping-test memories", () => {
  it.each(tests)("%s: a fresh memory holds no undefined, and reports nothing measured", (_, test) => {
    const memory = test.init() as Record<string, unknown>;
    for (const [key, entry] of Object.entries(memory)) expect([key, typeof entry]).not.toEqual([key, "undefined"]);
    for (const leaf of test.report(memory)) {
      expect(leaf.value).toBeUndefined();
      expect(leaf.iteration).toBeUndefined();
    }
  });

  it("normChange's memory holds numbers before its first measurement", () => {
    const memory = normChange((state: Probe) => state.vector, 0.1).init() as Record<string, unknown>;
    expect(typeof memory.value).toBe("number");
    expect(memory.iteration).toBe(-1);
  });

  it.each(tests)("%s: a memory of the older format checks and reports as a fresh one", (_, test) => {
    const fresh = test.init();
    const older = olderFormat(test.init() as Record<string, unknown>);
    sequence.forEach((state, iteration) => {
      const context = { iteration } as IterationContext;
      expect(test.check(state, context, older)).toBe(test.check(state, context, fresh));
      expect(test.report(older)).toEqual(test.report(fresh));
    });
  });

  it("growsBeyond takes its bound from the first measurement, NaN included, and keeps it", () => {
    const test = growsBeyond(scalar, 10);
    const memory = test.init();
    const check = (value: number | undefined, iteration: number) =>
      test.check({ value, vector: [] }, { iteration } as IterationContext, memory);
    expect(check(undefined, 0)).toBe(false);
    expect(test.report(memory)[0]?.tolerance).toBeNaN();
    expect(check(2, 1)).toBe(false);
    expect(check(-19, 2)).toBe(false);
    expect(check(21, 3)).toBe(true);
    expect(test.report(memory)[0]).toMatchObject({ tolerance: 20, value: 21, iteration: 3, met: true });
    const fromNaN = test.init();
    expect(test.check({ value: Number.NaN, vector: [] }, { iteration: 0 } as IterationContext, fromNaN)).toBe(true);
    // A NaN bound holds for every later value: nothing is within it.
    expect(test.check({ value: 0, vector: [] }, { iteration: 1 } as IterationContext, fromNaN)).toBe(true);
  });

  it("a change test's first measurement is its previous value, a NaN one included", () => {
    const test = absChange(scalar, 0.25);
    const memory = test.init();
    const check = (value: number, iteration: number) =>
      test.check({ value, vector: [] }, { iteration } as IterationContext, memory);
    expect(check(Number.NaN, 0)).toBe(false);
    expect(test.report(memory)[0]?.value).toBeUndefined();
    expect(check(1, 1)).toBe(false);
    expect(test.report(memory)[0]).toMatchObject({ iteration: 1, met: false });
    expect(test.report(memory)[0]?.value).toBeNaN();
    expect(check(1.1, 2)).toBe(true);
    expect(test.report(memory)[0]?.value).toBeCloseTo(0.1, 12);
  });
});

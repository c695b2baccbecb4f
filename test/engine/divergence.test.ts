import { describe, expect, it } from "vitest";
import { exceeds, formatCriterion, growsBeyond, InvalidOptionError, iterate, nonFinite } from "../../src/index.js";
import type { Criterion, CriterionReport, IterationContext } from "../../src/index.js";

/** Checks `test` on each state in turn, as a run would: what it answered each time, and its final report. */
function checkEach<S>(test: Criterion<S>, states: readonly S[]) {
  const memory = test.init();
  const held = states.map((state, iteration) => test.check(state, { iteration } as IterationContext, memory));
  return { held, report: test.report(memory)[0] as CriterionReport };
}

const identity = <T>(x: T): T => x;

describe("nonFinite", () => {
  it("holds when a number is NaN or infinite, from iteration 0 on", () => {
    expect(checkEach(nonFinite(identity<number>), [NaN]).held).toEqual([true]);
    const { held, report } = checkEach(nonFinite(identity<number>, { name: "f" }), [1, 2, -Infinity]);
    expect(held).toEqual([false, false, true]);
    expect(report).toEqual({
      label: "f",
      value: -Infinity,
      relation: "notFinite",
      tolerance: Infinity,
      met: true,
      iteration: 2,
    });
    expect(formatCriterion(report)).toBe("f = -Infinity (not finite: met)");
  });

  it("holds when any entry of a vector is NaN or infinite, reporting the first such entry", () => {
    const { held, report } = checkEach(nonFinite(identity<ArrayLike<number>>, { name: "x" }), [
      [1, -5],
      new Float64Array([1, NaN, Infinity]),
    ]);
    expect(held).toEqual([false, true]);
    expect(report.value).toBeNaN();
  });

  it("reports the largest magnitude of a finite vector", () => {
    const { report } = checkEach(nonFinite(identity<ArrayLike<number>>, { name: "x" }), [[1, -5, 3]]);
    expect(report).toMatchObject({ value: 5, met: false });
    expect(formatCriterion(report)).toBe("x = 5 (finite: not met)");
  });

  it("skips an undefined measurement", () => {
    expect(checkEach(nonFinite(identity<number | undefined>), [1, undefined, NaN, undefined]).held).toEqual([
      false,
      false,
      true,
      true,
    ]);
  });

  it("stops a run with diverged", () => {
    const result = iterate(new Float64Array([1, 2]), {
      update: (x) => x.map((v) => v * 1e200),
      maxIterations: 10,
      diverged: nonFinite((x: Float64Array) => x, { name: "x" }),
    });
    expect(result.iterations).toBe(2);
    expect(result.stopReason).toMatchObject({
      kind: "diverged",
      source: "test",
      message: "x = Infinity (not finite: met)",
    });
    expect(result.criteria.divergence).toHaveLength(1);
  });

  it("rejects a measure that is not a function", () => {
    expect(() => nonFinite(undefined as unknown as (x: number) => number)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: measure must be a function, got undefined]`,
    );
  });
});

describe("growsBeyond", () => {
  it("holds when the magnitude exceeds the factor times the first measurement", () => {
    const { held, report } = checkEach(growsBeyond(identity<number>, 10, { name: "|r|" }), [2, 15, -20, -21]);
    expect(held).toEqual([false, false, false, true]);
    expect(report).toEqual({
      label: "|r|",
      value: -21,
      relation: ">",
      tolerance: 20,
      met: true,
      iteration: 3,
      note: "10 x initial",
    });
    expect(formatCriterion(report)).toBe("|r| = -21 > 20 (met, 10 x initial)");
  });

  it("counts a NaN measurement as divergence", () => {
    expect(checkEach(growsBeyond(identity<number>, 1e5), [2, NaN]).held).toEqual([false, true]);
    expect(checkEach(growsBeyond(identity<number>, 1e5), [NaN, 0]).held).toEqual([true, true]);
  });

  it("uses the first measured value, skipping undefined ones", () => {
    const { held, report } = checkEach(growsBeyond(identity<number | undefined>, 2), [undefined, 3, 6, 7]);
    expect(held).toEqual([false, false, false, true]);
    expect(report.tolerance).toBe(6);
  });

  it("rejects a factor below 1", () => {
    expect(() => growsBeyond(identity<number>, 0.5)).toThrow(InvalidOptionError);
    expect(() => growsBeyond(identity<number>, 0.5)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: divergenceTolerance must be a finite number >= 1, got 0.5]`,
    );
    expect(() => growsBeyond(identity<number>, NaN)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: divergenceTolerance must be a finite number >= 1, got NaN]`,
    );
  });
});

describe("exceeds", () => {
  it("holds when the magnitude exceeds a fixed bound, or the value is not finite", () => {
    const { held, report } = checkEach(exceeds(identity<number>, 100, { name: "f" }), [50, -100, -150]);
    expect(held).toEqual([false, false, true]);
    expect(report).toEqual({ label: "f", value: -150, relation: ">", tolerance: 100, met: true, iteration: 2 });
    expect(checkEach(exceeds(identity<number>, 100), [Infinity]).held).toEqual([true]);
    expect(checkEach(exceeds(identity<number>, 100), [NaN]).held).toEqual([true]);
  });

  it("reports a value within the bound as not met", () => {
    const { report } = checkEach(exceeds(identity<number>, 100, { name: "f" }), [50]);
    expect(formatCriterion(report)).toBe("f = 50 <= 100 (not met)");
  });

  it("stops a run with diverged, naming the test that held among several", () => {
    const result = iterate(1, {
      update: (x: number) => x * 4,
      maxIterations: 10,
      diverged: [nonFinite((x: number) => x, { name: "x" }), exceeds((x: number) => x, 1000, { name: "x" })],
    });
    expect(result.iterations).toBe(5);
    expect(result.stopReason).toMatchObject({ kind: "diverged", source: "test", message: "x = 1024 > 1000 (met)" });
  });

  it("rejects a negative bound", () => {
    expect(() => exceeds(identity<number>, -1)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: bound must be a finite number >= 0, got -1]`,
    );
  });
});

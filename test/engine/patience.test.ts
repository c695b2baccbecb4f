import { describe, expect, it } from "vitest";
import { formatCriterion, InvalidOptionError, iterate, patience } from "../../src/index.js";
import type { Criterion, CriterionReport, IterationContext, PatienceOptions } from "../../src/index.js";

/** Checks `test` on each value in turn, as a run would: what it answered each time, and its final report. */
function checkEach(test: Criterion<number | undefined>, values: readonly (number | undefined)[]) {
  const memory = test.init();
  const held = values.map((value, iteration) => test.check(value, { iteration } as IterationContext, memory));
  return { held, report: test.report(memory)[0] as CriterionReport };
}

const identity = (x: number | undefined): number | undefined => x;

describe("patience", () => {
  it("holds after `patience` checks in a row without improvement, reporting the best value and its iteration", () => {
    const { held, report } = checkEach(patience(identity, { patience: 2, name: "val loss" }), [5, 4, 4, 4]);
    expect(held).toEqual([false, false, false, true]);
    expect(report).toEqual({
      label: "val loss: checks without improvement",
      value: 2,
      relation: ">=",
      tolerance: 2,
      met: true,
      iteration: 3,
      note: "best 4 at iteration 1",
      best: { value: 4, iteration: 1 },
    });
    expect(formatCriterion(report)).toBe("val loss: checks without improvement = 2 >= 2 (met, best 4 at iteration 1)");
  });

  it("resets the wait on an improvement", () => {
    const { held, report } = checkEach(patience(identity, { patience: 2 }), [5, 6, 4, 6, 6]);
    expect(held).toEqual([false, false, false, false, true]);
    expect(report.best).toEqual({ value: 4, iteration: 2 });
  });

  it("counts only improvements larger than minDelta", () => {
    const { held, report } = checkEach(
      patience(identity, { patience: 3, minDelta: 0.1 }),
      [5, 4.95, 4.9, 4.85, 4.84, 4.83],
    );
    expect(held).toEqual([false, false, false, false, false, false]);
    expect(report).toMatchObject({ value: 2, best: { value: 4.85, iteration: 3 } });
  });

  it("treats larger values as better with direction maximize", () => {
    const { held, report } = checkEach(
      patience(identity, { patience: 2, direction: "maximize", name: "accuracy" }),
      [0.5, 0.6, 0.55, 0.58],
    );
    expect(held).toEqual([false, false, false, true]);
    expect(report.best).toEqual({ value: 0.6, iteration: 1 });
  });

  it("skips iterations at which the monitor returns undefined", () => {
    const { held, report } = checkEach(patience(identity, { patience: 2 }), [5, undefined, 6, undefined, 7]);
    expect(held).toEqual([false, false, false, false, true]);
    expect(report.iteration).toBe(4);
  });

  it("never counts NaN as an improvement nor holds at a NaN check", () => {
    expect(checkEach(patience(identity, { patience: 1 }), [5, NaN]).held).toEqual([false, false]);
    expect(checkEach(patience(identity, { patience: 1 }), [5, NaN, 5]).held).toEqual([false, false, true]);
    const startsWithNaN = checkEach(patience(identity, { patience: 2 }), [NaN, 3, 3]);
    expect(startsWithNaN.held).toEqual([false, false, false]);
    expect(startsWithNaN.report.best).toEqual({ value: 3, iteration: 1 });
  });

  it("never holds for a metric that is NaN at every check", () => {
    const nan = checkEach(patience(identity, { patience: 2 }), [NaN, NaN, NaN, NaN, NaN]);
    expect(nan.held).toEqual([false, false, false, false, false]);
    expect(nan.report.best).toBeUndefined();
    expect(nan.report.value).toBe(0);
  });

  it("reports nothing measured before the first check", () => {
    const test = patience(identity, { patience: 2 });
    const report = test.report(test.init())[0] as CriterionReport;
    expect(report.value).toBeUndefined();
    expect(report.best).toBeUndefined();
    expect(formatCriterion(report)).toBe("metric: checks without improvement = n/a (not met: not measured yet)");
  });

  it("stops a run early with the best value in the stop reason", () => {
    const losses = [3, 2, 1.5, 1.6, 1.7, 1.8, 1.2, 1.1];
    const result = iterate(0, {
      update: (k: number) => k + 1,
      maxIterations: losses.length - 1,
      converged: patience((k: number) => losses[k], { patience: 3, name: "val loss" }),
    });
    expect(result.iterations).toBe(5);
    expect(result.stopReason).toMatchObject({
      kind: "converged",
      test: "val loss: checks without improvement",
      value: 3,
      tolerance: 3,
    });
    if (result.stopReason.kind === "converged")
      expect(result.stopReason.met[0]?.best).toEqual({ value: 1.5, iteration: 2 });
  });

  it("rejects invalid options", () => {
    expect(() => patience(identity, { patience: 0 })).toThrow(InvalidOptionError);
    expect(() => patience(identity, { patience: 0 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: patience must be an integer >= 1, got 0]`,
    );
    expect(() => patience(identity, {} as PatienceOptions)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: patience must be an integer >= 1, got undefined]`,
    );
    expect(() => patience(identity, { patience: 2, minDelta: -1 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: minDelta must be a finite number >= 0, got -1]`,
    );
    expect(() =>
      patience(identity, { patience: 2, direction: "up" } as unknown as PatienceOptions),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: direction must be one of "minimize", "maximize", got "up"]`,
    );
    expect(() => patience(null as unknown as typeof identity, { patience: 2 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: monitor must be a function, got null]`,
    );
  });
});

import { describe, expect, it } from "vitest";
import {
  absChange,
  allOf,
  anyOf,
  below,
  formatCriterion,
  InvalidOptionError,
  iterate,
  patience,
  sustained,
} from "../../src/index.js";
import type { Criterion, CriterionReport } from "../../src/index.js";
import { checkEach, identity } from "./support.js";

describe("anyOf", () => {
  interface Pair {
    readonly a: number;
    readonly b: number;
  }

  it("holds when any test holds and reports every leaf", () => {
    const test = anyOf(
      below((s: Pair) => s.a, 1, { name: "a" }),
      below((s: Pair) => s.b, 1, { name: "b" }),
    );
    const { held, report } = checkEach(test, [
      { a: 5, b: 5 },
      { a: 5, b: 0 },
    ]);
    expect(test.label).toBe("anyOf(a, b)");
    expect(held).toEqual([false, true]);
    expect(report.map((leaf) => [leaf.label, leaf.value, leaf.met])).toEqual([
      ["a", 5, false],
      ["b", 0, true],
    ]);
  });

  it("checks every test at every iteration, so change tests keep their previous values current", () => {
    const test = anyOf(
      below((s: Pair) => s.a, 1, { name: "a" }),
      absChange((s: Pair) => s.b, 0.5, { name: "b" }),
    );
    const { held, report } = checkEach(test, [
      { a: 0, b: 0 },
      { a: 0, b: 10 },
      { a: 5, b: 10.1 },
    ]);
    expect(held).toEqual([true, true, true]);
    expect(report[1]).toMatchObject({ label: "|db|", value: expect.closeTo(0.1, 12), met: true, iteration: 2 });
  });

  it("is what an array of tests passed as converged means", () => {
    const result = iterate(0, {
      update: (x: number) => x + 1,
      maxIterations: 10,
      converged: [below((x: number) => 10 - x, 6, { name: "gap" }), absChange((x: number) => x, 0)],
    });
    expect(result.stopReason).toMatchObject({ kind: "converged", test: "gap", value: 6 });
    expect(result.criteria.convergence.map((leaf) => leaf.label)).toEqual(["gap", "|dx|"]);
  });

  it("rejects an empty list or a member that is not a criterion", () => {
    expect(() => anyOf()).toThrow(InvalidOptionError);
    expect(() => anyOf()).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: anyOf(...tests) must be one or more criteria, got an array of length 0]`,
    );
    expect(() => anyOf(below(identity, 1), {} as Criterion<number | undefined>)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: anyOf(...tests)[1].check must be a function, got undefined]`,
    );
  });
});

describe("allOf", () => {
  it("holds only when every test holds at the same iteration", () => {
    const test = allOf(
      below((s: [number, number]) => s[0], 1, { name: "a" }),
      below((s: [number, number]) => s[1], 1, { name: "b" }),
    );
    const { held, report } = checkEach<[number, number]>(test, [
      [0, 5],
      [5, 0],
      [0, 0],
    ]);
    expect(test.label).toBe("allOf(a, b)");
    expect(held).toEqual([false, false, true]);
    expect(report.map((leaf) => leaf.met)).toEqual([true, true]);
  });

  it("reports every met leaf in the stop reason", () => {
    const result = iterate(8, {
      update: (x: number) => x / 2,
      maxIterations: 10,
      converged: allOf(
        below((x: number) => x, 1, { name: "x" }),
        absChange((x: number) => x, 1),
      ),
    });
    expect(result.iterations).toBe(3);
    expect(result.stopReason).toMatchObject({ kind: "converged", test: "x", value: 1, tolerance: 1 });
    if (result.stopReason.kind === "converged")
      expect(result.stopReason.met.map((leaf) => leaf.label)).toEqual(["x", "|dx|"]);
  });

  it("rejects an empty list", () => {
    expect(() => allOf()).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: allOf(...tests) must be one or more criteria, got an array of length 0]`,
    );
  });
});

describe("sustained", () => {
  it("needs the test to hold at n consecutive checks", () => {
    const test = sustained(3, below(identity, 1));
    const { held, report } = checkEach(test, [0.5, 0.5, 2, 0.5, 0.5, 0.5]);
    expect(test.label).toBe("sustained(3, value)");
    expect(held).toEqual([false, false, false, false, false, true]);
    expect(report[0]).toMatchObject({ met: true, note: "held 3 of 3 consecutive checks" });
  });

  it("reports the streak so far while it has not held long enough", () => {
    const { report } = checkEach(sustained(3, below(identity, 1)), [2, 0.5, 0.5]);
    expect(report[0]).toMatchObject({
      value: 0.5,
      met: false,
      comparisonHeld: true,
      note: "held 2 of 3 consecutive checks",
    });
    // The comparison is stated as it is (0.5 <= 1); the status says the test has not held long enough.
    expect(formatCriterion(report[0] as CriterionReport)).toBe(
      "value = 0.5 <= 1 (not met, held 2 of 3 consecutive checks)",
    );
  });

  it("rejects a count below 1", () => {
    expect(() => sustained(0, below(identity, 1))).toThrow(InvalidOptionError);
    expect(() => sustained(0, below(identity, 1))).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: sustained(checks) must be an integer >= 1, got 0]`,
    );
    expect(() => sustained(2, undefined as unknown as Criterion<number>)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: sustained(test).check must be a function, got undefined]`,
    );
  });
});

describe("RunResult.criteria", () => {
  it("lists every convergence leaf with its last value, tolerance and whether it held", () => {
    const result = iterate(16, {
      update: (x: number) => x / 2,
      maxIterations: 3,
      converged: anyOf(
        below((x: number) => x, 1, { name: "x" }),
        absChange((x: number) => x, 0.5),
        patience((x: number) => x, { patience: 2, name: "loss" }),
      ),
    });
    expect(result.stopReason.kind).toBe("maxIterations");
    expect(result.criteria.convergence).toEqual([
      { label: "x", value: 2, relation: "<=", tolerance: 1, met: false, iteration: 3 },
      { label: "|dx|", value: 2, relation: "<=", tolerance: 0.5, met: false, iteration: 3 },
      {
        label: "loss: checks without improvement",
        value: 0,
        relation: ">=",
        tolerance: 2,
        met: false,
        iteration: 3,
        note: "best 2 at iteration 3",
        best: { value: 2, iteration: 3 },
      },
    ]);
    expect(result.criteria.divergence).toEqual([]);
  });
});

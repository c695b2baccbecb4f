import { describe, expect, it } from "vitest";
import {
  absChange,
  allOf,
  anyOf,
  below,
  formatCriterion,
  InvalidOptionError,
  iterate,
  norm1,
  norm2,
  normChange,
  patience,
  relChange,
  sustained,
} from "../../src/index.js";
import type { Criterion, CriterionReport, IterationContext } from "../../src/index.js";

/** Checks `test` on each state in turn, as a run would: what it answered each time, and its final report. */
function checkEach<S>(
  test: Criterion<S>,
  states: readonly S[],
): { held: boolean[]; report: readonly CriterionReport[] } {
  const memory = test.init();
  const held = states.map((state, iteration) => test.check(state, { iteration } as IterationContext, memory));
  return { held, report: test.report(memory) };
}

const identity = (x: number | undefined): number | undefined => x;

describe("absChange", () => {
  it("holds when consecutive measurements differ by at most the tolerance", () => {
    const { held, report } = checkEach(absChange(identity, 0.01), [10, 5, 4.5, 4.45, 4.445]);
    expect(held).toEqual([false, false, false, false, true]);
    expect(report).toEqual([
      { label: "|dx|", value: expect.closeTo(0.005, 12), relation: "<=", tolerance: 0.01, met: true, iteration: 4 },
    ]);
  });

  it("never holds at iteration 0, where nothing has been measured yet", () => {
    const { held, report } = checkEach(absChange(identity, 1e9), [3]);
    expect(held).toEqual([false]);
    expect(report[0]?.value).toBeUndefined();
    expect(formatCriterion(report[0] as CriterionReport)).toBe("|dx| = n/a (not met: not measured yet)");
  });

  it("skips an undefined measurement and keeps its memory", () => {
    const { held, report } = checkEach(absChange(identity, 0.01, { name: "f" }), [10, undefined, 10.005, undefined]);
    expect(held).toEqual([false, false, true, true]);
    expect(report[0]).toMatchObject({ label: "|df|", iteration: 2, met: true });
  });

  it("treats a NaN change as not met", () => {
    const { held } = checkEach(absChange(identity, 1), [1, NaN, NaN]);
    expect(held).toEqual([false, false, false]);
  });

  it("rejects a tolerance that is NaN or negative, and a measure that is not a function", () => {
    expect(() => absChange(identity, NaN)).toThrow(InvalidOptionError);
    expect(() => absChange(identity, NaN)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: tolerance must be a finite number >= 0, got NaN]`,
    );
    expect(() => absChange(identity, -1)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: tolerance must be a finite number >= 0, got -1]`,
    );
    expect(() => absChange("x" as unknown as typeof identity, 1)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: measure must be a function, got "x"]`,
    );
  });

  it("stops a run with converged and reports the change", () => {
    const result = iterate(1, { update: Math.cos, maxIterations: 200, converged: absChange((x: number) => x, 1e-12) });
    expect(result.stopReason).toMatchObject({ kind: "converged", test: "|dx|", tolerance: 1e-12 });
    expect(result.state).toBeCloseTo(0.7390851332151607, 11);
  });
});

describe("relChange", () => {
  it("holds when the change relative to the larger magnitude is at most the tolerance", () => {
    const { held, report } = checkEach(relChange(identity, 0.01), [100, 90, 89.5]);
    expect(held).toEqual([false, false, true]);
    expect(report[0]).toMatchObject({ label: "|dx|/|x|", value: expect.closeTo(0.5 / 90, 12), met: true });
  });

  it("counts a change from 0 to 0 as no change", () => {
    const { held, report } = checkEach(relChange(identity, 0, { name: "f" }), [0, 0]);
    expect(held).toEqual([false, true]);
    expect(report[0]).toMatchObject({ label: "|df|/|f|", value: 0, met: true });
  });

  it("measures a change from 0 to anything else as 1", () => {
    const { held, report } = checkEach(relChange(identity, 0.5), [0, -3]);
    expect(held).toEqual([false, false]);
    expect(report[0]?.value).toBe(1);
  });

  it("rejects a tolerance that is NaN", () => {
    expect(() => relChange(identity, NaN)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: tolerance must be a finite number >= 0, got NaN]`,
    );
  });
});

describe("below", () => {
  it("is checked at iteration 0", () => {
    const { held, report } = checkEach(below(identity, 1e-8, { name: "|grad|" }), [5e-9]);
    expect(held).toEqual([true]);
    expect(report).toEqual([
      { label: "|grad|", value: 5e-9, relation: "<=", tolerance: 1e-8, met: true, iteration: 0 },
    ]);
  });

  it("holds while the value is at most the tolerance, named value by default", () => {
    const { held, report } = checkEach(below(identity, 1), [3, 1, 0.5, 2]);
    expect(held).toEqual([false, true, true, false]);
    expect(report[0]).toMatchObject({ label: "value", value: 2, met: false, iteration: 3 });
  });

  it("skips an undefined measurement and keeps its last answer", () => {
    const { held } = checkEach(below(identity, 1), [3, undefined, 0.5, undefined]);
    expect(held).toEqual([false, false, true, true]);
  });

  it("rejects a negative tolerance", () => {
    expect(() => below(identity, -1e-8)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: tolerance must be a finite number >= 0, got -1e-8]`,
    );
  });
});

describe("normChange", () => {
  const vectors = [
    [0, 0],
    [3, 4],
    [3.5, 3],
  ];
  const asVector = (vector: number[]): readonly number[] => vector;

  it("measures the change in the infinity norm by default", () => {
    const { held, report } = checkEach(normChange(asVector, 0.9), vectors);
    expect(held).toEqual([false, false, false]);
    expect(report[0]).toMatchObject({ label: "||dx||", value: 1, met: false, iteration: 2 });
  });

  it("measures the change in the norm it is given", () => {
    expect(checkEach(normChange(asVector, 0, { norm: norm2 }), vectors.slice(0, 2)).report[0]?.value).toBe(5);
    expect(checkEach(normChange(asVector, 0, { norm: norm1 }), vectors).report[0]?.value).toBe(1.5);
    expect(checkEach(normChange(asVector, 1.2, { norm: norm2 }), vectors).held).toEqual([false, false, true]);
  });

  it("divides by the norm of the new vector with relative, counting 0 / 0 as 0", () => {
    const relative = normChange(asVector, 0.3, { relative: true, name: "w" });
    const { held, report } = checkEach(relative, vectors);
    expect(held).toEqual([false, false, true]);
    expect(report[0]).toMatchObject({ label: "||dw||/||w||", value: 1 / 3.5 });
    expect(checkEach(relative, [[0], [0]]).report[0]?.value).toBe(0);
    expect(checkEach(relative, [[1], [0]]).report[0]?.value).toBe(Infinity);
  });

  it("copies the previous vector, so a state may overwrite its buffer", () => {
    const buffer = new Float64Array(2);
    const test = normChange((k: number) => {
      buffer.set(vectors[k] as number[]);
      return buffer;
    }, 0);
    const { report } = checkEach(test, [0, 1, 2]);
    expect(report[0]?.value).toBe(1);
  });

  it("never holds at iteration 0, nor when the vector changes length", () => {
    const { held } = checkEach(normChange(asVector, 10), [[1], [1, 2], [1, 2]]);
    expect(held).toEqual([false, false, true]);
  });

  it("does not hold when the vector turns NaN, whatever the norm", () => {
    for (const norm of [undefined, norm1, norm2]) {
      const test = normChange(asVector, 1, norm === undefined ? {} : { norm });
      expect(
        checkEach(test, [
          [1, 0, 0],
          [NaN, 0, 0.5],
        ]).held,
      ).toEqual([false, false]);
    }
  });

  it("rejects a norm that is not a function", () => {
    expect(() => normChange(asVector, 1, { norm: 2 as unknown as typeof norm2 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: norm must be a function, got 2]`,
    );
  });
});

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

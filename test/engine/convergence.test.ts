import { describe, expect, it } from "vitest";
import {
  absChange,
  below,
  formatCriterion,
  InvalidOptionError,
  iterate,
  norm1,
  norm2,
  normChange,
  relChange,
} from "../../src/index.js";
import type { CriterionReport } from "../../src/index.js";
import { checkEach, identity } from "./support.js";

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

import { describe, expect, it } from "vitest";
import { finiteRows, returnedNumber, toFiniteFloat64 } from "../../src/index.js";

describe("toFiniteFloat64", () => {
  it("copies finite numbers and names the first entry that is not one", () => {
    expect(Array.from(toFiniteFloat64([1, 2.5], "problem.b"))).toEqual([1, 2.5]);
    expect(() => toFiniteFloat64([1, null], "problem.b")).toThrowErrorMatchingInlineSnapshot(`[InvalidProblemError: problem.b[1] must be a finite number, got null]`);
    expect(() => toFiniteFloat64([true], "problem.b")).toThrow("problem.b[0] must be a finite number, got true");
    expect(() => toFiniteFloat64(["3"], "problem.b")).toThrow('problem.b[0] must be a finite number, got "3"');
    expect(() => toFiniteFloat64(new Float64Array([1, NaN]), "problem.b")).toThrow("problem.b[1] must be a finite number, got NaN");
    expect(() => toFiniteFloat64([1], "problem.b", 2)).toThrow("problem.b must be an array of 2 finite numbers, got an array of length 1");
  });
});

describe("finiteRows", () => {
  it("flattens rows and names the entry by row and column", () => {
    const m = finiteRows([[1, 2], [3, 4]], "problem.data");
    expect([m.rows, m.columns, Array.from(m.values)]).toEqual([2, 2, [1, 2, 3, 4]]);
    expect(() => finiteRows([[1, 2], [null, 4]], "problem.data")).toThrowErrorMatchingInlineSnapshot(`[InvalidProblemError: problem.data[1][0] must be a finite number, got null]`);
    expect(() => finiteRows([[1, 2], [3]], "problem.data")).toThrow("problem.data[1] must be a row of 2 finite numbers, got an array of length 1");
  });
});

describe("returnedNumber", () => {
  it("lets NaN through (a divergence) but rejects what is not a number", () => {
    expect(returnedNumber(NaN, "problem.f(x)")).toBeNaN();
    expect(() => returnedNumber(null, "problem.f(x)")).toThrow("problem.f(x) must be a number, got null");
    expect(() => returnedNumber(Promise.resolve(1), "problem.f(x)")).toThrow(/returned a Promise: solvers call problem functions synchronously/);
  });
});

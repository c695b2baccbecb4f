import { describe, expect, it } from "vitest";
import { finiteRows, returnedMatrix, returnedNumber, returnedVector, toFiniteFloat64 } from "../../src/index.js";

describe("toFiniteFloat64", () => {
  it("copies finite numbers and names the first entry that is not one", () => {
    expect(Array.from(toFiniteFloat64([1, 2.5], "problem.b"))).toEqual([1, 2.5]);
    expect(() => toFiniteFloat64([1, null], "problem.b")).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.b[1] must be a finite number, got null]`,
    );
    expect(() => toFiniteFloat64([true], "problem.b")).toThrow("problem.b[0] must be a finite number, got true");
    expect(() => toFiniteFloat64(["3"], "problem.b")).toThrow('problem.b[0] must be a finite number, got "3"');
    expect(() => toFiniteFloat64(new Float64Array([1, NaN]), "problem.b")).toThrow(
      "problem.b[1] must be a finite number, got NaN",
    );
    expect(() => toFiniteFloat64([1], "problem.b", 2)).toThrow(
      "problem.b must be an array of 2 finite numbers, got an array of length 1",
    );
  });
});

describe("finiteRows", () => {
  it("flattens rows and names the entry by row and column", () => {
    const m = finiteRows(
      [
        [1, 2],
        [3, 4],
      ],
      "problem.data",
    );
    expect([m.rows, m.columns, Array.from(m.values)]).toEqual([2, 2, [1, 2, 3, 4]]);
    expect(() =>
      finiteRows(
        [
          [1, 2],
          [null, 4],
        ],
        "problem.data",
      ),
    ).toThrowErrorMatchingInlineSnapshot(`[InvalidProblemError: problem.data[1][0] must be a finite number, got null]`);
    expect(() => finiteRows([[1, 2], [3]], "problem.data")).toThrow(
      "problem.data[1] must be a row of 2 finite numbers, got an array of length 1",
    );
  });
});

describe("returnedNumber", () => {
  it("lets NaN through (a divergence) but rejects what is not a number", () => {
    expect(returnedNumber(NaN, "problem.f(x)")).toBeNaN();
    expect(() => returnedNumber(null, "problem.f(x)")).toThrow("problem.f(x) must be a number, got null");
    expect(() => returnedNumber(Promise.resolve(1), "problem.f(x)")).toThrow(
      /returned a Promise: solvers call problem functions synchronously/,
    );
  });
});

describe("returnedVector", () => {
  it("copies numbers, NaN and infinities included, so the run can end diverged", () => {
    const out = new Float64Array(3);
    returnedVector([1, NaN, -Infinity], out, "problem.gradient(x)");
    expect(Array.from(out)).toEqual([1, NaN, -Infinity]);
    returnedVector(new Float32Array([0.5, 2, 3]), out, "problem.gradient(x)");
    expect(Array.from(out)).toEqual([0.5, 2, 3]);
  });

  it("names the entry that is not a number, the wrong length, or a Promise", () => {
    const out = new Float64Array(2);
    expect(() => returnedVector([null, null], out, "problem.f(x)")).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.f(x)[0] must be a number, got null]`,
    );
    expect(() => returnedVector([1, "2"], out, "problem.f(x)")).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.f(x)[1] must be a number, got "2"]`,
    );
    expect(() => returnedVector([1, 2, 3], out, "problem.gradient(x)")).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.gradient(x) must be an array of 2 numbers, got an array of length 3]`,
    );
    expect(() => returnedVector(undefined, out, "problem.gradient(x)")).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.gradient(x) must be an array of 2 numbers, got undefined]`,
    );
    expect(() => returnedVector(Promise.resolve([1, 2]), out, "problem.f(x)")).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.f(x) must be an array of 2 numbers (it returned a Promise: solvers call problem functions synchronously, so await the values first or write the update yourself and run it with iterateAsync), got a Promise]`,
    );
  });
});

describe("returnedMatrix", () => {
  it("reads rows or a row-major array, NaN included", () => {
    const out = new Float64Array(4);
    returnedMatrix(
      [
        [1, 2],
        [3, NaN],
      ],
      2,
      out,
      "problem.hessian(x)",
    );
    expect(Array.from(out)).toEqual([1, 2, 3, NaN]);
    returnedMatrix([4, 3, 2, 1], 2, out, "problem.hessian(x)");
    expect(Array.from(out)).toEqual([4, 3, 2, 1]);
  });

  it("names the row or entry that is wrong", () => {
    const out = new Float64Array(4);
    expect(() =>
      returnedMatrix(
        [
          [1, 2],
          [3, null],
        ],
        2,
        out,
        "problem.jacobian(x)",
      ),
    ).toThrowErrorMatchingInlineSnapshot(`[InvalidProblemError: problem.jacobian(x)[1][1] must be a number, got null]`);
    expect(() => returnedMatrix([[1, 2], [3]], 2, out, "problem.jacobian(x)")).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.jacobian(x)[1] must be a row of 2 numbers, got an array of length 1]`,
    );
    expect(() => returnedMatrix([1, 2, 3, true], 2, out, "problem.hessian(x)")).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.hessian(x)[3] must be a number, got true]`,
    );
    expect(() => returnedMatrix(7, 2, out, "problem.hessian(x)")).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.hessian(x) must be a 2 x 2 matrix (2 rows of 2 numbers, or 4 numbers row-major), got 7]`,
    );
  });
});

import { describe, expect, it } from "vitest";
import { norm1, norm2, normInf } from "../../src/index.js";

describe("normInf", () => {
  it("is the largest absolute entry", () => {
    expect(normInf([1, -7, 3])).toBe(7);
    expect(normInf(new Float64Array([0.5, -0.25]))).toBe(0.5);
  });

  it("is 0 for an empty vector and NaN when an entry is NaN", () => {
    expect(normInf([])).toBe(0);
    expect(normInf([1, NaN, 2])).toBeNaN();
    expect(normInf([NaN, 5])).toBeNaN();
    expect(normInf([Infinity, NaN])).toBeNaN();
  });

  it("is infinite when an entry is infinite", () => {
    expect(normInf([1, -Infinity])).toBe(Infinity);
  });
});

describe("norm2", () => {
  it("is the Euclidean length", () => {
    expect(norm2([3, 4])).toBe(5);
    expect(norm2(new Float64Array([1, 2, 2]))).toBe(3);
    expect(norm2([])).toBe(0);
    expect(norm2([0, 0])).toBe(0);
  });

  it("neither overflows nor underflows", () => {
    expect(norm2([3e200, 4e200])).toBeCloseTo(5e200, -190);
    expect(norm2([3e-200, 4e-200]) / 5e-200).toBeCloseTo(1, 12);
  });

  it("propagates NaN and infinity", () => {
    expect(norm2([1, NaN])).toBeNaN();
    expect(norm2([NaN, 0])).toBeNaN();
    expect(norm2([1, Infinity])).toBe(Infinity);
  });
});

describe("norm1", () => {
  it("is the sum of absolute entries", () => {
    expect(norm1([1, -2, 3])).toBe(6);
    expect(norm1([])).toBe(0);
    expect(norm1([1, NaN])).toBeNaN();
  });
});

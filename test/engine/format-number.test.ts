import { describe, expect, it } from "vitest";
import { formatNumber } from "../../src/index.js";

describe("formatNumber", () => {
  it("writes moderate magnitudes with 4 significant digits", () => {
    expect(formatNumber(12.3456)).toBe("12.35");
    expect(formatNumber(0.739085)).toBe("0.7391");
    expect(formatNumber(-0.5)).toBe("-0.5");
    expect(formatNumber(1e-3)).toBe("0.001");
    expect(formatNumber(1234.5678)).toBe("1235");
  });

  it("writes small and large magnitudes in scientific notation with 2 significant digits", () => {
    expect(formatNumber(3.14159e-9)).toBe("3.1e-9");
    expect(formatNumber(2e12)).toBe("2.0e+12");
    expect(formatNumber(1e5)).toBe("1.0e+5");
    expect(formatNumber(-9.99e-4)).toBe("-1.0e-3");
  });

  it("writes zero and non-finite values plainly", () => {
    expect(formatNumber(0)).toBe("0");
    expect(formatNumber(-0)).toBe("0");
    expect(formatNumber(NaN)).toBe("NaN");
    expect(formatNumber(Infinity)).toBe("Infinity");
    expect(formatNumber(-Infinity)).toBe("-Infinity");
  });
});

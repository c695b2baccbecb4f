import { describe, expect, it } from "vitest";
import { formatCriterion } from "../../src/index.js";
import type { CriterionReport } from "../../src/index.js";

const report = (overrides: Partial<CriterionReport>): CriterionReport => ({
  label: "|grad|",
  value: 3.1e-9,
  relation: "<=",
  tolerance: 1e-8,
  met: true,
  iteration: 23,
  ...overrides,
});

describe("formatCriterion", () => {
  it("writes a met test with its relation and the tolerance as written", () => {
    expect(formatCriterion(report({}))).toBe("|grad| = 3.1e-9 <= 1e-8 (met)");
  });

  it("writes an unmet test with the negated relation", () => {
    expect(formatCriterion(report({ label: "|dx|", value: 2e-5, met: false }))).toBe("|dx| = 2.0e-5 > 1e-8 (not met)");
    expect(formatCriterion(report({ label: "|df|", value: 2e-5, tolerance: 1e-12, met: false }))).toBe(
      "|df| = 2.0e-5 > 1e-12 (not met)",
    );
    expect(formatCriterion(report({ label: "waits", value: 1, relation: ">=", tolerance: 3, met: false }))).toBe(
      "waits = 1 < 3 (not met)",
    );
    expect(formatCriterion(report({ label: "|r|", value: 5, relation: ">", tolerance: 20, met: false }))).toBe(
      "|r| = 5 <= 20 (not met)",
    );
  });

  it("writes a not-finite test without a tolerance", () => {
    expect(
      formatCriterion(report({ label: "f", value: NaN, relation: "notFinite", tolerance: Infinity, met: true })),
    ).toBe("f = NaN (not finite: met)");
    expect(
      formatCriterion(report({ label: "f", value: 12.3456, relation: "notFinite", tolerance: Infinity, met: false })),
    ).toBe("f = 12.35 (finite: not met)");
  });

  it("writes a test that has measured nothing yet as n/a", () => {
    expect(formatCriterion(report({ label: "|dx|", value: undefined, met: false }))).toBe(
      "|dx| = n/a (not met: not measured yet)",
    );
  });

  it("appends the note", () => {
    expect(formatCriterion(report({ note: "held 3 of 3 consecutive checks" }))).toBe(
      "|grad| = 3.1e-9 <= 1e-8 (met, held 3 of 3 consecutive checks)",
    );
  });
});

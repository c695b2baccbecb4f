import { describe, expect, it } from "vitest";
import { below, confirmedBy, describeStopReason, iterate } from "../../src/index.js";

interface Point {
  readonly step: number;
  readonly gradient: number;
}

const confirmedStep = (bound: number) =>
  confirmedBy(
    below((s: Point) => s.step, 1e-3, { name: "||dx||" }),
    (s) => s.gradient,
    bound,
    { name: "|grad|" },
  );

describe("confirmedBy", () => {
  it("does not let a change test hold while the first-order measure is above its bound", () => {
    const states = [
      { step: 1, gradient: 4 },
      { step: 0, gradient: 4 },
      { step: 0, gradient: 4 },
      { step: 0, gradient: 1e-6 },
    ];
    const result = iterate(states[0] as Point, {
      update: (_s, context) => states[context.iteration + 1] as Point,
      converged: confirmedStep(1e-5),
      maxIterations: 3,
    });
    expect(result.iterations).toBe(3);
    expect(result.stopReason.kind).toBe("converged");
    expect(describeStopReason(result.stopReason)).toBe("converged: ||dx|| = 0 <= 0.001 (met)");
  });

  it("reports both leaves, the confirming one named after the measure", () => {
    const test = confirmedStep(1e-5);
    const memory = test.init();
    const context = { iteration: 1 } as never;
    expect(test.check({ step: 0, gradient: 4 }, context, memory)).toBe(false);
    expect(test.label).toBe("allOf(||dx||, |grad| (confirms))");
    expect(test.report(memory).map((leaf) => [leaf.label, leaf.value, leaf.met])).toEqual([
      ["||dx||", 0, true],
      ["|grad| (confirms)", 4, false],
    ]);
  });

  it("rejects a negative bound", () => {
    expect(() => confirmedStep(-1)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: tolerance must be a finite number >= 0, got -1]`,
    );
  });
});

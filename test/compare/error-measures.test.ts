import { describe, expect, it } from "vitest";
import {
  describeCompareOptions,
  distanceTo,
  errorMeasure,
  gradientNorm,
  logLikelihoodGap,
  objectiveGap,
  relativeResidual,
  residualNorm,
  toJsonable,
} from "../../src/index.js";
import { newton, secant } from "../../solvers/newton/index.js";

describe("error measures", () => {
  it("distanceTo measures |x - x*| for numbers and ||x - x*||_2 for vectors, with a rounding floor", () => {
    const scalar = distanceTo(2);
    expect(scalar.name).toBe("|x - x*|");
    expect(scalar.measure({ x: 1.5 }, undefined)).toBe(0.5);
    expect(scalar.floor).toBeCloseTo(2e-14, 28);
    const vector = distanceTo([1, 1]);
    expect(vector.name).toBe("||x - x*||");
    expect(vector.measure({ x: new Float64Array([4, 5]) }, undefined)).toBe(5); // a 3-4-5 triangle
    expect(vector.measure({ x: [1, 1, 1] }, undefined)).toBeNaN(); // wrong length: compare reports it
  });

  it("reads residuals, gradients, objective and log-likelihood gaps from the state", () => {
    expect(residualNorm().measure({ residualNorm: 3 }, undefined)).toBe(3);
    expect(residualNorm().measure({ fx: -0.25 }, undefined)).toBe(0.25);
    expect(relativeResidual().measure({ relativeResidual: 1e-5 }, undefined)).toBe(1e-5);
    expect(gradientNorm().measure({ gradientNorm: 0.5 }, undefined)).toBe(0.5);
    expect(objectiveGap(1).measure({ f: 3 }, undefined)).toBe(2);
    expect(objectiveGap(1).measure({ f: 1 - 1e-16 }, undefined)).toBe(0); // below the optimum by rounding
    expect(logLikelihoodGap(-100).measure({ logLikelihood: -110 }, undefined)).toBe(10);
    expect(logLikelihoodGap(-100).tolerances).toEqual([1, 1e-2, 1e-4, 1e-6]);
    const custom = errorMeasure(
      "|V - V*|",
      (state: { readonly v: number }, problem: { readonly best: number }) => Math.abs(state.v - problem.best),
      {
        floor: 1e-12,
      },
    );
    expect(custom.measure({ v: 3 }, { best: 1 })).toBe(2);
    expect(custom.floor).toBe(1e-12);
  });

  it("rejects solutions, optima and names that are not what they must be", () => {
    expect(() => distanceTo(NaN)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: solution must be a finite number or an array of finite numbers, got NaN]`,
    );
    expect(() => distanceTo([1, Infinity])).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: solution[1] must be a finite number, got Infinity]`,
    );
    expect(() => distanceTo([])).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: solution must be a finite number or an array of finite numbers, got an array of length 0]`,
    );
    expect(() => objectiveGap(Infinity)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: optimum must be a finite number, got Infinity]`,
    );
    expect(() => logLikelihoodGap(NaN)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: best must be a finite number, got NaN]`,
    );
    expect(() => errorMeasure("", () => 0)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: name must be a non-empty string, got ""]`,
    );
    expect(() => errorMeasure("e", 1 as never)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: measure must be a function, got 1]`,
    );
    expect(() => errorMeasure("e", () => 0, { floor: -1 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: floor must be a finite number >= 0, got -1]`,
    );
  });
});

describe("describeCompareOptions", () => {
  it("lists every option: measure, tolerances, seeds, and per method its solver, settings, bound and tests", () => {
    const described = describeCompareOptions({
      problem: { f: "x^3 - 2x - 5", x0: 2 },
      methods: [
        { label: "Newton", solver: newton({ stepAbsTolerance: 1e-10 }), settings: { stepAbsTolerance: 1e-10 } },
        { label: "secant", solver: secant(), options: { maxIterations: 7, timeLimitMs: 100 } },
      ],
      error: distanceTo(2.0945514815423265),
      seeds: [1, 2],
    }) as { methods: Record<string, unknown>[] } & Record<string, unknown>;
    expect(described).toMatchObject({
      error: "|x - x*|",
      tolerances: "chosen from the errors reached",
      seeds: [1, 2],
      maxIterations: null,
      warmup: 1,
    });
    expect(described.methods[0]).toMatchObject({
      label: "Newton",
      solver: "Newton",
      settings: { stepAbsTolerance: 1e-10 },
      maxIterations: 100,
    });
    expect(described.methods[0]?.convergence).toContain("|dx| <= 1e-10");
    expect(described.methods[1]).toMatchObject({
      label: "secant",
      maxIterations: 7,
      runOptions: { maxIterations: 7, timeLimitMs: 100 },
    });
    expect(JSON.parse(JSON.stringify(described))).toEqual(described); // JSON-able as it is
  });
});

describe("toJsonable", () => {
  it("writes functions by name, typed arrays as arrays, non-finite numbers as words, and shortens long arrays", () => {
    expect(
      toJsonable({ f: Math.cos, x0: new Float64Array([1, 2]), tolerance: NaN, bound: Infinity, none: undefined }),
    ).toEqual({
      f: "function cos",
      x0: [1, 2],
      tolerance: "NaN",
      bound: "Infinity",
      none: null,
    });
    const long = toJsonable(new Float64Array(100).fill(1)) as unknown[];
    expect(long).toHaveLength(9);
    expect(long.at(-1)).toBe("... (Float64Array of length 100)");
  });

  it("marks cycles instead of recursing forever", () => {
    const cyclic: Record<string, unknown> = { name: "loop" };
    cyclic.self = cyclic;
    expect(toJsonable(cyclic)).toEqual({ name: "loop", self: "[circular]" });
  });
});

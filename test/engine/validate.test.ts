import { describe, expect, it } from "vitest";
import {
  integerAtLeast,
  InvalidOptionError,
  isBoolean,
  isFunction,
  labelledStrategy,
  numberAbove,
  numberAtLeast,
  numberBetween,
  oneOf,
  optional,
  rejectUnknownOptions,
  validateOption,
  validateOptions,
} from "../../src/index.js";
import type { OptionRule } from "../../src/index.js";

const accepts = (rule: OptionRule, values: readonly unknown[]) => values.map((value) => rule.test(value));

describe("integerAtLeast", () => {
  it("accepts integers at or above the minimum, and at or below the maximum when given", () => {
    expect(integerAtLeast(0).expected).toBe("an integer >= 0");
    expect(accepts(integerAtLeast(0), [0, 5, -1, 1.5, NaN, Infinity, "3", undefined])).toEqual([
      true,
      true,
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(integerAtLeast(1, 10).expected).toBe("an integer in [1, 10]");
    expect(accepts(integerAtLeast(1, 10), [1, 10, 11, 0])).toEqual([true, true, false, false]);
  });
});

describe("numberAtLeast", () => {
  it("accepts finite numbers at or above the minimum, and Infinity only when allowed", () => {
    expect(numberAtLeast(0).expected).toBe("a finite number >= 0");
    expect(accepts(numberAtLeast(0), [0, 0.5, -0.1, NaN, Infinity])).toEqual([true, true, false, false, false]);
    expect(numberAtLeast(0, true).expected).toBe("a number >= 0 or Infinity");
    expect(accepts(numberAtLeast(0, true), [Infinity, NaN, -Infinity])).toEqual([true, false, false]);
  });
});

describe("numberAbove", () => {
  it("accepts finite numbers strictly above the bound", () => {
    expect(numberAbove(0).expected).toBe("a finite number > 0");
    expect(accepts(numberAbove(0), [1e-300, 0, Infinity, NaN])).toEqual([true, false, false, false]);
  });
});

describe("numberBetween", () => {
  it("includes or excludes each end as asked", () => {
    expect(numberBetween(0, 1).expected).toBe("a number in [0, 1]");
    expect(accepts(numberBetween(0, 1), [0, 1, 0.5, -0.1, NaN])).toEqual([true, true, true, false, false]);
    expect(numberBetween(0, 1, "()").expected).toBe("a number in (0, 1)");
    expect(accepts(numberBetween(0, 1, "()"), [0, 1, 0.5])).toEqual([false, false, true]);
    expect(accepts(numberBetween(0, 1, "[)"), [0, 1])).toEqual([true, false]);
    expect(accepts(numberBetween(0, 1, "(]"), [0, 1])).toEqual([false, true]);
  });
});

describe("oneOf", () => {
  it("accepts only the listed values", () => {
    const rule = oneOf(["minimize", "maximize"]);
    expect(rule.expected).toBe('one of "minimize", "maximize"');
    expect(accepts(rule, ["minimize", "maximize", "min", undefined])).toEqual([true, true, false, false]);
  });
});

describe("isFunction", () => {
  it("accepts functions only", () => {
    expect(accepts(isFunction, [() => 1, class {}, {}, "f"])).toEqual([true, true, false, false]);
  });
});

describe("labelledStrategy", () => {
  it("accepts functions that carry a string label, and says what it expects", () => {
    const rule = labelledStrategy("a line search such as backtracking()");
    const labelled = Object.assign(() => 1, { label: "backtracking" });
    const unlabelled = () => 1;
    const numbered = Object.assign(() => 1, { label: 3 });
    const plain = { label: "backtracking" };
    expect(accepts(rule, [labelled, unlabelled, numbered, plain, undefined])).toEqual([
      true,
      false,
      false,
      false,
      false,
    ]);
    expect(rule.expected).toBe("a line search such as backtracking()");
  });
});

describe("isBoolean", () => {
  it("accepts true and false only", () => {
    expect(accepts(isBoolean, [true, false, 0, "true"])).toEqual([true, true, false, false]);
  });
});

describe("optional", () => {
  it("also accepts undefined and keeps the words of the rule", () => {
    const rule = optional(integerAtLeast(1));
    expect(rule.expected).toBe("an integer >= 1");
    expect(accepts(rule, [undefined, 1, 0, null])).toEqual([true, true, false, false]);
  });
});

describe("validateOption", () => {
  it("throws InvalidOptionError with the one message shape", () => {
    expect(() => validateOption("maxIterations", -1, integerAtLeast(0))).toThrow(InvalidOptionError);
    expect(() => validateOption("maxIterations", -1, integerAtLeast(0))).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: maxIterations must be an integer >= 0, got -1]`,
    );
  });

  it("returns quietly for a valid value", () => {
    expect(validateOption("maxIterations", 3, integerAtLeast(0))).toBeUndefined();
  });
});

describe("validateOptions", () => {
  const schema = { first: integerAtLeast(0), second: optional(isFunction) };

  it("checks the options in the schema's order, naming them with the prefix", () => {
    expect(() => validateOptions({ first: -1, second: 3 }, schema, "solver.")).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: solver.first must be an integer >= 0, got -1]`,
    );
    expect(() => validateOptions({ first: 1, second: 3 }, schema)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: second must be a function, got 3]`,
    );
  });

  it("ignores properties the schema does not name", () => {
    expect(validateOptions({ first: 1, other: "anything" }, schema)).toBeUndefined();
  });
});

describe("rejectUnknownOptions", () => {
  it("says what a name of an earlier version became, with the suggestion in the error's fields", () => {
    const names = ["absTolerance", "maxIterations"];
    expect(() => rejectUnknownOptions({ epsilon: 0.1 }, names, "supNormRule")).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: epsilon is not an option of supNormRule; epsilon was renamed absTolerance (the same epsilon-optimality) (options: absTolerance, maxIterations)]`,
    );
    expect(() => rejectUnknownOptions({ gradientTolerance: 1e-8 }, names, "bfgs")).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: gradientTolerance is not an option of bfgs; gradientTolerance was renamed absTolerance (the same gradient-norm test) (options: absTolerance, maxIterations)]`,
    );
    try {
      rejectUnknownOptions({ tolerance: 1e-4 }, ["relTolerance"], "kmeans");
    } catch (error) {
      expect(error).toMatchObject({ option: "tolerance", suggestion: "relTolerance" });
      expect((error as Error).message).toContain("tolerance was renamed relTolerance (the same centroid shift");
    }
    expect.assertions(4);
  });

  it("gives a renamed name's hint only to the functions whose option it was", () => {
    // fixedPoint never had `tolerance`: it gets the usual closest-name suggestion, not the mixtures' hint.
    expect(() =>
      rejectUnknownOptions({ tolerance: 1 }, ["absTolerance"], "fixedPoint"),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: tolerance is not an option of fixedPoint; did you mean absTolerance? (options: absTolerance)]`,
    );
    expect(() => rejectUnknownOptions({ tolerance: 1 }, ["absTolerance"], "gaussianMixture")).toThrow(
      "tolerance was renamed absTolerance (the same log-likelihood gain per sample)",
    );
  });
});

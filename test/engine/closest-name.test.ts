import { describe, expect, it } from "vitest";
import {
  closestName,
  InvalidOptionError,
  rejectUnknownOptions,
  validateStrictOptions,
  integerAtLeast,
  optional,
} from "../../src/index.js";

describe("closestName", () => {
  it("finds the valid name one typo away, ignoring case, dashes and underscores", () => {
    expect(closestName("maxIteration", ["maxIterations", "timeLimitMs"])).toBe("maxIterations");
    expect(closestName("max_iterations", ["maxIterations", "timeLimitMs"])).toBe("maxIterations");
    expect(closestName("gaus-seidel", ["jacobi", "gauss-seidel", "sor"])).toBe("gauss-seidel");
    expect(closestName("omgea", ["omega", "tol"])).toBe("omega");
  });
  it("offers nothing when no name is close", () => {
    expect(closestName("colour", ["maxIterations", "timeLimitMs"])).toBeUndefined();
    expect(closestName("x", [])).toBeUndefined();
  });
});

describe("rejectUnknownOptions", () => {
  it("names the unknown key and the closest valid one", () => {
    expect(() =>
      rejectUnknownOptions({ maxIteration: 5 }, ["maxIterations", "timeLimitMs"], "iterate"),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: maxIteration is not an option of iterate; did you mean maxIterations? (options: maxIterations, timeLimitMs)]`,
    );
    try {
      rejectUnknownOptions({ maxIteration: 5 }, ["maxIterations"], "iterate");
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidOptionError);
      expect((error as InvalidOptionError).option).toBe("maxIteration");
      expect((error as InvalidOptionError).suggestion).toBe("maxIterations");
    }
  });
  it("rejects a key whose value is undefined, and accepts absent options", () => {
    expect(() => rejectUnknownOptions({ seed: undefined }, ["maxIterations"], "compare")).toThrow(
      /seed is not an option of compare/,
    );
    expect(() => rejectUnknownOptions(undefined, ["maxIterations"], "compare")).not.toThrow();
  });
  it("rejects options that are not an object", () => {
    expect(() => rejectUnknownOptions(5, ["maxIterations"], "sor")).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: the options of sor must be an object of named options, got 5]`,
    );
  });
  it("prefixes nested names", () => {
    expect(() =>
      rejectUnknownOptions({ evry: 2 }, ["every", "maxLength"], "iterate", "trace."),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: trace.evry is not an option of iterate; did you mean trace.every? (options: every, maxLength)]`,
    );
  });
});

describe("validateStrictOptions", () => {
  it("checks names first, then ranges", () => {
    const schema = { maxIterations: optional(integerAtLeast(0)) };
    expect(() => validateStrictOptions({ maxIterations: -1 }, schema, "x")).toThrow(
      "maxIterations must be an integer >= 0, got -1",
    );
    expect(() => validateStrictOptions({ maxIter: 1 }, schema, "x")).toThrow(/did you mean maxIterations/);
    expect(() => validateStrictOptions({ maxIterations: 3 }, schema, "x")).not.toThrow();
  });
});

import { describe, expect, it } from "vitest";
import {
  CheckpointError,
  HookError,
  InvalidOptionError,
  InvalidProblemError,
  IterlabError,
  PromiseInSyncDriverError,
  StepError,
} from "../../src/index.js";
import { describeValue } from "../../src/engine/internals.js";
import type { IterlabErrorCode } from "../../src/index.js";

describe("IterlabError", () => {
  it("is the base of every error, each with its own code and name", () => {
    const errors: [IterlabError, IterlabErrorCode, string][] = [
      [new InvalidOptionError("maxIterations", "an integer >= 0", -1), "invalidOption", "InvalidOptionError"],
      [new InvalidProblemError("problem.x0", "a finite number", NaN), "invalidProblem", "InvalidProblemError"],
      [new StepError("update", 3, new Error("x")), "step", "StepError"],
      [new HookError("onIteration", 3, new Error("x")), "hook", "HookError"],
      [new PromiseInSyncDriverError("update", 0), "promiseInSyncDriver", "PromiseInSyncDriverError"],
      [new CheckpointError("bad"), "checkpoint", "CheckpointError"],
    ];
    for (const [error, code, name] of errors) {
      expect(error).toBeInstanceOf(IterlabError);
      expect(error).toBeInstanceOf(Error);
      expect(error.code).toBe(code);
      expect(error.name).toBe(name);
    }
    expect(new Set(errors.map(([error]) => error.code)).size).toBe(errors.length);
  });
});

describe("InvalidOptionError", () => {
  it("reads <option> must be <expected>, got <received> and keeps the parts", () => {
    const error = new InvalidOptionError("trace.every", "an integer >= 1", 0);
    expect(error.message).toBe("trace.every must be an integer >= 1, got 0");
    expect(error).toMatchObject({ option: "trace.every", expected: "an integer >= 1", received: 0 });
  });
});

describe("InvalidProblemError", () => {
  it("describes the received value, or takes a description as written", () => {
    expect(new InvalidProblemError("problem.x0", "a non-empty array of finite numbers", []).message).toBe(
      "problem.x0 must be a non-empty array of finite numbers, got an array of length 0",
    );
    const written = new InvalidProblemError("problem.A", "a square matrix", "a 2 x 3 matrix", false);
    expect(written.message).toBe("problem.A must be a square matrix, got a 2 x 3 matrix");
    expect(written).toMatchObject({
      part: "problem.A",
      expected: "a square matrix",
      receivedDescription: "a 2 x 3 matrix",
    });
  });
});

describe("StepError", () => {
  it("names the phase and iteration and keeps the cause", () => {
    const cause = new RangeError("out of range");
    const error = new StepError("convergence", 12, cause);
    expect(error.message).toBe("convergence failed at iteration 12: out of range");
    expect(error).toMatchObject({ phase: "convergence", iteration: 12, cause });
    expect(new StepError("init", 0, "plain text").message).toBe("init failed at iteration 0: plain text");
  });
});

describe("HookError", () => {
  it("names the hook and iteration and keeps the cause", () => {
    const cause = new Error("disk full");
    const error = new HookError("onEpochEnd", 40, cause);
    expect(error.message).toBe("hook onEpochEnd failed at iteration 40: disk full");
    expect(error).toMatchObject({ hook: "onEpochEnd", iteration: 40, cause });
  });
});

describe("PromiseInSyncDriverError", () => {
  it("says what returned the Promise and which driver to use instead", () => {
    expect(new PromiseInSyncDriverError("onStop", 7).message).toBe(
      "hook onStop returned a Promise at iteration 7, which a synchronous driver cannot await; use the async driver (iterateAsync, solveAsync or iterationsAsync)",
    );
    expect(new PromiseInSyncDriverError("update", 2)).toMatchObject({ source: "update", iteration: 2 });
  });
});

describe("describeValue", () => {
  it("writes numbers, booleans and bigints as written", () => {
    expect(describeValue(-1)).toBe("-1");
    expect(describeValue(NaN)).toBe("NaN");
    expect(describeValue(-Infinity)).toBe("-Infinity");
    expect(describeValue(true)).toBe("true");
    expect(describeValue(10n)).toBe("10");
  });

  it("quotes strings and shortens long ones", () => {
    expect(describeValue("abc")).toBe('"abc"');
    expect(describeValue("x".repeat(50))).toBe(`"${"x".repeat(37)}..."`);
  });

  it("describes everything else by its kind", () => {
    expect(describeValue(undefined)).toBe("undefined");
    expect(describeValue(null)).toBe("null");
    expect(describeValue(() => 1)).toBe("a function");
    expect(describeValue([1, 2])).toBe("an array of length 2");
    expect(describeValue(new Float64Array(3))).toBe("a Float64Array of length 3");
    expect(describeValue(new DataView(new ArrayBuffer(4)))).toBe("a DataView of length 4");
    expect(describeValue(Promise.resolve())).toBe("a Promise");
    expect(describeValue({})).toBe("an object (Object)");
    expect(describeValue(new Map())).toBe("an object (Map)");
  });
});

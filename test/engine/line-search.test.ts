import { describe, expect, it, vi } from "vitest";
import { backtracking, fixedStep, InvalidOptionError } from "../../src/index.js";
import { roundingStall } from "../../src/engine/internals.js";
import type { BacktrackingOptions, LineSearchInput } from "../../src/index.js";

/** f(x) = sum_i w_i x_i^2 at x, searching along -grad f. */
function quadratic(
  weights: readonly number[],
  point: readonly number[],
  direction?: readonly number[],
): LineSearchInput & { readonly gradient: readonly number[]; readonly direction: readonly number[] } {
  const objective = (x: Float64Array) => x.reduce((sum, value, i) => sum + (weights[i] as number) * value * value, 0);
  const x = Float64Array.from(point);
  const gradient = point.map((value, i) => 2 * (weights[i] as number) * value);
  return { objective, x, f: objective(x), gradient, direction: direction ?? gradient.map((g) => -g) };
}

describe("fixedStep", () => {
  it("moves by length times the direction with one evaluation", () => {
    const input = quadratic([1, 1], [1, 2], [1, -1]);
    const result = fixedStep(0.1)(input);
    expect(result.step).toBe(0.1);
    expect(Array.from(result.x)).toEqual([1.1, 1.9]);
    expect(result.f).toBeCloseTo(1.1 ** 2 + 1.9 ** 2, 12);
    expect(result.evaluations).toBe(1);
    expect(result.failure).toBeUndefined();
    expect(result.x).not.toBe(input.x);
    expect(Array.from(input.x)).toEqual([1, 2]);
  });

  it("names itself with its length", () => {
    expect(fixedStep(0.01).label).toBe("fixed step 0.01");
  });

  it("rejects a length that is not a finite number > 0", () => {
    expect(() => fixedStep(0)).toThrow(InvalidOptionError);
    expect(() => fixedStep(0)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: length must be a finite number > 0, got 0]`,
    );
    expect(() => fixedStep(Infinity)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: length must be a finite number > 0, got Infinity]`,
    );
  });
});

describe("backtracking", () => {
  it("halves the step from 1 until the Armijo condition holds", () => {
    const input = quadratic([1], [1]);
    const objective = vi.fn(input.objective);
    const result = backtracking()({ ...input, objective });
    expect(objective.mock.calls.map(([x]) => x[0])).toEqual([-1, 0]);
    expect(result).toMatchObject({ step: 0.5, f: 0, evaluations: 2 });
    expect(Array.from(result.x)).toEqual([0]);
  });

  it("accepts a step satisfying the Armijo condition on an ill-conditioned quadratic, after rejecting the step twice as long", () => {
    const c1 = 1e-4;
    const input = quadratic([1, 10], [1, 1]);
    const result = backtracking({ c1 })(input);
    const slope = input.gradient.reduce((sum, g, i) => sum + g * (input.direction[i] as number), 0);
    expect(result.failure).toBeUndefined();
    expect(result.f).toBeLessThanOrEqual(input.f + c1 * result.step * slope);
    const longer = 2 * result.step;
    const longerX = Float64Array.from(input.x, (x, i) => x + longer * (input.direction[i] as number));
    expect(input.objective(longerX)).toBeGreaterThan(input.f + c1 * longer * slope);
    expect(Math.log2(result.step)).toBe(Math.round(Math.log2(result.step)));
    expect(result.evaluations).toBe(1 - Math.log2(result.step));
  });

  it("starts from initialStep and shrinks by the given factor", () => {
    const input = quadratic([1], [1]);
    const objective = vi.fn(input.objective);
    const result = backtracking({ initialStep: 4, shrink: 0.25 })({ ...input, objective });
    expect(objective.mock.calls.map(([x]) => x[0])).toEqual([-7, -1, 0.5]);
    expect(result.step).toBe(0.25);
  });

  it("fails with a message, not a NaN point, for an ascent direction", () => {
    const input = quadratic([1], [1], [1]);
    const objective = vi.fn(input.objective);
    const result = backtracking()({ ...input, objective });
    expect(result).toEqual({
      step: 0,
      x: input.x,
      f: 1,
      evaluations: 0,
      failure: "the direction is not a descent direction (grad . d = 2)",
    });
    expect(objective).not.toHaveBeenCalled();
  });

  it("rejects non-finite trial values and fails after maxSteps trials", () => {
    const input = { ...quadratic([1], [1]), objective: () => NaN };
    const result = backtracking({ maxSteps: 3 })(input);
    expect(result.step).toBe(0);
    expect(result.x).toBe(input.x);
    expect(result.f).toBe(1);
    expect(result.evaluations).toBe(3);
    expect(result.failure).toBe("f(x + alpha d) = NaN at the shortest step length tried (alpha = 2.5e-1)");
    expect(result.nonFiniteValue).toBeNaN();
    expect(result.predictedDecrease).toBeUndefined();
  });

  it("rejects a trial that does not lower f, even when rounding makes the Armijo bound accept it", () => {
    const input = { ...quadratic([1], [1]), direction: [-1e-300] };
    const result = backtracking({ maxSteps: 2 })({ ...input, objective: () => 1 });
    expect(result.failure).toMatch(/^no step length down to/);
  });

  it("names itself", () => {
    expect(backtracking().label).toBe("backtracking");
  });

  it("rejects options outside their ranges", () => {
    expect(() => backtracking({ shrink: 1 })).toThrow(InvalidOptionError);
    expect(() => backtracking({ shrink: 1 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: shrink must be a number in (0, 1), got 1]`,
    );
    expect(() => backtracking({ c1: 0 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: c1 must be a number in (0, 1), got 0]`,
    );
    expect(() => backtracking({ initialStep: -1 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: initialStep must be a finite number > 0, got -1]`,
    );
    expect(() => backtracking({ maxSteps: 0 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: maxSteps must be an integer >= 1, got 0]`,
    );
    expect(() => backtracking({ shrink: NaN } as BacktrackingOptions)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: shrink must be a number in (0, 1), got NaN]`,
    );
  });
});

describe("roundingStall", () => {
  it("says a failure is at rounding level when the longest step's predicted decrease is within 1024 rounding units of f", () => {
    const failed = {
      step: 0,
      x: new Float64Array([1]),
      f: 48.98,
      evaluations: 60,
      failure: "no step",
      predictedDecrease: 2.3e-16,
    };
    expect(roundingStall(failed, 48.98)).toBe(
      "the predicted decrease 2.3e-16 is below the rounding level of f = 48.98 (1.1e-11)",
    );
    expect(roundingStall({ ...failed, predictedDecrease: 1e-6 }, 48.98)).toBeUndefined();
    expect(roundingStall({ ...failed, failure: undefined } as never, 48.98)).toBeUndefined();
  });

  it("is never met by a search that succeeded or failed on a non-descent direction", () => {
    const input = { ...quadratic([1], [1]), direction: [1] };
    const result = backtracking()(input);
    expect(result.failure).toMatch(/not a descent direction/);
    expect(roundingStall(result, 1)).toBeUndefined();
  });
});

describe("the out array", () => {
  it("receives fixedStep's new point, the same numbers as a new array, and x stays as it was", () => {
    const input = quadratic([1, 1], [1, 2], [1, -1]);
    const out = new Float64Array(2);
    const result = fixedStep(0.1)({ ...input, out });
    expect(result.x).toBe(out);
    expect(result).toEqual(fixedStep(0.1)(input));
    expect(Array.from(input.x)).toEqual([1, 2]);
  });

  it("receives every trial of backtracking, which ends with the accepted point in it", () => {
    const input = quadratic([1, 10], [1, 1]);
    const out = new Float64Array(2);
    const trials: Float64Array[] = [];
    const objective = (x: Float64Array) => {
      trials.push(x);
      return input.objective(x);
    };
    const result = backtracking()({ ...input, objective, out });
    expect(trials.length).toBeGreaterThan(1);
    expect(trials.every((trial) => trial === out)).toBe(true);
    expect(result.x).toBe(out);
    expect(result).toEqual(backtracking()(input));
    expect(Array.from(input.x)).toEqual([1, 1]);
  });
});

import { describe, expect, it, vi } from "vitest";
import { InvalidOptionError, strongWolfe } from "../../src/index.js";
import type { LineSearchInput } from "../../src/index.js";

/** Rosenbrock's function and gradient in 2-D. */
const rosenbrock = (x: Float64Array): number =>
  100 * ((x[1] as number) - (x[0] as number) ** 2) ** 2 + (1 - (x[0] as number)) ** 2;
function rosenbrockGradient(x: Float64Array, out: Float64Array): void {
  const a = x[0] as number;
  const b = x[1] as number;
  out[0] = -400 * a * (b - a * a) - 2 * (1 - a);
  out[1] = 200 * (b - a * a);
}

/** A search of Rosenbrock from `point` along `direction` (the steepest descent when not given). */
function rosenbrockInput(point: readonly number[], direction?: readonly number[]): LineSearchInput {
  const x = Float64Array.from(point);
  const gradient = new Float64Array(2);
  rosenbrockGradient(x, gradient);
  const d = direction ?? Array.from(gradient, (g) => -g);
  return { objective: rosenbrock, x, f: rosenbrock(x), gradient, direction: d, gradientAt: rosenbrockGradient };
}

const dot = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  Array.from(a).reduce((s, v, i) => s + v * (b[i] as number), 0);

/** Both strong Wolfe conditions of an accepted step, checked from scratch. */
function expectStrongWolfe(input: LineSearchInput, step: number, value: number, c1 = 1e-4, c2 = 0.9): void {
  const slope0 = dot(input.gradient, input.direction);
  const point = Float64Array.from(input.x, (v, i) => v + step * (input.direction[i] as number));
  const gradient = new Float64Array(point.length);
  input.gradientAt?.(point, gradient);
  expect(value).toBe(input.objective(point));
  expect(value).toBeLessThanOrEqual(input.f + c1 * step * slope0);
  expect(Math.abs(dot(gradient, input.direction))).toBeLessThanOrEqual(-c2 * slope0);
}

describe("strongWolfe", () => {
  it("finds the exact minimiser of a quadratic phi by cubic interpolation after one rejected trial", () => {
    // f(x) = x^2 from 1 along -2: phi(alpha) = (1 - 2 alpha)^2, minimiser 1/2; phi(1) = f(x) is rejected.
    const objective = vi.fn((x: Float64Array) => (x[0] as number) ** 2);
    const input: LineSearchInput = {
      objective,
      x: Float64Array.of(1),
      f: 1,
      gradient: [2],
      direction: [-2],
      gradientAt: (x, out) => {
        out[0] = 2 * (x[0] as number);
      },
    };
    const result = strongWolfe()(input);
    expect(objective.mock.calls.map(([x]) => x[0])).toEqual([-1, 0]);
    expect(result).toMatchObject({ step: 0.5, f: 0, evaluations: 2, gradientEvaluations: 2 });
    expect(Array.from(result.gradient ?? [])).toEqual([0]);
  });

  it("accepts only steps meeting both conditions, on Rosenbrock from 40 points along steepest descent and along the Newton direction", () => {
    for (let k = 0; k < 40; k++) {
      const point = [-2 + (k % 8) * 0.5, -1 + Math.floor(k / 8) * 0.6];
      for (const c2 of [0.9, 0.1]) {
        const steepest = rosenbrockInput(point);
        const result = strongWolfe({ c2 })(steepest);
        expect(result.failure).toBeUndefined();
        expectStrongWolfe(steepest, result.step, result.f, 1e-4, c2);
      }
    }
  });

  it("extrapolates from a short first step until the curvature condition holds", () => {
    const input = rosenbrockInput([-1.2, 1]);
    const objective = vi.fn(input.objective);
    const result = strongWolfe({ initialStep: 1e-6 })({ ...input, objective });
    expect(result.failure).toBeUndefined();
    const steps = objective.mock.calls.map(([x]) => ((x[0] as number) + 1.2) / (input.direction[0] as number));
    expect(steps.length).toBeGreaterThan(2);
    // The trials grow by a factor between 2.1 and 5 while bracketing.
    expect((steps[1] as number) / (steps[0] as number)).toBeGreaterThanOrEqual(2.1 - 1e-9);
    expect((steps[1] as number) / (steps[0] as number)).toBeLessThanOrEqual(5 + 1e-9);
    expectStrongWolfe(input, result.step, result.f);
  });

  it("hands over the gradient at the accepted point and counts one f and one gradient per trial", () => {
    const input = rosenbrockInput([0, 0]);
    const gradientAt = vi.fn(rosenbrockGradient);
    const result = strongWolfe()({ ...input, gradientAt });
    expect(gradientAt).toHaveBeenCalledTimes(result.evaluations);
    expect(result.gradientEvaluations).toBe(result.evaluations);
    const expected = new Float64Array(2);
    rosenbrockGradient(result.x, expected);
    expect(Array.from(result.gradient ?? [])).toEqual(Array.from(expected));
  });

  it("treats a non-finite trial as too long, and reports f NaN at every trial as nonFiniteValue", () => {
    const input = rosenbrockInput([-1.2, 1]);
    const walled = (x: Float64Array) => ((x[0] as number) > -1 ? Number.NaN : rosenbrock(x));
    const inside = strongWolfe()({ ...input, objective: walled });
    expect(inside.failure).toBeUndefined();
    expect(inside.x[0]).toBeLessThanOrEqual(-1);
    const nowhere = strongWolfe({ maxSteps: 8 })({
      ...input,
      objective: (x) => (x[0] === -1.2 ? input.f : Number.NaN),
    });
    expect(nowhere.step).toBe(0);
    expect(nowhere.x).toBe(input.x);
    expect(nowhere.nonFiniteValue).toBeNaN();
    expect(nowhere.failure).toMatch(/^f\(x \+ alpha d\) = NaN at the shortest step length tried/);
    const blind = strongWolfe({ maxSteps: 8 })({ ...input, gradientAt: (_, out) => out.fill(Number.NaN) });
    expect(blind.step).toBe(0);
    expect(blind.nonFiniteValue).toBeNaN();
    expect(blind.failure).toMatch(/^grad f\(x \+ alpha d\) \. d = NaN at the shortest step length tried/);
  });

  it("fails with a message for an ascent direction, without gradientAt, and when its trials run out", () => {
    const input = rosenbrockInput([-1.2, 1]);
    const ascent = strongWolfe()({ ...input, direction: Array.from(input.gradient) });
    expect(ascent).toMatchObject({ step: 0, evaluations: 0 });
    expect(ascent.failure).toMatch(/^the direction is not a descent direction \(grad \. d = /);
    const { gradientAt: _, ...blind } = input;
    expect(strongWolfe()(blind).failure).toBe("strongWolfe() needs the gradient at its trials (gradientAt)");
    const short = strongWolfe({ maxSteps: 1, c2: 0.01 })(input);
    expect(short.step).toBe(0);
    expect(short.evaluations).toBe(1);
    expect(short.failure).toMatch(/in 1 trials \(strong Wolfe, c1 = 0\.0001, c2 = 0\.01\)$/);
    expect(short.predictedDecrease).toBeCloseTo(-dot(input.gradient, input.direction), 6);
  });

  it("names itself, says it reads the gradient, and rejects options outside their ranges with typed errors", () => {
    expect(strongWolfe().label).toBe("strong Wolfe");
    expect(strongWolfe({ c2: 0.1 }).label).toBe("strong Wolfe (c1 = 0.0001, c2 = 0.1)");
    expect(strongWolfe().usesGradient).toBe(true);
    expect(() => strongWolfe({ c1: 0.5, c2: 0.4 })).toThrow(InvalidOptionError);
    expect(() => strongWolfe({ c1: 0.5, c2: 0.4 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: c2 must be a number in (c1, 1) = (0.5, 1), got 0.4]`,
    );
    expect(() => strongWolfe({ c2: 1 })).toThrow(InvalidOptionError);
    expect(() => strongWolfe({ maxSteps: 0 })).toThrow(InvalidOptionError);
    expect(() => strongWolfe({ largestStep: Number.POSITIVE_INFINITY })).toThrow(InvalidOptionError);
    expect(() => strongWolfe({ c3: 1 } as never)).toThrow(InvalidOptionError);
  });
});

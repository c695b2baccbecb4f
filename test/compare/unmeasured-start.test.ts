import { describe, expect, it } from "vitest";
import { compare, errorMeasure } from "../../src/index.js";
import type { Solver } from "../../src/index.js";

/** A method whose error is not measured at iteration 0 (+Infinity, as a training loss before its first epoch). */
const halving: Solver<unknown, { readonly k: number }> = {
  name: "halving",
  init: () => ({ k: 0 }),
  step: (_problem, state) => ({ k: state.k + 1 }),
  record: (state) => state,
  convergence: undefined,
  maxIterations: 12,
};
const unmeasuredFirst = errorMeasure("e", (state: { readonly k: number }) =>
  state.k === 0 ? Number.POSITIVE_INFINITY : 0.5 ** state.k,
);
const once = (solver: Solver<unknown, { readonly k: number }>, error: typeof unmeasuredFirst) =>
  compare({ problem: {}, methods: [{ label: "m", solver }], error, tolerances: [0.1], warmup: 0 }).rows[0];

describe("compare: an error not measured at the start", () => {
  it("fits the rate and order to the errors after a leading +Infinity, not to none", () => {
    const row = once(halving, unmeasuredFirst);
    expect(row?.rateFit.reason).toBeUndefined();
    expect(row?.rate).toBeCloseTo(0.5, 12);
    expect(row?.order).toBeCloseTo(1, 12);
    expect(row?.iterationsTo).toEqual([4]);
  });

  it("says the error stagnates, not that too few errors were usable, when the last errors are equal", () => {
    const held: Solver<unknown, { readonly k: number }> = { ...halving, maxIterations: 8 };
    const staircase = errorMeasure("e", (state: { readonly k: number }) => (state.k < 4 ? 0.5 ** state.k : 0.0625));
    const row = once(held, staircase);
    expect(row?.order).toBeUndefined();
    expect(row?.orderFit.reason).toBe("the last errors are equal (the error stagnates): no order to fit");
  });
});

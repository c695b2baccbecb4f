import { describe, expect, it } from "vitest";
import { estimateOrder, estimateRate, estimateRateFit } from "../../src/index.js";

/** e_0, e_1 and then e_{k+1} = next(e_k, e_{k-1}) for `count` errors. */
function sequence(
  e0: number,
  e1: number,
  count: number,
  next: (current: number, previous: number) => number,
): number[] {
  const errors = [e0, e1];
  while (errors.length < count) errors.push(next(errors.at(-1) as number, errors.at(-2) as number));
  return errors;
}

describe("estimateOrder", () => {
  it("gives q = 1 for linear convergence e_k = 0.5^k", () => {
    const { orders, order } = estimateOrder(Array.from({ length: 20 }, (_, k) => 0.5 ** k));
    expect(orders).toHaveLength(18);
    for (const q of orders) expect(q).toBeCloseTo(1, 12);
    expect(order).toBeCloseTo(1, 12);
  });

  it("gives q = 2 for quadratic convergence e_{k+1} = e_k^2", () => {
    const errors = sequence(0.5, 0.25, 9, (e) => e * e); // down to 0.5^256 = 8.6e-78
    const { orders, order } = estimateOrder(errors);
    for (const q of orders) expect(q).toBeCloseTo(2, 12);
    expect(order).toBeCloseTo(2, 12);
  });

  it("gives q = 2 whatever the constant: e_{k+1} = 50 e_k^2 (the ratio form cancels C)", () => {
    const errors = sequence(1e-3, 50e-6, 5, (e) => 50 * e * e);
    for (const q of estimateOrder(errors).orders) expect(q).toBeCloseTo(2, 10);
    expect(estimateOrder(errors).order).toBeCloseTo(2, 10);
  });

  it("gives q = 3 for cubic convergence", () => {
    expect(estimateOrder(sequence(0.5, 0.125, 6, (e) => e ** 3)).order).toBeCloseTo(3, 12);
  });

  it("tends to the golden ratio 1.618 for secant-like errors e_{k+1} = e_k e_{k-1}", () => {
    const errors = sequence(0.5, 0.3, 12, (e, previous) => e * previous);
    const { orders, order } = estimateOrder(errors);
    const golden = (1 + Math.sqrt(5)) / 2;
    expect(Math.abs((orders.at(-1) as number) - golden)).toBeLessThan(1e-3);
    expect(order).toBeCloseTo(golden, 3);
  });

  it("drops errors that reach 0, and everything after, instead of producing NaN", () => {
    const { orders, order } = estimateOrder([0.1, 0.01, 1e-4, 1e-8, 0, 0, 3e-17]);
    expect(orders).toEqual([expect.closeTo(2, 12), expect.closeTo(2, 12)]);
    expect(order).toBeCloseTo(2, 12);
  });

  it("drops errors at or below the rounding floor, and everything after", () => {
    // Newton on x^3 - 2x - 5 from 2 ends with an error of one rounding unit; the floor keeps it out.
    const errors = [9.46e-2, 5.45e-3, 1.66e-5, 1.56e-10, 4.4e-16, 4.4e-16];
    expect(estimateOrder(errors, { floor: 1e-14 }).orders).toHaveLength(2);
    expect(estimateOrder(errors, { floor: 1e-14 }).order).toBeCloseTo(2, 1);
    expect(estimateOrder(errors).orders).toHaveLength(3); // without the floor the rounding-level error distorts q
  });

  it("stops at a NaN or infinite error, and uses absolute values", () => {
    expect(estimateOrder([-0.5, 0.25, -0.0625, NaN, 1]).orders).toEqual([2]);
    expect(estimateOrder([0.5, 0.25, Infinity]).order).toBeUndefined();
  });

  it("skips steps where the error grew, and fits the summary to the last `tail` pairs", () => {
    const errors = [1, 2, 0.5, 0.25, 0.0625, 0.00390625];
    expect(estimateOrder(errors).orders).toEqual([0.5, 2, 2]);
    expect(estimateOrder(errors, { tail: 2 }).order).toBeCloseTo(2, 12);
  });

  it("returns no summary for fewer than three usable errors, or errors that do not change", () => {
    const none = { orders: [], order: undefined, pairs: 0, rSquared: undefined };
    expect(estimateOrder([])).toMatchObject(none);
    expect(estimateOrder([0.5, 0.25])).toMatchObject(none);
    expect(estimateOrder([1, 1, 1, 1])).toMatchObject({ ...none, decreasing: false });
  });

  it("rejects what is not an array of numbers, and options out of range", () => {
    expect(() => estimateOrder(undefined as never)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: errors must be an array of numbers, got undefined]`,
    );
    expect(() => estimateOrder([1, "0.5"] as never)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: errors[1] must be a number, got "0.5"]`,
    );
    expect(() => estimateOrder([1], { floor: -1 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: floor must be a finite number >= 0, got -1]`,
    );
    expect(() => estimateOrder([1], { tail: 1 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: tail must be an integer >= 2, got 1]`,
    );
  });
});

describe("estimateRate", () => {
  it("gives rho = 0.5 for e_k = 0.5^k", () => {
    expect(estimateRate(Array.from({ length: 30 }, (_, k) => 0.5 ** k))).toBeCloseTo(0.5, 14);
  });

  it("fits the tail only: a fast start does not bias the linear rate", () => {
    const errors = [1, 1e-3, ...Array.from({ length: 12 }, (_, k) => 1e-3 * 0.9 ** (k + 1))];
    expect(estimateRate(errors)).toBeCloseTo(0.9, 12);
    expect(estimateRate(errors, { tail: 14 })).toBeLessThan(0.8);
  });

  it("shows superlinear convergence as a rate near 0", () => {
    const errors = sequence(0.5, 0.3, 9, (e, previous) => e * previous);
    expect(estimateRate(errors, { tail: 4 })).toBeLessThan(1e-3);
  });

  it("drops errors at 0 or below the floor, and needs two usable errors", () => {
    expect(estimateRate([0.1, 0.05, 0.025, 0, 1])).toBeCloseTo(0.5, 14);
    expect(estimateRate([0.1, 0.05, 1e-20], { floor: 1e-16 })).toBeCloseTo(0.5, 14);
    expect(estimateRate([0.1, 0])).toBeUndefined();
    expect(estimateRate([])).toBeUndefined();
  });

  it("rejects a tail shorter than two", () => {
    expect(() => estimateRate([1, 0.5], { tail: 1 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: tail must be an integer >= 2, got 1]`,
    );
  });
});

describe("estimateRateFit", () => {
  it("returns the rate with the points used and R^2 = 1 for exact geometric decay", () => {
    const fit = estimateRateFit(Array.from({ length: 30 }, (_, k) => 0.5 ** k));
    expect(fit.rate).toBeCloseTo(0.5, 14);
    expect(fit.points).toBe(10);
    expect(fit.rSquared).toBeCloseTo(1, 12);
  });

  it("gives a poor R^2 for oscillating errors and for superlinear ones, where no constant rate exists", () => {
    const oscillating = Array.from({ length: 30 }, (_, k) => 0.9 ** k * (1 + 0.8 * Math.cos(2 * k)));
    expect(estimateRateFit(oscillating).rSquared).toBeLessThan(0.98);
    const quadratic = [0.5, 0.25, 0.0625, 0.00390625, 1.52587890625e-5, 2.3283064365386963e-10];
    expect(estimateRateFit(quadratic).rSquared).toBeLessThan(0.98);
  });

  it("reads the iteration of each error from a thinned trace", () => {
    const iterations = [0, 2, 4, 6, 8];
    expect(
      estimateRateFit(
        iterations.map((k) => 0.5 ** k),
        { iterations },
      ).rate,
    ).toBeCloseTo(0.5, 14);
  });
});

describe("estimateOrder's evidence", () => {
  it("gives the pairs fitted, R^2 and whether the errors decreased", () => {
    const quadratic = estimateOrder([0.5, 0.25, 0.0625, 0.00390625, 1.52587890625e-5]);
    expect(quadratic).toMatchObject({ pairs: 3, decreasing: true });
    expect(quadratic.rSquared).toBeCloseTo(1, 12);
    const rising = estimateOrder([1, 0.5, 0.25, 0.3, 0.1]);
    expect(rising.decreasing).toBe(false);
  });
});

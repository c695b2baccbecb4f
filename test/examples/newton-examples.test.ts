import { describe, expect, it } from "vitest";
import * as rootFinders from "../../examples/newton-root-finders.js";
import * as quasiNewton from "../../examples/rosenbrock-lbfgs-bfgs-newton.js";
import * as rosenbrock from "../../examples/rosenbrock-newton-bfgs.js";
import * as newtonVsBrent from "../../examples/newton-vs-brent.js";

// The Newton family's examples run here, so none can rot; each asserts the point it teaches.
const quiet = (lines: string[]) => (line: string) => void lines.push(line);

describe("Newton examples", () => {
  it("newton-vs-brent: Newton fastest from a good start, runs away from a poor one unless bracketed; Brent always", () => {
    const [good, poor] = newtonVsBrent.main(quiet([])).runs;
    expect(good?.plain["Newton"]).toEqual({ iterations: 4, stop: "converged" });
    expect(good?.bracketed["Newton"]).toEqual({ iterations: 4, stop: "converged" }); // no bisection needed
    expect(good?.bracketed["Brent"]).toEqual({ iterations: 7, stop: "converged" });
    expect(poor?.plain["Newton"]?.stop).toBe("diverged");
    expect(poor?.bracketed["Newton"]).toEqual({ iterations: 5, stop: "converged" });
    expect(poor?.bracketed["Brent"]).toEqual({ iterations: 7, stop: "converged" });
  });

  it("newton-root-finders: orders 2, 1.618 and 3 on x^3 - 2x - 5, and rate 1/2 at a double root", () => {
    const lines: string[] = [];
    const { rows, doubleRoot } = rootFinders.main(quiet(lines));
    const [newton, secant, halley] = rows;
    for (const row of rows) expect(row.x).toBeCloseTo(2.0945514815423265, 15);
    expect(newton?.order).toBeCloseTo(2, 1);
    expect(secant?.order).toBeGreaterThan(1.5);
    expect(secant?.order).toBeLessThan(1.75);
    expect(halley?.order).toBeCloseTo(3, 1);
    expect(rows.map((row) => row.iterations)).toEqual([5, 6, 4]);
    expect(secant?.derivativeEvaluations).toBe(0);
    expect(doubleRoot.rate).toBeCloseTo(0.5, 3);
    expect(doubleRoot.x).toBeCloseTo(1, 11);
    expect(lines.length).toBeGreaterThan(10);
  });

  it("rosenbrock-newton-bfgs: Newton in ~20 quadratic steps, BFGS superlinear without a Hessian, gradient descent linear", () => {
    const [newton, quasi, descent] = rosenbrock.main(quiet([])).rows;
    for (const row of [newton, quasi, descent]) expect(row?.converged).toBe(true);
    expect(newton?.iterations).toBe(21);
    expect(newton?.order).toBeGreaterThan(1.8);
    expect(quasi?.hessianEvaluations).toBe(0);
    expect(quasi?.rate).toBeLessThan(0.05);
    expect(quasi?.iterations).toBeLessThan(2 * (newton?.iterations ?? 0));
    expect(descent?.iterations).toBeGreaterThan(10_000);
    expect(descent?.rate).toBeGreaterThan(0.99);
    expect(newton?.error).toBeLessThan(1e-9);
    expect(quasi?.error).toBeLessThan(1e-9);
  });

  it("rosenbrock-lbfgs-bfgs-newton: Newton fewest iterations, L-BFGS about BFGS's count at O(m n) per iteration", () => {
    const lines: string[] = [];
    const { small, large } = quasiNewton.main(quiet(lines), 200);
    for (const row of [...small, ...large]) expect(row.converged).toBe(true);
    const [lbfgs, bfgs, newton] = small;
    expect(newton?.iterations).toBe(21);
    expect(lbfgs?.iterations).toBe(37);
    expect(bfgs?.iterations).toBe(36);
    // The extended function is 100 uncoupled copies of the 2-D one: about the same counts.
    expect(large.map((row) => row.iterations)).toEqual([38, 36]);
    expect(lines[0]).toBe("Rosenbrock's function from (-1.2, 1): the minimum is (1, 1)");
  });
});

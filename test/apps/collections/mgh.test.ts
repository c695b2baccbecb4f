import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { InvalidOptionError, Random, solve } from "../../../src/index.js";
import { gradientDescent } from "../../../solvers/gradient-descent/index.js";
import { bfgs, newtonMinimize } from "../../../solvers/newton/index.js";
import { mghCollection, mghNames, mghProblem } from "../../../src/apps/collections/index.js";
import { published } from "./fixtures/mgh-published.js";

interface Reference {
  readonly fAtStart: number;
  readonly minimiser?: readonly number[];
  readonly fAtMinimiser?: number;
}
// Computed by fixtures/mgh_reference.py (numpy 1.24.2, scipy 1.10.1; a second implementation of the residuals).
const reference = JSON.parse(
  readFileSync(new URL("./fixtures/mgh-reference.json", import.meta.url), "utf8"),
) as Readonly<Record<string, Reference>>;

const entries = mghCollection().entries;

/** Central differences of `g: R^n -> R^k` at `x`, column by column, with steps `1e-6 max(1, |x_j|)`. */
function differenced(g: (x: Float64Array) => Float64Array, x: Float64Array): Float64Array[] {
  return Array.from(x, (xj, j) => {
    const h = 1e-6 * Math.max(1, Math.abs(xj));
    const plus = Float64Array.from(x);
    const minus = Float64Array.from(x);
    plus[j] = xj + h;
    minus[j] = xj - h;
    const [gp, gm] = [g(plus), g(minus)];
    return gp.map((v, i) => (v - (gm[i] as number)) / (2 * h));
  });
}

describe("mghCollection", () => {
  it("holds the paper's 35 functions in its order, named as the fixture names them", () => {
    expect(entries.map((entry) => entry.name)).toEqual(Object.keys(published));
    expect(entries.map((entry) => entry.metadata.number)).toEqual(Array.from({ length: 35 }, (_, k) => k + 1));
    expect(mghNames).toEqual(Object.keys(published));
  });

  describe.each(entries.map((entry) => [entry.name, entry] as const))("%s", (name, entry) => {
    const paper = published[name];
    const computed = reference[name];
    if (paper === undefined || computed === undefined) throw new Error(`no fixture for ${name}`);

    it("has the paper's size, standard starting point and minimum value", () => {
      expect(entry.dimension).toBe(paper.n);
      expect(entry.metadata.m).toBe(paper.m);
      expect(Array.from(entry.problem.x0)).toEqual(paper.x0.map((v) => expect.closeTo(v, 15)));
      expect(entry.optimum).toBeCloseTo(paper.optimum, 14);
      if (paper.solution !== undefined) {
        expect(Array.from(entry.solution ?? [])).toEqual(paper.solution.map((v) => expect.closeTo(v, 15)));
      }
    });

    it("has the published value at the standard start (by hand where short, and by numpy)", () => {
      const f0 = entry.problem.f(Float64Array.from(paper.x0));
      expect(Math.abs(f0 - computed.fAtStart)).toBeLessThanOrEqual(1e-12 * computed.fAtStart);
      if (paper.fAtStartByHand !== undefined) {
        expect(Math.abs(f0 - paper.fAtStartByHand)).toBeLessThanOrEqual(1e-14 * paper.fAtStartByHand);
      }
    });

    it("has the published minimum value at its minimiser (closed form, or scipy's least_squares)", () => {
      const minimiser = paper.solution ?? computed.minimiser;
      if (minimiser === undefined) throw new Error(`no minimiser for ${name}`);
      const f = entry.problem.f(Float64Array.from(minimiser));
      // Non-zero minima are printed with six significant digits, truncated: within 1e-5 relative.
      if (paper.optimum === 0) expect(f).toBeLessThan(1e-20);
      else expect(Math.abs(f - paper.optimum)).toBeLessThanOrEqual(1e-5 * paper.optimum);
      if (computed.fAtMinimiser !== undefined) {
        expect(Math.abs(f - computed.fAtMinimiser)).toBeLessThanOrEqual(1e-12 * Math.max(computed.fAtMinimiser, 1e-20));
      }
      // A minimiser is a stationary point: the gradient, scaled by the coordinates, is small against f. (A
      // sanity check: Meyer's minimiser is so ill-conditioned that x2 * df/dx2 is 0.25 there with f at
      // 87.945855 to eleven digits; the value above is the real check.)
      const g = entry.problem.gradient(Float64Array.from(minimiser));
      const scaled = g.map((gj, j) => Math.abs(gj) * Math.max(1, Math.abs(minimiser[j] as number)));
      expect(Math.max(...scaled)).toBeLessThan(1e-2 * Math.max(1e-2, paper.optimum));
    });

    it("has an analytic Jacobian and gradient that agree with central differences", () => {
      const random = new Random(entry.metadata.number as number);
      const x0 = Float64Array.from(entry.problem.x0);
      const shaken = x0.map((v) => v + 0.1 * (random.float() - 0.5) * Math.max(1, Math.abs(v)));
      for (const x of [x0, shaken]) {
        const { n, m } = { n: entry.dimension, m: entry.metadata.m as number };
        const jacobian = entry.problem.jacobian(x);
        const columns = differenced(entry.problem.residuals, x);
        for (let i = 0; i < m; i++) {
          let scale = 1;
          for (let j = 0; j < n; j++) scale = Math.max(scale, Math.abs(jacobian[i * n + j] as number));
          for (let j = 0; j < n; j++) {
            const error = Math.abs((jacobian[i * n + j] as number) - ((columns[j] as Float64Array)[i] as number));
            expect(error, `J[${i}][${j}] at ${Array.from(x)}`).toBeLessThan(1e-5 * scale);
          }
        }
        const gradient = entry.problem.gradient(x);
        const fd = differenced((y) => Float64Array.of(entry.problem.f(y)), x).map((column) => column[0] as number);
        // Differences of f lose about eps |f| / h to rounding (f is 1e12 at Brown's start).
        const scale = Math.max(1, ...gradient.map(Math.abs));
        const rounding = (4 * Number.EPSILON * Math.abs(entry.problem.f(x))) / 1e-6;
        for (let j = 0; j < n; j++) {
          expect(Math.abs((gradient[j] as number) - (fd[j] as number))).toBeLessThan(1e-5 * scale + rounding);
        }
      }
    });
  });

  it("runs with BFGS, Newton (differenced Hessian) and gradient descent", () => {
    const byName = new Map(entries.map((entry) => [entry.name, entry]));
    for (const name of ["rosenbrock", "helical-valley", "wood", "osborne-2", "watson", "penalty-1"]) {
      const entry = byName.get(name);
      if (entry === undefined) throw new Error(name);
      const tolerance = 1e-5 * Math.max(entry.optimum ?? 0, 1e-10);
      const quasi = solve(bfgs({ maxIterations: 2000 }), entry.problem);
      expect(quasi.converged, name).toBe(true);
      expect(Math.abs(quasi.state.f - (entry.optimum ?? 0))).toBeLessThan(tolerance);
      const exact = solve(newtonMinimize(), entry.problem);
      expect(exact.converged, name).toBe(true);
      expect(Math.abs(exact.state.f - (entry.optimum ?? 0))).toBeLessThan(tolerance);
    }
    const descent = solve(gradientDescent({ maxIterations: 2000 }), mghProblem("beale").problem);
    expect(descent.converged).toBe(true);
    expect(descent.state.f).toBeLessThan(1e-15);
  });
});

describe("mghProblem", () => {
  it("builds the sizes the paper tabulates, with their minimum values", () => {
    for (const [name, n, optimum] of [
      ["watson", 9, 1.39976e-6],
      ["watson", 12, 4.72238e-10],
      ["penalty-1", 4, 2.24997e-5],
      ["penalty-2", 4, 9.37629e-6],
      ["chebyquad", 10, 6.50395e-3],
      ["chebyquad", 7, 0],
    ] as const) {
      const entry = mghProblem(name, { n });
      expect(entry.name).toBe(`${name}-n${n}`);
      expect(entry.optimum).toBe(optimum);
      expect(entry.problem.x0.length).toBe(n);
    }
    const watson9 = mghProblem("watson", { n: 9 });
    const result = solve(bfgs({ absTolerance: 1e-9, maxIterations: 5000 }), watson9.problem);
    expect(Math.abs(result.state.f - 1.39976e-6)).toBeLessThan(1e-5 * 1.39976e-6);
    expect(mghProblem("linear-full-rank", { n: 5, m: 7 })).toMatchObject({
      name: "linear-full-rank-n5-m7",
      optimum: 2,
    });
    expect(mghProblem("chebyquad", { n: 8, m: 9 }).optimum).toBeUndefined();
  });

  it("builds new arrays on every call", () => {
    const a = mghProblem("rosenbrock");
    const b = mghProblem("rosenbrock");
    expect(a.problem.x0).not.toBe(b.problem.x0);
    a.problem.x0[0] = 7;
    expect(b.problem.x0[0]).toBe(-1.2);
  });

  it("refuses unknown names, unknown options and sizes the function does not allow", () => {
    expect(() => mghProblem("rosenbrok")).toThrow(InvalidOptionError);
    expect(() => mghProblem("rosenbrok")).toThrow(/did you mean rosenbrock\?/);
    expect(() => mghProblem("wood", { n: 5 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: n must be 4 (fixed for this function), got 5]`,
    );
    expect(() => mghProblem("extended-rosenbrock", { n: 7 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: n must be a multiple of 2 >= 2, got 7]`,
    );
    expect(() => mghProblem("penalty-1", { n: 4, m: 4 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: m must be 5 (it follows from n for penalty-1), got 4]`,
    );
    expect(() => mghProblem("gulf", { m: 101 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: m must be an integer in [3, 100], got 101]`,
    );
    expect(() => mghProblem("beale", { size: 2 } as never)).toThrow(/size is not an option of mghProblem/);
  });
});

import { describe, expect, it } from "vitest";
import { Random } from "../../../src/index.js";
import { mghCollection, mghNames, mghProblem } from "../../../src/apps/collections/index.js";

/**
 * Central differences of the exact gradient, column by column, Richardson-extrapolated from the steps h and
 * h/2 (error O(h^4)) so that steep exponentials (Osborne 1's exp(-320 x4)) do not need a tolerance loose
 * enough to hide a wrong term.
 */
function differencedHessian(gradient: (x: Float64Array) => Float64Array, x: Float64Array): Float64Array {
  const n = x.length;
  const h = new Float64Array(n * n);
  const central = (k: number, step: number, i: number, cache: Map<number, [Float64Array, Float64Array]>) => {
    let pair = cache.get(step);
    if (pair === undefined) {
      const plus = Float64Array.from(x);
      const minus = Float64Array.from(x);
      plus[k] = (x[k] as number) + step;
      minus[k] = (x[k] as number) - step;
      pair = [gradient(plus), gradient(minus)];
      cache.set(step, pair);
    }
    return ((pair[0][i] as number) - (pair[1][i] as number)) / (2 * step);
  };
  for (let k = 0; k < n; k++) {
    const step = 1e-4 * Math.max(1, Math.abs(x[k] as number));
    const cache = new Map<number, [Float64Array, Float64Array]>();
    for (let i = 0; i < n; i++) {
      h[i * n + k] = (4 * central(k, step / 2, i, cache) - central(k, step, i, cache)) / 3;
    }
  }
  return h;
}

/** The largest entry-wise difference relative to the largest entry (Frobenius-free, so one bad entry shows). */
function relativeGap(a: Float64Array, b: Float64Array): number {
  let gap = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    gap = Math.max(gap, Math.abs((a[i] as number) - (b[i] as number)));
    scale = Math.max(scale, Math.abs(b[i] as number));
  }
  return gap / Math.max(scale, 1e-300);
}

const withClosedForm = mghCollection().entries.filter((entry) => typeof entry.problem.hessian === "function");

describe("MGH Hessians", () => {
  it("are in closed form for 31 functions; helical valley, Gulf, Kowalik-Osborne and Osborne 2 difference the gradient", () => {
    const differenced = mghCollection()
      .entries.filter((entry) => typeof entry.problem.hessian !== "function")
      .map((entry) => entry.name);
    expect(differenced).toEqual(["helical-valley", "gulf", "kowalik-osborne", "osborne-2"]);
    expect(withClosedForm).toHaveLength(31);
    for (const entry of withClosedForm) expect(entry.metadata.hessian).toBe("analytic");
  });

  it.each(withClosedForm.map((entry) => [entry.name, entry] as const))(
    "%s: the analytic Hessian matches central differences of the analytic gradient at the standard start and nearby",
    (_name, entry) => {
      const { problem } = entry;
      const hessian = problem.hessian as (x: Float64Array) => Float64Array;
      const random = new Random(entry.metadata.number as number);
      // The standard start, and a point moved by up to 10 % (a start on a symmetry line can hide a wrong term).
      const nearby = problem.x0.map((v) => v + 0.1 * Math.max(1, Math.abs(v)) * (2 * random.float() - 1));
      for (const x of [problem.x0, nearby]) {
        const exact = hessian(x);
        expect(exact).toHaveLength(problem.x0.length ** 2);
        expect(relativeGap(exact, differencedHessian(problem.gradient, x))).toBeLessThan(1e-5);
        const n = problem.x0.length;
        for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) expect(exact[i * n + j]).toBe(exact[j * n + i]);
      }
    },
  );

  it("hold at other sizes of the variable-size functions", () => {
    for (const name of mghNames.slice(19)) {
      const n = name === "extended-powell-singular" ? 8 : name === "watson" ? 9 : 6;
      const { problem } = mghProblem(name, { n });
      const x = problem.x0.map((v, k) => v + 0.05 * (k + 1));
      const hessian = problem.hessian as (x: Float64Array) => Float64Array;
      expect(relativeGap(hessian(x), differencedHessian(problem.gradient, x)), name).toBeLessThan(1e-5);
    }
  });
});

import { describe, expect, it } from "vitest";
import * as mghStudy from "../../examples/mgh-study.js";
import * as minimiserStudy from "../../examples/minimiser-study.js";

const quiet = (lines: string[]) => (line: string) => void lines.push(line);

describe("examples", () => {
  it("minimiser-study: Newton and BFGS converge on Rosenbrock, Powell and Beale; gradient descent mostly runs out", {
    timeout: 60_000,
  }, async () => {
    const lines: string[] = [];
    const { outcome, results, rho } = await minimiserStudy.main(quiet(lines), 2);
    expect(outcome).toMatchObject({ total: 24, done: 24, failed: 0 });
    const converged = (method: string, problem: string) =>
      results.runs.filter((run) => run.method === method && run.problem === problem && run.stopKind === "converged");
    for (const problem of ["(1) Rosenbrock", "(3) Powell badly scaled", "(5) Beale"]) {
      for (const method of ["Newton", "BFGS"]) {
        expect(converged(method, problem)).toHaveLength(2);
        for (const run of converged(method, problem)) expect(run.finalError).toBeLessThan(1e-12);
      }
    }
    // Seed 0 is the standard start: Rosenbrock from (-1.2, 1), where Newton takes 21 iterations (the tour's count).
    const newton = results.runs.find(
      (run) => run.method === "Newton" && run.problem === "(1) Rosenbrock" && run.seed === 0,
    );
    expect(newton?.iterations).toBe(21);
    expect(rho["gradient descent"]?.[0]).toBe(0);
    expect(lines.join("\n")).toContain("performance profile");
  });
});

describe("examples/mgh-study", () => {
  it("moves every coordinate of a start by at most 0.1 max(1, |x0_i|), seed 0 not at all", () => {
    const standard = Float64Array.of(-1.2, 1, 0, 250);
    expect([...mghStudy.movedStart(standard, 0)]).toEqual([...standard]);
    for (const seed of [1, 2, 9]) {
      const moved = mghStudy.movedStart(standard, seed);
      moved.forEach((value, i) => {
        const x = standard[i] as number;
        expect(Math.abs(value - x)).toBeLessThanOrEqual(0.1 * Math.max(1, Math.abs(x)));
        expect(value).not.toBe(x);
      });
      expect([...mghStudy.movedStart(standard, seed)]).toEqual([...moved]);
    }
  });

  it("at one seed: 105 runs; Newton and BFGS converge on most of the 35 functions, gradient descent on few", {
    timeout: 120_000,
  }, async () => {
    expect(mghStudy.mghStudy.problems).toHaveLength(35);
    const { outcome, results, rho } = await mghStudy.main(() => {}, { seeds: 1 });
    expect(outcome).toMatchObject({ total: 105, done: 105, failed: 0 });
    const converged = (method: string) =>
      results.runs.filter((run) => run.method === method && run.stopKind === "converged").length;
    expect(converged("Newton")).toBeGreaterThanOrEqual(30);
    expect(converged("BFGS")).toBeGreaterThanOrEqual(30);
    expect(converged("gradient descent")).toBeLessThanOrEqual(12);
    // Seed 0 is the standard start: Rosenbrock from (-1.2, 1), where Newton takes 21 iterations (the tour's count)
    // with the analytic Hessian, and ends at x* = (1, 1).
    const newton = results.runs.find((run) => run.method === "Newton" && run.problem === "rosenbrock");
    expect(newton?.iterations).toBe(21);
    expect(newton?.finalError).toBeLessThan(1e-9);
    // rho(infinity) is the fraction converged; at tau = 1 every instance some method solved has a best method.
    expect(rho.Newton?.[2]).toBeCloseTo(converged("Newton") / 35, 12);
    const solvedByAny = new Set(results.runs.filter((run) => run.stopKind === "converged").map((run) => run.problem));
    const best = ["Newton", "BFGS", "gradient descent"].reduce((sum, method) => sum + (rho[method]?.[0] ?? 0), 0);
    expect(best).toBeGreaterThanOrEqual(solvedByAny.size / 35 - 1e-12);
  });
});

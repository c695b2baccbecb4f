import { describe, expect, it } from "vitest";
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

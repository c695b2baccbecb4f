import { describe, expect, it } from "vitest";
import { prepareProblem, solve } from "../../src/index.js";
import type { SolveResult, Solver } from "../../src/index.js";
import { poisson2d } from "../../solvers/gauss-seidel/index.js";
import { bicgstab, conjugateGradient, gmres, ic0, minres } from "../../solvers/krylov/index.js";
import type { KrylovProblem, Preconditioner } from "../../solvers/krylov/index.js";
import { bisection, brent, itp } from "../../solvers/newton/index.js";
import type { BracketingProblem, BracketingState } from "../../solvers/newton/index.js";

const runOf = (result: SolveResult<unknown, unknown>) => ({
  state: result.state,
  iterations: result.iterations,
  stopReason: result.stopReason,
  records: result.trace.entries.map(({ iteration, record }) => ({ iteration, record })),
});

/** IC(0) with its factorisations counted. */
function countedIc0(): { readonly preconditioner: Preconditioner; readonly setups: () => number } {
  const inner = ic0();
  let setups = 0;
  const preconditioner: Preconditioner = {
    name: inner.name,
    setup: (matrix) => {
      setups += 1;
      return inner.setup(matrix);
    },
  };
  return { preconditioner, setups: () => setups };
}

const n = 12;
const poisson: KrylovProblem = { matrix: poisson2d(n), b: Float64Array.from({ length: n * n }, (_, i) => 1 + (i % 5)) };
const chain: KrylovProblem = {
  matrix: [
    [4, -1, 0, 0],
    [-2, 4, -1, 0],
    [0, -2, 4, -1],
    [0, 0, -2, 4],
  ],
  b: [1, 2, 3, 4],
  x0: [0.5, 0, 0, 0.5],
};
const indefinite: KrylovProblem = {
  matrix: [
    [1, 2, 0],
    [2, -3, 1],
    [0, 1, 2],
  ],
  b: [1, 0, -1],
};

describe("Krylov methods on a prepared problem", () => {
  it("factorise IC(0) once for a caller-held handle whose two runs equal each other and a plain solve", () => {
    const counted = countedIc0();
    const solver = conjugateGradient({ preconditioner: counted.preconditioner });
    using prepared = prepareProblem(solver, poisson);
    expect(counted.setups()).toBe(1);
    const first = solve(solver, prepared);
    const second = solve(solver, prepared);
    expect(counted.setups()).toBe(1);
    expect(first.converged).toBe(true);
    expect(runOf(second)).toEqual(runOf(first));
    expect(runOf(solve(solver, poisson))).toEqual(runOf(first));
    expect(counted.setups()).toBe(2); // a plain solve prepares its own problem: no cache outlives a run
  });

  it.each([
    ["CG", conjugateGradient() as Solver<KrylovProblem, unknown, unknown, unknown>, poisson],
    ["GMRES(3)", gmres({ restart: 3 }), chain],
    ["BiCGSTAB", bicgstab(), chain],
    ["MINRES", minres(), indefinite],
  ] as const)("%s gives two identical runs on one handle, leaving its x0 and r0 as prepared", (_, solver, problem) => {
    using prepared = prepareProblem(solver, problem);
    type System = { readonly x0: Float64Array; readonly r0: Float64Array };
    const held = prepared.prepared as System | { readonly system: System };
    const system = "system" in held ? held.system : held; // CG keeps its preconditioner beside the system
    const x0 = system.x0.slice();
    const r0 = system.r0.slice();
    const first = solve(solver, prepared);
    const second = solve(solver, prepared);
    expect(first.converged).toBe(true);
    expect(first.iterations).toBeGreaterThan(1);
    expect(runOf(second)).toEqual(runOf(first));
    expect(system.x0).toEqual(x0);
    expect(system.r0).toEqual(r0);
  });
});

describe("bracketing methods on a prepared problem", () => {
  it.each([
    ["bisection", bisection()],
    ["brent", brent()],
    ["itp", itp()],
  ] as const)("%s evaluates f(a) and f(b) once for a handle reused by two identical runs", (_, solver) => {
    let evaluations = 0;
    const problem: BracketingProblem = {
      f: (x) => {
        evaluations += 1;
        return x * x * x - 2 * x - 5;
      },
      bracket: [2, 3],
    };
    using prepared = prepareProblem(solver, problem);
    expect(evaluations).toBe(2);
    const first = solve(solver, prepared);
    const second = solve(solver, prepared);
    const state: BracketingState = first.state;
    expect(first.converged).toBe(true);
    expect(runOf(second)).toEqual(runOf(first));
    // Each run counts the two end values in fEvaluations; the handle computed them once for both runs.
    expect(evaluations).toBe(2 + 2 * (state.fEvaluations - 2));
    evaluations = 0;
    expect(runOf(solve(solver, problem))).toEqual(runOf(first));
    expect(evaluations).toBe(state.fEvaluations);
  });
});

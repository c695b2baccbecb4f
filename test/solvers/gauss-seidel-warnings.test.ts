// Gauss-Seidel's convergence warnings reach the run's result (and a prepared handle), never the state.
import { describe, expect, it } from "vitest";
import {
  parseCheckpoint,
  prepareProblem,
  serializeCheckpoint,
  solve,
  solveAsync,
  solveIterations,
  solveIterationsAsync,
} from "../../src/index.js";
import type { RunResult } from "../../src/index.js";
import type { GaussSeidelState } from "../../solvers/gauss-seidel/index.js";
import { spdNotDominantCsr } from "../fixtures/csr.js";
import { gaussSeidel, jacobi, poisson1d, redBlackGaussSeidel, sor, ssor } from "../../solvers/gauss-seidel/index.js";

// SPD but not diagonally dominant, and sparse: prepare cannot certify it and warns.
const matrix = spdNotDominantCsr();
const problem = { matrix, b: [1, 2, 3] };
const warning =
  "convergence is not guaranteed: the matrix is neither diagonally dominant (row 1: |a[1][1]| = 2 < " +
  "sum_{j != 1} |a[1][j]| = 2.4) nor symmetric positive definite (undecided: symmetric with a positive " +
  "diagonal, but sparse matrices get no Cholesky check)";

function drainResult<T, R>(generator: Generator<T, R, undefined>): R {
  for (;;) {
    const step = generator.next();
    if (step.done === true) return step.value;
  }
}

async function drainResultAsync<T, R>(generator: AsyncGenerator<T, R, undefined>): Promise<R> {
  for (;;) {
    const step = await generator.next();
    if (step.done === true) return step.value;
  }
}

function expectWarned(result: RunResult<GaussSeidelState, unknown>): void {
  expect(result.warnings).toEqual([warning]);
  expect(Object.keys(result.state)).not.toContain("warnings");
  expect(Object.keys(result.checkpoint().state)).not.toContain("warnings");
}

describe("Gauss-Seidel warnings", () => {
  it("arrive in result.warnings from solve, solveAsync and the step-through drivers, not in the state", async () => {
    const results = [
      solve(gaussSeidel(), problem),
      await solveAsync(gaussSeidel(), problem),
      drainResult(solveIterations(gaussSeidel(), problem)),
      await drainResultAsync(solveIterationsAsync(gaussSeidel(), problem)),
    ];
    for (const result of results) {
      expectWarned(result);
      expect(result.converged).toBe(true);
    }
    // The warning does not change the run: all four drivers give the same bits.
    const reference = Array.from(results[0]?.state.x ?? []);
    for (const result of results) expect(Array.from(result.state.x)).toEqual(reference);
  });

  it("come from every method of the family, and none for a dominant matrix", () => {
    for (const solver of [jacobi(), gaussSeidel(), sor({ relaxation: 1.1 }), ssor(), redBlackGaussSeidel()]) {
      expectWarned(solve(solver, problem, { maxIterations: 3 }));
      expect(solve(solver, { matrix: poisson1d(5), b: [1, 1, 1, 1, 1] }, { maxIterations: 3 }).warnings).toEqual([]);
    }
  });

  it("live on a prepareProblem handle, and every run on it reports them", () => {
    const solver = gaussSeidel();
    using handle = prepareProblem(solver, problem);
    expect(handle.warnings).toEqual([warning]);
    expect(Object.keys(handle.prepared)).not.toContain("warnings");
    const runs = [solve(solver, handle, { maxIterations: 2 }), solve(solver, handle), solve(solver, handle)];
    for (const run of runs) expectWarned(run);
  });

  it("are reported again by a resumed run, which continues bit-identically", () => {
    const whole = solve(gaussSeidel({ relTolerance: 1e-14 }), problem);
    const first = solve(gaussSeidel({ relTolerance: 1e-14 }), problem, { maxIterations: 4 });
    const checkpoint = parseCheckpoint<GaussSeidelState, unknown>(serializeCheckpoint(first.checkpoint()));
    const resumed = solve(gaussSeidel({ relTolerance: 1e-14 }), problem, { resumeFrom: checkpoint });
    expectWarned(resumed);
    expect(resumed.iterations).toBe(whole.iterations);
    expect(Array.from(resumed.state.x)).toEqual(Array.from(whole.state.x));
    const records = (result: RunResult<GaussSeidelState, unknown>) => result.trace.entries.map((entry) => entry.record);
    expect(records(resumed)).toEqual(records(whole));
  });
});

// Krylov states hold the iterate and the recurrences' vectors, not the system's residual scale (problem data).
import { describe, expect, it } from "vitest";
import { parseCheckpoint, serializeCheckpoint, solve } from "../../src/index.js";
import type { Solver } from "../../src/index.js";
import { poisson2d } from "../../solvers/gauss-seidel/index.js";
import { bicgstab, conjugateGradient, gmres, jacobiPreconditioner, minres } from "../../solvers/krylov/index.js";
import type { KrylovProblem, KrylovStateBase } from "../../solvers/krylov/index.js";
import { randomVector } from "../fixtures/csr.js";

const b = randomVector(8 * 8, 3);
const bNorm = Math.hypot(...b);
const problem = { matrix: poisson2d(8), b };

/** Runs `check` on every Krylov method, with and without a preconditioner where it takes one. */
function forEachMethod(check: <S extends KrylovStateBase, R, Q>(solver: Solver<KrylovProblem, S, R, Q>) => void) {
  check(conjugateGradient());
  check(conjugateGradient({ preconditioner: jacobiPreconditioner() }));
  check(minres());
  check(minres({ preconditioner: jacobiPreconditioner() }));
  check(gmres());
  check(bicgstab());
}

describe("Krylov states", () => {
  it("have no residualScale; relativeResidual is still the residual norm over ||b||", () => {
    forEachMethod((solver) => {
      for (const maxIterations of [0, 4]) {
        const { state } = solve(solver, problem, { maxIterations });
        expect(Object.keys(state), solver.name).not.toContain("residualScale");
        expect(state.relativeResidual, solver.name).toBeCloseTo(state.residualNorm / bNorm, 15);
      }
    });
  });

  // CG without a preconditioner failed this before its step stopped reading z (an alias of r in the state,
  // two arrays after a JSON round trip).
  it("resume from a serialised checkpoint to the uninterrupted run's bits", () => {
    forEachMethod((solver) => {
      const whole = solve(solver, problem, { maxIterations: 12 });
      const first = solve(solver, problem, { maxIterations: 5 });
      const resumeFrom = parseCheckpoint<typeof first.state, unknown>(serializeCheckpoint(first.checkpoint()));
      const resumed = solve(solver, problem, { maxIterations: 12, resumeFrom });
      expect(Array.from(resumed.state.x), solver.name).toEqual(Array.from(whole.state.x));
      expect(resumed.state.relativeResidual, solver.name).toBe(whole.state.relativeResidual);
    });
  });
});

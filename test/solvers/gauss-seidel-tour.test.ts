import { describe, expect, it } from "vitest";
import { gaussSeidelTourEntries } from "../../src/apps/cli/tour-gauss-seidel.js";

describe("gaussSeidelTourEntries", () => {
  it("each converges on the Poisson problem to its known solution, in the predicted order of iterations", () => {
    const runs = gaussSeidelTourEntries.map((entry) => entry.run());
    // A is symmetric positive definite, so ||x - x*||_2 <= ||A^{-1}||_2 ||r||_2 = ||r||_2 / lambda_min.
    const lambdaMin = 4 - 4 * Math.cos(Math.PI / 16);
    for (const { result, error } of runs) {
      expect(result.converged).toBe(true);
      expect(error).toBeLessThanOrEqual(
        ((result.state as { residualNorm: number }).residualNorm / lambdaMin) * (1 + 1e-9),
      );
      expect(error).toBeLessThan(1e-6);
    }
    const [jacobiRun, gaussSeidelRun, sorRun] = runs.map((run) => run.result.iterations) as [number, number, number];
    // rho_J = cos(pi / 16): about 950, 475 and (Jordan block at the optimum) 60 iterations.
    expect(gaussSeidelRun / jacobiRun).toBeCloseTo(0.5, 2);
    expect(sorRun).toBeLessThan(gaussSeidelRun / 5);
    expect(runs.map((run) => run.result.solver)).toEqual(["Jacobi", "Gauss-Seidel", "SOR (omega = 1.674)"]);
  });
});

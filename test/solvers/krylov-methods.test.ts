// GMRES, BiCGSTAB and MINRES, SciPy's iteration counts, and the Krylov methods in compare() (krylov.test.ts: CG).
import { describe, expect, it } from "vitest";
import { compare, relativeResidual, solve } from "../../src/index.js";
import {
  gaussSeidel,
  optimalRelaxation,
  poisson2d,
  poissonJacobiRadius,
  sor,
} from "../../solvers/gauss-seidel/index.js";
import { bicgstab, conjugateGradient, gmres, ic0, minres } from "../../solvers/krylov/index.js";
import { convectionDiffusion, randomVector, toDense } from "../fixtures/csr.js";
import { directSolve, maxError, residuals } from "../fixtures/krylov.js";

describe("gmres", () => {
  const n = 10;
  const matrix = convectionDiffusion(n, 0.4);
  const b = randomVector(n * n, 8);
  const expected = directSolve(toDense(matrix), b);

  it("solves a nonsymmetric convection-diffusion system as a direct solve does", () => {
    for (const restart of [5, 30, 200]) {
      const result = solve(gmres({ restart, relTolerance: 1e-10 }), { matrix, b });
      expect(result.converged).toBe(true);
      expect(maxError(result.state.x, expected)).toBeLessThan(1e-8);
    }
  });

  it("never increases its residual within a restart cycle, and restarts every m iterations", () => {
    const restart = 7;
    const result = solve(gmres({ restart, relTolerance: 1e-10 }), { matrix, b }, { trace: { maxLength: 10_000 } });
    const norms = residuals(result.trace.entries);
    for (let k = 1; k < norms.length; k++) {
      const restarted = k > 1 && (k - 1) % restart === 0; // iteration k began a new cycle
      if (!restarted) expect(norms[k]).toBeLessThanOrEqual((norms[k - 1] as number) * (1 + 1e-12));
    }
    expect(result.state.restarts).toBe(Math.floor((result.iterations - 1) / restart));
  });

  it("without restarts (m >= n) finishes within n iterations", () => {
    const result = solve(gmres({ restart: n * n, relTolerance: 1e-12 }), { matrix, b });
    expect(result.iterations).toBeLessThanOrEqual(n * n);
    expect(result.state.restarts).toBe(0);
  });
});

describe("Krylov iteration counts against SciPy", () => {
  it("CG and GMRES(30) take scipy.sparse.linalg's counts on poisson2d(15) and poisson2d(31) with b = 1, rtol 1e-8", () => {
    // SciPy 1.10.1, Debian's python3-scipy (cg, gmres with restart=30 and callback_type='pr_norm'): 27 and 58; 27 and 107.
    const counts = [15, 31].map((n) => {
      const problem = { matrix: poisson2d(n), b: new Float64Array(n * n).fill(1) };
      return [solve(conjugateGradient(), problem).iterations, solve(gmres(), problem).iterations];
    });
    expect(counts).toEqual([
      [27, 27],
      [58, 107],
    ]);
  });
});

describe("bicgstab", () => {
  it("solves a nonsymmetric convection-diffusion system as a direct solve does", () => {
    const n = 10;
    const matrix = convectionDiffusion(n, 0.4);
    const b = randomVector(n * n, 9);
    const result = solve(bicgstab({ relTolerance: 1e-10 }), { matrix, b });
    expect(result.converged).toBe(true);
    expect(maxError(result.state.x, directSolve(toDense(matrix), b))).toBeLessThan(1e-8);
  });
});

describe("minres", () => {
  it("solves a symmetric indefinite system as a direct solve does, its residual never increasing", () => {
    // Poisson shifted by 2: eigenvalues on both sides of 0.
    const n = 12;
    const poisson = toDense(poisson2d(n));
    const a = poisson.map((row, i) => row.map((value, j) => (i === j ? value - 2.1 : value)));
    const b = randomVector(n * n, 10);
    const result = solve(minres({ relTolerance: 1e-10 }), { matrix: a, b }, { trace: { maxLength: 10_000 } });
    expect(result.converged).toBe(true);
    expect(maxError(result.state.x, directSolve(a, b))).toBeLessThan(1e-8);
    const norms = residuals(result.trace.entries);
    for (let k = 1; k < norms.length; k++) expect(norms[k]).toBeLessThanOrEqual((norms[k - 1] as number) * (1 + 1e-12));
    expect(solve(conjugateGradient(), { matrix: a, b }).stopReason.kind).toBe("diverged");
  });
});

describe("Krylov methods in compare()", () => {
  it("run beside Gauss-Seidel and SOR on one Poisson problem, measured by the relative residual", () => {
    const n = 16;
    const comparison = compare({
      problem: { matrix: poisson2d(n), b: new Float64Array(n * n).fill(1) },
      methods: [
        { label: "Gauss-Seidel", solver: gaussSeidel() },
        { label: "SOR", solver: sor({ relaxation: optimalRelaxation(poissonJacobiRadius(n)) }) },
        { label: "CG", solver: conjugateGradient() },
        { label: "PCG", solver: conjugateGradient({ preconditioner: ic0() }) },
      ],
      error: relativeResidual(),
    });
    const iterations = comparison.rows.map((row) => row.iterations);
    const solvers = comparison.rows.map((row) => row.solver);
    expect(solvers).toEqual(["Gauss-Seidel", "SOR (omega = 1.69)", "CG", "PCG (IC(0))"]);
    expect(comparison.rows.every((row) => row.converged)).toBe(true);
    expect(iterations[2]).toBeLessThan(iterations[1] as number);
    expect(iterations[1]).toBeLessThan(iterations[0] as number);
  });
});

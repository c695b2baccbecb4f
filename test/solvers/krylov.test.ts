import { LuDecomposition, Matrix } from "ml-matrix";
import { describe, expect, it } from "vitest";
import { compare, Random, relativeResidual, solve } from "../../src/index.js";
import {
  gaussSeidel,
  optimalRelaxation,
  poisson2d,
  poissonJacobiRadius,
  sor,
} from "../../solvers/gauss-seidel/index.js";
import {
  bicgstab,
  conjugateGradient,
  gmres,
  ic0,
  jacobiPreconditioner,
  minres,
  ssorPreconditioner,
} from "../../solvers/krylov/index.js";
import type { KrylovRecord } from "../../solvers/krylov/index.js";
import { convectionDiffusion, randomVector, toDense } from "../fixtures/csr.js";

const directSolve = (a: readonly (readonly number[])[], b: ArrayLike<number>): number[] =>
  new LuDecomposition(new Matrix(a.map((row) => [...row]))).solve(Matrix.columnVector(Array.from(b))).getColumn(0);

const maxError = (x: ArrayLike<number>, expected: readonly number[]) =>
  Math.max(...expected.map((value, i) => Math.abs((x[i] as number) - value)));

/** A random symmetric positive definite matrix `Q^T diag(d) Q` with eigenvalues d spread over [1, 100]. */
function randomSpd(n: number, random: Random): number[][] {
  const q = new Matrix(Array.from({ length: n }, () => Array.from({ length: n }, () => random.float() - 0.5)));
  const orthogonalMatrix = new Matrix(n, n);
  // Orthonormalise q's columns (Gram-Schmidt) into orthogonalMatrix.
  for (let j = 0; j < n; j++) {
    const v = q.getColumn(j);
    for (let k = 0; k < j; k++) {
      const u = orthogonalMatrix.getColumn(k);
      const projection = v.reduce((sum, value, i) => sum + value * (u[i] as number), 0);
      for (let i = 0; i < n; i++) v[i] = (v[i] as number) - projection * (u[i] as number);
    }
    const norm = Math.hypot(...v);
    orthogonalMatrix.setColumn(
      j,
      v.map((value) => value / norm),
    );
  }
  const eigenvalues = Array.from({ length: n }, (_, i) => 1 + (99 * i) / (n - 1));
  const scaled = orthogonalMatrix.clone();
  for (let j = 0; j < n; j++) {
    scaled.setColumn(
      j,
      orthogonalMatrix.getColumn(j).map((value) => value * (eigenvalues[j] as number)),
    );
  }
  const a = scaled.mmul(orthogonalMatrix.transpose()).to2DArray();
  // Exactly symmetric.
  return a.map((row, i) => row.map((value, j) => (i <= j ? value : ((a[j] as number[])[i] as number))));
}

const residuals = (records: readonly { readonly record: KrylovRecord }[]) =>
  records.map((entry) => entry.record.residualNorm);

describe("conjugateGradient", () => {
  it("terminates within n iterations on small SPD systems (n = 5 to 20, eigenvalues in [1, 100])", () => {
    const random = new Random(11);
    for (const n of [5, 8, 12, 16, 20]) {
      const a = randomSpd(n, random);
      const b = randomVector(n, n);
      const result = solve(conjugateGradient({ relTolerance: 1e-10 }), { matrix: a, b });
      expect(result.stopReason.kind).toBe("converged");
      expect(result.iterations).toBeLessThanOrEqual(n);
      expect(maxError(result.state.x, directSolve(a, b))).toBeLessThan(1e-9);
    }
  });

  it("needs about the sqrt(kappa) bound's iterations on poisson2d(n), doubling as h halves", () => {
    const tolerance = 1e-8;
    const counts: number[] = [];
    for (const n of [8, 16, 32]) {
      const h = 1 / (n + 1);
      const kappa = 1 / Math.tan((Math.PI * h) / 2) ** 2; // lambda_max / lambda_min = cot^2(pi h / 2)
      const bound = Math.ceil((Math.log(2 / tolerance) * Math.sqrt(kappa)) / 2);
      const problem = { matrix: poisson2d(n), b: randomVector(n * n, 3) };
      const result = solve(conjugateGradient({ relTolerance: tolerance }), problem);
      expect(result.converged).toBe(true);
      expect(result.iterations).toBeLessThanOrEqual(bound);
      expect(result.iterations).toBeGreaterThanOrEqual(bound / 3);
      counts.push(result.iterations);
    }
    expect(counts).toEqual([26, 52, 101]); // bounds 55, 104, 201
  });

  it("with IC(0) or SSOR needs fewer iterations than CG on Poisson, Jacobi the same (constant diagonal)", () => {
    const n = 20;
    const problem = { matrix: poisson2d(n), b: randomVector(n * n, 3) };
    const plain = solve(conjugateGradient(), problem);
    const incomplete = solve(conjugateGradient({ preconditioner: ic0() }), problem);
    const symmetric = solve(conjugateGradient({ preconditioner: ssorPreconditioner({ relaxation: 1.5 }) }), problem);
    const diagonal = solve(conjugateGradient({ preconditioner: jacobiPreconditioner() }), problem);
    expect(incomplete.solver).toBe("PCG (IC(0))");
    expect(incomplete.iterations).toBeLessThan(plain.iterations / 1.5);
    expect(symmetric.iterations).toBeLessThan(plain.iterations / 2);
    expect(diagonal.iterations).toBe(plain.iterations);
    const expected = directSolve(toDense(problem.matrix), problem.b);
    for (const result of [plain, incomplete, symmetric, diagonal]) {
      expect(result.converged).toBe(true);
      expect(maxError(result.state.x, expected)).toBeLessThan(1e-6);
    }
  });

  it("tracks the true residual with its recursive one (within rounding)", () => {
    const n = 16;
    const problem = { matrix: poisson2d(n), b: randomVector(n * n, 4) };
    const result = solve(conjugateGradient({ preconditioner: ic0() }), problem);
    const a = toDense(problem.matrix);
    const x = result.state.x;
    const rowResidual = (row: number[], i: number) =>
      (problem.b[i] as number) - row.reduce((s, v, j) => s + v * (x[j] as number), 0);
    const trueResidual = Math.hypot(...a.map(rowResidual));
    expect(Math.abs(trueResidual - result.state.residualNorm)).toBeLessThan(1e-12);
  });

  it("stops diverged, naming p^T A p, on a matrix that is not positive definite", () => {
    const result = solve(conjugateGradient(), {
      matrix: [
        [1, 2, 0],
        [2, -3, 1],
        [0, 1, 2],
      ],
      b: [1, 0, 2],
    });
    expect(result.stopReason).toMatchInlineSnapshot(`
      {
        "kind": "diverged",
        "message": "the matrix is not positive definite: p^T A p = -27.16049382716049 at iteration 1",
        "source": "solver",
      }
    `);
    expect(result.iterations).toBe(2);
  });

  it("rejects a matrix on which IC(0) breaks down, naming the row", () => {
    const matrix = [
      [4, 1, 0],
      [1, 1, 3],
      [0, 3, 1],
    ];
    expect(() =>
      solve(conjugateGradient({ preconditioner: ic0() }), { matrix, b: [1, 1, 1] }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.matrix (row 2) must be a matrix whose IC(0) factorisation has positive pivots (IC(0) broke down: a_ii - sum_k l_ik^2 <= 0), got pivot -11.000000000000002 in row 2]`,
    );
  });

  it("rejects a non-positive diagonal for the Jacobi and SSOR preconditioners", () => {
    const problem = {
      matrix: [
        [2, 1],
        [1, 0],
      ],
      b: [1, 1],
    };
    expect(() =>
      solve(conjugateGradient({ preconditioner: jacobiPreconditioner() }), problem),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.matrix[1][1] (the diagonal of row 1) must be positive for the Jacobi preconditioner of a symmetric positive definite matrix, got 0]`,
    );
    expect(() =>
      solve(conjugateGradient({ preconditioner: ssorPreconditioner() }), problem),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.matrix[1][1] (the diagonal of row 1) must be positive for the SSOR preconditioner of a symmetric positive definite matrix, got 0]`,
    );
  });

  it("rejects unknown options, a preconditioner that is not one, and an SSOR factor outside (0, 2)", () => {
    expect(() => conjugateGradient({ relTol: 1e-6 } as never)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: relTol is not an option of conjugateGradient; did you mean relTolerance? (options: relTolerance, absTolerance, divergenceTolerance, maxIterations, preconditioner)]`,
    );
    expect(() => conjugateGradient({ preconditioner: "ic0" as never })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: preconditioner must be a preconditioner: jacobiPreconditioner(), ssorPreconditioner() or ic0(), got "ic0"]`,
    );
    expect(() => ssorPreconditioner({ relaxation: 2 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: relaxation must be a number in (0, 2), got 2]`,
    );
    expect(() => gmres({ rtol: 1e-6 } as never)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: rtol is not an option of gmres; did you mean relTolerance? (options: relTolerance, absTolerance, divergenceTolerance, maxIterations, restart, preconditioner)]`,
    );
    expect(() => bicgstab({ dtol: 10 } as never)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: dtol is not an option of bicgstab; did you mean divergenceTolerance? (options: relTolerance, absTolerance, divergenceTolerance, maxIterations, preconditioner)]`,
    );
    expect(() => gmres({ restart: 0 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: restart must be an integer >= 1, got 0]`,
    );
  });

  it("rejects a malformed problem as the Gauss-Seidel family does, and accepts a zero diagonal", () => {
    expect(() => solve(conjugateGradient(), { matrix: [[1, 2]], b: [1] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.matrix must be a square matrix, got a 1 x 2 matrix]`,
    );
    expect(() =>
      solve(minres(), {
        matrix: [
          [1, 0],
          [0, 1],
        ],
        b: [1, 2, 3],
      }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.b must be an array of 2 finite numbers, got an array of length 3]`,
    );
    const saddle = solve(minres(), {
      matrix: [
        [2, 1],
        [1, 0],
      ],
      b: [3, 1],
    });
    expect(maxError(saddle.state.x, [1, 1])).toBeLessThan(1e-12);
  });
});

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

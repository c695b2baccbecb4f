import { describe, expect, it } from "vitest";
import { Random, solve } from "../../src/index.js";
import { poisson2d } from "../../solvers/gauss-seidel/index.js";
import {
  bicgstab,
  conjugateGradient,
  gmres,
  ic0,
  jacobiPreconditioner,
  minres,
  ssorPreconditioner,
} from "../../solvers/krylov/index.js";
import { randomVector, toDense } from "../fixtures/csr.js";
import { directSolve, maxError, randomSpd } from "../fixtures/krylov.js";

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

// Jacobi, SOR, red-black Gauss-Seidel and SSOR (gauss-seidel.test.ts holds the common behaviour).
import { Matrix } from "ml-matrix";
import { describe, expect, it } from "vitest";
import { solve } from "../../src/index.js";
import type { GaussSeidelProblem } from "../../solvers/gauss-seidel/index.js";
import {
  gaussSeidel,
  jacobi,
  optimalRelaxation,
  poisson1d,
  poisson2d,
  poissonJacobiRadius,
  redBlackGaussSeidel,
  sor,
  ssor,
} from "../../solvers/gauss-seidel/index.js";
import {
  systemOf,
  residualNorm,
  maxDifference,
  luSolve,
  dominantMatrix,
  lowestMode,
  withSolution,
} from "../fixtures/gauss-seidel.js";

describe("jacobi", () => {
  // With b = v (A v = lambda v, lambda the smallest eigenvalue) and x0 = 0: r_0 = b, and
  // r_{k+1} = b - A x_{k+1} = r_k - A D^{-1} r_k = (I - A / d) r_k, with d = 2 (1-D) or 4 (2-D), so
  // r_k = (1 - lambda / d)^k b = cos(pi h)^k b exactly, in any norm. So the solver's relative residual
  // ||r_k||_2 / ||b||_2 (= ||r_k|| / ||r_0|| because x0 = 0) is cos(pi h)^k, and the test ||r||/||b|| <= rtol
  // first holds at K = ceil(ln(rtol) / ln(cos(pi h))). In floating point the computed relative residual
  // differs from cos(pi h)^k by less than 1e-13 (checked at every iteration below: it is b - A x_k, rounded),
  // so K is exact wherever cos^K and cos^(K-1) are more than 1e-12 away from rtol (also checked).
  it.each([
    { dimensions: 1 as const, n: 15, rtol: 1e-6, stencilKernel: true },
    { dimensions: 1 as const, n: 15, rtol: 1e-6, stencilKernel: false },
    { dimensions: 1 as const, n: 40, rtol: 1e-7, stencilKernel: true },
    { dimensions: 2 as const, n: 15, rtol: 1e-6, stencilKernel: true },
    { dimensions: 2 as const, n: 15, rtol: 1e-6, stencilKernel: false },
    { dimensions: 2 as const, n: 20, rtol: 1e-8, stencilKernel: true },
  ])(
    "takes exactly ceil(ln rtol / ln cos(pi h)) iterations on $dimensions-D Poisson (n = $n, rtol = $rtol) with an eigenvector b",
    ({ dimensions, n, rtol, stencilKernel }) => {
      const rho = Math.cos(Math.PI / (n + 1));
      const predicted = Math.ceil(Math.log(rtol) / Math.log(rho));
      expect(rtol - rho ** predicted).toBeGreaterThan(1e-12);
      expect(rho ** (predicted - 1) - rtol).toBeGreaterThan(1e-12);
      const matrix = dimensions === 1 ? poisson1d(n) : poisson2d(n);
      const result = solve(jacobi({ relTolerance: rtol, stencilKernel }), { matrix, b: lowestMode(n, dimensions) });
      expect(result.iterations).toBe(predicted);
      expect(result.stopReason).toMatchObject({ kind: "converged", test: "||r||/||b||" });
      for (const { iteration, record } of result.trace.entries)
        expect(Math.abs(record.relativeResidual - rho ** iteration)).toBeLessThan(1e-13);
      // The rate estimate is exact up to the residuals' rounding, which grows relative to them as they shrink.
      expect(result.trace.entries[10]?.record.spectralRadiusEstimate).toBeCloseTo(rho, 12);
      expect(Math.abs(result.state.spectralRadiusEstimate - rho)).toBeLessThan(1e-6);
      expect(poissonJacobiRadius(n)).toBeCloseTo(rho, 15);
    },
  );

  it("stops with diverged naming dtol when rho_J > 1, and warns at init", () => {
    // A = [[1, 2], [2, 1]]: D^{-1}(L + U) has eigenvalues +-2; b = (1, 1) gives r_k = (-2)^k b, so
    // ||r_k|| first exceeds 1e5 ||r_0|| at k = 17 (2^17 = 131072).
    const result = solve(jacobi(), {
      matrix: [
        [1, 2],
        [2, 1],
      ],
      b: [1, 1],
    });
    expect(result.stopReason.kind).toBe("diverged");
    expect(result.iterations).toBe(17);
    expect(result.stopReason.kind === "diverged" && result.stopReason.message).toMatchInlineSnapshot(
      `"||r|| (dtol) = 1.9e+5 > 1.4e+5 (met, 1.0e+5 x initial)"`,
    );
    expect(result.warnings).toMatchInlineSnapshot(`
      [
        "convergence is not guaranteed: the matrix is neither diagonally dominant (row 0: |a[0][0]| = 1 < sum_{j != 0} |a[0][j]| = 2) nor symmetric positive definite (its Cholesky factorisation fails)",
      ]
    `);
  });

  it("with relaxation is weighted Jacobi, x_{k+1} = x_k + omega D^{-1} r_k", () => {
    const a = dominantMatrix(5, 11);
    const b = [1, 2, 3, 4, 5];
    const x1 = solve(jacobi({ relaxation: 0.6 }), { matrix: a, b }, { maxIterations: 1 }).state.x;
    const expected = b.map((bi, i) => 0.6 * (bi / (a[i]?.[i] as number)));
    expect(maxDifference(x1, expected)).toBeLessThan(1e-15);
    expect(jacobi({ relaxation: 0.6 }).name).toBe("weighted Jacobi (omega = 0.6)");
  });
});

describe("sor", () => {
  it("with the optimal omega beats Gauss-Seidel by the factor Young's theory predicts, on 2-D Poisson h = 1/32", () => {
    // b = ones: every mode present with a weight that does not vanish with h (b = A x* would damp the smooth
    // modes by lambda_min and make the counts mostly transient).
    const n = 31;
    const problem = { matrix: poisson2d(n), b: new Float64Array(n * n).fill(1) };
    const rhoJ = poissonJacobiRadius(n);
    const omega = optimalRelaxation(rhoJ);
    const rhoGS = rhoJ ** 2;
    const rhoSOR = omega - 1;
    expect(omega).toBeCloseTo(2 / (1 + Math.sin(Math.PI / (n + 1))), 14);
    const gs = solve(gaussSeidel(), problem);
    const optimal = solve(sor({ relaxation: omega }), problem);
    expect(gs.converged && optimal.converged).toBe(true);
    // The rates themselves: the residual-ratio estimates match rho_GS = cos^2(pi h) to 1e-5, and SOR's
    // (which oscillates: the optimal iteration matrix has complex eigenvalues of modulus omega - 1, plus a
    // Jordan block) within 3%.
    expect(gs.state.spectralRadiusEstimate).toBeCloseTo(rhoGS, 5);
    expect(Math.abs(optimal.state.spectralRadiusEstimate / rhoSOR - 1)).toBeLessThan(0.03);
    // The counts: Gauss-Seidel within 2% of ln(tol) / ln(rho_GS) (its residual is asymptotically a pure
    // power); SOR within 5% of k solving k rho_SOR^k = tol (the Jordan block at the optimum makes the
    // residual decay like k rho^k, not rho^k).
    const tol = 1e-8;
    expect(Math.abs(gs.iterations / (Math.log(tol) / Math.log(rhoGS)) - 1)).toBeLessThan(0.02);
    let jordan = Math.log(tol) / Math.log(rhoSOR);
    for (let i = 0; i < 50; i++) jordan = (Math.log(tol) - Math.log(jordan)) / Math.log(rhoSOR);
    expect(Math.abs(optimal.iterations / jordan - 1)).toBeLessThan(0.05);
    // Hence the speed-up: ln(rho_GS) / ln(rho_SOR) = 20.4 predicted from the rates alone; measured
    // 1891 / 121 = 15.6, within the 25% that the Jordan-block factor costs at this h.
    const predicted = Math.log(rhoSOR) / Math.log(rhoGS);
    const measured = gs.iterations / optimal.iterations;
    expect(predicted).toBeCloseTo(20.37, 2);
    expect(measured / predicted).toBeGreaterThan(0.75);
    expect(measured / predicted).toBeLessThan(1);
    expect([gs.iterations, optimal.iterations]).toEqual([1891, 121]);
  });

  it("with omega = 1 is Gauss-Seidel, iterate for iterate", () => {
    const { problem } = withSolution(poisson2d(6));
    expect(Array.from(solve(sor({ relaxation: 1 }), problem).state.x)).toEqual(
      Array.from(solve(gaussSeidel(), problem).state.x),
    );
  });

  it("converges on a symmetric positive definite matrix that is not diagonally dominant, without a warning", () => {
    // A = B^T B + I for a fixed B: SPD (Cholesky succeeds) and far from diagonally dominant.
    const bMatrix = new Matrix([
      [1, 2, 0, 1],
      [0, 1, 3, 1],
      [2, 0, 1, 1],
      [1, 1, 1, 0],
    ]);
    const a = bMatrix.transpose().mmul(bMatrix).add(Matrix.eye(4)).to2DArray();
    const result = solve(sor({ relaxation: 1.2, relTolerance: 1e-12 }), { matrix: new Matrix(a), b: [1, 0, 0, 1] });
    expect(systemOf(sor({ relaxation: 1.2 }), { matrix: new Matrix(a), b: [1, 0, 0, 1] }).properties).toEqual({
      diagonallyDominant: false,
      symmetric: true,
      positiveDefinite: true,
    });
    expect(result.warnings).toEqual([]);
    expect(result.converged).toBe(true);
    expect(maxDifference(result.state.x, luSolve(a, [1, 0, 0, 1]))).toBeLessThan(1e-10);
  });
});

describe("redBlackGaussSeidel", () => {
  it("converges at the rate of lexicographic Gauss-Seidel on the 5-point stencil (both consistently ordered)", () => {
    const n = 31;
    const problem = { matrix: poisson2d(n), b: new Float64Array(n * n).fill(1) };
    const rhoGS = poissonJacobiRadius(n) ** 2;
    for (const stencilKernel of [true, false]) {
      const lexicographic = solve(gaussSeidel({ stencilKernel }), problem);
      const redBlack = solve(redBlackGaussSeidel({ stencilKernel }), problem);
      expect(redBlack.converged).toBe(true);
      expect(redBlack.state.spectralRadiusEstimate).toBeCloseTo(rhoGS, 5);
      expect(lexicographic.state.spectralRadiusEstimate).toBeCloseTo(rhoGS, 5);
      // Same asymptotic rate; the counts differ only by the transient (1926 vs 1891 here).
      expect(Math.abs(redBlack.iterations / lexicographic.iterations - 1)).toBeLessThan(0.03);
    }
  });

  it("updates every red point from the old black values, then every black point from the new red ones", () => {
    // 1-D chain (red = even index): one sweep by hand.
    const b = [1, 2, 3, 4, 5];
    const x0 = [0.5, -1, 2, 0, 1];
    const x = [...x0];
    const relax = (i: number) => (x[i] = ((b[i] as number) + (x[i - 1] ?? 0) + (x[i + 1] ?? 0)) / 2);
    [0, 2, 4, 1, 3].forEach(relax);
    for (const stencilKernel of [true, false]) {
      const result = solve(
        redBlackGaussSeidel({ stencilKernel }),
        { matrix: poisson1d(5), b, x0 },
        { maxIterations: 1 },
      );
      expect(Array.from(result.state.x)).toEqual(x);
    }
  });

  it("colours a general CSR matrix whose graph is bipartite, and rejects one with an odd cycle", () => {
    // A 4-cycle 0-1-2-3-0 with a non-uniform diagonal: two-colourable, not a stencil.
    const cycle = [
      [5, -1, 0, -2],
      [-1, 6, -1, 0],
      [0, -1, 7, -1],
      [-2, 0, -1, 8],
    ];
    const result = solve(redBlackGaussSeidel({ relTolerance: 1e-12 }), { matrix: cycle, b: [1, 2, 3, 4] });
    expect(systemOf(redBlackGaussSeidel(), { matrix: cycle, b: [1, 2, 3, 4] }).colouring).toEqual({
      order: Int32Array.from([0, 2, 1, 3]),
      redCount: 2,
    });
    expect(maxDifference(result.state.x, luSolve(cycle, [1, 2, 3, 4]))).toBeLessThan(1e-11);
    expect(() =>
      solve(redBlackGaussSeidel(), {
        matrix: [
          [4, 1, 1],
          [1, 4, 1],
          [1, 1, 4],
        ],
        b: [1, 1, 1],
      }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.matrix must be a matrix whose graph is two-colourable for red-black ordering (such as the 5-point stencil), got rows 1 and 2 coupled with the same colour (an odd cycle)]`,
    );
  });
});

describe("ssor", () => {
  /** One step from x0 = 0 with b = e_i gives M^{-1} e_i: the columns of the preconditioner's inverse. */
  const inverseOfM = (solver: ReturnType<typeof ssor>, matrix: GaussSeidelProblem["matrix"], n: number): number[][] =>
    Array.from({ length: n }, (_, i) =>
      Array.from(
        solve(solver, { matrix, b: Array.from({ length: n }, (__, j) => +(i === j)) }, { maxIterations: 1 }).state.x,
      ),
    );

  it("is symmetric: M^{-1} is a symmetric matrix when A is (unlike SOR's)", () => {
    const bMatrix = new Matrix([
      [2, 1, 0, 0, 1],
      [0, 1, 1, 0, 0],
      [1, 0, 3, 1, 0],
      [0, 1, 0, 1, 1],
      [1, 0, 0, 2, 1],
    ]);
    const spd = bMatrix.transpose().mmul(bMatrix).add(Matrix.eye(5)).to2DArray();
    for (const [matrix, n] of [
      [spd, 5],
      [poisson2d(3), 9],
    ] as const) {
      for (const omega of [1, 1.4]) {
        const columns = inverseOfM(ssor({ relaxation: omega }), matrix, n);
        for (let i = 0; i < n; i++)
          for (let j = 0; j < n; j++) expect(columns[i]?.[j]).toBeCloseTo(columns[j]?.[i] as number, 14);
      }
      const sorColumns = inverseOfM(sor({ relaxation: 1.4 }) as ReturnType<typeof ssor>, matrix, n);
      expect(
        Math.max(
          ...sorColumns.flatMap((column, i) =>
            column.map((value, j) => Math.abs(value - (sorColumns[j]?.[i] as number))),
          ),
        ),
      ).toBeGreaterThan(1e-3);
    }
  });

  it("is one forward SOR sweep followed by one backward sweep", () => {
    const a = dominantMatrix(6, 5);
    const b = [3, -1, 4, 1, -5, 9];
    const x0 = [1, 2, 3, 4, 5, 6];
    const omega = 1.3;
    const x = [...x0];
    const relax = (i: number) => {
      const sigma = (a[i] as number[]).reduce((sum, value, j) => (j === i ? sum : sum + value * (x[j] as number)), 0);
      x[i] = (1 - omega) * (x[i] as number) + (omega * ((b[i] as number) - sigma)) / ((a[i] as number[])[i] as number);
    };
    for (let i = 0; i < 6; i++) relax(i);
    for (let i = 5; i >= 0; i--) relax(i);
    const result = solve(ssor({ relaxation: omega }), { matrix: a, b, x0 }, { maxIterations: 1 });
    expect(maxDifference(result.state.x, x)).toBeLessThan(1e-14);
    expect(result.state.residualNorm).toBeCloseTo(residualNorm(a, x, b), 12);
  });

  it("gains per iteration about what two Gauss-Seidel sweeps gain on Poisson", () => {
    const { problem } = withSolution(poisson2d(15));
    const gs = solve(gaussSeidel(), problem);
    const symmetric = solve(ssor(), problem);
    expect(symmetric.converged).toBe(true);
    expect(symmetric.iterations / gs.iterations).toBeGreaterThan(0.45);
    expect(symmetric.iterations / gs.iterations).toBeLessThan(0.55);
  });
});

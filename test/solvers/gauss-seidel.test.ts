import { LuDecomposition, Matrix } from "ml-matrix";
import { describe, expect, it } from "vitest";
import {
  parseCheckpoint,
  prepareProblem,
  Random,
  serializeCheckpoint,
  solve,
  solveIterations,
} from "../../src/index.js";
import type { Solver } from "../../src/index.js";
import type {
  GaussSeidelProblem,
  GaussSeidelState,
  PreparedGaussSeidel,
  PreparedSystem,
} from "../../solvers/gauss-seidel/index.js";
import {
  csrFromTriplets,
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
import type { CsrMatrix } from "../../solvers/gauss-seidel/index.js";
import { toDense } from "../fixtures/csr.js";

/** The prepared system a solver's `prepare` derives from a problem (what every step of a run reads). */
function systemOf(
  solver: Solver<GaussSeidelProblem, GaussSeidelState, unknown, PreparedGaussSeidel>,
  problem: GaussSeidelProblem,
): PreparedSystem {
  const prepared = prepareProblem(solver, problem);
  prepared.dispose();
  return prepared.prepared.system;
}

// Reference computations, written independently of the solvers (plain loops on number[][]).
const multiply = (a: number[][], x: ArrayLike<number>): number[] =>
  a.map((row) => row.reduce((sum, value, j) => sum + value * (x[j] as number), 0));
const residualNorm = (a: number[][], x: ArrayLike<number>, b: ArrayLike<number>): number =>
  Math.hypot(...multiply(a, x).map((ax, i) => (b[i] as number) - ax));
const maxDifference = (x: ArrayLike<number>, y: ArrayLike<number>): number =>
  Math.max(...Array.from(x, (value, i) => Math.abs(value - (y[i] as number))));
const luSolve = (a: number[][], b: ArrayLike<number>): number[] =>
  new LuDecomposition(new Matrix(a)).solve(Matrix.columnVector(Array.from(b))).getColumn(0);

/** A dense, strictly diagonally dominant, non-symmetric n x n matrix with a reproducible pattern. */
function dominantMatrix(n: number, seed: number): number[][] {
  const random = new Random(seed);
  const a = Array.from({ length: n }, () =>
    Array.from({ length: n }, () => (random.float() < 0.5 ? 0 : random.float() * 2 - 1)),
  );
  a.forEach((row, i) => (row[i] = row.reduce((sum, value) => sum + Math.abs(value), 0) + 1));
  return a;
}

/** The lowest Poisson eigenvector: sin(i pi h) (1-D), sin((x+1) pi h) sin((y+1) pi h) (2-D). */
function lowestMode(n: number, dimensions: 1 | 2): Float64Array {
  const h = 1 / (n + 1);
  const mode1d = Array.from({ length: n }, (_, i) => Math.sin((i + 1) * Math.PI * h));
  if (dimensions === 1) return Float64Array.from(mode1d);
  return Float64Array.from(
    { length: n * n },
    (_, p) => (mode1d[p % n] as number) * (mode1d[Math.floor(p / n)] as number),
  );
}

/** b = A x* for x*(p) = sin(p): a known solution with every mode present. */
function withSolution(matrix: CsrMatrix): { problem: GaussSeidelProblem; solution: Float64Array } {
  const solution = Float64Array.from({ length: matrix.rows }, (_, p) => Math.sin(p + 1));
  return { problem: { matrix, b: multiply(toDense(matrix), solution) }, solution };
}

describe("gaussSeidel", () => {
  it("agrees with a direct LU solve on a dense diagonally dominant system", () => {
    const a = dominantMatrix(12, 3);
    const b = Array.from({ length: 12 }, (_, i) => i - 5);
    const result = solve(gaussSeidel({ relTolerance: 1e-14 }), { matrix: a, b });
    expect(result.converged).toBe(true);
    expect(maxDifference(result.state.x, luSolve(a, b))).toBeLessThan(1e-13);
    expect(result.state.warnings).toEqual([]);
    expect(systemOf(gaussSeidel(), { matrix: a, b }).properties).toEqual({
      diagonallyDominant: true,
      symmetric: false,
      positiveDefinite: false,
    });
  });

  it("agrees with a direct LU solve on 2-D Poisson, with either kernel", () => {
    const { problem } = withSolution(poisson2d(15));
    const direct = luSolve(toDense(problem.matrix as CsrMatrix), problem.b);
    for (const stencilKernel of [true, false]) {
      const result = solve(gaussSeidel({ relTolerance: 1e-13, stencilKernel }), problem);
      expect(result.converged).toBe(true);
      expect(systemOf(gaussSeidel({ stencilKernel }), problem).stencil === undefined).toBe(!stencilKernel);
      // ||x - x*||_inf <= ||x - x*||_2 <= ||A^{-1}||_2 ||r||_2, ||A^{-1}||_2 = 1 / (4 (1 - cos(pi / 16))) = 13.1.
      expect(maxDifference(result.state.x, direct)).toBeLessThan(14 * 1e-13 * Math.hypot(...Array.from(problem.b)));
    }
  });

  it("computes the residual norm of x_k exactly as b - A x_k, with either kernel and every method", () => {
    const { problem } = withSolution(poisson2d(9, 7));
    const dense = toDense(problem.matrix as CsrMatrix);
    const omega = 1.5;
    for (const stencilKernel of [true, false]) {
      const solvers = [
        jacobi({ stencilKernel }),
        gaussSeidel({ stencilKernel }),
        sor({ relaxation: omega, stencilKernel }),
        ssor({ relaxation: omega, stencilKernel }),
        redBlackGaussSeidel({ relaxation: omega, stencilKernel }),
      ];
      for (const solver of solvers) {
        // The trace record holds no vectors: keep copies of the iterates with a hook.
        const seen: { x: Float64Array; residualNorm: number }[] = [];
        solve(solver, problem, {
          maxIterations: 7,
          hooks: {
            onIteration: ({ state }) => void seen.push({ x: state.x.slice(), residualNorm: state.residualNorm }),
          },
        });
        expect(seen).toHaveLength(8);
        for (const entry of seen) {
          const exact = residualNorm(dense, entry.x, problem.b);
          expect(Math.abs(entry.residualNorm - exact)).toBeLessThan(1e-13 * exact);
        }
      }
    }
  });

  it.each([
    [8, 5],
    [5, 8],
    [2, 2],
    [2, 5],
    [5, 2],
    [3, 1],
    [2, 1],
  ])("gives the same iterates on the stencil kernel as on the CSR kernel, up to rounding (%i x %i grid)", (nx, ny) => {
    const { problem } = withSolution(poisson2d(nx, ny));
    const omega = 1.3;
    const factories = [
      (stencilKernel: boolean) => jacobi({ stencilKernel, relaxation: 0.8 }),
      (stencilKernel: boolean) => gaussSeidel({ stencilKernel }),
      (stencilKernel: boolean) => sor({ stencilKernel, relaxation: omega }),
      (stencilKernel: boolean) => ssor({ stencilKernel, relaxation: omega }),
      (stencilKernel: boolean) => redBlackGaussSeidel({ stencilKernel, relaxation: omega }),
    ];
    const norm = Math.hypot(...Array.from(problem.b));
    for (const make of factories) {
      const stencil = solve(make(true), problem, { maxIterations: 30 });
      const csr = solve(make(false), problem, { maxIterations: 30 });
      expect(systemOf(make(true), problem).stencil).toEqual({ nx, ny, diagonal: 4, offDiagonal: -1 });
      expect(systemOf(make(false), problem).stencil).toBeUndefined();
      expect(maxDifference(stencil.state.x, csr.state.x)).toBeLessThan(1e-12);
      // The residual norms agree to the rounding of b - A x (~1e-16 ||b||), not to 1e-16 of themselves.
      expect(Math.abs(stencil.state.residualNorm - csr.state.residualNorm)).toBeLessThan(1e-13 * norm);
    }
  });

  it("stops at iteration 0 when x0 already solves the system", () => {
    const { problem, solution } = withSolution(poisson1d(5));
    const result = solve(gaussSeidel(), { ...problem, x0: solution });
    expect(result.iterations).toBe(0);
    expect(result.stopReason).toMatchObject({ kind: "converged" });
  });

  it("uses ||r_0|| as the relative scale when b = 0, and converges to x = 0", () => {
    const result = solve(gaussSeidel(), { matrix: poisson1d(6), b: new Array(6).fill(0), x0: [1, 2, 3, 4, 5, 6] });
    expect(
      systemOf(gaussSeidel(), { matrix: poisson1d(6), b: new Array(6).fill(0), x0: [1, 2, 3, 4, 5, 6] }).residualScale,
    ).toBeCloseTo(residualNorm(toDense(poisson1d(6)), [1, 2, 3, 4, 5, 6], new Array(6).fill(0)), 12);
    expect(result.converged).toBe(true);
    expect(result.state.relativeResidual).toBeLessThanOrEqual(1e-8);
    expect(Math.max(...Array.from(result.state.x, Math.abs))).toBeLessThan(1e-6);
    const zero = solve(gaussSeidel(), { matrix: poisson1d(6), b: new Array(6).fill(0) });
    expect(zero.iterations).toBe(0);
    expect(zero.stopReason).toMatchObject({ kind: "converged", test: "||r||/||b||", value: 0 });
  });

  it("names the relative and absolute tests in the stop reason", () => {
    const { problem } = withSolution(poisson2d(6));
    expect(solve(gaussSeidel(), problem).stopReason).toMatchObject({
      kind: "converged",
      test: "||r||/||b||",
      tolerance: 1e-8,
    });
    expect(solve(gaussSeidel({ relTolerance: 0, absTolerance: 1e-6 }), problem).stopReason).toMatchObject({
      kind: "converged",
      test: "||r||",
      tolerance: 1e-6,
    });
  });

  it("double-buffers: x_{k+1} is written into the array of x_{k-1}, so a run holds two vectors", () => {
    const { problem } = withSolution(poisson2d(5));
    const states: GaussSeidelState[] = [];
    for (const event of solveIterations(gaussSeidel(), problem, { maxIterations: 4 })) states.push(event.state);
    const [s0, s1, s2, s3] = states as [GaussSeidelState, GaussSeidelState, GaussSeidelState, GaussSeidelState];
    expect(s1.previousX).toBe(s0.x);
    expect(s1.x).toBe(s0.previousX);
    expect(s2.x).toBe(s0.x);
    expect(s3.x).toBe(s1.x);
    expect(new Set(states.map((state) => state.x)).size).toBe(2);
    expect(Object.keys(s3)).not.toContain("system");
  });

  it("keeps at most spectralRadiusWindow + 1 residual norms and estimates the rate from them", () => {
    const { problem } = withSolution(poisson2d(7));
    const result = solve(gaussSeidel({ spectralRadiusWindow: 3 }), problem, { maxIterations: 20 });
    const norms = result.trace.entries.map((entry) => entry.record.residualNorm);
    expect(result.state.recentResidualNorms).toEqual(norms.slice(-4));
    expect(result.state.spectralRadiusEstimate).toBeCloseTo(
      ((norms[20] as number) / (norms[17] as number)) ** (1 / 3),
      14,
    );
    expect(result.trace.entries[0]?.record.spectralRadiusEstimate).toBeNaN();
    expect(result.trace.entries[1]?.record.spectralRadiusEstimate).toBeCloseTo(
      (norms[1] as number) / (norms[0] as number),
      14,
    );
  });

  it("does not mutate the problem's typed arrays", () => {
    const matrix = poisson2d(6);
    const b = new Float64Array(36).fill(1);
    const before = {
      rowPointers: matrix.rowPointers.slice(),
      columnIndices: matrix.columnIndices.slice(),
      values: matrix.values.slice(),
      b: b.slice(),
    };
    for (const stencilKernel of [true, false]) {
      for (const solver of [
        jacobi({ stencilKernel }),
        gaussSeidel({ stencilKernel }),
        ssor({ stencilKernel }),
        redBlackGaussSeidel({ stencilKernel }),
      ]) {
        solve(solver, { matrix, b, x0: b }, { maxIterations: 5 });
      }
    }
    expect({ rowPointers: matrix.rowPointers, columnIndices: matrix.columnIndices, values: matrix.values, b }).toEqual(
      before,
    );
  });

  it("keeps its state plain data: a serialised checkpoint resumes to the same result", () => {
    const { problem } = withSolution(poisson2d(6));
    const whole = solve(gaussSeidel(), problem);
    const first = solve(gaussSeidel(), problem, { maxIterations: 10 });
    const resumed = solve(gaussSeidel(), problem, {
      resumeFrom: parseCheckpoint<GaussSeidelState, unknown>(serializeCheckpoint(first.checkpoint())),
    });
    expect(resumed.iterations).toBe(whole.iterations);
    expect(Array.from(resumed.state.x)).toEqual(Array.from(whole.state.x));
  });

  it("keeps the matrix out of its checkpoints: a checkpoint holds the iterates and the problem's fingerprint", () => {
    const n = 64 * 64;
    const problem = { matrix: poisson2d(64), b: new Array(n).fill(1) };
    const checkpoint = solve(gaussSeidel(), problem, { maxIterations: 5, trace: false }).checkpoint();
    const text = serializeCheckpoint(checkpoint);
    expect(Object.keys(checkpoint.state).sort()).toEqual([
      "previousX",
      "recentResidualNorms",
      "relativeResidual",
      "residualAge",
      "residualNorm",
      "spectralRadiusEstimate",
      "warnings",
      "x",
    ]);
    // Two vectors of n numbers (the iterate and its double buffer) and a few scalars; the CSR matrix of
    // poisson2d(64) alone (5 n entries, their columns and n + 1 row pointers) would be more than twice that.
    const vectors = serializeCheckpoint({
      ...checkpoint,
      state: { x: checkpoint.state.x, previousX: checkpoint.state.previousX },
    });
    expect(text.length).toBeLessThan(vectors.length + 1000);
    expect(checkpoint.problem?.["problem.matrix.values"]).toMatch(/^Float64Array\(\d+\) #[0-9a-f]{16}$/);
  });
});

describe("checkInterval", () => {
  const { problem } = withSolution(poisson2d(12, 9));

  it("computes the residual every checkInterval iterations and at the last, keeping the iterates and norms", () => {
    for (const [make, stencilKernel] of [
      [(options: object) => gaussSeidel(options), false],
      [(options: object) => jacobi(options), true],
      [(options: object) => ssor({ relaxation: 1.3, ...options }), false],
    ] as const) {
      const every = solve(make({ stencilKernel }), problem, { maxIterations: 13 });
      const seen: { age: number; norm: number }[] = [];
      const sparse = solve(make({ stencilKernel, checkInterval: 4 }), problem, {
        maxIterations: 13,
        hooks: {
          onIteration: ({ state }) => void seen.push({ age: state.residualAge, norm: state.residualNorm }),
        },
      });
      expect(seen.map((entry) => entry.age)).toEqual([0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 0]);
      expect(sparse.state.x).toEqual(every.state.x);
      const norms = every.trace.entries.map((entry) => entry.record.residualNorm);
      // A checked iterate's norm is the every-iteration run's; between checks the last checked one is kept.
      seen.forEach((entry, k) => expect(entry.norm).toBe(norms[k - entry.age]));
    }
  });

  it("stops at the first check after the tolerance is met, not before", () => {
    const every = solve(gaussSeidel({ relTolerance: 1e-6 }), problem);
    const sparse = solve(gaussSeidel({ relTolerance: 1e-6, checkInterval: 10 }), problem);
    expect(every.converged && sparse.converged).toBe(true);
    expect(sparse.iterations).toBe(Math.ceil(every.iterations / 10) * 10);
    expect(sparse.state.residualAge).toBe(0);
    expect(sparse.state.relativeResidual).toBeLessThanOrEqual(1e-6);
  });

  it("estimates the spectral radius per iteration, as checking every iteration does", () => {
    const n = 15;
    const b = Float64Array.from({ length: n * n }, (_, p) => Math.sin(p + 1));
    const every = solve(jacobi({ maxIterations: 400 }), { matrix: poisson2d(n), b });
    const sparse = solve(jacobi({ maxIterations: 400, checkInterval: 7 }), { matrix: poisson2d(n), b });
    const rho = poissonJacobiRadius(n);
    expect(Math.abs(every.state.spectralRadiusEstimate - rho)).toBeLessThan(1e-3);
    expect(Math.abs(sparse.state.spectralRadiusEstimate - rho)).toBeLessThan(1e-3);
  });
});

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
    expect(result.state.warnings).toMatchInlineSnapshot(`
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
    expect(result.state.warnings).toEqual([]);
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

describe("convergence warnings", () => {
  it("warns when the matrix is neither diagonally dominant nor SPD, and says which checks failed", () => {
    const nonSymmetric = [
      [1, 3],
      [1, 1],
    ];
    expect(
      solve(gaussSeidel(), { matrix: nonSymmetric, b: [1, 1] }, { maxIterations: 0 }).state.warnings,
    ).toMatchInlineSnapshot(`
      [
        "convergence is not guaranteed: the matrix is neither diagonally dominant (row 0: |a[0][0]| = 1 < sum_{j != 0} |a[0][j]| = 3) nor symmetric positive definite (not symmetric: a[0][1] = 3 but a[1][0] = 1)",
      ]
    `);
    const indefinite = csrFromTriplets({
      rows: 2,
      columns: 2,
      rowIndices: [0, 0, 1, 1],
      columnIndices: [0, 1, 0, 1],
      values: [1, 2, 2, 1],
    });
    expect(
      solve(gaussSeidel(), { matrix: indefinite, b: [1, 1] }, { maxIterations: 0 }).state.warnings,
    ).toMatchInlineSnapshot(`
      [
        "convergence is not guaranteed: the matrix is neither diagonally dominant (row 0: |a[0][0]| = 1 < sum_{j != 0} |a[0][j]| = 2) nor symmetric positive definite (undecided: symmetric with a positive diagonal, but sparse matrices get no Cholesky check)",
      ]
    `);
    const negativeDiagonal = [
      [-1, 2],
      [2, 1],
    ];
    expect(
      solve(gaussSeidel(), { matrix: negativeDiagonal, b: [1, 1] }, { maxIterations: 0 }).state.warnings,
    ).toMatchInlineSnapshot(`
      [
        "convergence is not guaranteed: the matrix is neither diagonally dominant (row 0: |a[0][0]| = 1 < sum_{j != 0} |a[0][j]| = 2) nor symmetric positive definite (a[0][0] = -1 <= 0)",
      ]
    `);
  });

  it("does not warn for a diagonally dominant matrix, strictly or irreducibly", () => {
    for (const matrix of [poisson1d(10), poisson2d(6), dominantMatrix(7, 2)]) {
      const problem = { matrix, b: new Array(Array.isArray(matrix) ? 7 : matrix.rows).fill(1) };
      expect(solve(gaussSeidel(), problem, { maxIterations: 0 }).state.warnings).toEqual([]);
      expect(systemOf(gaussSeidel(), problem).properties.diagonallyDominant).toBe(true);
    }
    expect(systemOf(gaussSeidel(), { matrix: poisson2d(4), b: new Array(16).fill(1) }).properties).toEqual({
      diagonallyDominant: true,
      symmetric: true,
      positiveDefinite: true,
    });
  });

  it("does not call a weakly dominant reducible matrix dominant", () => {
    // Two decoupled blocks, one of them [[1, -1], [-1, 1]] (singular): weakly dominant, strict only in block 2.
    const matrix = [
      [1, -1, 0, 0],
      [-1, 1, 0, 0],
      [0, 0, 3, 1],
      [0, 0, 1, 3],
    ];
    const state = solve(gaussSeidel(), { matrix, b: [0, 0, 1, 1] }, { maxIterations: 0 }).state;
    expect(systemOf(gaussSeidel(), { matrix, b: [0, 0, 1, 1] }).properties).toEqual({
      diagonallyDominant: false,
      symmetric: true,
      positiveDefinite: false,
    });
    expect(state.warnings).toMatchInlineSnapshot(`
      [
        "convergence is not guaranteed: the matrix is neither diagonally dominant (weakly dominant but reducible) nor symmetric positive definite (its Cholesky factorisation fails)",
      ]
    `);
  });

  it("leaves positive definiteness undecided for a sparse symmetric non-dominant matrix, and says so", () => {
    // Sparse (CSR) SPD matrix that is not diagonally dominant: [[2, 1.5, 0], [1.5, 2, 1.5], [0, 1.5, 2]] has eigenvalues 2, 2 +- 1.5 sqrt(2) > 0.
    const matrix = csrFromTriplets({
      rows: 3,
      columns: 3,
      rowIndices: [0, 0, 1, 1, 1, 2, 2],
      columnIndices: [0, 1, 0, 1, 2, 1, 2],
      values: [2, 1.5, 1.5, 2, 1.5, 1.5, 2],
    });
    const state = solve(gaussSeidel(), { matrix, b: [1, 1, 1] }, { maxIterations: 0 }).state;
    expect(systemOf(gaussSeidel(), { matrix, b: [1, 1, 1] }).properties.positiveDefinite).toBeUndefined();
    expect(state.warnings).toMatchInlineSnapshot(`
      [
        "convergence is not guaranteed: the matrix is neither diagonally dominant (row 1: |a[1][1]| = 2 < sum_{j != 1} |a[1][j]| = 3) nor symmetric positive definite (undecided: symmetric with a positive diagonal, but sparse matrices get no Cholesky check)",
      ]
    `);
  });
});

describe("problem and option errors", () => {
  const good = {
    matrix: [
      [4, 1],
      [1, 3],
    ],
    b: [1, 2],
  };

  it("rejects a zero or missing diagonal entry, naming the row", () => {
    expect(() =>
      solve(gaussSeidel(), {
        matrix: [
          [4, 1, 0],
          [1, 0, 1],
          [0, 1, 4],
        ],
        b: [1, 1, 1],
      }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.matrix[1][1] (the diagonal of row 1) must be non-zero, got 0]`,
    );
    const missing = csrFromTriplets({
      rows: 3,
      columns: 3,
      rowIndices: [0, 1, 1, 2],
      columnIndices: [0, 0, 2, 2],
      values: [4, 1, 1, 4],
    });
    expect(() => solve(jacobi(), { matrix: missing, b: [1, 1, 1] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.matrix[1][1] (the diagonal of row 1) must be non-zero, got no stored entry]`,
    );
  });

  it("rejects non-square matrices of every kind", () => {
    expect(() =>
      solve(gaussSeidel(), {
        matrix: [
          [1, 2, 3],
          [4, 5, 6],
        ],
        b: [1, 2],
      }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.matrix must be a square matrix, got a 2 x 3 matrix]`,
    );
    expect(() =>
      solve(gaussSeidel(), {
        matrix: new Matrix([
          [1, 2, 3],
          [4, 5, 6],
        ]),
        b: [1, 2],
      }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.matrix must be a square matrix, got a 2 x 3 matrix]`,
    );
    const wide = csrFromTriplets({ rows: 2, columns: 3, rowIndices: [0, 1], columnIndices: [0, 1], values: [1, 1] });
    expect(() => solve(gaussSeidel(), { matrix: wide, b: [1, 2] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.matrix must be a square matrix, got a 2 x 3 matrix]`,
    );
    expect(() => solve(gaussSeidel(), { matrix: [[1, 2], [3]], b: [1, 2] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.matrix[1] must be an array of 2 numbers like row 0, got an array of length 1]`,
    );
    expect(() => solve(gaussSeidel(), { matrix: [], b: [] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.matrix must be a non-empty square matrix, got an array of length 0]`,
    );
    expect(() => solve(gaussSeidel(), { matrix: "I" as never, b: [1] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.matrix must be a square matrix: number[][], an ml-matrix Matrix, or a CSR matrix { rows, columns, rowPointers, columnIndices, values }, got "I"]`,
    );
  });

  it("rejects b and x0 of the wrong length", () => {
    expect(() => solve(gaussSeidel(), { ...good, b: [1, 2, 3] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.b must be an array of 2 finite numbers, got an array of length 3]`,
    );
    expect(() => solve(gaussSeidel(), { ...good, x0: [1] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.x0 must be an array of 2 finite numbers, got an array of length 1]`,
    );
    expect(() => solve(gaussSeidel(), { matrix: good.matrix } as never)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.b must be an array of 2 finite numbers, got undefined]`,
    );
  });

  it("rejects NaN and infinite entries in A, b and x0", () => {
    expect(() =>
      solve(gaussSeidel(), {
        ...good,
        matrix: [
          [4, 1],
          [Number.NaN, 3],
        ],
      }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.matrix[1][0] must be a finite number, got NaN]`,
    );
    const csr = { ...poisson1d(3), values: Float64Array.from([2, -1, -1, Number.POSITIVE_INFINITY, -1, -1, 2]) };
    expect(() => solve(gaussSeidel(), { matrix: csr, b: [1, 1, 1] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.matrix.values[3] (row 1, column 1) must be a finite number, got Infinity]`,
    );
    expect(() => solve(gaussSeidel(), { ...good, b: [1, Number.NaN] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.b[1] must be a finite number, got NaN]`,
    );
    expect(() => solve(gaussSeidel(), { ...good, x0: [Number.NaN, 0] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.x0[0] must be a finite number, got NaN]`,
    );
  });

  it("rejects a CSR matrix that is not in canonical form", () => {
    const unsorted = {
      rows: 2,
      columns: 2,
      rowPointers: Int32Array.from([0, 2, 3]),
      columnIndices: Int32Array.from([1, 0, 1]),
      values: Float64Array.from([1, 4, 3]),
    };
    expect(() => solve(gaussSeidel(), { matrix: unsorted, b: [1, 1] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.matrix.columnIndices[1] (row 0) must be a column index in [0, 2) greater than the previous one in its row (canonical CSR, as csrFromTriplets builds), got 0]`,
    );
    const plainArrays = { rows: 2, columns: 2, rowPointers: [0, 1, 2], columnIndices: [0, 1], values: [1, 1] };
    expect(() => solve(gaussSeidel(), { matrix: plainArrays as never, b: [1, 1] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.matrix.rowPointers must be an Int32Array of length 3, got an array of length 3]`,
    );
  });

  it("rejects a relaxation factor outside (0, 2), and other options outside their ranges", () => {
    expect(() => sor({ relaxation: 2 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: relaxation must be a number in (0, 2), got 2]`,
    );
    expect(() => sor({ relaxation: 0 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: relaxation must be a number in (0, 2), got 0]`,
    );
    expect(() => sor({ relaxation: Number.NaN })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: relaxation must be a number in (0, 2), got NaN]`,
    );
    expect(() => sor({} as never)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: relaxation must be a number in (0, 2), got undefined]`,
    );
    expect(() => ssor({ relaxation: -0.5 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: relaxation must be a number in (0, 2), got -0.5]`,
    );
    expect(() => redBlackGaussSeidel({ relaxation: 2.5 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: relaxation must be a number in (0, 2), got 2.5]`,
    );
    expect(() => jacobi({ relaxation: 2 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: relaxation must be a number in (0, 2), got 2]`,
    );
    expect(() => gaussSeidel({ relTolerance: -1 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: relTolerance must be a finite number >= 0, got -1]`,
    );
    expect(() => gaussSeidel({ divergenceTolerance: 0.5 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: divergenceTolerance must be a finite number >= 1, got 0.5]`,
    );
    expect(() => gaussSeidel({ spectralRadiusWindow: 0 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: spectralRadiusWindow must be an integer >= 1, got 0]`,
    );
    expect(() => gaussSeidel({ checkInterval: 0 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: checkInterval must be an integer >= 1, got 0]`,
    );
    expect(() => jacobi({ checkInterval: 2.5 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: checkInterval must be an integer >= 1, got 2.5]`,
    );
    expect(() => gaussSeidel({ stencilKernel: "yes" as never })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: stencilKernel must be a boolean, got "yes"]`,
    );
  });
});

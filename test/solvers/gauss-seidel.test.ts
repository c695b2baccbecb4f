import { describe, expect, it } from "vitest";
import { parseCheckpoint, serializeCheckpoint, solve, solveIterations } from "../../src/index.js";
import type { GaussSeidelState } from "../../solvers/gauss-seidel/index.js";
import {
  gaussSeidel,
  jacobi,
  poisson1d,
  poisson2d,
  poissonJacobiRadius,
  redBlackGaussSeidel,
  sor,
  ssor,
} from "../../solvers/gauss-seidel/index.js";
import type { CsrMatrix } from "../../solvers/gauss-seidel/index.js";
import { toDense } from "../fixtures/csr.js";
import {
  systemOf,
  residualNorm,
  maxDifference,
  luSolve,
  dominantMatrix,
  withSolution,
} from "../fixtures/gauss-seidel.js";

describe("gaussSeidel", () => {
  it("agrees with a direct LU solve on a dense diagonally dominant system", () => {
    const a = dominantMatrix(12, 3);
    const b = Array.from({ length: 12 }, (_, i) => i - 5);
    const result = solve(gaussSeidel({ relTolerance: 1e-14 }), { matrix: a, b });
    expect(result.converged).toBe(true);
    expect(maxDifference(result.state.x, luSolve(a, b))).toBeLessThan(1e-13);
    expect(result.warnings).toEqual([]);
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

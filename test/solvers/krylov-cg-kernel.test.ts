import { describe, expect, it } from "vitest";
import { DisposedError, prepareProblem, solve } from "../../src/index.js";
import { csrFromTriplets, poisson2d } from "../../solvers/gauss-seidel/index.js";
import { conjugateGradient } from "../../solvers/krylov/index.js";
import { bindCgKernel } from "../../solvers/krylov/cg-kernel.js";
import { randomNormalVector, textbookCgIteration, tridiagonalCsr } from "../fixtures/csr.js";

// CG's WebAssembly iteration (the vectors resident in the kernel between iterations) against the JavaScript
// iteration it replaces, bit for bit, and against PETSc's KSPCG on the same system.

describe("bindCgKernel's iteration", () => {
  it.each([1, 2, 7, 101])("gives the JavaScript iteration's x, r, p and r^T r bit for bit (n = %i)", (n) => {
    const matrix = tridiagonalCsr(n);
    const kernel = bindCgKernel(matrix, 0);
    if (kernel === undefined) throw new Error("WebAssembly is unavailable");
    const [x, r] = [randomNormalVector(n, 1), randomNormalVector(n, 2)];
    const p = r.slice();
    const [ex, er, ep] = [x.slice(), r.slice(), p.slice()];
    let rr = r.reduce((sum, value) => sum + value * value, 0);
    for (let k = 0; k < Math.min(n, 5); k++) {
      const expected = textbookCgIteration(matrix, ex, er, ep, rr);
      const { curvature, residualSquared } = kernel.iterate(x, r, p, rr, k > 0);
      expect(curvature).toBeGreaterThan(0);
      expect(residualSquared).toBe(expected);
      expect([x, r, p]).toEqual([ex, er, ep]);
      rr = expected;
    }
    kernel.dispose();
    expect(() => kernel.iterate(x, r, p, rr, true)).toThrow(DisposedError);
  });

  it("copies arrays in unless it wrote them last and is told to trust them", () => {
    const matrix = tridiagonalCsr(9);
    const kernel = bindCgKernel(matrix, 0);
    if (kernel === undefined) throw new Error("WebAssembly is unavailable");
    const r = randomNormalVector(9, 3);
    const [x, p] = [new Float64Array(9), r.slice()];
    const rr = r.reduce((sum, value) => sum + value * value, 0);
    const next = kernel.iterate(x, r, p, rr, true).residualSquared;
    // Written into since (as user code might): not trusted, so the kernel starts from the new entries.
    x[0] = 10;
    const [ex, er, ep] = [x.slice(), r.slice(), p.slice()];
    textbookCgIteration(matrix, ex, er, ep, next);
    kernel.iterate(x, r, p, next, false);
    expect([x, r, p]).toEqual([ex, er, ep]);
    // Other arrays (another run) are copied in even when trusted.
    const [x2, r2, p2] = [ex.slice(), er.slice(), ep.slice()];
    const rr2 = er.reduce((sum, value) => sum + value * value, 0);
    kernel.iterate(x2, r2, p2, rr2, true);
    textbookCgIteration(matrix, ex, er, ep, rr2);
    expect([x2, r2, p2]).toEqual([ex, er, ep]);
  });

  it("stops at a direction of non-positive curvature without touching x, r or p", () => {
    const matrix = csrFromTriplets({ rows: 2, columns: 2, rowIndices: [0, 1], columnIndices: [0, 1], values: [1, -1] });
    const kernel = bindCgKernel(matrix, 0);
    const [x, r, p] = [new Float64Array([1, 2]), new Float64Array([0, 1]), new Float64Array([0, 1])];
    const sums = kernel?.iterate(x, r, p, 1, false);
    expect(sums).toEqual({ curvature: -1, residualSquared: Number.NaN });
    expect([...x, ...r, ...p]).toEqual([1, 2, 0, 1, 0, 1]);
  });
});

describe("CG on a large system through the kernel (poisson2d(130), 84,000 entries)", () => {
  const matrix = poisson2d(130);
  const b = Float64Array.from({ length: matrix.rows }, (_, i) => Math.sin(i + 1));
  const problem = { matrix, b };

  // PETSc 3.18.5 (petsc4py, KSPCG, PCNONE, unpreconditioned norm, atol 1e-50) on this system: 246 iterations
  // to rtol 1e-8 with ||r|| = 9.035186175766946e-7, 337 to 1e-10 with ||r|| = 9.037038409429067e-9.
  it.each([
    [1e-8, 246, 9.035186175766946e-7],
    [1e-10, 337, 9.037038409429067e-9],
  ])("converges to rtol %s in PETSc KSPCG's iteration count, to its residual", (tol, iterations, residual) => {
    const result = solve(conjugateGradient({ relTolerance: tol }), problem);
    expect(result.stopReason.kind).toBe("converged");
    expect(result.iterations).toBe(iterations);
    expect(Math.abs(result.state.residualNorm - residual)).toBeLessThan(1e-9 * residual);
  });

  it("gives the same states bit for bit with or without user code seeing them, run after run on one handle", () => {
    const solver = conjugateGradient({ maxIterations: 40 });
    const handle = prepareProblem(solver, problem);
    expect(handle.prepared.product).toBeDefined();
    const quiet = solve(solver, handle);
    const again = solve(solver, handle);
    const seen: number[] = [];
    const watched = solve(solver, handle, {
      hooks: [{ onIteration: ({ state }) => void seen.push(state.x[7] as number) }],
    });
    for (const other of [again, watched]) {
      expect(other.state.x).toEqual(quiet.state.x);
      expect(other.state.r).toEqual(quiet.state.r);
      expect(other.state.p).toEqual(quiet.state.p);
      expect(other.state.residualNorm).toBe(quiet.state.residualNorm);
    }
    expect(seen).toHaveLength(41); // iteration 0 too
    expect(seen.at(-1)).toBe(quiet.state.x[7]);
    // Resumed from a finished run's state (its own arrays): the run of 80 iterations.
    const resumed = solve(solver, handle, { resumeFrom: quiet.checkpoint(), maxIterations: 80 });
    const straight = solve(conjugateGradient({ maxIterations: 80 }), problem);
    expect(resumed.state.x).toEqual(straight.state.x);
    handle.dispose();
  });
});

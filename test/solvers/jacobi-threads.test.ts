import { describe, expect, it, vi } from "vitest";
import { prepareProblem, solve } from "../../src/index.js";
import { csrSweeps, jacobiChunkRows } from "../../solvers/gauss-seidel/csr-sweeps.js";
import { gaussSeidel, jacobi, poisson2d, redBlackGaussSeidel, sor, ssor } from "../../solvers/gauss-seidel/index.js";
import type { GaussSeidelState, PreparedGaussSeidel } from "../../solvers/gauss-seidel/index.js";
import { bandedCsr, diagonalOf } from "../fixtures/csr.js";

// `threads` on the Gauss-Seidel family: Jacobi's rows are independent, so its WebAssembly sweep on a general
// CSR matrix runs in chunks of rows on the kernel's threads, the same bits with any number; the
// Gauss-Seidel / SOR / SSOR sweeps read the rows they have just written, so they run on one thread, and
// the result says so.

const n = 3 * jacobiChunkRows + 517; // four chunks, the last one short
const matrix = bandedCsr(n, 97, 21);
const { diagonalIndex, inverseDiagonal } = diagonalOf(matrix);
const b = Float64Array.from({ length: n }, (_, i) => Math.sin(0.37 * i + 1));
const problem = { matrix, b };

/** A solver whose prepare starts the kernel's workers at once (a short run would leave them to the start policy). */
function withWorkersStarted(solver: ReturnType<typeof jacobi>, seen: PreparedGaussSeidel[] = []) {
  const prepare = solver.prepare?.bind(solver);
  return {
    ...solver,
    prepare: (given: never, context: never) => {
      const prepared = (prepare as NonNullable<typeof prepare>)(given, context);
      prepared.kernel?.startWorkers();
      seen.push(prepared);
      return prepared;
    },
  } as typeof solver;
}

describe("Jacobi on a general CSR matrix on several threads", () => {
  it("gives the same iterates and residual norms, bit for bit, on 1, 2 and 3 threads, and the JavaScript kernel's", () => {
    const iterations = 12;
    const runs = [1, 2, 3].map((threads) => {
      const seen: PreparedGaussSeidel[] = [];
      const solver = withWorkersStarted(
        jacobi({ stencilKernel: false, relaxation: 0.9, relTolerance: 0, maxIterations: iterations }),
        seen,
      );
      const result = solve(solver, problem, { threads, trace: { every: 1 } });
      expect(seen[0]?.kernel).toBeDefined(); // the WebAssembly kernel, not the JavaScript fallback
      expect(result.kernelThreads).toBe(threads);
      return { x: result.state.x, norms: result.trace.entries.map((entry) => entry.record.residualNorm) };
    });
    // The reference: the JavaScript kernel by hand, the residual summed in Jacobi's chunks of rows.
    let x = new Float64Array(n);
    const norms = [Math.sqrt(csrSweeps.residualSquared(matrix, b, x, jacobiChunkRows))];
    for (let k = 0; k < iterations; k++) {
      const next = new Float64Array(n);
      csrSweeps.forward(matrix, diagonalIndex, inverseDiagonal, b, x, x, next, 0.9);
      x = next;
      norms.push(Math.sqrt(csrSweeps.residualSquared(matrix, b, x, jacobiChunkRows)));
    }
    for (const run of runs) {
      expect(run.x).toEqual(x);
      expect(run.norms).toEqual(norms);
    }
    // The chunked sum is the row-order sum up to rounding (a test of the reference itself).
    const rowOrder = Math.sqrt(csrSweeps.residualSquared(matrix, b, x));
    expect(Math.abs((norms.at(-1) as number) - rowOrder)).toBeLessThanOrEqual(1e-14 * rowOrder);
  });

  it("converges on 2 threads at the iteration one thread does, to the same bits", () => {
    const results = [1, 2].map((threads) =>
      solve(withWorkersStarted(jacobi({ stencilKernel: false })), problem, { threads }),
    );
    expect(results[0]?.converged).toBe(true);
    expect(results[1]?.iterations).toBe(results[0]?.iterations);
    expect(results[1]?.state.x).toEqual(results[0]?.state.x);
    expect(results[1]?.state.residualNorm).toBe(results[0]?.state.residualNorm);
  });

  it("ends the workers its prepare started when solve is over", async () => {
    const seen: PreparedGaussSeidel[] = [];
    const result = solve(withWorkersStarted(jacobi({ stencilKernel: false, maxIterations: 5 }), seen), problem, {
      threads: 3,
    });
    expect(result.iterations).toBe(5);
    const kernel = seen[0]?.kernel;
    expect(kernel?.disposed).toBe(true);
    await vi.waitFor(() => expect(kernel?.liveWorkers).toBe(0));
  });

  it("a prepared handle reports its kernel's threads, and its dispose ends the workers", async () => {
    const solver = jacobi({ stencilKernel: false, maxIterations: 3 });
    const handle = prepareProblem(solver, problem, { threads: 2 });
    expect(handle.kernelThreads).toBe(2);
    handle.prepared.kernel?.startWorkers();
    expect(handle.prepared.kernel?.liveWorkers).toBe(1);
    expect(solve(solver, handle).kernelThreads).toBe(2);
    // The worker takes chunks of a sweep (whichever thread is free first claims the next chunk).
    const chunks = Math.ceil(n / jacobiChunkRows);
    let runs = 0;
    while (runs < 200 && (handle.prepared.kernel?.callerChunks ?? chunks) === chunks) {
      solve(solver, handle);
      runs++;
    }
    expect(handle.prepared.kernel?.callerChunks).toBeLessThan(chunks);
    handle.dispose();
    await vi.waitFor(() => expect(handle.prepared.kernel?.liveWorkers).toBe(0));
  });
});

describe("the threads a run reports (kernelThreads)", () => {
  it("is 1 for the sequential sweeps (Gauss-Seidel, SOR, SSOR, red-black in JavaScript), whatever threads asks for", () => {
    const sequential = [
      gaussSeidel({ stencilKernel: false, maxIterations: 2 }),
      sor({ stencilKernel: false, relaxation: 1.3, maxIterations: 2 }),
      ssor({ stencilKernel: false, maxIterations: 2 }),
      redBlackGaussSeidel({ maxIterations: 2 }), // red-black ordering on a general matrix: JavaScript
    ];
    for (const solver of sequential) {
      const result = solve(solver, problem, { threads: 4 });
      expect(result.kernelThreads).toBe(1);
      expect((result.state as GaussSeidelState).x.length).toBe(n);
    }
  });

  it("is 1 for Jacobi on the stencil kernel and on a system below the WebAssembly kernel's size", () => {
    const grid = poisson2d(40); // a recognised 5-point stencil
    expect(
      solve(jacobi({ maxIterations: 2 }), { matrix: grid, b: new Float64Array(1600).fill(1) }, { threads: 4 })
        .kernelThreads,
    ).toBe(1);
    const small = bandedCsr(500, 7, 2); // 2,500 entries: the JavaScript kernel
    using handle = prepareProblem(
      jacobi({ stencilKernel: false }),
      { matrix: small, b: new Float64Array(500).fill(1) },
      { threads: 4 },
    );
    expect(handle.prepared.kernel).toBeUndefined();
    expect(handle.kernelThreads).toBe(1);
  });

  it("is 1 for a system of one chunk of rows, where there is nothing to share", () => {
    const oneChunk = bandedCsr(jacobiChunkRows, 31, 4); // 20,000 entries: the WebAssembly kernel, one chunk
    using handle = prepareProblem(
      jacobi({ stencilKernel: false }),
      { matrix: oneChunk, b: new Float64Array(jacobiChunkRows).fill(1) },
      { threads: 4 },
    );
    expect(handle.prepared.kernel).toBeDefined();
    expect(handle.kernelThreads).toBe(1);
  });
});

import { describe, expect, it, vi } from "vitest";
import { kernelPool, prepareProblem, solve } from "../../src/index.js";
import { poisson2d } from "../../solvers/gauss-seidel/index.js";
import { conjugateGradient, jacobiPreconditioner } from "../../solvers/krylov/index.js";
import type { PreparedCg } from "../../solvers/krylov/index.js";
import { bindCgKernel } from "../../solvers/krylov/cg-kernel.js";
import { cgChunkRows, dot, multiplyDotInto, updateResidual } from "../../solvers/krylov/vectors.js";
import { textbookCgIteration } from "../fixtures/csr.js";

// `threads` on CG: its WebAssembly passes run in chunks of rows on the kernel's threads, each chunk's sum in
// a slot of its own, the slots added in chunk order, so the iterates are the same bits on any number of
// threads, and the JavaScript iteration's (which sums in the same chunks).

const m = 111; // 12,321 rows: four chunks, the last of 33 rows (odd: the kernel's unpaired last row)
const matrix = poisson2d(m);
const n = m * m;
const chunks = Math.ceil(n / cgChunkRows);
const b = Float64Array.from({ length: n }, (_, i) => Math.sin(0.37 * i + 1));
const problem = { matrix, b };

/** A solver whose prepare starts the kernel's workers at once (a short run would leave them to the start policy). */
function withWorkersStarted(solver: ReturnType<typeof conjugateGradient>, seen: PreparedCg[] = []) {
  const prepare = solver.prepare?.bind(solver);
  return {
    ...solver,
    prepare: (given: never, context: never) => {
      const prepared = (prepare as NonNullable<typeof prepare>)(given, context);
      prepared.product?.startWorkers();
      seen.push(prepared);
      return prepared;
    },
  } as typeof solver;
}

/** The textbook iteration on the JavaScript product from x = 0: the residual norms of iterations 0..k. */
function textbookNorms(iterations: number): { x: Float64Array; norms: number[] } {
  const [x, r, p] = [new Float64Array(n), b.slice(), b.slice()];
  let rr = dot(r, r); // CG's init sums r^T r in row order
  const norms = [Math.sqrt(rr)];
  for (let k = 0; k < iterations; k++) {
    rr = textbookCgIteration(matrix, x, r, p, rr);
    norms.push(Math.sqrt(rr));
  }
  return { x, norms };
}

describe("CG on a general CSR matrix on several threads", () => {
  it("gives the same iterates and residual norms, bit for bit, on 1, 2 and 3 threads, and the textbook iteration's", () => {
    expect(chunks).toBe(4);
    const iterations = 30;
    const runs = [1, 2, 3].map((threads) => {
      const seen: PreparedCg[] = [];
      const solver = withWorkersStarted(conjugateGradient({ maxIterations: iterations }), seen);
      const result = solve(solver, problem, { threads, trace: { every: 1 } });
      expect(seen[0]?.product).toBeDefined(); // the WebAssembly kernel, not the JavaScript iteration
      expect(result.kernelThreads).toBe(threads);
      return { x: result.state.x, p: result.state.p, norms: result.trace.entries.map((e) => e.record.residualNorm) };
    });
    const reference = textbookNorms(iterations);
    for (const run of runs) {
      expect(run.x).toEqual(reference.x);
      expect(run.norms).toEqual(reference.norms);
    }
    expect(runs[1]?.p).toEqual(runs[0]?.p);
  });

  it("sums p^T A p and r^T r in chunks (r^T r in two lanes): the row-order sums up to rounding", () => {
    const x = Float64Array.from({ length: n }, (_, i) => Math.cos(0.11 * i));
    const product = new Float64Array(n);
    const chunked = multiplyDotInto(matrix, x, product);
    const rowOrder = dot(x, product);
    expect(Math.abs(chunked - rowOrder)).toBeLessThanOrEqual(1e-13 * Math.abs(rowOrder));
    // 2-D Poisson is positive definite: x^T A x = sum over grid edges of (x_i - x_j)^2 + boundary terms > 0.
    expect(chunked).toBeGreaterThan(0);
    // x += 0.5 p and r -= 0.5 A x from x = 0, r = b: r = b - 0.5 A x exactly as written out here.
    const [y, r] = [new Float64Array(n), b.slice()];
    const squared = updateResidual(y, r, x, product, 0.5);
    for (const i of [0, 1, 4095, 4096, n - 1]) {
      expect(y[i]).toBe(0.5 * (x[i] as number));
      expect(r[i]).toBe((b[i] as number) - 0.5 * (product[i] as number));
    }
    expect(Math.abs(squared - dot(r, r))).toBeLessThanOrEqual(1e-13 * dot(r, r));
  });

  it("converges on 2 threads at the iteration one thread does, to the same bits, with and without Jacobi's preconditioner", () => {
    for (const options of [{}, { preconditioner: jacobiPreconditioner() }]) {
      const results = [1, 2].map((threads) =>
        solve(withWorkersStarted(conjugateGradient({ ...options, relTolerance: 1e-8 })), problem, { threads }),
      );
      expect(results[0]?.converged).toBe(true);
      expect(results[1]?.kernelThreads).toBe(2);
      expect(results[1]?.iterations).toBe(results[0]?.iterations);
      expect(results[1]?.state.x).toEqual(results[0]?.state.x);
      expect(results[1]?.state.residualNorm).toBe(results[0]?.state.residualNorm);
      // The answer: A x = b to the tolerance, measured afresh.
      const ax = new Float64Array(n);
      multiplyDotInto(matrix, results[1]?.state.x as Float64Array, ax);
      const residual = Math.sqrt(ax.reduce((s, v, i) => s + (v - (b[i] as number)) ** 2, 0));
      expect(residual).toBeLessThan(1.01e-8 * Math.sqrt(dot(b, b)));
    }
  });

  it("gives the same bits with a kernel pool, whose memory holds the previous problem's bytes", () => {
    const solver = conjugateGradient({ maxIterations: 25 });
    const alone = solve(solver, problem, { threads: 1 });
    using pool = kernelPool();
    const other = { matrix: poisson2d(m), b: Float64Array.from({ length: n }, (_, i) => Math.cos(i)) };
    solve(solver, other, { threads: 2, kernelPool: pool }); // leaves its vectors in the pooled memory
    const pooled = solve(withWorkersStarted(solver), problem, { threads: 2, kernelPool: pool });
    expect(pooled.kernelThreads).toBe(2);
    expect(pooled.state.x).toEqual(alone.state.x);
    expect(pooled.state.residualNorm).toBe(alone.state.residualNorm);
  });

  it("multiplies on 2 threads as the JavaScript product does, bit for bit (the preconditioned path's product)", () => {
    const kernel = bindCgKernel(matrix, 0, { threads: 2 });
    if (kernel === undefined) throw new Error("WebAssembly is unavailable");
    kernel.startWorkers();
    const x = Float64Array.from({ length: n }, (_, i) => Math.cos(0.11 * i));
    const [got, expected] = [new Float64Array(n), new Float64Array(n)];
    for (let round = 0; round < 3; round++)
      expect(kernel.multiplyDot(x, got)).toBe(multiplyDotInto(matrix, x, expected));
    expect(got).toEqual(expected);
    kernel.dispose();
  });

  it("a prepared handle reports its kernel's threads; a worker takes chunks; dispose ends the workers", async () => {
    const solver = conjugateGradient({ maxIterations: 3 });
    const handle = prepareProblem(solver, problem, { threads: 2 });
    expect(handle.kernelThreads).toBe(2);
    const kernel = handle.prepared.product;
    kernel?.startWorkers();
    expect(kernel?.liveWorkers).toBe(1);
    expect(solve(solver, handle).kernelThreads).toBe(2);
    let runs = 0;
    while (runs < 200 && (kernel?.callerChunks ?? chunks) === chunks) {
      solve(solver, handle);
      runs++;
    }
    expect(kernel?.callerChunks).toBeLessThan(chunks);
    handle.dispose();
    await vi.waitFor(() => expect(kernel?.liveWorkers).toBe(0));
  });

  it("runs on 1 thread with threads: 1, for a system of one chunk, and below the kernel's size", () => {
    expect(solve(conjugateGradient({ maxIterations: 2 }), problem, { threads: 1 }).kernelThreads).toBe(1);
    const short = conjugateGradient({ maxIterations: 2 });
    using one = prepareProblem(short, problem, { threads: 1 });
    one.prepared.product?.startWorkers(); // nothing to start: threads: 1 means the caller's thread alone
    expect(solve(short, one).kernelThreads).toBe(1);
    expect([one.prepared.product?.threads, one.prepared.product?.liveWorkers]).toEqual([1, 0]);
    expect(one.prepared.product?.callerChunks).toBe(0); // its passes are single calls, not handed-out chunks
    const oneChunk = poisson2d(64); // 4,096 rows, 20,224 entries: the kernel, one chunk
    using single = prepareProblem(
      conjugateGradient(),
      { matrix: oneChunk, b: new Float64Array(4096).fill(1) },
      {
        threads: 4,
      },
    );
    expect(single.prepared.product).toBeDefined();
    expect(single.kernelThreads).toBe(1);
    const small = poisson2d(20); // 1,920 entries: the JavaScript iteration
    using tiny = prepareProblem(
      conjugateGradient(),
      { matrix: small, b: new Float64Array(400).fill(1) },
      {
        threads: 4,
      },
    );
    expect(tiny.prepared.product).toBeUndefined();
    expect(tiny.kernelThreads).toBe(1);
  });
});

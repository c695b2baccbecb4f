import { describe, expect, it } from "vitest";
import { prepareProblem, solve, solveAsync } from "../../src/index.js";
import type { SolveOptions } from "../../src/index.js";
import { poisson2d } from "../../solvers/gauss-seidel/index.js";
import { conjugateGradient, jacobiPreconditioner } from "../../solvers/krylov/index.js";
import type { ConjugateGradientState, KrylovRecord, PreparedCg } from "../../solvers/krylov/index.js";
import { bindCgKernel } from "../../solvers/krylov/cg-kernel.js";
import { randomNormalVector, textbookCgIteration, tridiagonalCsr } from "../fixtures/csr.js";

// CG's kernel keeps x, r and p in its memory while no one sees the states (`context.willSettle`) and writes
// them into the last state once (`settle`): the same bits, iterations and stop reasons as a run that copies
// them out every iteration, whichever way the state leaves the run, on 1 and 2 threads.

const m = 111; // 12,321 rows: four chunks of the kernel, two threads' worth
const matrix = poisson2d(m);
const b = Float64Array.from({ length: m * m }, (_, i) => Math.sin(0.37 * i + 1));
const problem = { matrix, b };
const quiet = { trace: false } as const;
type Options = SolveOptions<ConjugateGradientState, KrylovRecord>;

/** The parts of a result that must be the same bits. */
function outcome(result: ReturnType<typeof solve<unknown, ConjugateGradientState, KrylovRecord>>) {
  const { x, r, p, residualNorm, rz } = result.state;
  return { x, r, p, residualNorm, rz, iterations: result.iterations, stopReason: result.stopReason };
}

/** The solver with its `settle` watched: the last state's x before the kernel's copy is written into it. */
function watched(solver: ReturnType<typeof conjugateGradient>) {
  const before: Float64Array[] = [];
  const settle = solver.settle?.bind(solver);
  if (settle === undefined) throw new Error("CG has no settle");
  return {
    before,
    solver: {
      ...solver,
      settle: (prepared: PreparedCg, state: ConjugateGradientState) => {
        before.push(state.x.slice());
        return settle(prepared, state);
      },
    } as typeof solver,
  };
}

describe("CG's kernel with a settled last state", () => {
  it("leaves the arrays behind until settle, and writes them back before anything else takes its vectors", () => {
    const n = 301;
    const tri = tridiagonalCsr(n);
    const kernel = bindCgKernel(tri, 0);
    if (kernel === undefined) throw new Error("WebAssembly is unavailable");
    const [x, r] = [randomNormalVector(n, 1), randomNormalVector(n, 2)];
    const p = r.slice();
    const [ex, er, ep] = [x.slice(), r.slice(), p.slice()];
    let rr = r.reduce((sum, value) => sum + value * value, 0);
    const start = [x.slice(), r.slice(), p.slice()];
    for (let k = 0; k < 3; k++) {
      const expected = textbookCgIteration(tri, ex, er, ep, rr);
      expect(kernel.iterate(x, r, p, rr, true, true).residualSquared).toBe(expected);
      rr = expected;
    }
    expect([x, r, p]).toEqual(start); // behind: nothing copied out
    kernel.settle(x.slice(), r, p); // other arrays: nothing happens
    expect([x, r, p]).toEqual(start);
    kernel.settle(x, r, p);
    expect([x, r, p]).toEqual([ex, er, ep]);
    // Other arrays take the kernel: the arrays behind it get their entries first.
    kernel.iterate(x, r, p, rr, true, true);
    textbookCgIteration(tri, ex, er, ep, rr);
    const others = [x.slice(), r.slice(), p.slice()] as const;
    kernel.iterate(others[0], others[1], others[2], 1, true, true);
    expect([x, r, p]).toEqual([ex, er, ep]);
    // The product alone (a preconditioned run) and dispose likewise.
    const [ox, or, op] = others;
    const oxBefore = ox.slice();
    kernel.multiplyDot(p, new Float64Array(n));
    expect(ox).not.toEqual(oxBefore);
    kernel.iterate(x, r, p, rr, true, true);
    const xBefore = x.slice();
    kernel.dispose();
    expect(x).not.toEqual(xBefore);
    kernel.settle(x, r, p); // after dispose: nothing to do, no error
    expect([or.length, op.length]).toEqual([n, n]);
  });

  it.each([1, 2])("gives the bits of a run that copies out every iteration, on %i thread(s)", (threads) => {
    for (const options of [{ maxIterations: 40 }, { relTolerance: 1e-6 }]) {
      const { solver, before } = watched(conjugateGradient(options));
      const { settle: _settle, ...copyingOut } = conjugateGradient(options);
      const settled = solve(solver, problem, { ...quiet, threads });
      const eager = solve(copyingOut, problem, { ...quiet, threads });
      const traced = solve(conjugateGradient(options), problem, { threads });
      expect(settled.kernelThreads).toBe(threads);
      expect(outcome(settled)).toEqual(outcome(eager));
      expect(outcome(settled)).toEqual(outcome(traced));
      // The kernel did keep x: the state's array was behind it until settle.
      expect(before).toHaveLength(1);
      expect(before[0]).not.toEqual(settled.state.x);
      expect(settled.state.x.length).toBe(m * m);
    }
    const converged = solve(conjugateGradient({ relTolerance: 1e-6 }), problem, { ...quiet, threads });
    expect(converged.stopReason.kind).toBe("converged");
  });

  it("defers under CG's own trace (two numbers per record), not under a caller's record, which reads current x", () => {
    const own = watched(conjugateGradient({ maxIterations: 30 }));
    const traced = solve(own.solver, problem);
    expect(own.before).toHaveLength(1);
    expect(own.before[0]).not.toEqual(traced.state.x);
    const quietRun = solve(conjugateGradient({ maxIterations: 30 }), problem, quiet);
    expect(outcome(traced)).toEqual(outcome(quietRun));
    expect(traced.trace.entries.at(-1)?.record.residualNorm).toBe(quietRun.state.residualNorm);
    const theirs = watched(conjugateGradient({ maxIterations: 30 }));
    const recorded = solve(theirs.solver, problem, { trace: { record: (state) => state.x[7] as number } });
    const seen: number[] = [];
    solve(conjugateGradient({ maxIterations: 30 }), problem, {
      ...quiet,
      hooks: { onIteration: ({ state }) => void seen.push(state.x[7] as number) },
    });
    expect(theirs.before).toHaveLength(0);
    expect(recorded.trace.entries.map((entry) => entry.record)).toEqual(seen);
  });

  it("hands a resumed run the settled iterate: it continues as the straight run, on one handle", () => {
    const solver = conjugateGradient({ maxIterations: 30 });
    using handle = prepareProblem(solver, problem);
    const first = solve(solver, handle, quiet);
    const checkpoint = first.checkpoint();
    expect(checkpoint.state.x).toEqual(first.state.x);
    const resumed = solve(solver, handle, { ...quiet, resumeFrom: checkpoint, maxIterations: 70 });
    const straight = solve(conjugateGradient({ maxIterations: 70 }), problem);
    expect(outcome(resumed)).toEqual(outcome(straight));
  });

  it("settles a run of no iterations, after a settled run on the same handle, to its own iterate", () => {
    const solver = conjugateGradient({ maxIterations: 20 });
    using handle = prepareProblem(solver, problem);
    const twenty = solve(solver, handle, quiet);
    const none = solve(solver, handle, { ...quiet, maxIterations: 0 });
    expect(none.state.x).toEqual(new Float64Array(m * m));
    expect(none.state.r).toEqual(b);
    expect(outcome(twenty)).toEqual(outcome(solve(conjugateGradient({ maxIterations: 20 }), problem)));
  });

  it("gives two quiet async runs that take turns on one handle their own iterates", async () => {
    const solver = conjugateGradient({ maxIterations: 60 });
    using handle = prepareProblem(solver, problem);
    const midway = solve(solver, handle, { ...quiet, maxIterations: 25 }).checkpoint();
    const options: Options = { ...quiet, yieldEveryMs: 0 };
    const [a, resumed] = await Promise.all([
      solveAsync(solver, handle, options),
      solveAsync(solver, handle, { ...options, resumeFrom: midway, maxIterations: 45 }),
    ]);
    expect(outcome(a)).toEqual(outcome(solve(conjugateGradient({ maxIterations: 60 }), problem)));
    expect(outcome(resumed)).toEqual(outcome(solve(conjugateGradient({ maxIterations: 45 }), problem)));
  });

  it("ends an indefinite system's run as diverged on the same last iterate", () => {
    const shifted = { ...matrix, values: matrix.values.map((value) => (value === 4 ? 0.6 : value)) };
    const indefinite = { matrix: shifted, b };
    const settled = solve(conjugateGradient(), indefinite, quiet);
    const traced = solve(conjugateGradient(), indefinite);
    expect(settled.stopReason.kind).toBe("diverged");
    expect(settled.iterations).toBeGreaterThan(1);
    expect(outcome(settled)).toEqual(outcome(traced));
  });

  it("leaves preconditioned CG (the product alone in the kernel) as it was", () => {
    const options = { preconditioner: jacobiPreconditioner(), maxIterations: 30 };
    const settled = solve(conjugateGradient(options), problem, quiet);
    expect(outcome(settled)).toEqual(outcome(solve(conjugateGradient(options), problem)));
  });
});

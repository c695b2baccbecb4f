import { prepareProblem, solve } from "../../../src/index.js";
import type { SolveResult } from "../../../src/index.js";
import { gaussSeidel, jacobi, poisson2d, sor, ssor } from "../../../solvers/gauss-seidel/index.js";
import { bindCsrSweeps } from "../../../solvers/gauss-seidel/csr-kernel.js";
import { csrSweeps } from "../../../solvers/gauss-seidel/csr-sweeps.js";
import { conjugateGradient } from "../../../solvers/krylov/index.js";
import { stencilSweeps } from "../../../solvers/gauss-seidel/stencil-sweeps.js";
import { measureSideBySide } from "../measure.js";
import type { PeerContext } from "./context.js";
import { median, peerFigure } from "./context.js";
import { writeDataSet } from "./data-files.js";
import type { PeerRow } from "./table.js";

/** The targets: a sweep within 1.2x PETSc's, a `solve` iteration checking every time within 1.5x its sweep. */
const sweepTarget = 1.2;
const checkedTarget = 1.5;

/**
 * Gauss-Seidel / SOR and Jacobi on the 2-D Poisson matrix (512 x 512 grid) written as a general CSR matrix,
 * against PETSc's Richardson with PCSOR (forward sweep) and PCJACOBI on the same AIJ matrix and right side:
 * per sweep (iterlab's kernels; PETSc's MatSOR for all sweeps at once) and per iteration with the residual
 * norm (iterlab's `solve`; PETSc's KSP loop with the unpreconditioned norm). iterlab's general CSR sweeps
 * run in its WebAssembly kernel (the JavaScript kernel, its fallback, has a row too); a sweep includes
 * copying the new iterate out of the kernel's memory, as `solve` does (each sweep starts from the array the
 * previous one wrote, which the kernel keeps, so nothing is copied in). iterlab's Gauss-Seidel / SOR / SSOR
 * sweeps are sequential (one thread); so is PETSc without MPI. Jacobi's rows are independent: its sweep has
 * a row on 1 thread and one on 2 (the run option `threads`, workers started and warm), side by side. CG
 * against KSPCG (PCNONE, the residual norm every iteration): a one-off `solve` on 1 thread against KSPSolve
 * over its iterations, and prepared problems (kernel memory mapped; on 2 threads, workers up) against
 * KSPCG's marginal iteration (KSPSolve's fixed work taken out), both steady iterations. CG's runs are
 * untraced (KSPCG has no monitor), so its kernel copies x, r and p out once (`settle`); a row beside them
 * copies out every iteration (the solver without `settle`).
 */
export async function linearRows(context: PeerContext): Promise<PeerRow[]> {
  const m = 512;
  const n = m * m;
  const sweeps = context.quick ? 4 : 20;
  const rounds = context.quick ? 3 : 7;
  const matrix = poisson2d(m);
  const b = new Float64Array(n).fill(1);
  const { rowPointers, columnIndices, values } = matrix;
  const manifest = await writeDataSet(context.directory, "poisson512", {
    params: { n, sweeps, repeats: rounds },
    arrays: {
      rowPointers: Int32Array.from(rowPointers),
      columnIndices: Int32Array.from(columnIndices),
      values: Float64Array.from(values),
      b,
    },
  });
  context.log(`Poisson 512 x 512: iterlab (${sweeps} sweeps x ${rounds} rounds)`);
  const inverseDiagonal = new Float64Array(n);
  const diagonalIndex = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    for (let k = rowPointers[i] as number; k < (rowPointers[i + 1] as number); k++) {
      if (columnIndices[k] === i) {
        diagonalIndex[i] = k;
        inverseDiagonal[i] = 1 / (values[k] as number);
      }
    }
  }
  const stencil = { nx: m, ny: m, diagonal: 4, offDiagonal: -1 };
  let current = new Float64Array(n);
  let next = new Float64Array(n);
  const swap = () => ([current, next] = [next, current]);
  const system = { matrix, diagonalIndex, inverseDiagonal, b };
  const kernel = bindCsrSweeps(system);
  const twoThreads = bindCsrSweeps(system, undefined, { threads: 2 });
  if (kernel === undefined || twoThreads === undefined) throw new Error("the WebAssembly CSR kernel is unavailable");
  twoThreads.startWorkers();
  // As in a `solve` where no hook sees the states: the kernel trusts the array it last wrote (a run with hooks
  // compares it entry by entry first; the `solve` rows below have none).
  kernel.verifyHandedBack = false;
  twoThreads.verifyHandedBack = false;
  const jsSweep = () => {
    for (let sweep = 0; sweep < sweeps; sweep++, swap()) {
      csrSweeps.forward(matrix, diagonalIndex, inverseDiagonal, b, current, next, next, 1);
    }
    return current;
  };
  const wasmSweep =
    (omega: number, kind: "gs" | "symmetric" | "jacobi", on = kernel) =>
    () => {
      for (let sweep = 0; sweep < sweeps; sweep++, swap()) {
        if (kind === "symmetric") on.symmetric(current, next, omega, false);
        else on.forward(current, next, omega, kind === "gs" ? "next" : "current", false);
      }
      return current;
    };
  const stencilSweep = () => {
    let squared = 0;
    for (let sweep = 0; sweep < sweeps; sweep++, swap()) squared = stencilSweeps.forward(stencil, b, current, next, 1);
    return squared;
  };
  // Per iteration through solve, read from the trace (iteration 0 is stamped after init): init stays out.
  const perIteration = new Map<string, number[]>();
  const throughSolve = (name: string, go: () => SolveResult<unknown, { readonly residualNorm: number }>) => ({
    name,
    run: () => {
      const result = go();
      const entries = result.trace.entries;
      const times = perIteration.get(name) ?? [];
      // Without a trace (CG's rows: KSPCG keeps no history either), the run's own time from iteration 0 to
      // the stop, the last state's settling included.
      const spanMs =
        entries.length === 0 ? result.elapsedMs : (entries.at(-1)?.elapsedMs ?? NaN) - (entries[0]?.elapsedMs ?? NaN);
      times.push(spanMs / result.iterations);
      perIteration.set(name, times);
      return result.state;
    },
  });
  const problem = { matrix, b };
  const gsCsr = gaussSeidel({ maxIterations: sweeps, stencilKernel: false });
  const gsCsrEvery10 = gaussSeidel({ maxIterations: sweeps, stencilKernel: false, checkInterval: 10 });
  const sorCsr = sor({ relaxation: 1.5, maxIterations: sweeps, stencilKernel: false });
  const ssorCsr = ssor({ maxIterations: sweeps, stencilKernel: false });
  const gsStencil = gaussSeidel({ maxIterations: sweeps });
  const jacobiCsr = jacobi({ maxIterations: sweeps, stencilKernel: false });
  // Jacobi on 2 threads through solve, on a prepared problem whose workers are up (a one-off solve starts
  // them once its sweeps have paid for them: see bindKernel).
  const jacobiTwo = prepareProblem(jacobiCsr, { matrix, b }, { threads: 2 });
  jacobiTwo.prepared.kernel?.startWorkers();
  // CG never converges in `sweeps` iterations on this grid (it needs about 1,500 to 1e-8): every run is `sweeps` long.
  // One-off solves on 1 thread (a fresh kernel memory each: its vectors' pages fault in the first iteration),
  // and prepared problems on 1 and 2 threads (memory mapped and workers up, as PETSc's KSP reused run to run).
  // Untraced, as KSPCG runs without a monitor: the kernel keeps x, r and p until the run's end (`settle`). The
  // same solver without `settle` copies them out every iteration, as every run did before it (side by side).
  const cg = conjugateGradient({ maxIterations: sweeps });
  const { settle: _settle, ...cgCopyingOut } = cg;
  const untraced = { trace: false } as const;
  const cgOne = prepareProblem(cg, problem, { threads: 1 });
  const cgTwo = prepareProblem(cg, problem, { threads: 2 });
  cgTwo.prepared.product?.startWorkers();
  const measured = measureSideBySide(
    [
      { name: "js csr sweep", run: jsSweep },
      { name: "csr sweep", run: wasmSweep(1, "gs") },
      { name: "sor sweep", run: wasmSweep(1.5, "gs") },
      { name: "ssor sweep", run: wasmSweep(1, "symmetric") },
      { name: "jacobi sweep", run: wasmSweep(1, "jacobi") },
      { name: "jacobi sweep 2 threads", run: wasmSweep(1, "jacobi", twoThreads) },
      { name: "stencil sweep", run: stencilSweep },
      throughSolve("csr solve", () => solve(gsCsr, problem)),
      throughSolve("csr solve every 10", () => solve(gsCsrEvery10, problem)),
      throughSolve("sor solve", () => solve(sorCsr, problem)),
      throughSolve("ssor solve", () => solve(ssorCsr, problem)),
      throughSolve("stencil solve", () => solve(gsStencil, problem)),
      throughSolve("jacobi solve", () => solve(jacobiCsr, problem)),
      throughSolve("jacobi solve 2 threads", () => solve(jacobiCsr, jacobiTwo)),
      throughSolve("cg solve", () => solve(cg, problem, { threads: 1, ...untraced })),
      throughSolve("cg solve copying out", () => solve(cgCopyingOut, problem, { threads: 1, ...untraced })),
      throughSolve("cg solve prepared", () => solve(cg, cgOne, untraced)),
      throughSolve("cg solve 2 threads", () => solve(cg, cgTwo, untraced)),
    ],
    rounds,
    2,
  );
  const sweepMs = (name: string) => (measured.find((entry) => entry.name === name)?.medianMs ?? NaN) / sweeps;
  const iterationMs = (name: string) => median((perIteration.get(name) ?? []).slice(2));
  context.log("Poisson 512 x 512: PETSc");
  const petsc = (await context.peer("petsc_sor.py", manifest, ["petsc4py"], ["default"])).get("default");
  const version = typeof petsc === "object" ? `PETSc ${petsc.versions.petsc ?? "?"}` : "PETSc";
  const sorPeer = `${version} Richardson + SOR forward sweep, AIJ, 1 process (sequential)`;
  kernel.dispose();
  twoThreads.dispose();
  jacobiTwo.dispose();
  cgOne.dispose();
  cgTwo.dispose();
  const nonzeros = values.length;
  const perNonzero = (ms: number) => `${((ms * 1e6) / nonzeros).toFixed(2)} ns/nnz`;
  const petscNote = (key: string) => (result: { figures: Record<string, number> }) =>
    perNonzero(result.figures[key] ?? Number.NaN);
  const row = (workload: string, peer: string, key: string, ms: number, target: number | undefined): PeerRow => ({
    workload,
    peer,
    peerFigure: peerFigure(petsc, key, petscNote(key)),
    iterlabFigure: { ms, note: perNonzero(ms) },
    targetAtMost: target,
  });
  const shape = "Poisson 512 x 512 (n = 262,144, 1.3M nnz)";
  const stencilKernel = "5-point stencil kernel (fused residual)";
  const sorNormPeer = `${sorPeer}, unpreconditioned norm each iteration`;
  const omegaPeer = `${version} Richardson + SOR forward sweep, omega = 1.5, AIJ, 1 process`;
  const ssorPeer = `${version} Richardson + SOR symmetric sweep (SSOR), AIJ, 1 process`;
  const jacobiSweepPeer = `${version} Richardson + Jacobi, AIJ, no norm (r = b - A x, x += D^-1 r)`;
  const jacobiPeer = `${version} Richardson + Jacobi, AIJ, unpreconditioned norm each iteration`;
  const cgPeer = `${version} KSPCG, PCNONE, AIJ, residual norm each iteration (1 process)`;
  const cgMarginalPeer = `${cgPeer}, marginal: (solve of 2N - solve of N) / N, no set-up or r_0`;
  const perIterationOf = (name: string) => iterationMs(name);
  return [
    row(`GS sweep, ${shape}, general CSR, WebAssembly, per sweep`, sorPeer, "sorSweep", sweepMs("csr sweep"), 1.2),
    row(
      `GS sweep, ${shape}, general CSR, JavaScript fallback`,
      sorPeer,
      "sorSweep",
      sweepMs("js csr sweep"),
      undefined,
    ),
    row(
      `SOR sweep (omega 1.5), ${shape}, CSR, per sweep`,
      omegaPeer,
      "sorOmegaSweep",
      sweepMs("sor sweep"),
      sweepTarget,
    ),
    row(`SSOR sweep, ${shape}, CSR, per sweep`, ssorPeer, "ssorSweep", sweepMs("ssor sweep"), sweepTarget),
    row(
      `GS, ${shape}, CSR, per solve iteration (residual each)`,
      sorPeer,
      "sorSweep",
      perIterationOf("csr solve"),
      checkedTarget,
    ),
    row(
      `GS, ${shape}, CSR, per solve iteration (residual each)`,
      sorNormPeer,
      "sorIteration",
      perIterationOf("csr solve"),
      undefined,
    ),
    row(
      `GS, ${shape}, CSR, per solve iteration (checkInterval 10)`,
      sorPeer,
      "sorSweep",
      perIterationOf("csr solve every 10"),
      sweepTarget,
    ),
    row(
      `SOR (omega 1.5), ${shape}, CSR, per solve iteration (residual each)`,
      omegaPeer,
      "sorOmegaSweep",
      perIterationOf("sor solve"),
      checkedTarget,
    ),
    row(
      `SSOR, ${shape}, CSR, per solve iteration (residual each)`,
      ssorPeer,
      "ssorSweep",
      perIterationOf("ssor solve"),
      checkedTarget,
    ),
    row(`GS sweep, ${shape}, ${stencilKernel}, per sweep`, sorPeer, "sorSweep", sweepMs("stencil sweep"), sweepTarget),
    row(
      `GS, ${shape}, stencil kernel, per solve iteration`,
      sorPeer,
      "sorSweep",
      perIterationOf("stencil solve"),
      checkedTarget,
    ),
    row(`Jacobi sweep, ${shape}, CSR, per sweep`, jacobiSweepPeer, "jacobiSweep", sweepMs("jacobi sweep"), sweepTarget),
    row(
      `Jacobi sweep, ${shape}, CSR, per sweep, 2 threads`,
      jacobiSweepPeer,
      "jacobiSweep",
      sweepMs("jacobi sweep 2 threads"),
      undefined,
    ),
    row(
      `Jacobi, ${shape}, CSR, per solve iteration (residual each)`,
      jacobiSweepPeer,
      "jacobiSweep",
      perIterationOf("jacobi solve"),
      checkedTarget,
    ),
    row(
      `Jacobi, ${shape}, CSR, per solve iteration (residual each)`,
      jacobiPeer,
      "jacobiIteration",
      perIterationOf("jacobi solve"),
      undefined,
    ),
    row(
      `Jacobi, ${shape}, CSR, per solve iteration (residual each), 2 threads`,
      jacobiPeer,
      "jacobiIteration",
      perIterationOf("jacobi solve 2 threads"),
      undefined,
    ),
    row(
      `CG, ${shape}, CSR, per solve iteration, 1 thread`,
      cgPeer,
      "cgIteration",
      perIterationOf("cg solve"),
      sweepTarget,
    ),
    row(
      `CG, ${shape}, CSR, per solve iteration, 1 thread, x, r, p copied out every iteration (no settle)`,
      cgPeer,
      "cgIteration",
      perIterationOf("cg solve copying out"),
      undefined,
    ),
    row(
      `CG, ${shape}, CSR, per solve iteration, 1 thread, prepared problem`,
      cgMarginalPeer,
      "cgIterationMarginal",
      perIterationOf("cg solve prepared"),
      undefined,
    ),
    row(
      `CG, ${shape}, CSR, per solve iteration, 2 threads, prepared problem`,
      cgMarginalPeer,
      "cgIterationMarginal",
      perIterationOf("cg solve 2 threads"),
      undefined,
    ),
  ];
}

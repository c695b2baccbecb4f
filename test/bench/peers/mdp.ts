import { prepareProblem, solve } from "../../../src/index.js";
import { randomMdp, synchronousSweep, toleranceRule, valueIteration } from "../../../solvers/mdp/index.js";
import type { MdpProblem, SparseTransitionMatrix } from "../../../solvers/mdp/index.js";
import type { PeerContext } from "./context.js";
import { median, peerFigure, threadLabel } from "./context.js";
import { writeDataSet } from "./data-files.js";
import type { DataArray } from "./data-files.js";
import type { PeerRow } from "./table.js";
import type { PeerResult } from "./python-peers.js";

/** Bytes a synchronous sweep reads and writes at least once (transitions, rewards, the two value vectors). */
export function sweepBytes(states: number, actions: number, entries: number, dense: boolean): number {
  const vectors = states * 16;
  if (dense) return entries * 8 + states * actions * 8 + vectors;
  return entries * (8 + 4 + 8) + states * actions * (8 + 4) + vectors;
}

/**
 * Value-iteration sweeps through `solve` on a prepared problem (synchronous sweep on `context.threads`
 * threads, a tolerance of 0 so that every run makes all its sweeps; see sweepMs) against
 * pymdptoolbox's Bellman operator written with numpy (dense) or scipy.sparse (sparse) on the same MDP.
 */
export async function mdpRows(context: PeerContext): Promise<PeerRow[]> {
  const sweeps = context.quick ? 3 : 10;
  const rounds = context.quick ? 2 : 5;
  const dense = randomMdp({ states: 2000, actions: 4, seed: 1 });
  const sparse = randomMdp({ states: 100_000, actions: 4, successors: 10, seed: 2 });
  const rows: PeerRow[] = [];
  for (const [label, problem, isDense] of [
    ["dense 2,000 x 4 random MDP", dense, true],
    ["sparse 100,000 x 4 x 10 random MDP", sparse, false],
  ] as const) {
    const arrays: Record<string, DataArray> = { rewards: problem.rewards as Float64Array };
    if (isDense) arrays.transitions = problem.transitions as Float64Array;
    else {
      (problem.transitions as readonly SparseTransitionMatrix[]).forEach((matrix, a) => {
        arrays[`rowPointers${a}`] = matrix.rowPointers;
        arrays[`columnIndices${a}`] = matrix.columnIndices;
        arrays[`probabilities${a}`] = matrix.probabilities;
      });
    }
    const name = isDense ? "mdp-dense" : "mdp-sparse";
    const manifest = await writeDataSet(context.directory, name, {
      params: {
        states: problem.states,
        actions: problem.actions,
        discount: problem.discount,
        dense: isDense,
        sweeps,
        repeats: rounds,
      },
      arrays,
    });
    context.log(`${label}: iterlab (${sweeps} sweeps x ${rounds} rounds)`);
    const iterlabMs = sweepMs(problem, sweeps, rounds, context.threads);
    context.log(`${label}: ${isDense ? "numpy" : "scipy.sparse"}`);
    const peers = isDense
      ? await context.peer("numpy_mdp.py", manifest, ["numpy"], ["default", 1])
      : await context.peer("numpy_mdp.py", manifest, ["scipy"], ["default"]);
    const matrices = isDense ? [] : (problem.transitions as readonly SparseTransitionMatrix[]);
    const entries = isDense
      ? problem.actions * problem.states * problem.states
      : matrices.reduce((sum, matrix) => sum + matrix.probabilities.length, 0);
    const bytes = sweepBytes(problem.states, problem.actions, entries, isDense);
    const gbs = (ms: number) => `${(bytes / (ms / 1000) / 1e9).toFixed(1)} GB/s`;
    for (const [threads, result] of peers) {
      const library = isDense ? "numpy" : "scipy";
      const version = typeof result === "object" ? `${library} ${result.versions[library] ?? "?"}` : library;
      const threadsNote = isDense ? `${threadLabel(threads, result)} (OpenBLAS)` : "1 thread (scipy.sparse)";
      rows.push({
        workload: `value iteration, ${label}, per sweep (${context.threads} threads)`,
        peer: `${version} pymdptoolbox-style sweep max_a (R_a + gamma P_a V), ${threadsNote}`,
        peerFigure: peerFigure(result, "sweep", (peer) => gbs(peer.figures.sweep ?? NaN)),
        iterlabFigure: { ms: iterlabMs, note: gbs(iterlabMs) },
        targetAtMost: isDense ? 1 : undefined, // issue 19: dense at least as fast as the numpy sweep
      });
      if (isDense && threads === "default") {
        rows.push({
          workload: `value iteration, ${label}, per sweep (${context.threads} threads)`,
          peer: `${version} the same sweep, ${threadsNote}, transitions on 4 KB pages as iterlab's (${pagesNote(result)})`,
          peerFigure: peerFigure(result, "sweepSmallPages", (peer) => gbs(peer.figures.sweepSmallPages ?? NaN)),
          iterlabFigure: { ms: iterlabMs, note: gbs(iterlabMs) },
        });
      }
    }
  }
  return rows;
}

/**
 * How the numpy script's two copies of the dense transitions were mapped: numpy advises huge pages for its
 * arrays (the row above), the second copy was made without that advice, as a WebAssembly memory is mapped.
 */
export function pagesNote(result: PeerResult | string | undefined): string {
  const pages =
    typeof result === "object" ? (result as { hugePagesKb?: Record<string, number | null> }).hugePagesKb : undefined;
  const mb = (kb: number | null | undefined) => (typeof kb === "number" ? `${Math.round(kb / 1024)} MB` : "?");
  if (pages === undefined) return "huge pages of each copy unknown";
  return `huge pages: numpy's default copy ${mb(pages.default)}, this copy ${mb(pages.smallPages)}`;
}

/**
 * ms per sweep as numpy's figure is taken: on a problem prepared once (numpy's arrays are loaded before its
 * clock starts; here the transitions are copied into the kernel's memory once), after a warm-up run (numpy's
 * thread pool is up by then; here the kernel's workers, whichever way the start policy picks), the median
 * of `rounds` runs of `sweeps` sweeps, each timed from the end of its iteration 1.
 */
function sweepMs(problem: MdpProblem, sweeps: number, rounds: number, threads: number): number {
  const stoppingRule = toleranceRule({ absTolerance: 0 });
  const solver = valueIteration({ sweep: synchronousSweep(), stoppingRule });
  using prepared = prepareProblem(solver, problem, { threads });
  const samples: number[] = [];
  for (let round = 0; round < rounds + 1; round++) {
    let started = Number.NaN;
    const onIteration = (event: { readonly iteration: number }) => {
      if (event.iteration === 1) started = performance.now();
    };
    solve(solver, prepared, { maxIterations: sweeps + 1, hooks: { onIteration } });
    if (round > 0) samples.push((performance.now() - started) / sweeps);
  }
  return median(samples);
}

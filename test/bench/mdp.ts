import { solve } from "../../src/index.js";
import { randomMdp, synchronousSweep, inPlaceSweep, toleranceRule, valueIteration } from "../../solvers/mdp/index.js";
import type { MdpProblem, PreparedMdp } from "../../solvers/mdp/index.js";
import { bellmanSweep } from "../../solvers/mdp/bellman.js";
import { measureSideBySide } from "./measure.js";

/** pymdptoolbox's ValueIteration sweep on a dense random MDP with 2,000 states and 4 actions, on our 2-core machines. */
const pymdptoolboxSweepMs = 40;

/**
 * Value-iteration sweeps against a plain typed-array reference loop, measured side by side: a dense random MDP
 * with 2,000 states and 4 actions (target: at most half of pymdptoolbox's 40 ms per sweep, that is 20 ms), and
 * a sparse one with 100,000 states, 4 actions and 10 successors per state and action (sweeps per second and
 * bytes moved per second: a sweep is memory bound).
 *
 * @param rounds - Measured rounds per contender (interleaved, after 2 warm-up rounds).
 * @param sweeps - Sweeps per round.
 * @returns The figures, printable.
 */
export function mdpBenchmark(rounds = 5, sweeps = 10): string {
  const lines: string[] = [];
  lines.push(`MDP value iteration: ms per sweep (medians of ${rounds} interleaved rounds of ${sweeps} sweeps)`);

  const dense = randomMdp({ states: 2000, actions: 4, seed: 1 });
  lines.push(...measureProblem("dense 2,000 states x 4 actions", dense, rounds, sweeps, true));
  lines.push(`  pymdptoolbox (reported, same shape, our 2-core machine): ${pymdptoolboxSweepMs.toFixed(1)} ms per sweep; target <= ${(pymdptoolboxSweepMs / 2).toFixed(1)} ms`);

  const sparse = randomMdp({ states: 100_000, actions: 4, successors: 10, seed: 2 });
  lines.push(...measureProblem("sparse 100,000 states x 4 actions x 10 successors", sparse, rounds, sweeps, false));
  return lines.join("\n");
}

function measureProblem(title: string, problem: MdpProblem, rounds: number, sweeps: number, isDense: boolean): string[] {
  const model: PreparedMdp = valueIteration().init(problem, { random: undefined as never }).model;
  const { states: S, actions: A, discount, rewards } = model;
  const P = model.dense;
  const pointers = model.rowPointers;
  const columns = model.columnIndices;
  const probabilities = model.probabilities;

  // The reference: the textbook synchronous sweep on flat typed arrays, no policy, no statistics.
  let x = new Float64Array(S);
  let y = new Float64Array(S);
  const reference = () => {
    for (let sweep = 0; sweep < sweeps; sweep++) {
      for (let s = 0; s < S; s++) {
        let best = -Infinity;
        for (let a = 0; a < A; a++) {
          let sum = 0;
          if (P !== undefined) {
            const offset = (a * S + s) * S;
            for (let t = 0; t < S; t++) sum += (P[offset + t] as number) * (x[t] as number);
          } else {
            const row = s * A + a;
            for (let k = (pointers as Int32Array)[row] as number, end = (pointers as Int32Array)[row + 1] as number; k < end; k++) {
              sum += ((probabilities as Float64Array)[k] as number) * (x[(columns as Int32Array)[k] as number] as number);
            }
          }
          const q = (rewards[s * A + a] as number) + discount * sum;
          if (q > best) best = q;
        }
        y[s] = best;
      }
      [x, y] = [y, x];
    }
    return x;
  };
  // The JavaScript synchronous sweep (the path before the WebAssembly kernel for sparse models).
  const javascriptOrder: ReturnType<typeof synchronousSweep> = {
    name: "synchronous (JavaScript)",
    sweep: (m, current, next, previous, policy) => bellmanSweep(m, current, next, false, previous, policy),
  };
  const kernel = (order: ReturnType<typeof synchronousSweep>) => {
    let current = new Float64Array(S);
    let next = new Float64Array(S);
    let policy = new Int32Array(S);
    let previous = new Int32Array(S);
    return () => {
      for (let sweep = 0; sweep < sweeps; sweep++) {
        order.sweep(model, current, next, previous, policy);
        [current, next] = [next, current];
        [previous, policy] = [policy, previous];
      }
      return current;
    };
  };
  // Through solve: the engine, the stopping test and the default trace, minus init (validation), measured apart.
  const solver = valueIteration({ stoppingRule: toleranceRule({ tolerance: 0 }) });
  const solved = () => solve(solver, problem, { maxIterations: sweeps });
  const initOnly = () => solve(solver, problem, { maxIterations: 0 });

  const syncOrder = synchronousSweep();
  const syncRun = kernel(syncOrder);
  const javascriptRun = kernel(javascriptOrder);
  const [ref, sync, javascript, inPlace, full, init] = measureSideBySide(
    [
      { name: "reference", run: reference },
      { name: "synchronous kernel", run: syncRun },
      { name: "synchronous JavaScript kernel", run: javascriptRun },
      { name: "in-place kernel", run: kernel(inPlaceSweep()) },
      { name: "solve", run: solved },
      { name: "init", run: initOnly },
    ],
    rounds,
    2,
  );
  // Both have now run the same sweeps from zero: one more round each, then the values compared bit for bit.
  const wasmValues = syncRun();
  const javascriptValues = javascriptRun();
  const identical = wasmValues.every((v, s) => Object.is(v, javascriptValues[s]));
  const perSweep = (ms: number) => ms / sweeps;
  const refMs = perSweep(ref?.medianMs ?? NaN);
  const nnz = isDense ? A * S * S : (probabilities as Float64Array).length;
  // Bytes a synchronous sweep reads and writes at least once: the transitions (8 bytes each, plus a 4-byte column
  // index and a gathered 8-byte value when sparse), the rewards, the row pointers, the values read and written.
  const bytes = isDense ? nnz * 8 + S * A * 8 + S * 16 : nnz * (8 + 4 + 8) + S * A * (8 + 4) + S * 16;
  const row = (name: string, ms: number) => {
    const sweepMs = perSweep(ms);
    const nnzPerS = nnz / (sweepMs / 1000);
    return `  ${name.padEnd(36)} ${sweepMs.toFixed(2).padStart(8)} ms  ${(sweepMs / refMs).toFixed(3)}x  ${(1000 / sweepMs).toFixed(1).padStart(7)} sweeps/s  ${(nnzPerS / 1e6).toFixed(0).padStart(5)} M nonzeros/s (${(1e9 / nnzPerS).toFixed(2)} ns each)  ${((bytes / (sweepMs / 1000)) / 1e9).toFixed(2)} GB/s`;
  };
  return [
    `${title} (${nnz.toLocaleString("en-US")} transition entries, ${(bytes / 1e6).toFixed(0)} MB touched per sweep):`,
    row("plain typed-array loop (reference)", ref?.medianMs ?? NaN),
    row(isDense ? "synchronousSweep kernel" : "synchronousSweep (WebAssembly)", sync?.medianMs ?? NaN),
    row(isDense ? "bellmanSweep (JavaScript, the same)" : "bellmanSweep (JavaScript, before)", javascript?.medianMs ?? NaN),
    row("inPlaceSweep kernel (2 dots per row)", inPlace?.medianMs ?? NaN),
    row("valueIteration via solve (no init)", (full?.medianMs ?? NaN) - (init?.medianMs ?? NaN)),
    `  (init: validation and preparation, once per run: ${(init?.medianMs ?? NaN).toFixed(1)} ms; synchronous kernel and JavaScript kernel values bit-identical: ${identical ? "yes" : "NO"})`,
  ];
}

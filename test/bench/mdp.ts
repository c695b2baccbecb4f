import { prepareProblem, solve } from "../../src/index.js";
import { randomMdp, synchronousSweep, inPlaceSweep, toleranceRule, valueIteration } from "../../solvers/mdp/index.js";
import type { MdpProblem, PreparedMdp } from "../../solvers/mdp/index.js";
import { bellmanSweep } from "../../solvers/mdp/bellman.js";
import { bindWasmSweeps } from "../../solvers/mdp/wasm-sweep.js";
import { accessProbes } from "./mdp-access-probes.js";
import { measureSideBySide } from "./measure.js";
import { defaultKernelThreads } from "../../src/engine/internals.js";

/** pymdptoolbox's ValueIteration sweep on a dense random MDP with 2,000 states and 4 actions, on our 2-core machines. */
const pymdptoolboxSweepMs = 40;

/**
 * Value-iteration sweeps against a plain typed-array reference loop, measured side by side: a dense random MDP
 * with 2,000 states and 4 actions (target: at most half of pymdptoolbox's 40 ms per sweep, that is 20 ms), and
 * a sparse one with 100,000 states, 4 actions and 10 successors per state and action, drawn from every state
 * and then from the 1,000 states around each (sweeps per second and bytes moved per second, against two
 * probes of its access pattern on the same threads: a bare loop of its gathers, and a streaming read of the
 * same bytes).
 *
 * @param rounds - Measured rounds per contender (interleaved, after 2 warm-up rounds).
 * @param sweeps - Sweeps per round.
 * @returns The figures, printable.
 */
export async function mdpBenchmark(rounds = 5, sweeps = 10): Promise<string> {
  const lines: string[] = [];
  lines.push(`MDP value iteration: ms per sweep (medians of ${rounds} interleaved rounds of ${sweeps} sweeps)`);

  const dense = randomMdp({ states: 2000, actions: 4, seed: 1 });
  lines.push(...(await measureProblem("dense 2,000 states x 4 actions", dense, rounds, sweeps, true)));
  lines.push(
    `  pymdptoolbox (reported, same shape, our 2-core machine): ${pymdptoolboxSweepMs.toFixed(1)} ms per sweep; target <= ${(pymdptoolboxSweepMs / 2).toFixed(1)} ms`,
  );

  const sparse = randomMdp({ states: 100_000, actions: 4, successors: 10, seed: 2 });
  lines.push(
    ...(await measureProblem("sparse 100,000 states x 4 actions x 10 successors", sparse, rounds, sweeps, false)),
  );
  // The same shape with local successors (each state's within the 1,000 states around it): the values a sweep
  // gathers then stay in the L1 cache, as in queues, inventories and grids.
  const local = randomMdp({ states: 100_000, actions: 4, successors: 10, successorWindow: 1000, seed: 3 });
  lines.push(
    ...(await measureProblem(
      "sparse 100,000 states x 4 actions x 10 successors within 1,000 states",
      local,
      rounds,
      sweeps,
      false,
    )),
  );
  return lines.join("\n");
}

async function measureProblem(
  title: string,
  problem: MdpProblem,
  rounds: number,
  sweeps: number,
  isDense: boolean,
): Promise<string[]> {
  const model: PreparedMdp = prepareProblem(valueIteration(), problem).prepared;
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
            for (
              let k = (pointers as Int32Array)[row] as number, end = (pointers as Int32Array)[row + 1] as number;
              k < end;
              k++
            ) {
              sum +=
                ((probabilities as Float64Array)[k] as number) * (x[(columns as Int32Array)[k] as number] as number);
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
  // Each run sweeps once untimed first; the timed sweeps are the rest; `times` keeps them. Each contender
  // binds its own kernel to the model (as value iteration's prepare does), on `threads` threads.
  const kernel = (order: ReturnType<typeof synchronousSweep>, threads = defaultKernelThreads()) => {
    const prepared = { ...model, sweeps: order.parallel === true ? bindWasmSweeps(model, threads) : undefined };
    if (order.name === "in-place") Object.assign(prepared, { sweeps: bindWasmSweeps(model, 1) });
    let current = new Float64Array(S);
    let next = new Float64Array(S);
    let policy = new Int32Array(S);
    let previous = new Int32Array(S);
    const times: number[] = [];
    const sweep = () => {
      order.sweep(prepared, current, next, previous, policy);
      [current, next] = [next, current];
      [previous, policy] = [policy, previous];
    };
    const run = () => {
      sweep();
      const started = performance.now();
      for (let k = 0; k < sweeps; k++) sweep();
      times.push(performance.now() - started);
      return current;
    };
    return Object.assign(run, { times });
  };
  // Through solve: the engine, the stopping test and the default trace.
  const solver = valueIteration({ stoppingRule: toleranceRule({ absTolerance: 0 }) });
  // Per sweep through solve: from the end of iteration 1 to the end of the run (scaled to `sweeps` sweeps), so
  // that init's time (validation, preparation; it varies by tens of ms between runs) and the first sweep's
  // copy of the model into the kernel's memory stay out.
  let sweepsMs = NaN;
  const solved = () => {
    let started = NaN;
    const onIteration = (event: { readonly iteration: number }) => {
      if (event.iteration === 1) started = performance.now();
    };
    const result = solve(solver, problem, { maxIterations: sweeps, hooks: { onIteration } });
    sweepsMs = ((performance.now() - started) * sweeps) / (sweeps - 1);
    return result;
  };
  const sweepTimes: number[] = [];
  const timedSolve = () => {
    const started = performance.now();
    const result = solved();
    sweepTimes.push(sweepsMs);
    return [result, performance.now() - started];
  };

  const syncRun = kernel(synchronousSweep());
  const javascriptRun = kernel(javascriptOrder);
  const inPlaceRun = kernel(inPlaceSweep());
  const javascriptInPlaceRun = kernel({
    name: "in place (JavaScript)",
    sweep: (m, current, next, previous, policy) => bellmanSweep(m, current, next, true, previous, policy),
  });
  const oneThreadRun = kernel(synchronousSweep(), 1);
  // The machine's memory bandwidth in the same run: copying a 64 MB array (read + written: 128 MB moved).
  const probeSource = new Float64Array(2 ** 23).fill(1);
  const probeTarget = new Float64Array(2 ** 23);
  const probe = () => {
    for (let sweep = 0; sweep < sweeps; sweep++) probeTarget.set(probeSource);
    return probeTarget;
  };
  // The sparse access pattern's probes on 1 and N threads: the bare gather loop (the sweep's loads, nothing
  // else) and a streaming read of the same bytes (the bandwidth a sweep could reach).
  const threads = defaultKernelThreads();
  const probes = await accessProbes(model);
  const [ref, , , , , init, , copy, gatherN, gather1, streamN, stream1] = measureSideBySide(
    [
      { name: "reference", run: reference },
      { name: "synchronous kernel", run: syncRun },
      { name: "synchronous JavaScript kernel", run: javascriptRun },
      { name: "in-place kernel", run: inPlaceRun },
      { name: "in-place JavaScript sweep", run: javascriptInPlaceRun },
      { name: "solve", run: timedSolve },
      { name: "synchronous kernel, one thread", run: oneThreadRun },
      { name: "bandwidth probe", run: probe },
      { name: "bare gather loop, N threads", run: () => (isDense ? undefined : probes.gather(threads, sweeps)) },
      { name: "bare gather loop, 1 thread", run: () => (isDense ? undefined : probes.gather(1, sweeps)) },
      { name: "streaming read, N threads", run: () => probes.stream(threads, sweeps) },
      { name: "streaming read, 1 thread", run: () => probes.stream(1, sweeps) },
    ],
    rounds,
    2,
  );
  const median = (times: readonly number[]) => [...times].sort((a, b) => a - b)[times.length >> 1] ?? NaN;
  const [syncMs, javascriptMs, inPlaceMs, javascriptInPlaceMs, oneThreadMs] = [
    syncRun,
    javascriptRun,
    inPlaceRun,
    javascriptInPlaceRun,
    oneThreadRun,
  ].map((run) => median(run.times.slice(-rounds))) as [number, number, number, number, number];
  // Both have now run the same sweeps from zero: one more round each, then the values compared bit for bit.
  const wasmValues = syncRun();
  const javascriptValues = javascriptRun();
  const identical = wasmValues.every((v, s) => Object.is(v, javascriptValues[s]));
  const perSweep = (ms: number) => perSweepMs(ms, sweeps);
  const refMs = perSweep(ref?.medianMs ?? NaN);
  const nnz = isDense ? A * S * S : (probabilities as Float64Array).length;
  // Bytes a synchronous sweep reads and writes at least once: the transitions (8 bytes each, plus a 4-byte column
  // index and a gathered 8-byte value when sparse), the rewards, the row pointers, the values read and written.
  const bytes = isDense ? nnz * 8 + S * A * 8 + S * 16 : nnz * (8 + 4 + 8) + S * A * (8 + 4) + S * 16;
  // Of those, what must come from memory: the gathered values are the 8 S bytes of V_k, read from the caches.
  const streamed = isDense ? bytes : nnz * (8 + 4) + S * A * (8 + 4) + S * 16;
  const copyGBs = (2 * probeSource.byteLength) / (perSweepMs(copy?.medianMs ?? NaN, sweeps) / 1000) / 1e9;
  // The streaming read's bandwidth on 1 and N threads (it reads 12 bytes per sparse entry, 8 per dense one).
  const probeBytes = Math.floor(nnz / 4) * 4 * (isDense ? 8 : 12);
  const streamGBs = (ms: number) => probeBytes / (perSweep(ms) / 1000) / 1e9;
  const readGBs = { 1: streamGBs(stream1?.medianMs ?? NaN), N: streamGBs(streamN?.medianMs ?? NaN) };
  const row = (name: string, ms: number, onThreads?: 1 | "N", probeRow = false) => {
    const sweepMs = perSweep(ms);
    const nnzPerS = nnz / (sweepMs / 1000);
    const movedGBs = (probeRow ? probeBytes : streamed) / (sweepMs / 1000) / 1e9;
    const memory =
      onThreads === undefined
        ? ""
        : `, ${movedGBs.toFixed(2)} GB/s from memory = ${(movedGBs / readGBs[onThreads]).toFixed(2)}x the streaming read's`;
    return `  ${name.padEnd(40)} ${sweepMs.toFixed(2).padStart(8)} ms  ${(sweepMs / refMs).toFixed(3)}x  ${(1000 / sweepMs).toFixed(1).padStart(7)} sweeps/s  ${(nnzPerS / 1e6).toFixed(0).padStart(5)} M nonzeros/s (${(1e9 / nnzPerS).toFixed(2)} ns each)  ${(bytes / (sweepMs / 1000) / 1e9).toFixed(2)} GB/s touched${memory}`;
  };
  const sweepRows = [
    row(`synchronousSweep (WebAssembly, ${threads} threads)`, syncMs, "N"),
    ...(isDense ? [] : [row(`  bare gather loop, ${threads} threads (floor)`, gatherN?.medianMs ?? NaN, "N", true)]),
    row(`  streaming read, ${threads} threads (ceiling)`, streamN?.medianMs ?? NaN, "N", true),
    row("synchronousSweep (WebAssembly, 1 thread)", oneThreadMs, 1),
    ...(isDense ? [] : [row("  bare gather loop, 1 thread (floor)", gather1?.medianMs ?? NaN, 1, true)]),
    row("  streaming read, 1 thread (ceiling)", stream1?.medianMs ?? NaN, 1, true),
  ];
  return [
    `${title} (${nnz.toLocaleString("en-US")} transition entries, ${(bytes / 1e6).toFixed(0)} MB touched per sweep):`,
    row("plain typed-array loop (reference)", ref?.medianMs ?? NaN),
    ...sweepRows,
    row("bellmanSweep (JavaScript, before)", javascriptMs),
    row("inPlaceSweep (WebAssembly, 1 thread)", inPlaceMs),
    row("bellmanSweep in place (JavaScript, before)", javascriptInPlaceMs),
    row(
      "valueIteration via solve (no init)",
      [...sweepTimes].sort((a, b) => a - b)[sweepTimes.length >> 1] ?? NaN,
      "N",
    ),
    `  (a solve of ${sweeps} sweeps, init included: ${(init?.medianMs ?? NaN).toFixed(1)} ms; synchronous kernel and JavaScript kernel values bit-identical: ${identical ? "yes" : "NO"})`,
    `  (from memory per sweep: ${(streamed / 1e6).toFixed(0)} MB; the probes read ${(probeBytes / 1e6).toFixed(0)} MB, the transitions alone. Streaming read in the same run: ${readGBs.N.toFixed(1)} GB/s on ${threads} threads, ${readGBs[1].toFixed(1)} GB/s on 1; copying 64 MB with TypedArray.set: ${copyGBs.toFixed(1)} GB/s, read + write)`,
  ];
}

function perSweepMs(ms: number, sweeps: number): number {
  return ms / sweeps;
}

import { defaultKernelThreads, solve } from "../../src/index.js";
import { randomMdp, synchronousSweep, inPlaceSweep, toleranceRule, valueIteration } from "../../solvers/mdp/index.js";
import type { MdpProblem, PreparedMdp } from "../../solvers/mdp/index.js";
import { bellmanSweep } from "../../solvers/mdp/bellman.js";
import { createRequire } from "node:module";
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
export async function mdpBenchmark(rounds = 5, sweeps = 10): Promise<string> {
  const lines: string[] = [];
  lines.push(`MDP value iteration: ms per sweep (medians of ${rounds} interleaved rounds of ${sweeps} sweeps)`);

  const dense = randomMdp({ states: 2000, actions: 4, seed: 1 });
  lines.push(...(await measureProblem("dense 2,000 states x 4 actions", dense, rounds, sweeps, true)));
  lines.push(`  pymdptoolbox (reported, same shape, our 2-core machine): ${pymdptoolboxSweepMs.toFixed(1)} ms per sweep; target <= ${(pymdptoolboxSweepMs / 2).toFixed(1)} ms`);

  const sparse = randomMdp({ states: 100_000, actions: 4, successors: 10, seed: 2 });
  lines.push(...(await measureProblem("sparse 100,000 states x 4 actions x 10 successors", sparse, rounds, sweeps, false)));
  return lines.join("\n");
}

async function measureProblem(title: string, problem: MdpProblem, rounds: number, sweeps: number, isDense: boolean): Promise<string[]> {
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
  // Through solve: the engine, the stopping test and the default trace.
  const solver = valueIteration({ stoppingRule: toleranceRule({ tolerance: 0 }) });
  // Per sweep through solve: from the onStart hook (after init: validation, preparation, iteration 0) to the
  // end of the run, so that init's time, which varies by tens of ms between runs, stays out.
  let sweepsMs = NaN;
  const solved = () => {
    let started = NaN;
    const result = solve(solver, problem, { maxIterations: sweeps, hooks: { onStart: () => void (started = performance.now()) } });
    sweepsMs = performance.now() - started;
    return result;
  };
  const sweepTimes: number[] = [];
  const timedSolve = () => {
    const started = performance.now();
    const result = solved();
    sweepTimes.push(sweepsMs);
    return [result, performance.now() - started];
  };

  const syncOrder = synchronousSweep();
  const syncRun = kernel(syncOrder);
  const javascriptRun = kernel(javascriptOrder);
  // The machine's memory bandwidth in the same run: copying a 64 MB array (read + written: 128 MB moved).
  const probeSource = new Float64Array(2 ** 23).fill(1);
  const probeTarget = new Float64Array(2 ** 23);
  const probe = () => {
    for (let sweep = 0; sweep < sweeps; sweep++) probeTarget.set(probeSource);
    return probeTarget;
  };
  // The floor of the sparse access pattern on one thread: a bare WebAssembly loop over the same entries
  // (sum of P_k V[col_k], four rows side by side), with none of the Bellman sweep's other work.
  const floor = isDense ? undefined : await gatherFloor(probabilities as Float64Array, model.columnIndices as Int32Array, S);
  const [ref, sync, javascript, inPlace, init, oneThread, copy, bare] = measureSideBySide(
    [
      { name: "reference", run: reference },
      { name: "synchronous kernel", run: syncRun },
      { name: "synchronous JavaScript kernel", run: javascriptRun },
      { name: "in-place kernel", run: kernel(inPlaceSweep()) },
      { name: "solve", run: timedSolve },
      { name: "synchronous kernel, one thread", run: kernel(synchronousSweep({ threads: 1 })) },
      { name: "bandwidth probe", run: probe },
      { name: "bare gather loop", run: () => floor?.(sweeps) },
    ],
    rounds,
    2,
  );
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
  const row = (name: string, ms: number) => {
    const sweepMs = perSweep(ms);
    const nnzPerS = nnz / (sweepMs / 1000);
    const streamedGBs = streamed / (sweepMs / 1000) / 1e9;
    const memory = isDense ? "" : `, ${streamedGBs.toFixed(2)} GB/s from memory = ${(streamedGBs / copyGBs).toFixed(2)}x the copy's`;
    return `  ${name.padEnd(36)} ${sweepMs.toFixed(2).padStart(8)} ms  ${(sweepMs / refMs).toFixed(3)}x  ${(1000 / sweepMs).toFixed(1).padStart(7)} sweeps/s  ${(nnzPerS / 1e6).toFixed(0).padStart(5)} M nonzeros/s (${(1e9 / nnzPerS).toFixed(2)} ns each)  ${((bytes / (sweepMs / 1000)) / 1e9).toFixed(2)} GB/s touched${memory}`;
  };
  return [
    `${title} (${nnz.toLocaleString("en-US")} transition entries, ${(bytes / 1e6).toFixed(0)} MB touched per sweep):`,
    row("plain typed-array loop (reference)", ref?.medianMs ?? NaN),
    row(isDense ? "synchronousSweep kernel" : `synchronousSweep (WebAssembly, ${defaultKernelThreads()} threads)`, sync?.medianMs ?? NaN),
    ...(isDense ? [] : [row("synchronousSweep (WebAssembly, 1 thread)", oneThread?.medianMs ?? NaN), row("bare gather loop, 1 thread (floor)", bare?.medianMs ?? NaN)]),
    row(isDense ? "bellmanSweep (JavaScript, the same)" : "bellmanSweep (JavaScript, before)", javascript?.medianMs ?? NaN),
    row("inPlaceSweep kernel (2 dots per row)", inPlace?.medianMs ?? NaN),
    row("valueIteration via solve (no init)", [...sweepTimes].sort((a, b) => a - b)[sweepTimes.length >> 1] ?? NaN),
    `  (a solve of ${sweeps} sweeps, init included: ${(init?.medianMs ?? NaN).toFixed(1)} ms; synchronous kernel and JavaScript kernel values bit-identical: ${identical ? "yes" : "NO"})`,
    ...(isDense ? [] : [`  (memory bandwidth in the same run: copying 64 MB with TypedArray.set moves ${copyGBs.toFixed(1)} GB/s, read + write; from memory per sweep: ${(streamed / 1e6).toFixed(0)} MB)`]),
  ];
}

function perSweepMs(ms: number, sweeps: number): number {
  return ms / sweeps;
}

/** A bare loop summing `P_k V[col_k]` over every entry (four chains), in WebAssembly, `sweeps` times. */
async function gatherFloor(probabilities: Float64Array, columns: Int32Array, states: number): Promise<(sweeps: number) => number> {
  const wabt = (await (createRequire(import.meta.url)("wabt") as () => Promise<{ parseWat(name: string, text: string, features: object): { toBinary(options: object): { buffer: Uint8Array } } }>)());
  const entry = (lane: number) => `(local.set $s${lane} (f64.add (local.get $s${lane}) (f64.mul (f64.load offset=${8 * lane} (local.get $p))
      (f64.load (i32.add (local.get $v) (i32.shl (i32.load offset=${4 * lane} (local.get $c)) (i32.const 3)))))))`;
  const text = `(module (memory (export "memory") 1)
    (func (export "gather") (param $p i32) (param $c i32) (param $end i32) (param $v i32) (result f64)
      (local $s0 f64) (local $s1 f64) (local $s2 f64) (local $s3 f64)
      (block $done (loop $entries (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        ${[0, 1, 2, 3].map(entry).join("\n")}
        (local.set $p (i32.add (local.get $p) (i32.const 32))) (local.set $c (i32.add (local.get $c) (i32.const 16))) (br $entries)))
      (f64.add (f64.add (local.get $s0) (local.get $s1)) (f64.add (local.get $s2) (local.get $s3)))))`;
  const wasm = (globalThis as unknown as { WebAssembly: { Module: new (bytes: Uint8Array) => object; Instance: new (module: object, imports: object) => { exports: unknown } } }).WebAssembly;
  const { gather, memory } = new wasm.Instance(new wasm.Module(wabt.parseWat("gather.wat", text, {}).toBinary({}).buffer), {}).exports as {
    gather(p: number, c: number, end: number, v: number): number;
    memory: { buffer: ArrayBuffer; grow(pages: number): number };
  };
  const entries = Math.floor(probabilities.length / 4) * 4;
  const bytes = entries * 12 + states * 8;
  memory.grow(Math.ceil(bytes / 65536));
  new Float64Array(memory.buffer, 0, entries).set(probabilities.subarray(0, entries));
  new Int32Array(memory.buffer, entries * 8, entries).set(columns.subarray(0, entries));
  new Float64Array(memory.buffer, entries * 12, states).fill(1);
  return (sweeps) => {
    let total = 0;
    for (let sweep = 0; sweep < sweeps; sweep++) total += gather(0, entries * 8, entries * 8, entries * 12);
    return total;
  };
}

// The access-pattern probes of the MDP benchmark (mdp.ts): what a sweep's loads alone cost, next to the sweep.
import { createRequire } from "node:module";
import type { PreparedMdp } from "../../solvers/mdp/index.js";
import { kernelTransitions } from "../../solvers/mdp/wasm-sweep.js";
import { bindKernel, compileWasm, defaultKernelThreads, MemoryLayout } from "../../src/engine/internals.js";

/** Entries per chunk of the access-pattern probes (a multiple of 4). */
const probeChunk = 65_536;

/**
 * Two probes of a sweep's memory access, in WebAssembly on the kernels' threads, over the model's
 * transitions in the sweep kernel's own layout (`kernelTransitions`): `gather` sums `P_k V[col_k]` over
 * every entry (four chains), the sparse sweep's loads and nothing else; `stream` reads the same 12 bytes per
 * entry in order without the gathers (dense: the transitions' 8), 16 bytes per load, summing them as
 * vectors: the memory bandwidth a sweep could reach. (An earlier stream probe converted each column to a
 * float and added it in one chain per lane: it ran as fast from memory as from the L1 cache, so it measured
 * its own instructions and understated the bandwidth by about a quarter.)
 */
export async function accessProbes(
  model: PreparedMdp,
): Promise<{ gather(threads: number, sweeps: number): number; stream(threads: number, sweeps: number): number }> {
  const wabt = await (
    createRequire(import.meta.url)("wabt") as () => Promise<{
      parseWat(name: string, text: string, features: object): { toBinary(options: object): { buffer: Uint8Array } };
    }>
  )();
  const chains = (term: (lane: number) => string) =>
    [0, 1, 2, 3].map((lane) => `(local.set $s${lane} (f64.add (local.get $s${lane}) ${term(lane)}))`).join("\n");
  // One chunk of entries [chunk size, (chunk + 1) size) of `count`: $p and $c walk its probabilities and
  // columns four entries per pass of `body`; `result` (an f64) goes to the chunk's slot at $out.
  const chunkProbe = (name: string, locals: string, body: string, result: string) => `
    (func (export "${name}") (param $chunk i32) (param $size i32) (param $count i32) (param $p i32) (param $c i32) (param $v i32) (param $out i32)
      ${locals} (local $start i32) (local $end i32)
      (local.set $start (i32.mul (local.get $chunk) (local.get $size)))
      (local.set $end (select (i32.add (local.get $start) (local.get $size)) (local.get $count) (i32.lt_u (i32.add (local.get $start) (local.get $size)) (local.get $count))))
      (local.set $c (i32.add (local.get $c) (i32.shl (local.get $start) (i32.const 2))))
      (local.set $end (i32.add (local.get $p) (i32.shl (local.get $end) (i32.const 3))))
      (local.set $p (i32.add (local.get $p) (i32.shl (local.get $start) (i32.const 3))))
      (block $done (loop $entries (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        ${body}
        (local.set $p (i32.add (local.get $p) (i32.const 32))) (local.set $c (i32.add (local.get $c) (i32.const 16))) (br $entries)))
      (f64.store (i32.add (local.get $out) (i32.shl (local.get $chunk) (i32.const 3))) ${result}))`;
  const probe = (name: string, term: (lane: number) => string) =>
    chunkProbe(
      name,
      "(local $s0 f64) (local $s1 f64) (local $s2 f64) (local $s3 f64)",
      chains(term),
      "(f64.add (f64.add (local.get $s0) (local.get $s1)) (f64.add (local.get $s2) (local.get $s3)))",
    );
  // The streaming reads: per four entries two 16-byte loads of probabilities (and one of four columns), each
  // summed into a vector of its own.
  const vectorProbe = (name: string, withColumns: boolean) =>
    chunkProbe(
      name,
      "(local $a v128) (local $b v128) (local $i v128)",
      `(local.set $a (f64x2.add (local.get $a) (v128.load offset=0 (local.get $p))))
        (local.set $b (f64x2.add (local.get $b) (v128.load offset=16 (local.get $p))))
        ${withColumns ? "(local.set $i (i32x4.add (local.get $i) (v128.load (local.get $c))))" : ""}`,
      "(f64.add (f64x2.extract_lane 0 (f64x2.add (local.get $a) (local.get $b))) (f64.convert_i32_s (i32x4.extract_lane 0 (local.get $i))))",
    );
  const text = `(module (import "env" "memory" (memory 1 65536 shared))
    ${probe("gatherChunk", (lane) => `(f64.mul (f64.load offset=${8 * lane} (local.get $p)) (f64.load (i32.add (local.get $v) (i32.load offset=${4 * lane} (local.get $c)))))`)}
    ${vectorProbe("streamChunk", true)}
    ${vectorProbe("streamDenseChunk", false)})`;
  const module = compileWasm(
    Buffer.from(wabt.parseWat("probes.wat", text, { threads: true, simd: true }).toBinary({}).buffer).toString(
      "base64",
    ),
  );
  const S = model.states;
  const dense = model.dense;
  const entries = Math.floor((dense?.length ?? model.probabilities?.length ?? 0) / 4) * 4;
  const layout = new MemoryLayout();
  const pAt = layout.take(entries * 8);
  const cAt = layout.take(dense === undefined ? entries * 4 : 0);
  const vAt = layout.take(S * 8);
  const chunks = Math.ceil(entries / probeChunk);
  const outAt = layout.take(chunks * 8);
  const kernel =
    module === null
      ? undefined
      : bindKernel<Record<string, (...args: number[]) => void>>(module, layout.size, defaultKernelThreads());
  if (kernel === undefined) throw new Error("the access probes need WebAssembly with shared memory");
  if (dense !== undefined) new Float64Array(kernel.buffer, pAt, entries).set(dense.subarray(0, entries));
  else {
    const nonzeros = model.probabilities?.length ?? 0;
    const columns = new Int32Array(nonzeros);
    const probabilities = new Float64Array(nonzeros);
    kernelTransitions(model, columns, probabilities);
    new Float64Array(kernel.buffer, pAt, entries).set(probabilities.subarray(0, entries));
    new Int32Array(kernel.buffer, cAt, entries).set(columns.subarray(0, entries));
  }
  new Float64Array(kernel.buffer, vAt, S).fill(1);
  const run = (name: string) => (threads: number, sweeps: number) => {
    for (let sweep = 0; sweep < sweeps; sweep++)
      kernel.runChunks(name, chunks, [probeChunk, entries, pAt, cAt, vAt, outAt], threads);
    return new Float64Array(kernel.buffer, outAt, chunks).reduce((a, b) => a + b, 0);
  };
  return { gather: run("gatherChunk"), stream: run(dense === undefined ? "streamChunk" : "streamDenseChunk") };
}

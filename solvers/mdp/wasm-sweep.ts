// Internal: the synchronous sparse Bellman sweep in WebAssembly (wasm/sweep.wat), bit-for-bit equal to
// bellmanSweep's synchronous sparse path. The transitions are copied into the instance once per model (into
// an instance already made, when its memory is large enough: mapping fresh memory costs more than the
// copy); each sweep copies the values and the previous policy in and the new values and policy out.
import { compileWasm, instantiateWasm, MemoryLayout } from "../../src/index.js";
import type { KernelMemory } from "../../src/index.js";
import type { PreparedMdp, SweepStatistics } from "./types.js";
import { sweepWasmBase64 } from "./wasm/sweep-wasm-bytes.js";

/** A kernel instance: its memory and the sweep. */
export interface SweepInstance {
  readonly memory: KernelMemory;
  sweep(...args: number[]): number;
}

/** The compiled module (compiled once at load: it is immutable), or null where WebAssembly is unavailable. */
const compiledModule = compileWasm(sweepWasmBase64);

/** One synchronous sweep from `current` into `next` (see bellmanSweep). */
export type SparseSweep = (current: Float64Array, next: Float64Array, previousPolicy: Int32Array, policy: Int32Array) => SweepStatistics;

/** The largest memory asked for (wasm32 addresses; V8 allows 4 GiB, we stay below 2 GiB). */
const maxBytes = 2 ** 31 - 2 ** 16;

/**
 * The WebAssembly sweep bound to a sparse model (its transitions copied once, into `reuse` when its memory
 * is large enough: the sweep of the model `reuse` was bound to is then invalid), with the instance it runs
 * in; undefined for a dense model, too large a model, or where WebAssembly is unavailable.
 */
export function createSparseSweep(model: PreparedMdp, reuse?: SweepInstance): { readonly sweep: SparseSweep; readonly instance: SweepInstance } | undefined {
  const { states: S, actions: A, discount, rowPointers, columnIndices, probabilities, rewards, allowed, terminal } = model;
  if (compiledModule === null || rowPointers === undefined || columnIndices === undefined || probabilities === undefined) return undefined;
  const nonzeros = rowPointers[S * A] as number;
  const layout = new MemoryLayout();
  const take = (bytes: number): number => layout.take(bytes);
  const pointersAt = take((S * A + 1) * 4);
  const columnsAt = take(nonzeros * 4);
  const probabilitiesAt = take(nonzeros * 8);
  const rewardsAt = take(S * A * 8);
  const allowedAt = take(S * A);
  const terminalAt = take(S);
  const currentAt = take(S * 8);
  const nextAt = take(S * 8);
  const previousAt = take(S * 4);
  const policyAt = take(S * 4);
  const dotsAt = take(A * 8);
  const outAt = take(24);
  if (layout.size > maxBytes) return undefined;
  const api = reuse !== undefined && reuse.memory.buffer.byteLength >= layout.size ? reuse : instantiateWasm<SweepInstance>(compiledModule, layout.size);
  const buffer = api.memory.buffer;
  new Int32Array(buffer, pointersAt, S * A + 1).set(rowPointers.subarray(0, S * A + 1));
  new Int32Array(buffer, columnsAt, nonzeros).set(columnIndices.subarray(0, nonzeros));
  new Float64Array(buffer, probabilitiesAt, nonzeros).set(probabilities.subarray(0, nonzeros));
  new Float64Array(buffer, rewardsAt, S * A).set(rewards);
  new Uint8Array(buffer, allowedAt, S * A).set(allowed);
  new Uint8Array(buffer, terminalAt, S).set(terminal);
  const current = new Float64Array(buffer, currentAt, S);
  const next = new Float64Array(buffer, nextAt, S);
  const previous = new Int32Array(buffer, previousAt, S);
  const policy = new Int32Array(buffer, policyAt, S);
  const out = new Float64Array(buffer, outAt, 3);
  const sweep: SparseSweep = (currentValues, nextValues, previousPolicy, newPolicy) => {
    current.set(currentValues);
    previous.set(previousPolicy);
    const changes = api.sweep(S, A, pointersAt, columnsAt, probabilitiesAt, rewardsAt, allowedAt, terminalAt, discount, currentAt, nextAt, previousAt, policyAt, dotsAt, outAt);
    nextValues.set(next);
    newPolicy.set(policy);
    const high = out[0] as number;
    const low = out[1] as number;
    return { change: Math.max(Math.abs(high), Math.abs(low)), changeSpan: high - low, bellmanResidual: out[2] as number, policyChanges: changes };
  };
  return { sweep, instance: api };
}

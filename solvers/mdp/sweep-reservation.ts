// Internal: the sweep kernel's memory layout and binding for a model's shape (wasm-sweep.ts fills it). A
// dense model's shape is known before its transitions are checked, so value iteration's prepare reserves
// the kernel first: where a core is free, its workers boot during the check and map the memory's pages
// while the transitions are copied in (KernelBinding.copyIn), instead of booting during the copy.
import { sweepWasmBase64 } from "./wasm/sweep-wasm-bytes.js";
import type { MdpProblem } from "./types.js";
import { bindKernel, compileWasm, MemoryLayout, wasmMinimumSize } from "../../src/engine/internals.js";
import type { KernelBinding } from "../../src/engine/internals.js";
import type { KernelPool } from "../../src/index.js";

/** The kernel's exports. */
export interface SweepExports {
  sweepChunk(...args: number[]): void;
  denseSweepChunk(...args: number[]): void;
  inPlaceSweepChunk(...args: number[]): void;
}

/** The compiled module (compiled once at load: it is immutable), or null where WebAssembly is unavailable. */
const compiledModule = compileWasm(sweepWasmBase64);

/** The largest memory asked for (wasm32 addresses; V8 allows 4 GiB, we stay below 2 GiB). */
const maxBytes = 2 ** 31 - 2 ** 16;

/** What the layout depends on: the sizes, and whether the transitions are dense (else `nonzeros` entries). */
export interface SweepShape {
  readonly states: number;
  readonly actions: number;
  readonly dense: boolean;
  readonly nonzeros: number;
}

/** A kernel bound for a shape, with its memory's layout (byte offsets) and the sweep's chunks. */
export interface SweepReservation {
  readonly shape: SweepShape;
  readonly kernel: KernelBinding<SweepExports>;
  readonly statesPerChunk: number;
  readonly chunks: number;
  readonly nonzeros: number;
  readonly denseAt: number;
  readonly pointersAt: number;
  readonly columnsAt: number;
  readonly probabilitiesAt: number;
  readonly rewardsAt: number;
  readonly allowedAt: number;
  readonly terminalAt: number;
  readonly currentAt: number;
  readonly nextAt: number;
  readonly previousAt: number;
  readonly policyAt: number;
  readonly dotsAt: number;
  readonly outAt: number;
}

/** Whether two shapes have the same layout. */
export function sameShape(a: SweepShape, b: SweepShape): boolean {
  return a.states === b.states && a.actions === b.actions && a.dense === b.dense && a.nonzeros === b.nonzeros;
}

/** States per chunk: a few hundred kB of transitions for a typical model, a few chunks per thread. */
function sweepChunkStates(actions: number): number {
  return Math.max(64, Math.ceil(8192 / Math.max(1, actions)));
}

/** States per chunk of a dense sweep: about 1 MB of transitions (`A S` numbers per state). */
function denseChunkStates(states: number, actions: number): number {
  return Math.max(1, Math.ceil(2 ** 17 / Math.max(1, states * actions)));
}

/**
 * Lays out the kernel's memory for `shape` and binds the kernel on `threads` threads (from `kernelPool` when
 * given); where a core is free for each helper and a sweep has several chunks, its workers start now.
 * `chunk` (states per chunk) is for tests. Undefined for too large a model, or where WebAssembly or shared
 * memory is unavailable.
 */
export function reserveSweepKernel(
  shape: SweepShape,
  threads: number,
  chunk?: number,
  kernelPool?: KernelPool,
): SweepReservation | undefined {
  if (compiledModule === null) return undefined;
  const { states: S, actions: A, dense, nonzeros } = shape;
  if (dense && A * S * S * 8 > maxBytes) return undefined;
  const statesPerChunk = chunk ?? (dense ? denseChunkStates(S, A) : sweepChunkStates(A));
  const chunks = Math.ceil(S / statesPerChunk);
  const layout = new MemoryLayout();
  const take = (bytes: number): number => layout.take(bytes);
  const offsets = {
    denseAt: take(dense ? A * S * S * 8 : 0),
    pointersAt: take(dense ? 0 : (S * A + 1) * 4),
    columnsAt: take(nonzeros * 4),
    probabilitiesAt: take(nonzeros * 8),
    rewardsAt: take(S * A * 8),
    allowedAt: take(S * A),
    terminalAt: take(S),
    currentAt: take(S * 8),
    nextAt: take(S * 8),
    previousAt: take(S * 4),
    policyAt: take(S * 4),
    dotsAt: take(Math.max(chunks, 2) * A * 8), // A per chunk; 2 A for an in-place sweep
    outAt: take(chunks * 32),
  };
  if (layout.size > maxBytes) return undefined;
  const kernel = bindKernel<SweepExports>(compiledModule, layout.size, threads, kernelPool);
  if (kernel === undefined) return undefined;
  // Where a core is free for the workers, they boot now, ahead of the copy and the first sweep; a
  // one-chunk sweep never uses them.
  if (kernel.threads > 1 && chunks > 1) kernel.startWorkersWhereCoresFree();
  return { shape, kernel, statesPerChunk, chunks, nonzeros, ...offsets };
}

/**
 * The sweep kernel of a problem with dense transitions (a `Float64Array` of `A S S` entries, at least
 * {@link wasmMinimumSize}) on several threads, reserved before the problem is checked; undefined otherwise
 * (the kernel is then bound after the check, as for sparse models). The caller disposes it if the check fails.
 */
export function reserveDenseSweepKernel(
  problem: MdpProblem,
  threads: number,
  kernelPool?: KernelPool,
): SweepReservation | undefined {
  if (threads < 2 || problem === null || typeof problem !== "object") return undefined;
  const { states: S, actions: A, transitions } = problem;
  const size = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 1;
  if (!size(S) || !size(A) || !(transitions instanceof Float64Array) || transitions.length !== A * S * S)
    return undefined;
  if (transitions.length < wasmMinimumSize) return undefined;
  return reserveSweepKernel({ states: S, actions: A, dense: true, nonzeros: 0 }, threads, undefined, kernelPool);
}

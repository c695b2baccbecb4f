// Internal: the synchronous Bellman sweep in WebAssembly (wasm/sweep.wat), sparse or dense, bit-for-bit
// equal to bellmanSweep's synchronous path, on several threads. The kernel is bound to the prepared model
// by value iteration's prepare (bindKernel) and disposed with it; the transitions are copied into its
// shared memory once (sparse ones in the kernel's layout, kernelTransitions: about 2x a plain copy); each
// sweep copies the values and the previous policy in and the new values and policy out. A sweep runs in chunks of states claimed by the
// caller's thread and worker threads; each chunk's statistics (largest and smallest change, residual,
// policy changes) go to a slot of its own, and extrema and counts combine the same in any order.
import type { MdpSweepKernel, PreparedMdp, WasmSweep } from "./types.js";
import { reserveSweepKernel, sameShape } from "./sweep-reservation.js";
import type { SweepExports, SweepReservation } from "./sweep-reservation.js";
import { wasmMinimumSize } from "../../src/engine/internals.js";
import type { KernelBinding } from "../../src/engine/internals.js";
import { DisposedError } from "../../src/index.js";
import type { KernelPool } from "../../src/index.js";

/**
 * Writes the model's transitions in the kernel's layout (see wasm/sweep.wat): columns as byte offsets into
 * the values, and in each group of four rows of a state, the rows' first n entries interleaved (n their
 * common length), then the rest of each row in turn. Every row keeps its entries' order, so every sum is
 * the same.
 */
export function kernelTransitions(model: PreparedMdp, columns: Int32Array, probabilities: Float64Array): void {
  const {
    states: S,
    actions: A,
    rowPointers: pointers,
    columnIndices: sourceColumns,
    probabilities: sourceProbabilities,
  } = model;
  if (pointers === undefined || sourceColumns === undefined || sourceProbabilities === undefined) return;
  const whole = A - (A % 4);
  for (let s = 0; s < S; s++) {
    const first = s * A;
    for (let a = 0; a < whole; a += 4) {
      const k0 = pointers[first + a] as number;
      const k1 = pointers[first + a + 1] as number;
      const k2 = pointers[first + a + 2] as number;
      const k3 = pointers[first + a + 3] as number;
      const k4 = pointers[first + a + 4] as number;
      const n = Math.min(k1 - k0, k2 - k1, k3 - k2, k4 - k3);
      let at = k0;
      for (let j = 0; j < n; j++, at += 4) {
        columns[at] = (sourceColumns[k0 + j] as number) * 8;
        columns[at + 1] = (sourceColumns[k1 + j] as number) * 8;
        columns[at + 2] = (sourceColumns[k2 + j] as number) * 8;
        columns[at + 3] = (sourceColumns[k3 + j] as number) * 8;
        probabilities[at] = sourceProbabilities[k0 + j] as number;
        probabilities[at + 1] = sourceProbabilities[k1 + j] as number;
        probabilities[at + 2] = sourceProbabilities[k2 + j] as number;
        probabilities[at + 3] = sourceProbabilities[k3 + j] as number;
      }
      if (k4 - k0 === 4 * n) continue; // no tails: rows of equal length, the common case
      for (const [start, end] of [
        [k0, k1],
        [k1, k2],
        [k2, k3],
        [k3, k4],
      ] as const) {
        for (let e = start + n; e < end; e++, at++) {
          columns[at] = (sourceColumns[e] as number) * 8;
          probabilities[at] = sourceProbabilities[e] as number;
        }
      }
    }
    for (let e = pointers[first + whole] as number, end = pointers[first + A] as number; e < end; e++) {
      columns[e] = (sourceColumns[e] as number) * 8;
      probabilities[e] = sourceProbabilities[e] as number;
    }
  }
}

/**
 * The WebAssembly sweeps bound to a model, with the kernel they run in: `sweep` synchronous on `threads`
 * threads (sparse transitions: `sweepChunk`; dense ones: `denseSweepChunk`), `sweepInPlace` in place on one
 * (`inPlaceSweepChunk`); undefined for too large a model, or where WebAssembly or shared memory is
 * unavailable. `chunk` (states per chunk) is for tests of the chunk boundaries. With `kernelPool`, the memory
 * (the model is copied in now, and each sweep writes what it reads first) and the workers come from it.
 * `reserved` is a kernel reserved for the model's shape before it was checked (reserveDenseSweepKernel): it
 * is used if the shape matches, else disposed.
 */
export function createWasmSweep(
  model: PreparedMdp,
  threads: number,
  chunk?: number,
  kernelPool?: KernelPool,
  reserved?: SweepReservation,
): (MdpSweepKernel & { readonly kernel: KernelBinding<SweepExports> }) | undefined {
  const {
    states: S,
    actions: A,
    discount,
    rowPointers,
    columnIndices,
    probabilities,
    rewards,
    allowed,
    terminal,
    dense,
  } = model;
  const isDense = dense !== undefined;
  if (!isDense && (rowPointers === undefined || columnIndices === undefined || probabilities === undefined))
    return undefined;
  const shape = { states: S, actions: A, dense: isDense, nonzeros: isDense ? 0 : (rowPointers?.[S * A] as number) };
  const fits = reserved !== undefined && sameShape(reserved.shape, shape);
  if (!fits) reserved?.kernel.dispose();
  const reservation = fits ? reserved : reserveSweepKernel(shape, threads, chunk, kernelPool);
  if (reservation === undefined) return undefined;
  const { kernel, statesPerChunk, chunks, nonzeros } = reservation;
  const { denseAt, pointersAt, columnsAt, probabilitiesAt, rewardsAt, allowedAt, terminalAt } = reservation;
  const { currentAt, nextAt, previousAt, policyAt, dotsAt, outAt } = reservation;
  const buffer = kernel.buffer;
  const copyModel = (): void => {
    if (dense !== undefined) kernel.copyIn(denseAt, dense.subarray(0, A * S * S));
    else {
      new Int32Array(buffer, pointersAt, S * A + 1).set((rowPointers as Int32Array).subarray(0, S * A + 1));
      kernelTransitions(
        model,
        new Int32Array(buffer, columnsAt, nonzeros),
        new Float64Array(buffer, probabilitiesAt, nonzeros),
      );
    }
    new Float64Array(buffer, rewardsAt, S * A).set(rewards);
    new Uint8Array(buffer, allowedAt, S * A).set(allowed);
    new Uint8Array(buffer, terminalAt, S).set(terminal);
  };
  copyModel();
  const current = new Float64Array(buffer, currentAt, S);
  const next = new Float64Array(buffer, nextAt, S);
  const previous = new Int32Array(buffer, previousAt, S);
  const policy = new Int32Array(buffer, policyAt, S);
  const out = new Float64Array(buffer, outAt, chunks * 4);
  // Every sweep kernel's arguments end with the rewards, the flags, the discount and the sweep's buffers.
  const modelTail = [
    rewardsAt,
    allowedAt,
    terminalAt,
    discount,
    currentAt,
    nextAt,
    previousAt,
    policyAt,
    dotsAt,
    outAt,
  ] as const;
  const [name, args] = isDense
    ? ([
        "denseSweepChunk",
        [
          statesPerChunk,
          0, // reversed (see alternating below)
          S,
          A,
          denseAt,
          ...modelTail,
        ],
      ] as const)
    : (["sweepChunk", [statesPerChunk, S, A, pointersAt, columnsAt, probabilitiesAt, ...modelTail]] as const);
  const inPlaceArgs = [S, A, isDense ? 1 : 0, denseAt, pointersAt, columnsAt, probabilitiesAt, ...modelTail];
  // The dense sweeps alternate their direction over the blocks of states (the kernel's `reversed`): a sweep
  // first reads the blocks the one before read last, which the last-level cache still holds (on a 32 MB
  // cache, up to a quarter of a 128 MB model). Any order gives the same values, policy and statistics.
  const reversedArgs = isDense ? args.map((value, at) => (at === 1 ? 1 : value)) : args;
  let reverseNext = false;
  /** Runs `kernelName` over `passChunks` chunks on `passThreads` threads, as bellmanSweep would sweep. */
  const run = (
    kernelName: keyof SweepExports,
    passChunks: number,
    passArgs: readonly number[],
    passThreads: number,
    inPlace: boolean,
  ): WasmSweep => {
    const alternating = kernelName === "denseSweepChunk";
    return (currentValues, nextValues, previousPolicy, newPolicy) => {
      // A pooled memory may serve another model once this one is disposed: nothing is written after that.
      if (kernel.disposed) throw new DisposedError("value iteration's sweep kernel");
      current.set(currentValues);
      if (inPlace) next.set(currentValues); // the in-place sweep updates a copy of V_k state by state
      previous.set(previousPolicy);
      kernel.runChunks(kernelName, passChunks, alternating && reverseNext ? reversedArgs : passArgs, passThreads);
      if (alternating) reverseNext = !reverseNext;
      nextValues.set(next);
      newPolicy.set(policy);
      // bellmanSweep's running statistics, chunk by chunk: a NaN change is skipped by the extrema and taken
      // by the residual.
      let high = -Infinity;
      let low = Infinity;
      let residual = 0;
      let changes = 0;
      for (let c = 0; c < passChunks; c++) {
        const chunkHigh = out[4 * c] as number;
        const chunkLow = out[4 * c + 1] as number;
        const chunkResidual = out[4 * c + 2] as number;
        if (chunkHigh > high) high = chunkHigh;
        if (chunkLow < low) low = chunkLow;
        if (chunkResidual > residual || Number.isNaN(chunkResidual)) residual = chunkResidual;
        changes += out[4 * c + 3] as number;
      }
      return {
        change: Math.max(Math.abs(high), Math.abs(low)),
        changeSpan: high - low,
        bellmanResidual: residual,
        policyChanges: changes,
      };
    };
  };
  // An in-place sweep is one chunk: each state reads the values of the states before it.
  return {
    sweep: run(name, chunks, args, threads, false),
    sweepInPlace: run("inPlaceSweepChunk", 1, inPlaceArgs, 1, true),
    threads: kernel.threads,
    kernel,
    dispose: () => kernel.dispose(),
  };
}

/**
 * The WebAssembly sweeps of a large model (at least 16,384 transition entries) on `threads` threads, for
 * value iteration's prepare; undefined for a small model or where the kernel is unavailable (the sweep
 * orders then use bellmanSweep).
 */
export function bindWasmSweeps(
  model: PreparedMdp,
  threads: number,
  kernelPool?: KernelPool,
  reserved?: SweepReservation,
): MdpSweepKernel | undefined {
  const entries = model.dense !== undefined ? model.dense.length : (model.probabilities?.length ?? 0);
  if (entries >= wasmMinimumSize) return createWasmSweep(model, threads, undefined, kernelPool, reserved);
  reserved?.kernel.dispose();
  return undefined;
}

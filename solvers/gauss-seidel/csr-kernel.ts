// Internal: the general CSR sweeps in WebAssembly (wasm/csr.wat), bit-for-bit equal to the JavaScript
// kernels (csr-sweeps.ts); CG's product is krylov/cg-kernel.ts. A kernel is bound to a prepared problem by the
// solver's `prepare` (bindKernel), which copies the matrix into its memory once, and freed by its `dispose`.
// A sweep copies its output vector out (the iterates live in the states) and keeps it: the next sweep from
// that array starts from the kernel's copy, so a run copies each iterate once, out. After `dispose` the
// kernel holds no view of its memory, and a call throws `DisposedError`. Jacobi's sweep runs in chunks of
// `jacobiChunkRows` rows on the kernel's threads, each chunk summing its rows' squared residuals into a slot
// of its own, added here in chunk order: the same bits with any number of threads (the other sweeps are
// sequential: they run on the caller's thread).
import { DisposedError, InvalidProblemError } from "../../src/index.js";
import type { KernelPool } from "../../src/index.js";
import {
  bindKernel,
  compileWasm,
  MemoryLayout,
  wasmMinimumSize,
  withKernelThreads,
} from "../../src/engine/internals.js";
import type { KernelBinding, KernelPlacement, KernelThreads } from "../../src/engine/internals.js";
import type { CsrSweepKernel } from "./kernel-types.js";
import type { CsrMatrix } from "./types.js";
import { jacobiChunkRows } from "./csr-sweeps.js";
import { csrWasmBase64 } from "./wasm/csr-wasm-bytes.js";

/** The module's exports (see wasm/csr.wat for the parameters). */
interface CsrExports {
  forward(...args: number[]): number;
  backward(...args: number[]): number;
  ahead(...args: number[]): number;
}

/** The compiled module (compiled once at load: it is immutable), or null where WebAssembly is unavailable. */
const compiledModule = compileWasm(csrWasmBase64);

/** The largest memory asked for (wasm32 addresses; we stay below 2 GiB). */
const maxBytes = 2 ** 31 - 2 ** 16;

/** Where a matrix lies in a kernel's memory. */
interface MatrixAt {
  readonly rowPointers: number;
  readonly columns: number;
  readonly values: number;
}

function layMatrix(layout: MemoryLayout, matrix: CsrMatrix): MatrixAt {
  const nonzeros = matrix.values.length;
  return {
    rowPointers: layout.take((matrix.rows + 1) * 4),
    columns: layout.take(nonzeros * 4),
    values: layout.take(nonzeros * 8),
  };
}

function copyMatrix(buffer: ArrayBufferLike, at: MatrixAt, matrix: CsrMatrix): void {
  const nonzeros = matrix.values.length;
  new Int32Array(buffer, at.rowPointers, matrix.rows + 1).set(matrix.rowPointers);
  const columns = new Int32Array(buffer, at.columns, nonzeros);
  const { columnIndices } = matrix;
  for (let k = 0; k < nonzeros; k++) columns[k] = (columnIndices[k] as number) * 8; // byte offsets
  new Float64Array(buffer, at.values, nonzeros).set(matrix.values);
}

function bind(layout: MemoryLayout, threads: number, kernelPool?: KernelPool): KernelBinding<CsrExports> | undefined {
  if (compiledModule === null || layout.size > maxBytes) return undefined;
  return bindKernel<CsrExports>(compiledModule, layout.size, threads, kernelPool);
}

/**
 * For each row p, the largest column of rows 0..p (`forward`) or the smallest of rows p..n-1 (`backward`):
 * when a sweep has updated that row, every entry of row p's residual is new (see wasm/csr.wat).
 */
function reachBounds(matrix: CsrMatrix, forward: Int32Array, backward: Int32Array): void {
  const { rows, rowPointers, columnIndices } = matrix;
  let largest = -1;
  for (let p = 0; p < rows; p++) {
    const start = rowPointers[p] as number;
    const end = rowPointers[p + 1] as number;
    if (end > start) largest = Math.max(largest, columnIndices[end - 1] as number);
    forward[p] = Math.max(largest, p);
  }
  let smallest = rows;
  for (let p = rows - 1; p >= 0; p--) {
    const start = rowPointers[p] as number;
    const end = rowPointers[p + 1] as number;
    if (end > start) smallest = Math.min(smallest, columnIndices[start] as number);
    backward[p] = Math.min(smallest, p);
  }
}

/** What the sweeps need of a prepared system. */
interface SweptSystem {
  readonly matrix: CsrMatrix;
  readonly diagonalIndex: Int32Array;
  readonly inverseDiagonal: Float64Array;
  readonly b: Float64Array;
}

/**
 * Binds the WebAssembly sweeps to a square system with a non-zero diagonal, or returns undefined where WebAssembly
 * (or shared memory) is unavailable, the system is too large for its memory, or it has fewer than
 * `minimumNonzeros` stored entries (the JavaScript kernels are as fast there). Jacobi's sweeps run on
 * `placement.threads` threads (where the system has more than one chunk of {@link jacobiChunkRows} rows).
 *
 * @throws `InvalidProblemError` for a matrix that is not square.
 */
export function bindCsrSweeps(
  system: SweptSystem,
  minimumNonzeros = wasmMinimumSize,
  placement: KernelPlacement = {},
): CsrSweepKernel | undefined {
  const { matrix, diagonalIndex, inverseDiagonal, b } = system;
  const n = matrix.rows;
  if (n !== matrix.columns) {
    throw new InvalidProblemError("matrix", "a square matrix", `a ${n} x ${matrix.columns} matrix`, false);
  }
  if (matrix.values.length < minimumNonzeros) return undefined;
  const layout = new MemoryLayout();
  const at = layMatrix(layout, matrix);
  const diagonalAt = layout.take(n * 4);
  const inverseAt = layout.take(n * 8);
  const bAt = layout.take(n * 8);
  const forwardReachAt = layout.take(n * 4);
  const backwardReachAt = layout.take(n * 4);
  const slots = [layout.take(n * 8), layout.take(n * 8)] as const; // two vectors: an iterate and the next
  const jacobiChunks = Math.ceil(n / jacobiChunkRows);
  const partialsAt = layout.take(jacobiChunks * 8);
  const threads = jacobiChunks > 1 ? (placement.threads ?? 1) : 1; // one chunk: nothing to share
  const kernel = bind(layout, threads, placement.kernelPool);
  if (kernel === undefined) return undefined;
  // Where a core is free for each helper, the workers boot while the matrix is copied in (see bindKernel).
  if (kernel.threads > 1) kernel.startWorkersWhereCoresFree();
  const buffer = kernel.buffer;
  copyMatrix(buffer, at, matrix);
  new Int32Array(buffer, diagonalAt, n).set(diagonalIndex);
  new Float64Array(buffer, inverseAt, n).set(inverseDiagonal);
  new Float64Array(buffer, bAt, n).set(b);
  reachBounds(matrix, new Int32Array(buffer, forwardReachAt, n), new Int32Array(buffer, backwardReachAt, n));
  const { forward, backward, ahead: sweepReportingFrom } = kernel.exports;
  const rows = [n, at.rowPointers, at.columns, at.values, diagonalAt, inverseAt, bAt] as const;
  const partials = new Float64Array(buffer, partialsAt, jacobiChunks);
  // Jacobi's sweep from the vector at `fromAt` into the one at `intoAt`, in chunks on the kernel's threads;
  // returns the start's residual squared, the chunks' sums added in chunk order.
  const jacobi = (fromAt: number, intoAt: number, omega: number): number => {
    const args = [jacobiChunkRows, n, at.rowPointers, at.columns, at.values, inverseAt, bAt, fromAt, intoAt, omega];
    kernel.runChunks("jacobiChunk", jacobiChunks, [...args, partialsAt]);
    let sum = 0;
    for (let chunk = 0; chunk < jacobiChunks; chunk++) sum += partials[chunk] as number;
    return sum;
  };
  let views: readonly [Float64Array, Float64Array] | undefined = [
    new Float64Array(buffer, slots[0], n),
    new Float64Array(buffer, slots[1], n),
  ];
  const view = (slot: 0 | 1) => (views ?? disposed())[slot];
  // The iterate stays in the kernel's memory: `given` is the array the last call wrote and the slot that holds
  // its bits, so a call whose `from` is that array (the solver's next step) sweeps from the slot instead of
  // copying it in. States are read-only, and without user code between steps nothing else holds the array;
  // while `verifyHandedBack` is set (hooks or a consumer see the states) every entry is compared first, so an
  // array written into since is copied in, never silently ignored.
  let given: { array: Float64Array; slot: 0 | 1 } | undefined;
  let verify = true;
  // The iterate one sweep ahead of `given` (in the other slot), with the omega and lower it used.
  let ahead: { omega: number; lower: "next" | "current" } | undefined;
  const isGiven = (from: Float64Array) =>
    given !== undefined && given.array === from && (!verify || sameBits(from, view(given.slot)));
  const resident = (from: Float64Array, kept = isGiven(from)): 0 | 1 => {
    if (kept) return (given as { slot: 0 | 1 }).slot;
    const slot = given === undefined ? 0 : given.slot;
    view(slot).set(from);
    return slot;
  };
  const handOut = (slot: 0 | 1, into: Float64Array) => {
    into.set(view(slot));
    given = { array: into, slot };
  };
  const other = (slot: 0 | 1) => (slot === 0 ? 1 : 0);
  // One sweep from the vector at `fromAt` into the one at `intoAt`; returns the residual of the start where the
  // sweep gives it (Jacobi always, at no cost; Gauss-Seidel / SOR with `reportStart`, sharing its loads).
  const sweep = (fromAt: number, intoAt: number, omega: number, lower: "next" | "current", reportStart: boolean) => {
    if (lower === "current") return jacobi(fromAt, intoAt, omega);
    if (reportStart) return sweepReportingFrom(...rows, fromAt, intoAt, intoAt, omega);
    forward(...rows, fromAt, intoAt, intoAt, omega, 0, 0);
    return Number.NaN;
  };
  // A sweep from `from` into `into`: none when the sweep ahead already wrote it. With `withResidual`, the new
  // iterate's residual comes from the sweep ahead of it (whose iterate the next call hands out), or, with
  // `fold` (Gauss-Seidel / SOR), from the residual folded into this sweep a bandwidth behind it.
  const advance = (
    from: Float64Array,
    into: Float64Array,
    omega: number,
    lower: "next" | "current",
    withResidual: boolean,
    fold: boolean,
  ) => {
    const kept = isGiven(from);
    const hit = kept && ahead?.omega === omega && ahead.lower === lower;
    const fromSlot = resident(from, kept);
    const newSlot = other(fromSlot);
    const [fromAt, newAt] = [slots[fromSlot], slots[newSlot]];
    ahead = undefined;
    if (!hit && withResidual && fold && lower === "next") {
      const squared = forward(...rows, fromAt, newAt, newAt, omega, forwardReachAt, 1);
      handOut(newSlot, into);
      return squared;
    }
    if (!hit) sweep(fromAt, newAt, omega, lower, false);
    handOut(newSlot, into);
    if (!withResidual) return Number.NaN;
    const squared = sweep(newAt, fromAt, omega, lower, true);
    ahead = { omega, lower };
    return squared;
  };
  return withKernelThreads(kernel, {
    sweepAhead: (from, into, omega, lower, withResidual) => advance(from, into, omega, lower, withResidual, false),
    forward: (from, into, omega, lower, withResidual) => advance(from, into, omega, lower, withResidual, true),
    symmetric(from, into, omega, withResidual) {
      const fromSlot = resident(from);
      const nextSlot = other(fromSlot);
      const nextAt = slots[nextSlot];
      ahead = undefined;
      forward(...rows, slots[fromSlot], nextAt, nextAt, omega, forwardReachAt, 0);
      const squared = backward(...rows, nextAt, omega, backwardReachAt, +withResidual);
      handOut(nextSlot, into);
      return withResidual ? squared : Number.NaN;
    },
    get verifyHandedBack() {
      return verify;
    },
    set verifyHandedBack(value: boolean) {
      verify = value;
    },
    get disposed() {
      return views === undefined;
    },
    dispose() {
      views = undefined;
      given = undefined;
      ahead = undefined;
      kernel.dispose();
    },
  } satisfies Omit<CsrSweepKernel, keyof KernelThreads>);
}

/** Whether `array` holds `copy`'s bits at every entry (a NaN payload or a signed zero counts as a change). */
function sameBits(array: Float64Array, copy: Float64Array): boolean {
  for (let i = 0; i < array.length; i++) if (!Object.is(array[i], copy[i])) return false;
  return true;
}

function disposed(): never {
  throw new DisposedError("CSR kernel");
}

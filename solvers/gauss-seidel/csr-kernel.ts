// Internal: the general CSR sweeps and product in WebAssembly (wasm/csr.wat), bit-for-bit equal to the
// JavaScript kernels (csr-sweeps.ts, krylov/vectors.ts). A kernel is bound to a prepared problem by the
// solver's `prepare` (bindKernel), which copies the matrix into its memory once, and freed by its `dispose`.
// Each call copies its input vector in and its output vector out (the iterates stay in the states). After
// `dispose` the kernel holds no view of its memory, and a call throws `DisposedError`.
import { DisposedError, InvalidProblemError } from "../../src/index.js";
import { bindKernel, compileWasm, MemoryLayout, wasmMinimumSize } from "../../src/engine/internals.js";
import type { KernelBinding } from "../../src/engine/internals.js";
import type { CsrMatrix, CsrSweepKernel, CsrProductKernel } from "./types.js";
import { csrWasmBase64 } from "./wasm/csr-wasm-bytes.js";

/** The module's exports (see wasm/csr.wat for the parameters). */
interface CsrExports {
  forward(...args: number[]): number;
  backward(...args: number[]): number;
  ahead(...args: number[]): number;
  sameBits(a: number, b: number, n: number): number;
  multiplyDot(...args: number[]): number;
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

function bind(layout: MemoryLayout): KernelBinding<CsrExports> | undefined {
  if (compiledModule === null || layout.size > maxBytes) return undefined;
  return bindKernel<CsrExports>(compiledModule, layout.size, 1);
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
 * is unavailable, the system is too large for its memory, or it has fewer than `minimumNonzeros` stored
 * entries (the JavaScript kernels are as fast there).
 *
 * @throws `InvalidProblemError` for a matrix that is not square.
 */
export function bindCsrSweeps(system: SweptSystem, minimumNonzeros = wasmMinimumSize): CsrSweepKernel | undefined {
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
  const currentAt = layout.take(n * 8);
  const nextAt = layout.take(n * 8);
  const thirdAt = layout.take(n * 8); // the third vector of `sweepAhead`
  const kernel = bind(layout);
  if (kernel === undefined) return undefined;
  const buffer = kernel.buffer;
  copyMatrix(buffer, at, matrix);
  new Int32Array(buffer, diagonalAt, n).set(diagonalIndex);
  new Float64Array(buffer, inverseAt, n).set(inverseDiagonal);
  new Float64Array(buffer, bAt, n).set(b);
  reachBounds(matrix, new Int32Array(buffer, forwardReachAt, n), new Int32Array(buffer, backwardReachAt, n));
  const { forward, backward, ahead: sweepReportingFrom, sameBits } = kernel.exports;
  const rows = [n, at.rowPointers, at.columns, at.values, diagonalAt, inverseAt, bAt] as const;
  let views: { current: Float64Array; next: Float64Array } | undefined = {
    current: new Float64Array(buffer, currentAt, n),
    next: new Float64Array(buffer, nextAt, n),
  };
  const live = () => views ?? disposed();
  const sweepForward = (lowerAt: number, omega: number, withResidual: boolean): number => {
    ahead = undefined; // the sweep overwrites both vectors
    return forward(...rows, currentAt, lowerAt, nextAt, omega, forwardReachAt, withResidual ? 1 : 0);
  };
  // `sweepAhead` runs one sweep ahead in three vectors that rotate: the iterate last handed out, the one
  // swept from it (with `omega`, `lower`), and a spare. `forward` and `symmetric` overwrite two of them.
  let ahead: { givenAt: number; sweptAt: number; spareAt: number; omega: number; lower: string } | undefined;
  const viewAt = (at: number) => new Float64Array(live().current.buffer, at, n);
  const sweepFrom = (fromAt: number, intoAt: number, omega: number, lower: "next" | "current") =>
    sweepReportingFrom(...rows, fromAt, lower === "next" ? intoAt : fromAt, intoAt, omega);
  const sweepOnce: CsrSweepKernel["forward"] = (from, into, omega, lower, withResidual) => {
    const { current, next } = live();
    current.set(from);
    const squared = sweepForward(lower === "next" ? nextAt : currentAt, omega, withResidual);
    into.set(next);
    return withResidual ? squared : Number.NaN;
  };
  return {
    sweepAhead(from, into, omega, lower, withResidual) {
      // Without a residual to report, sweeping ahead would only pay for one (between `checkInterval` checks).
      if (!withResidual) return sweepOnce(from, into, omega, lower, false);
      const slots = ahead ?? { givenAt: currentAt, sweptAt: nextAt, spareAt: thirdAt };
      viewAt(slots.spareAt).set(from);
      const { givenAt: oldAt, sweptAt: newAt, spareAt } = slots;
      const hit = ahead?.omega === omega && ahead.lower === lower && sameBits(spareAt, oldAt, n) === 1;
      if (!hit) sweepFrom(spareAt, newAt, omega, lower); // not the iterate swept ahead from: sweep from `from`
      into.set(viewAt(newAt));
      // The sweep from the new iterate gives its residual; the iterate it writes is the next call's answer.
      const squared = sweepFrom(newAt, oldAt, omega, lower);
      ahead = { givenAt: newAt, sweptAt: oldAt, spareAt, omega, lower };
      return squared;
    },
    forward: sweepOnce,
    symmetric(from, into, omega, withResidual) {
      const { current, next } = live();
      current.set(from);
      sweepForward(nextAt, omega, false);
      const squared = backward(...rows, nextAt, omega, backwardReachAt, withResidual ? 1 : 0);
      into.set(next);
      return withResidual ? squared : Number.NaN;
    },
    get disposed() {
      return views === undefined;
    },
    dispose() {
      views = undefined;
      ahead = undefined;
      kernel.dispose();
    },
  };
}

function disposed(): never {
  throw new DisposedError("CSR kernel");
}

/**
 * Binds the WebAssembly product `A x` to a square matrix, or returns undefined where WebAssembly is unavailable,
 * the matrix is too large for its memory, or it has fewer than `minimumNonzeros` stored entries.
 *
 * @throws `InvalidProblemError` for a matrix that is not square.
 */
export function bindCsrProduct(matrix: CsrMatrix, minimumNonzeros = wasmMinimumSize): CsrProductKernel | undefined {
  const { rows: n, columns } = matrix;
  if (n !== columns) throw new InvalidProblemError("matrix", "a square matrix", `a ${n} x ${columns} matrix`, false);
  if (matrix.values.length < minimumNonzeros) return undefined;
  const layout = new MemoryLayout();
  const at = layMatrix(layout, matrix);
  const xAt = layout.take(columns * 8);
  const outAt = layout.take(n * 8);
  const kernel = bind(layout);
  if (kernel === undefined) return undefined;
  const buffer = kernel.buffer;
  copyMatrix(buffer, at, matrix);
  const { multiplyDot } = kernel.exports;
  let views: { x: Float64Array; out: Float64Array } | undefined = {
    x: new Float64Array(buffer, xAt, columns),
    out: new Float64Array(buffer, outAt, n),
  };
  return {
    multiplyDot(from, into) {
      const { x, out } = views ?? disposed();
      x.set(from);
      const curvature = multiplyDot(n, at.rowPointers, at.columns, at.values, xAt, outAt);
      into.set(out);
      return curvature;
    },
    get disposed() {
      return views === undefined;
    },
    dispose() {
      views = undefined;
      kernel.dispose();
    },
  };
}

// Internal: CG in WebAssembly (wasm/cg.wat), bit-for-bit equal to the JavaScript CG (conjugate-gradient.ts,
// vectors.ts). A kernel is bound to a prepared problem by CG's `prepare`, which copies the matrix into its
// memory once, and freed by its `dispose`. Unpreconditioned, a whole iteration runs in the kernel on its own
// copies of x, r and p, and copies them out into the state's arrays; the next iteration on those arrays
// trusts its copies when no user code sees states (nothing can have written into them), so nothing is copied
// in. Where the engine settles the run's last state (`context.willSettle`), the copy out waits for `settle`;
// until then the kernel's copies are the newer, and they are written back into those arrays before anything
// else takes the kernel's vectors (another run's arrays, the product alone, `dispose`). After `dispose` the
// kernel holds no view of its memory, and a call throws `DisposedError`. Each pass runs in chunks of
// `cgChunkRows` rows (the product on the kernel's threads, the run option `threads`; the vector passes on the
// caller's), each chunk's sum in a slot of its own, the slots added here in chunk order: the same bits on any
// number of threads.
import { DisposedError, InvalidProblemError } from "../../src/index.js";
import {
  bindKernel,
  compileWasm,
  MemoryLayout,
  wasmMinimumSize,
  withKernelThreads,
} from "../../src/engine/internals.js";
import type { KernelPlacement, KernelThreads } from "../../src/engine/internals.js";
import type { CsrMatrix, CsrProductKernel } from "../gauss-seidel/index.js";
import { cgChunkRows } from "./vectors.js";
import { cgWasmBase64 } from "./wasm/cg-wasm-bytes.js";

/** The module's exports (see wasm/cg.wat for the parameters). */
interface CgExports {
  products(...args: number[]): void;
  residuals(...args: number[]): void;
  advances(...args: number[]): void;
}

/** The compiled module (compiled once at load: it is immutable), or null where WebAssembly is unavailable. */
const compiledModule = compileWasm(cgWasmBase64);

/** The largest memory asked for (wasm32 addresses; we stay below 2 GiB). */
const maxBytes = 2 ** 31 - 2 ** 16;

/** What one unpreconditioned CG iteration in the kernel found. */
export interface CgStepSums {
  /** `p_k^T A p_k`; when it is not positive, nothing else was written (x, r and p are still `x_k, r_k, p_k`). */
  readonly curvature: number;
  /** `r_{k+1}^T r_{k+1}` (`NaN` when the curvature is not positive). */
  readonly residualSquared: number;
}

/** CG's kernel: the product `A p` (with `p^T A p`) and the whole unpreconditioned iteration. */
export interface CgKernel extends CsrProductKernel, KernelThreads {
  /** Threads its product runs on, the caller's included (1 for a system of one chunk of rows). */
  readonly threads: number;
  /**
   * One unpreconditioned CG iteration on `x`, `r`, `p` in place (`rz = r^T r`): `alpha = rz / p^T A p`,
   * `x += alpha p`, `r -= alpha A p`, `p = r + (r^T r / rz) p`, the numbers of the JavaScript iteration.
   * With `trustResident`, arrays this kernel wrote last are not copied in (its copies are theirs). With
   * `deferCopyOut`, the new x, r and p stay in the kernel until {@link CgKernel.settle} (or until other arrays
   * or the product take its vectors, or `dispose`, which write them back first).
   * @throws `DisposedError` after `dispose`.
   */
  iterate(
    x: Float64Array,
    r: Float64Array,
    p: Float64Array,
    rz: number,
    trustResident: boolean,
    deferCopyOut?: boolean,
  ): CgStepSums;
  /**
   * Writes the kernel's x, r and p into these arrays where an iteration on them deferred its copy out (and
   * nothing has written them back since); otherwise does nothing, after `dispose` too.
   */
  settle(x: Float64Array, r: Float64Array, p: Float64Array): void;
}

/**
 * Binds CG's kernel to a square matrix, or returns undefined where WebAssembly (or shared memory) is
 * unavailable, the matrix is too large for its memory, or it has fewer than `minimumNonzeros` stored entries.
 * Its product runs on `placement.threads` threads where the system has more than one chunk of
 * {@link cgChunkRows} rows.
 *
 * @throws `InvalidProblemError` for a matrix that is not square.
 */
export function bindCgKernel(
  matrix: CsrMatrix,
  minimumNonzeros = wasmMinimumSize,
  placement: KernelPlacement = {},
): CgKernel | undefined {
  const { rows: n, columns, rowPointers, columnIndices, values } = matrix;
  if (n !== columns) throw new InvalidProblemError("matrix", "a square matrix", `a ${n} x ${columns} matrix`, false);
  const nonzeros = values.length;
  if (nonzeros < minimumNonzeros || compiledModule === null) return undefined;
  const layout = new MemoryLayout();
  const rowsAt = layout.take((n + 1) * 4);
  const columnsAt = layout.take(nonzeros * 4);
  const valuesAt = layout.take(nonzeros * 8);
  const [xAt, rAt, pAt, productAt] = [0, 1, 2, 3].map(() => layout.take(n * 8)) as [number, number, number, number];
  const chunks = Math.max(1, Math.ceil(n / cgChunkRows));
  const partialsAt = layout.take(chunks * 8);
  if (layout.size > maxBytes) return undefined;
  const threads = chunks > 1 ? (placement.threads ?? 1) : 1; // one chunk: nothing to share
  const kernel = bindKernel<CgExports>(compiledModule, layout.size, threads, placement.kernelPool);
  if (kernel === undefined) return undefined;
  // Where a core is free for each helper, the workers boot while the matrix is copied in (see bindKernel).
  if (kernel.threads > 1) kernel.startWorkersWhereCoresFree();
  const buffer = kernel.buffer;
  new Int32Array(buffer, rowsAt, n + 1).set(rowPointers);
  const byteColumns = new Int32Array(buffer, columnsAt, nonzeros);
  for (let k = 0; k < nonzeros; k++) byteColumns[k] = (columnIndices[k] as number) * 8; // byte offsets
  new Float64Array(buffer, valuesAt, nonzeros).set(values);
  const vector = (at: number) => new Float64Array(buffer, at, n);
  let views:
    | { x: Float64Array; r: Float64Array; p: Float64Array; product: Float64Array; partials: Float64Array }
    | undefined = {
    x: vector(xAt),
    r: vector(rAt),
    p: vector(pAt),
    product: vector(productAt),
    partials: new Float64Array(buffer, partialsAt, chunks),
  };
  const live = () => views ?? disposed();
  // The chunks' sums of the last pass, added in chunk order (the same bits whoever ran which chunk).
  const total = (): number => {
    const { partials } = live();
    let sum = 0;
    for (let chunk = 0; chunk < chunks; chunk++) sum += partials[chunk] as number;
    return sum;
  };
  // A pass over every chunk: a single call on the caller's thread runs them all, or the threads claim one
  // chunk at a time (the same partial sums either way). Only the product is shared: the vector passes are
  // short and bound by memory, and left to the caller they save two hand-offs per iteration and leave x, r
  // and p in the caller's cache for their copy out (measured: see the benchmarks guide).
  const exported = kernel.exports;
  const pass = (name: keyof CgExports, args: readonly number[]): void => {
    if (kernel.threads === 1 || name !== "products") exported[name](0, chunks, ...args);
    else kernel.runChunks(name, chunks, [1, ...args]);
  };
  const productArgs = [cgChunkRows, n, rowsAt, columnsAt, valuesAt, pAt, productAt, partialsAt];
  // p^T A p, with A p written at productAt.
  const multiply = (): number => {
    pass("products", productArgs);
    return total();
  };
  // The arrays of the last iteration: their entries are the kernel's copies, or (behind) older ones.
  let given: { x: Float64Array; r: Float64Array; p: Float64Array } | undefined;
  let behind = false;
  // The kernel's vectors go to other arrays or uses: the arrays behind them get their entries first.
  const writeBack = (): void => {
    if (given !== undefined && behind && views !== undefined) {
      given.x.set(views.x);
      given.r.set(views.r);
      given.p.set(views.p);
    }
    behind = false;
  };
  return withKernelThreads(kernel, {
    multiplyDot(from, into) {
      const { p, product } = live();
      writeBack();
      given = undefined; // p is overwritten
      p.set(from);
      const curvature = multiply();
      into.set(product);
      return curvature;
    },
    iterate(x, r, p, rz, trustResident, deferCopyOut = false) {
      const resident = live();
      const same = given !== undefined && given.x === x && given.r === r && given.p === p;
      // Arrays behind the kernel are never copied in: the kernel holds their entries.
      if (!(same && (trustResident || behind))) {
        writeBack();
        resident.x.set(x);
        resident.r.set(r);
        resident.p.set(p);
        given = { x, r, p };
      }
      const curvature = multiply();
      if (!(curvature > 0)) return { curvature, residualSquared: Number.NaN };
      const alpha = rz / curvature;
      pass("residuals", [cgChunkRows, n, rAt, productAt, alpha, partialsAt]);
      const residualSquared = total();
      pass("advances", [cgChunkRows, n, xAt, rAt, pAt, alpha, residualSquared / rz]);
      behind = true;
      if (!deferCopyOut) writeBack();
      return { curvature, residualSquared };
    },
    settle(x, r, p) {
      if (given !== undefined && given.x === x && given.r === r && given.p === p) writeBack();
    },
    get disposed() {
      return views === undefined;
    },
    dispose() {
      writeBack();
      views = undefined;
      given = undefined;
      kernel.dispose();
    },
  } satisfies Omit<CgKernel, keyof KernelThreads>);
}

function disposed(): never {
  throw new DisposedError("CG kernel");
}

// Internal: CG in WebAssembly (wasm/cg.wat), bit-for-bit equal to the JavaScript CG (conjugate-gradient.ts,
// vectors.ts). A kernel is bound to a prepared problem by CG's `prepare`, which copies the matrix into its
// memory once, and freed by its `dispose`. Unpreconditioned, a whole iteration runs in the kernel on its own
// copies of x, r and p, and copies them out into the state's arrays; the next iteration on those arrays
// trusts its copies when no user code sees states (nothing can have written into them), so nothing is copied
// in. After `dispose` the kernel holds no view of its memory, and a call throws `DisposedError`.
import { DisposedError, InvalidProblemError } from "../../src/index.js";
import { bindKernel, compileWasm, MemoryLayout, wasmMinimumSize } from "../../src/engine/internals.js";
import type { CsrMatrix, CsrProductKernel } from "../gauss-seidel/index.js";
import { cgWasmBase64 } from "./wasm/cg-wasm-bytes.js";

/** The module's exports (see wasm/cg.wat for the parameters). */
interface CgExports {
  multiplyDot(...args: number[]): number;
  update(...args: number[]): number;
  direction(...args: number[]): void;
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
export interface CgKernel extends CsrProductKernel {
  /**
   * One unpreconditioned CG iteration on `x`, `r`, `p` in place (`rz = r^T r`): `alpha = rz / p^T A p`,
   * `x += alpha p`, `r -= alpha A p`, `p = r + (r^T r / rz) p`, the numbers of the JavaScript iteration.
   * With `trustResident`, arrays this kernel wrote last are not copied in (its copies are theirs).
   * @throws `DisposedError` after `dispose`.
   */
  iterate(x: Float64Array, r: Float64Array, p: Float64Array, rz: number, trustResident: boolean): CgStepSums;
}

/**
 * Binds CG's kernel to a square matrix, or returns undefined where WebAssembly is unavailable, the matrix is
 * too large for its memory, or it has fewer than `minimumNonzeros` stored entries.
 *
 * @throws `InvalidProblemError` for a matrix that is not square.
 */
export function bindCgKernel(matrix: CsrMatrix, minimumNonzeros = wasmMinimumSize): CgKernel | undefined {
  const { rows: n, columns, rowPointers, columnIndices, values } = matrix;
  if (n !== columns) throw new InvalidProblemError("matrix", "a square matrix", `a ${n} x ${columns} matrix`, false);
  const nonzeros = values.length;
  if (nonzeros < minimumNonzeros || compiledModule === null) return undefined;
  const layout = new MemoryLayout();
  const rowsAt = layout.take((n + 1) * 4);
  const columnsAt = layout.take(nonzeros * 4);
  const valuesAt = layout.take(nonzeros * 8);
  const [xAt, rAt, pAt, productAt] = [0, 1, 2, 3].map(() => layout.take(n * 8)) as [number, number, number, number];
  if (layout.size > maxBytes) return undefined;
  const kernel = bindKernel<CgExports>(compiledModule, layout.size, 1);
  if (kernel === undefined) return undefined;
  const buffer = kernel.buffer;
  new Int32Array(buffer, rowsAt, n + 1).set(rowPointers);
  const byteColumns = new Int32Array(buffer, columnsAt, nonzeros);
  for (let k = 0; k < nonzeros; k++) byteColumns[k] = (columnIndices[k] as number) * 8; // byte offsets
  new Float64Array(buffer, valuesAt, nonzeros).set(values);
  const { multiplyDot, update, direction } = kernel.exports;
  const vector = (at: number) => new Float64Array(buffer, at, n);
  let views: { x: Float64Array; r: Float64Array; p: Float64Array; product: Float64Array } | undefined = {
    x: vector(xAt),
    r: vector(rAt),
    p: vector(pAt),
    product: vector(productAt),
  };
  const live = () => views ?? disposed();
  // The arrays the last iteration copied its vectors out into: their entries are the kernel's copies.
  let given: { x: Float64Array; r: Float64Array; p: Float64Array } | undefined;
  return {
    multiplyDot(from, into) {
      const { p, product } = live();
      given = undefined; // p is overwritten
      p.set(from);
      const curvature = multiplyDot(n, rowsAt, columnsAt, valuesAt, pAt, productAt);
      into.set(product);
      return curvature;
    },
    iterate(x, r, p, rz, trustResident) {
      const resident = live();
      if (!(trustResident && given !== undefined && given.x === x && given.r === r && given.p === p)) {
        resident.x.set(x);
        resident.r.set(r);
        resident.p.set(p);
        given = { x, r, p };
      }
      const curvature = multiplyDot(n, rowsAt, columnsAt, valuesAt, pAt, productAt);
      if (!(curvature > 0)) return { curvature, residualSquared: Number.NaN };
      const residualSquared = update(n, xAt, rAt, pAt, productAt, rz / curvature);
      direction(n, rAt, pAt, residualSquared / rz);
      x.set(resident.x);
      r.set(resident.r);
      p.set(resident.p);
      return { curvature, residualSquared };
    },
    get disposed() {
      return views === undefined;
    },
    dispose() {
      views = undefined;
      given = undefined;
      kernel.dispose();
    },
  };
}

function disposed(): never {
  throw new DisposedError("CG kernel");
}

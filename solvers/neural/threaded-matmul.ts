/**
 * The large matrix products of a dense layer's training step on several threads, for tfjs's wasm backend.
 *
 * tfjs-backend-wasm runs one thread in Node 20 (its threaded build starts its workers from a `blob:` URL,
 * which Node does not load), and its products are XNNPACK's, on one core. Here the two products that
 * dominate a dense step (`x W` forward, with bias and relu, and `x^T d` for the kernel's gradient) copy
 * their operands from the wasm backend's heap into a shared memory, compute there on the caller's thread
 * and worker threads (wasm/gemm.wat), and copy the result into a tensor the backend allocated. The sums are
 * float32, over k in increasing order: the same bits with any number of threads, and within float32
 * rounding of XNNPACK's (which sums in another order).
 *
 * @packageDocumentation
 */
import type * as tf from "./tfjs.js";
import { gemmWasmBase64 } from "./wasm/gemm-wasm-bytes.js";
import { heapOffset, heapOutput, wasmHeap } from "./wasm-heap.js";
import { bindKernel, compileWasm, MemoryLayout } from "../../src/engine/internals.js";
import type { KernelBinding } from "../../src/engine/internals.js";
import type { KernelPool } from "../../src/index.js";

/** The kernel's exports. */
interface GemmExports {
  gemmChunk(...args: number[]): void;
}

/** The compiled module, or null without WebAssembly SIMD. */
const gemmModule = compileWasm(gemmWasmBase64);

/**
 * Products smaller than this many multiply-adds stay with tfjs: copying the operands and waking a thread
 * cost tens of microseconds, which only a product of about a millisecond repays.
 */
export const threadedMatMulMinimumWork = 2 ** 21;

/**
 * Rows of the result per chunk: a multiple of the kernel's four-row blocks, small enough for about eight
 * chunks per thread (a thread that starts late, or runs slower, then costs at most a small chunk), at
 * most 16.
 */
function chunkRows(m: number, threads: number): number {
  return Math.max(4, Math.min(16, Math.floor(m / (8 * threads) / 4) * 4));
}

/**
 * The kernel of {@link threadedMatMul} bound for a prepared training problem on `threads` threads (its
 * memory grows to the largest product's operands; its workers start at the first product), or undefined
 * for one thread or without WebAssembly shared memory. With `kernelPool` (the run option), the memory and
 * workers come from the pool. Its `dispose` ends the workers (or gives them back to the pool).
 */
export function bindProducts(threads: number, kernelPool?: KernelPool): KernelBinding<unknown> | undefined {
  return threads < 2 ? undefined : bindKernel<GemmExports>(gemmModule, 65536, threads, kernelPool);
}

/** Options of {@link threadedMatMul}. */
export interface ThreadedMatMulOptions {
  /** Multiply by the transpose of `a` (`a` is `k x m`). */
  readonly transposeA?: boolean;
  /** Added to every row of the product, then {@link ThreadedMatMulOptions.relu}. */
  readonly bias?: tf.Tensor1D | undefined;
  /** `max(0, .)` on the result. */
  readonly relu?: boolean;
  /** The kernel bound by {@link bindProducts} (its threads, the caller's included), or undefined (tfjs's kernels). */
  readonly kernel: KernelBinding<unknown> | undefined;
}

/**
 * `op(a) b (+ bias, relu)` on the kernel's threads, as a new tensor of the wasm backend; or undefined, with
 * nothing allocated, when it does not apply: no kernel, another backend, a product under
 * {@link threadedMatMulMinimumWork}, a column count that is not a multiple of 4, or an operand that is not
 * float32 on the heap. The caller then uses tfjs's own kernels. Call inside a `tf.tidy` (the result is an
 * ordinary tensor).
 *
 * @param a - `m x k`, or `k x m` with `transposeA`.
 * @param b - `k x n`.
 * @param options - Transpose, bias, relu and the bound kernel.
 * @returns The `m x n` product, or undefined.
 */
export function threadedMatMul(
  a: tf.Tensor2D,
  b: tf.Tensor2D,
  options: ThreadedMatMulOptions,
): tf.Tensor2D | undefined {
  const kernel = options.kernel;
  if (kernel === undefined || kernel.threads < 2) return undefined;
  const transposeA = options.transposeA === true;
  const [m, k] = transposeA ? [a.shape[1], a.shape[0]] : [a.shape[0], a.shape[1]];
  const [bk, n] = b.shape;
  if (bk !== k || n % 4 !== 0 || m * n * k < threadedMatMulMinimumWork) return undefined;
  if (options.bias !== undefined && options.bias.size !== n) return undefined;
  const wasm = wasmHeap();
  if (wasm === undefined) return undefined;
  const { backend: view, memory: heap } = wasm;
  const aAt = heapOffset(view, a);
  const bAt = heapOffset(view, b);
  const biasAt = options.bias === undefined ? 0 : heapOffset(view, options.bias);
  if (aAt === undefined || bAt === undefined || biasAt === undefined) return undefined;
  const layout = new MemoryLayout();
  layout.take(16); // offset 0 means "no bias" to the kernel
  const aShared = layout.take(m * k * 4);
  const bShared = layout.take(k * n * 4);
  const cShared = layout.take(m * n * 4);
  const biasShared = layout.take(n * 4);
  if (!kernel.reserve(layout.size)) return undefined;
  const shared = kernel.buffer;
  // Allocated before the heap views are taken: an allocation may grow the heap (a new buffer).
  const output = heapOutput<tf.Rank.R2>(view, [m, n]);
  const outputAt = heapOffset(view, output) as number;
  const heapBuffer = heap.buffer;
  new Float32Array(shared, aShared, m * k).set(new Float32Array(heapBuffer, aAt, m * k));
  new Float32Array(shared, bShared, k * n).set(new Float32Array(heapBuffer, bAt, k * n));
  if (options.bias !== undefined) new Float32Array(shared, biasShared, n).set(new Float32Array(heapBuffer, biasAt, n));
  const rows = chunkRows(m, kernel.threads);
  kernel.runChunks("gemmChunk", Math.ceil(m / rows), [
    rows,
    m,
    n,
    k,
    aShared,
    transposeA ? 4 : 4 * k,
    transposeA ? 4 * m : 4,
    bShared,
    cShared,
    options.bias === undefined ? 0 : biasShared,
    options.relu === true ? 1 : 0,
  ]);
  new Float32Array(heapBuffer, outputAt, m * n).set(new Float32Array(shared, cShared, m * n));
  return output;
}

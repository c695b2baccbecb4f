/**
 * Compiling and instantiating small WebAssembly kernels (the k-means, Gaussian-mixture and sparse MDP hot
 * loops use them): synchronous, import-free modules whose bytes ship as base64 in a generated TypeScript
 * module, with a JavaScript fallback wherever WebAssembly or its SIMD instructions are missing. A solver
 * binds a compiled module to a prepared problem with `bindKernel` (kernel-binding.ts).
 *
 * @packageDocumentation
 */

import { availableParallelism } from "node:os";

/** The part of the WebAssembly JavaScript API used here (the project's TypeScript libs do not declare it). */
interface WebAssemblyApi {
  readonly Module: new (bytes: Uint8Array) => object;
}

/**
 * The number of threads a prepared problem's kernels use unless the run option `threads` says otherwise:
 * the machine's available parallelism, at most 8 (the kernels that use threads are bound by memory
 * bandwidth well before that).
 */
export function defaultKernelThreads(): number {
  return Math.max(1, Math.min(8, availableParallelism()));
}

/**
 * Below this many numbers of data (points x coordinates, or transition entries) the solvers keep their
 * JavaScript kernels: as fast there, and no WebAssembly memory is reserved for a small problem (each
 * reserves address space until collected). Results are the same bits either way.
 */
export const wasmMinimumSize = 16_384;

/** A kernel instance's memory (`WebAssembly.Memory`, as much of it as the callers use). */
export interface KernelMemory {
  /** The memory's bytes; a new buffer after each `grow`. */
  readonly buffer: ArrayBuffer;
  /** Grows the memory by `pages` pages of 64 KiB; returns the previous size in pages. */
  grow(pages: number): number;
}

/**
 * Lays out a kernel instance's memory: regions one after another, each starting on a 16-byte boundary so
 * that SIMD loads are aligned. `size` is then the memory to ask `bindKernel` for.
 */
export class MemoryLayout {
  /** Bytes laid out so far. */
  size = 0;

  /**
   * Reserves a region.
   *
   * @param bytes - The region's size in bytes.
   * @returns The region's byte offset.
   */
  take(bytes: number): number {
    const at = this.size;
    this.size += Math.ceil(bytes / 16) * 16;
    return at;
  }
}

/**
 * Compiles base64 module bytes synchronously (the modules are a few kB), or returns null where WebAssembly
 * or its SIMD instructions are unavailable (the callers then use their JavaScript kernels).
 *
 * @param base64 - The module's bytes, base64.
 * @returns The compiled `WebAssembly.Module`, or `null`.
 */
export function compileWasm(base64: string): object | null {
  const wasm = (globalThis as unknown as { WebAssembly?: WebAssemblyApi }).WebAssembly;
  if (wasm === undefined) return null;
  try {
    return new wasm.Module(Buffer.from(base64, "base64"));
  } catch {
    return null;
  }
}

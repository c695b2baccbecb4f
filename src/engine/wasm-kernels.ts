/**
 * Compiling and instantiating small WebAssembly kernels (the k-means, Gaussian-mixture and sparse MDP hot
 * loops use them): synchronous, import-free modules whose bytes ship as base64 in a generated TypeScript
 * module, with a JavaScript fallback wherever WebAssembly or its SIMD instructions are missing.
 *
 * @packageDocumentation
 */

/** The part of the WebAssembly JavaScript API used here (the project's TypeScript libs do not declare it). */
interface WebAssemblyApi {
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (module: object, imports: object) => { readonly exports: unknown };
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
 * that SIMD loads are aligned. `size` is then the memory to ask {@link instantiateWasm} for.
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

/** What every kernel instance exports: its memory. */
export interface KernelExports {
  /** The instance's linear memory. */
  readonly memory: KernelMemory;
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

/**
 * A new instance of a compiled module (no imports) with its memory grown to at least `bytes`.
 *
 * @typeParam T - The instance's exports: at least its `memory`.
 * @param module - A module from {@link compileWasm}.
 * @param bytes - The memory the caller needs, in bytes.
 * @returns The instance's exports.
 */
export function instantiateWasm<T extends KernelExports>(module: object, bytes: number): T {
  const wasm = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;
  const api = new wasm.Instance(module, {}).exports as T;
  const pages = Math.ceil(bytes / 65536) - api.memory.buffer.byteLength / 65536;
  if (pages > 0) api.memory.grow(pages);
  return api;
}

/**
 * Kernel instances (a module's instance on memory laid out for a prepared problem, with the worker threads
 * bound to that memory) and the caller-owned {@link KernelPool} that keeps them between prepared problems.
 *
 * A fresh kernel memory costs a page fault per 4 KiB page the first time the problem's data is copied in:
 * for the 26 MB of points of a 200,000 x 16 k-means problem, or the 128 MB of a dense 2,000-state MDP, that
 * is more than the solve itself, and a fresh worker thread costs tens of milliseconds of start-up. A
 * prepared problem made with a pool takes an idle instance of the same module that is large enough (its
 * pages already mapped, its workers already running) and gives it back on `dispose`.
 *
 * @packageDocumentation
 */
import { DisposedError } from "./errors.js";
import { control as c, KernelWorkers } from "./kernel-workers.js";

/** The part of the WebAssembly JavaScript API used here (the project's TypeScript libs do not declare it). */
interface WebAssemblyApi {
  readonly Memory: new (descriptor: {
    initial: number;
    maximum: number;
    shared: boolean;
  }) => { readonly buffer: ArrayBufferLike };
  readonly Module: { imports(module: object): readonly { readonly kind: string }[] };
  readonly Instance: new (module: object, imports: object) => { readonly exports: unknown };
}

const webAssembly = (): WebAssemblyApi => (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;

/** One instance of a module on a memory, and the worker threads bound to that memory (started on demand). */
export interface KernelInstance {
  /** The compiled module. */
  readonly module: object;
  /** The caller's instance's exports. */
  readonly exports: Record<string, (...values: number[]) => unknown>;
  /** The memory (shared for a module that imports it). */
  readonly memory: { readonly buffer: ArrayBufferLike };
  /** Bytes of the memory the caller may lay out (the control block follows, for a shared memory). */
  readonly capacity: number;
  /** The control block's words (ticket, job number, job description) and argument slots (shared memory only). */
  readonly words: Int32Array | undefined;
  readonly argumentSlots: Float64Array | undefined;
  /** The worker threads bound to this memory, once a pass on several threads has asked for them. */
  workers: KernelWorkers | undefined;
}

/** Whether a module imports its memory (then shared, and its passes can run on several threads). */
export function importsMemory(module: object): boolean {
  return webAssembly()
    .Module.imports(module)
    .some((entry) => entry.kind === "memory");
}

/**
 * Instantiates `module` with memory for at least `size` bytes, or returns undefined where that fails (no
 * shared memory here, or too large a memory).
 */
export function instantiateKernel(module: object, size: number): KernelInstance | undefined {
  const wasm = webAssembly();
  try {
    if (!importsMemory(module)) {
      const exports = new wasm.Instance(module, {}).exports as KernelInstance["exports"];
      const memory = exports["memory"] as unknown as { buffer: ArrayBuffer; grow(pages: number): number };
      const pages = Math.ceil(size / 65536) - memory.buffer.byteLength / 65536;
      if (pages > 0) memory.grow(pages);
      const none = { words: undefined, argumentSlots: undefined, workers: undefined };
      return { module, exports, memory, capacity: memory.buffer.byteLength, ...none };
    }
    const controlAt = Math.ceil(size / 16) * 16;
    const pages = Math.max(1, Math.ceil((controlAt + c.bytes) / 65536));
    const memory = new wasm.Memory({ initial: pages, maximum: pages, shared: true });
    const exports = new wasm.Instance(module, { env: { memory } }).exports as KernelInstance["exports"];
    const buffer = memory.buffer;
    return {
      module,
      exports,
      memory,
      capacity: controlAt,
      words: new Int32Array(buffer, controlAt, c.argumentsAt / 4),
      argumentSlots: new Float64Array(buffer, controlAt + c.argumentsAt, c.maxArguments),
      workers: undefined,
    };
  } catch {
    return undefined;
  }
}

/** The workers of a shared-memory instance, made (not started: they start when a pass takes them) now if none. */
export function workersOf(kernel: KernelInstance): KernelWorkers {
  if (kernel.workers === undefined) {
    kernel.workers = new KernelWorkers();
    kernel.workers.bind({ module: kernel.module, memory: kernel.memory, controlAt: kernel.capacity });
  }
  return kernel.workers;
}

/** What a solver's kernel says of its threads: its binding's, read live (see `KernelBinding`). */
export interface KernelThreads {
  /** Threads a pass runs on, the caller's included. */
  readonly threads: number;
  /** Worker threads started and not yet exited (0 some milliseconds after `dispose`). */
  readonly liveWorkers: number;
  /** Chunks of the last pass that the caller's thread ran (the rest ran on workers). */
  readonly callerChunks: number;
  /** Starts the worker threads now; nothing on one thread. */
  startWorkers(): void;
}

/** A kernel's own methods, with its binding's thread facts added (`liveWorkers`, `callerChunks` read live). */
export function withKernelThreads<T extends object>(binding: KernelThreads, methods: T): T & KernelThreads {
  return Object.defineProperties(methods, {
    threads: { value: binding.threads, enumerable: true },
    liveWorkers: { get: () => binding.liveWorkers, enumerable: true },
    callerChunks: { get: () => binding.callerChunks, enumerable: true },
    startWorkers: { value: () => binding.startWorkers(), enumerable: true },
  }) as T & KernelThreads;
}

/**
 * Where a solver's kernel runs its threaded passes: the most threads they may use (the caller's included) and
 * the pool its memory and workers come from (the prepare context's `threads` and `kernelPool`).
 */
export interface KernelPlacement {
  /** The most threads the kernel's threaded passes may use. @defaultValue 1 */
  readonly threads?: number | undefined;
  /** The run option `kernelPool`, for the memory and workers. @defaultValue none (the kernel's own) */
  readonly kernelPool?: KernelPool | undefined;
}

/**
 * Kernel memories and worker threads kept between prepared problems, owned by the caller: pass it as the
 * run option `kernelPool` to `solve` or `prepareProblem`, and dispose it when done.
 *
 * @remarks Without a pool, each prepared problem maps fresh kernel memory and starts its own workers, and
 * its `dispose` ends them. With one, a prepared problem takes an idle kernel of the same module that is
 * large enough and gives it back on `dispose`, so a series of one-off solves on new problems pays the
 * memory's page faults and the workers' start-up once. A pool serves any number of prepared problems at
 * once (each gets a kernel of its own) and is used from the thread that made it. Results are the same
 * bits with or without a pool.
 */
export interface KernelPool extends Disposable {
  /** Kernels held for the next prepared problem (not in use now). */
  readonly idle: number;
  /** Worker threads started by the pool's kernels and not yet exited (0 some milliseconds after `dispose`). */
  readonly liveWorkers: number;
  /** Whether `dispose()` has run. */
  readonly disposed: boolean;
  /**
   * Ends the idle kernels' workers and drops their memory; kernels in use are dropped when their prepared
   * problem is disposed. Later prepared problems cannot use the pool (`DisposedError`). Idempotent.
   */
  dispose(): void;
}

/** The one implementation of {@link KernelPool}; `bindKernel` recognises pools by this class. */
export class KernelPoolHandle implements KernelPool {
  /** Every kernel the pool made and has not dropped (idle or in use). */
  private readonly held = new Set<KernelInstance>();
  private readonly idleKernels: KernelInstance[] = [];
  /** Workers of dropped kernels, counted until they exit. */
  private retiredWorkers: KernelWorkers[] = [];
  private closed = false;

  get idle(): number {
    return this.idleKernels.length;
  }

  get liveWorkers(): number {
    let live = 0;
    for (const kernel of this.held) live += kernel.workers?.live ?? 0;
    return live + this.retiredWorkers.reduce((sum, workers) => sum + workers.live, 0);
  }

  get disposed(): boolean {
    return this.closed;
  }

  /**
   * An idle kernel of `module` with at least `size` bytes (the smallest such), or a new one; idle kernels
   * of the module that are too small are dropped (the new one supersedes them).
   * @throws `DisposedError` after `dispose`.
   */
  take(module: object, size: number): KernelInstance | undefined {
    if (this.closed) throw new DisposedError("kernel pool");
    let best: KernelInstance | undefined;
    for (const kernel of this.idleKernels) {
      if (kernel.module !== module || kernel.capacity < size) continue;
      if (best === undefined || kernel.capacity < best.capacity) best = kernel;
    }
    if (best !== undefined) {
      this.idleKernels.splice(this.idleKernels.indexOf(best), 1);
      return best;
    }
    for (const kernel of this.idleKernels.filter((k) => k.module === module)) this.drop(kernel);
    const made = instantiateKernel(module, size);
    if (made !== undefined) this.held.add(made);
    return made;
  }

  /** Takes back a kernel from {@link KernelPoolHandle.take} (its prepared problem was disposed). */
  give(kernel: KernelInstance): void {
    if (this.closed) this.drop(kernel);
    else this.idleKernels.push(kernel);
  }

  dispose(): void {
    if (this.closed) return;
    this.closed = true;
    for (const kernel of this.idleKernels.splice(0)) this.drop(kernel);
  }

  [Symbol.dispose](): void {
    this.dispose();
  }

  private drop(kernel: KernelInstance): void {
    const at = this.idleKernels.indexOf(kernel);
    if (at >= 0) this.idleKernels.splice(at, 1);
    this.held.delete(kernel);
    if (kernel.workers !== undefined) {
      kernel.workers.terminate();
      this.retiredWorkers = [...this.retiredWorkers.filter((workers) => workers.live > 0), kernel.workers];
    }
  }
}

/**
 * A pool of kernel memories and worker threads for a series of prepared problems (see {@link KernelPool}).
 *
 * @returns An empty pool; dispose it when done (`using pool = kernelPool()`).
 * @example
 * ```ts
 * using pool = kernelPool();
 * for (const data of batches) solve(kmeans({ k: 8 }), { data }, { kernelPool: pool });
 * ```
 */
export function kernelPool(): KernelPool {
  return new KernelPoolHandle();
}

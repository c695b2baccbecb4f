/**
 * The one way a solver binds a WebAssembly kernel to a prepared problem: {@link bindKernel} in `prepare`
 * instantiates the module with memory for the problem, the prepared problem owns the binding, and the
 * solver's `dispose` calls the binding's `dispose`, which ends its worker threads and lets its memory go
 * (or, for a prepared problem made with a caller's {@link KernelPool}, gives both back to the pool).
 *
 * A module that imports its memory (`env.memory`, declared `shared`) gets a shared memory, and its passes
 * can run on several threads: every thread (the caller's and the binding's worker threads) holds its own
 * instance of the module on that memory, and a pass is cut into numbered chunks that the threads claim one
 * at a time. Each chunk writes its partial results to its own slot and the caller combines the slots in
 * chunk order, so the results are the same bits whatever the number of threads and whoever ran which chunk.
 * A pass is synchronous: the caller claims chunks too, then waits (`Atomics.wait`) for the chunks that
 * workers claimed; a worker that never starts costs only its share of the speed. A module that exports its
 * own memory runs on the caller's thread alone.
 *
 * Where the machine has a core free for each helper (the cores less Node's one-minute load average, which
 * counts the caller's own thread, leave more than the helpers less one), the workers start at the first
 * pass: they boot on cores that would otherwise idle (about 20 ms of a free core's CPU each, measured), so
 * they cost the caller nothing and join the passes as soon as they are up. A solver that knows its passes
 * will have several chunks makes that decision before it copies the problem in
 * (`startWorkersWhereCoresFree`), so that they boot during the copy. Otherwise they start only once they pay.
 * Starting `T - 1` workers costs about `(T - 1) x 30` ms of CPU, and
 * they save at most `1 - 1/T` of the time of the passes still to come: they pay once those passes take
 * `T x 30` ms on one thread. A binding takes its passes so far as the estimate of those to come (rent until
 * the rent paid equals the price, then buy: never more than twice the cost of the better choice made in
 * hindsight): it runs its passes on the caller's thread alone until they have taken `T x 30` ms of CPU time
 * (the chunks' time, not the caller's copying in; wall-clock time where the runtime does not tell), then
 * starts its workers for the passes that follow. A one-off solve of a few passes starts none; a long run
 * starts them after its first passes. A binding from a {@link KernelPool} starts them at its first pass (the
 * pool keeps them for the next problems), and {@link KernelBinding.startWorkers} starts them at once. The
 * results are the same bits either way.
 *
 * @packageDocumentation
 */
import { availableParallelism, loadavg } from "node:os";
import { DisposedError } from "./errors.js";
import { instantiateKernel, importsMemory, KernelPoolHandle, workersOf } from "./kernel-pool.js";
import type { KernelInstance, KernelPool } from "./kernel-pool.js";
import { copyWithHelpers, defaultLingerMs, passClockMs, runPass, wakeWorkers } from "./kernel-pass.js";
import type { PassOutcome } from "./kernel-pass.js";

/**
 * A WebAssembly kernel bound to one prepared problem: an instance of a module with memory laid out for the
 * problem, and (for a module on shared memory) the worker threads that run its chunked passes.
 *
 * @typeParam T - The instance's exports.
 */
export interface KernelBinding<T> extends Disposable {
  /** The caller's instance. @throws `DisposedError` after `dispose`. */
  readonly exports: T;
  /** The memory's bytes (a `SharedArrayBuffer` for a shared memory). @throws `DisposedError` after `dispose`. */
  readonly buffer: ArrayBufferLike;
  /** Bytes of the memory the caller may lay out. */
  readonly capacity: number;
  /** Threads a pass runs on, the caller's included (1 for a module with its own memory). */
  readonly threads: number;
  /**
   * Chunks of the last pass that the caller's thread ran (the rest ran on workers); for a `copyIn`, the
   * slices of pages it mapped itself out of 64 (0 for a plain copy).
   */
  readonly callerChunks: number;
  /** Worker threads started and not yet exited (0 some milliseconds after `dispose`). */
  readonly liveWorkers: number;
  /** Whether `dispose()` has run. */
  readonly disposed: boolean;
  /** Whether the binding's passes may use worker threads now (see the start policy above). */
  readonly workersStarted: boolean;
  /**
   * Whether the memory was made for this binding, so that its pages fault on their first write (what
   * `copyIn`'s workers share), rather than taken from a kernel pool with its pages already mapped.
   */
  readonly freshMemory: boolean;
  /**
   * Starts the worker threads now, instead of once the passes have paid for them: for a caller that knows
   * a long run is coming. Does nothing for a binding on one thread. @throws `DisposedError` after `dispose`.
   */
  startWorkers(): void;
  /**
   * Makes now the start decision the first pass that could use workers would make, for a caller about to
   * copy a large problem in before passes on several chunks: where a core is free for each helper, the
   * workers start now and boot during the copy; otherwise their start is left to the passes (once they
   * pay). Then wakes them, as {@link KernelBinding.wake}. @throws `DisposedError` after `dispose`.
   */
  startWorkersWhereCoresFree(): void;
  /**
   * Wakes the workers a pass would use, ahead of it (say, before copying data in), so that they are
   * watching for its jobs, for `lingerMs` (default 5 ms) after the last one; none before they have started.
   */
  wake(lingerMs?: number): void;
  /**
   * Runs `exports[name](chunk, ...args)` for every `chunk` in `0..chunks - 1`, each exactly once, on up to
   * `threads` threads (`min(threads, this.threads)`; the caller's included), and returns when all have run.
   * The kernel must write each chunk's results to memory of its own.
   *
   * With `prepare`, the caller first calls `prepare(chunk)` for every chunk in order (to copy the chunk's
   * input in, say) and workers run each chunk as soon as it is prepared, while the caller prepares the
   * next ones; then the caller runs chunks too.
   *
   * @throws `Error` when a chunk traps, or when a worker holds a chunk for a minute without finishing it;
   *   what `prepare` throws, once the chunks already claimed have run; `DisposedError` after `dispose`.
   */
  runChunks(
    name: string,
    chunks: number,
    args: readonly number[],
    threads?: number,
    prepare?: (chunk: number) => void,
  ): void;
  /**
   * Copies `source`'s bytes into the memory at byte offset `at` (the caller's memory: below `capacity`).
   * With the workers started, they map the pages of the copy's later part while the caller copies the
   * earlier part (the first write to a fresh 4 KiB page costs the operating system a fault, about 2 us
   * here: 60 ms for 128 MB), then the caller copies the later part into mapped pages; otherwise a plain
   * copy. The same bytes either way. @throws `DisposedError` after `dispose`; `RangeError` past the memory.
   */
  copyIn(at: number, source: ArrayBufferView): void;
  /**
   * Makes the memory at least `bytes` long: a new memory and instance (the workers are bound to it) when
   * it is shorter, keeping nothing of the old contents. For kernels whose operands change size per call.
   * @returns false where the new memory cannot be made (the binding is then unchanged).
   */
  reserve(bytes: number): boolean;
  /**
   * Ends the worker threads and drops the memory (gives both back to the kernel pool it was bound from);
   * later uses throw `DisposedError`. Idempotent.
   */
  dispose(): void;
}

/**
 * The CPU time a worker thread takes to start (26 to 34 ms measured on Node 20): a binding on `T` threads
 * starts its workers once its passes have taken `T` times this (see the start policy above).
 */
export const workerStartCostMs = 30;

/** A copy shorter than this is not worth a pass of the workers (`copyIn`): 4 MiB, a millisecond of faults. */
const parallelCopyBytes = 2 ** 22;

/**
 * Whether the machine has a core free for each of `helpers` workers: the cores less the one-minute load
 * average (which counts the caller's own busy thread) leave more than `helpers - 1`: on average a core
 * idles for each helper (in a browser the load is unknown, and no core counts as free).
 */
export function coresFreeFor(helpers: number): boolean {
  return availableParallelism() - (loadavg()[0] ?? Number.POSITIVE_INFINITY) > helpers - 1;
}

/**
 * Binds a compiled module to memory of at least `bytes`, for a prepared problem: call it in the solver's
 * `prepare`, keep the binding in the prepared problem, and call its `dispose` in the solver's `dispose`.
 *
 * @typeParam T - The instance's exports.
 * @param module - A module from {@link compileWasm}, or null (then this returns undefined).
 * @param bytes - The memory the caller lays out, in bytes.
 * @param threads - Threads for the chunked passes (an integer >= 1: the prepare context's `threads`);
 *   modules with their own memory run on one.
 * @param pool - The prepare context's `kernelPool`: the instance (memory and workers) is taken from it and
 *   given back by `dispose`, so its memory may hold an earlier problem's bytes (lay out and write before
 *   reading); without one, the instance is new and `dispose` ends it.
 * @param coresFree - Whether a core is free for each helper when the first pass that could use them runs
 *   (default {@link coresFreeFor}; tests pass a fixed answer): then the workers start at that pass.
 * @returns The binding, or undefined where WebAssembly (or shared memory, for a module that imports it) is
 *   unavailable; the caller then uses its JavaScript kernels.
 * @throws `DisposedError` for a disposed pool.
 */
export function bindKernel<T>(
  module: object | null,
  bytes: number,
  threads: number,
  pool?: KernelPool,
  coresFree: (helpers: number) => boolean = coresFreeFor,
): KernelBinding<T> | undefined {
  if (module === null) return undefined;
  const pooled = pool instanceof KernelPoolHandle ? pool : undefined;
  const wantsWorkers = threads > 1 && importsMemory(module);
  const acquire = (size: number): KernelInstance | undefined =>
    pooled === undefined ? instantiateKernel(module, size) : pooled.take(module, size);
  let bound = acquire(bytes);
  if (bound === undefined) return undefined;
  const threadCount = wantsWorkers ? threads : 1;
  // The workers whose count `liveWorkers` reports: those of this binding's instance, and after `dispose`
  // (without a pool) the ones it ended, until they exit.
  let counted = bound.workers;
  let lastCallerChunks = 0;
  // The start policy: a pooled kernel's workers serve the pool's later problems too, so they start at once.
  let workersStarted = wantsWorkers && pooled !== undefined;
  let chunksMs = 0;
  let askedForCores = false; // whether the first pass that could use workers has asked for free cores
  const live = (): KernelInstance => {
    if (bound === undefined) throw new DisposedError("kernel binding");
    return bound;
  };
  // A pass that could use workers is coming (its first `runChunks`, or a caller about to copy its data in):
  // where a core is free for each helper, they start now and boot there.
  const startWhereCoresFree = (): void => {
    if (workersStarted || !wantsWorkers || askedForCores) return;
    askedForCores = true;
    if (coresFree(threadCount - 1)) binding.startWorkers();
  };
  const helpersFor = (count: number) => {
    if (!workersStarted || count < 2) return [];
    counted = workersOf(live());
    return counted.take(count - 1);
  };
  const binding: KernelBinding<T> = {
    get exports() {
      return live().exports as T;
    },
    get buffer() {
      return live().memory.buffer;
    },
    get capacity() {
      return bound?.capacity ?? 0;
    },
    threads: threadCount,
    get callerChunks() {
      return lastCallerChunks;
    },
    get liveWorkers() {
      return counted?.live ?? 0;
    },
    get disposed() {
      return bound === undefined;
    },
    get workersStarted() {
      return workersStarted;
    },
    get freshMemory() {
      return pooled === undefined;
    },
    startWorkers() {
      live();
      workersStarted = wantsWorkers;
      binding.wake();
    },
    startWorkersWhereCoresFree() {
      live();
      startWhereCoresFree();
      binding.wake();
    },
    wake(lingerMs = defaultLingerMs) {
      live();
      if (workersStarted) wakeWorkers(live(), helpersFor(threadCount), lingerMs);
    },
    copyIn(at, source) {
      const kernel = live();
      const bytes = new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
      if (at < 0 || at + bytes.length > kernel.capacity) throw new RangeError("copyIn past the caller's memory");
      // Pooled memory is mapped already: the workers would have no faults to share, and a plain copy is cheaper.
      const helpers = pooled === undefined && bytes.length >= parallelCopyBytes ? helpersFor(threadCount) : [];
      const outcome: PassOutcome = { callerChunks: 0, preparingMs: 0 };
      copyWithHelpers(kernel, at, bytes, helpers, outcome);
      lastCallerChunks = outcome.callerChunks;
    },
    reserve(size) {
      const current = live();
      if (current.capacity >= size) return true;
      const next = acquire(size);
      if (next === undefined) return false;
      if (pooled !== undefined) pooled.give(current);
      else if (current.workers !== undefined) {
        // The workers move to the new memory (they drop their instance on the old one).
        next.workers = current.workers;
        next.workers.bind({ module, memory: next.memory, controlAt: next.capacity });
      }
      bound = next;
      counted = next.workers;
      return true;
    },
    runChunks(name, chunks, args, threads = threadCount, prepare) {
      // A pass that could use workers but has none yet counts towards starting them.
      let paying = !workersStarted && wantsWorkers && chunks > 1 && threads > 1;
      if (paying) {
        startWhereCoresFree(); // free cores: they boot there while this pass runs on the caller
        paying = !workersStarted;
      }
      const started = paying ? passClockMs() : 0;
      const outcome: PassOutcome = { callerChunks: 0, preparingMs: 0 };
      const takeHelpers = () => helpersFor(Math.min(threads, threadCount, chunks));
      try {
        runPass(live(), name, chunks, args, takeHelpers, prepare, paying, outcome);
      } finally {
        lastCallerChunks = outcome.callerChunks;
        if (paying) {
          chunksMs += passClockMs() - started - outcome.preparingMs;
          // Started now, the workers boot while the caller goes on, ready for a later pass.
          if (chunksMs >= workerStartCostMs * threadCount && bound !== undefined) binding.startWorkers();
        }
      }
    },
    dispose() {
      if (bound === undefined) return;
      if (pooled !== undefined) {
        pooled.give(bound);
        counted = undefined;
      } else bound.workers?.terminate();
      bound = undefined;
    },
    [Symbol.dispose]() {
      binding.dispose();
    },
  };
  return binding;
}

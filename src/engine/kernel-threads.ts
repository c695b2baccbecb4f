/**
 * Running a WebAssembly kernel's passes on several threads: the kernel's memory is a shared
 * `WebAssembly.Memory`, every thread (the caller's and worker threads) holds its own instance of the same
 * module on it, and a pass is cut into numbered chunks that the threads claim one at a time. Each chunk
 * writes its partial results (sums, counts, extrema) to its own slot, and the caller combines the slots in
 * chunk order, so the results are the same bits whatever the number of threads and whoever ran which
 * chunk.
 *
 * The call is synchronous: the caller claims chunks too, then waits (`Atomics.wait`) for the chunks that
 * workers claimed. A worker that never starts costs nothing but its share of the speed: the caller runs
 * every chunk nobody else claimed.
 *
 * @packageDocumentation
 */
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import type { Worker } from "node:worker_threads";

/** Loads `node:worker_threads` when the first worker starts, so importing the engine does not load it. */
const loadWorkerThreads = (): typeof import("node:worker_threads") =>
  createRequire(import.meta.url)("node:worker_threads") as typeof import("node:worker_threads");

/** The part of the WebAssembly JavaScript API used here (the project's TypeScript libs do not declare it). */
interface SharedWebAssemblyApi {
  readonly Memory: new (descriptor: {
    initial: number;
    maximum: number;
    shared: boolean;
  }) => { readonly buffer: ArrayBufferLike };
  readonly Instance: new (module: object, imports: object) => { readonly exports: unknown };
}

/** A kernel instance on shared memory, with the threads that run its chunked passes. */
export interface SharedKernel<T> {
  /** The caller's instance. */
  readonly exports: T;
  /** The shared memory's bytes (a `SharedArrayBuffer`; fixed size). */
  readonly buffer: ArrayBufferLike;
  /** Bytes of the memory the callers may lay out (the rest is the threads' control words). */
  readonly capacity: number;
  /**
   * Whose data the memory holds now: set by the caller that copied its data in. A kernel from
   * {@link reusableSharedWasm} may be handed to several callers in turn; each checks this before a pass
   * and copies its data in again when another caller has been there since.
   */
  owner: object | undefined;
  /** Chunks of the last pass that the caller's thread ran (the rest ran on workers). */
  readonly callerChunks: number;
  /**
   * Wakes the workers a pass on `threads` threads would use, ahead of it (say, before copying data in), so
   * that they are watching for its jobs, for `lingerMs` (default 5 ms) after the last one.
   */
  wake(threads: number, lingerMs?: number): void;
  /**
   * Runs `exports[name](chunk, ...args)` for every `chunk` in `0..chunks - 1`, each exactly once, on up to
   * `threads` threads (the caller's included), and returns when all have run. The kernel must write each
   * chunk's results to memory of its own (threads run chunks concurrently and in any order).
   *
   * With `prepare`, the caller first calls `prepare(chunk)` for every chunk in order (to copy the chunk's
   * input in, say) and workers run each chunk as soon as it is prepared, while the caller prepares the
   * next ones; then the caller runs chunks too.
   *
   * @throws `Error` when a chunk traps, or when a worker holds a chunk for a minute without finishing it;
   *   what `prepare` throws, once the chunks already claimed have run.
   */
  runChunks(
    name: string,
    chunks: number,
    args: readonly number[],
    threads: number,
    prepare?: (chunk: number) => void,
  ): void;
}

/**
 * The number of threads the kernels use unless told otherwise: the machine's available parallelism, at
 * most 8 (the kernels that use threads are bound by memory bandwidth well before that).
 */
export function defaultKernelThreads(): number {
  return Math.max(1, Math.min(8, availableParallelism()));
}

// The control block after the caller's memory (byte offsets from its start): the claim word (u64: job
// number << 32 | next chunk; next = 0xffffffff while the caller writes a job's description), chunks done,
// a failure flag, workers serving the kernel, jobs published (what sleeping workers wait on), then the
// description: function index, chunks, argument count, chunks ready (a chunk is run only below it: the
// caller may still be writing the input of later ones), and up to 32 arguments (f64).
const claimAt = 0;
const doneAt = 8;
const failedAt = 12;
const servingAt = 16;
const publishedAt = 20;
const functionAt = 24;
const chunksAt = 28;
const argumentCountAt = 32;
const readyAt = 36;
const helpersAllowedAt = 40;
const helpersJoinedAt = 44;
const argumentsAt = 48;
const maxArguments = 32;
const controlBytes = argumentsAt + 8 * maxArguments;
const writingDescription = 0xffffffffn;

// The worker's code: it instantiates each kernel it is sent; told to wake for one, it runs chunks of the
// kernel's jobs as they are published in the control block, sleeping on the claim word (Atomics.wait)
// between jobs, until none has come for a few milliseconds; then it goes back to its event loop. Plain
// JavaScript run with eval, so it loads the same way from TypeScript sources and from built files.
const workerSource = `
const { parentPort } = require("node:worker_threads");
const kernels = new Map();
function serve(kernel, lingerMs) {
  const { claim, words, functions } = kernel;
  Atomics.add(words, ${servingAt / 4}, 1);
  let until = performance.now() + lingerMs;
  for (;;) {
    const published = Atomics.load(words, ${publishedAt / 4});
    const word = Atomics.load(claim, 0);
    const job = word >> 32n;
    const next = word & 0xffffffffn;
    if (job !== kernel.lastJob && next !== ${writingDescription}n) {
      // A job takes as many workers as its caller asked for: the first ones to look at it.
      if (kernel.joinedJob !== job) {
        if (Atomics.add(words, ${helpersJoinedAt / 4}, 1) >= Atomics.load(words, ${helpersAllowedAt / 4})) {
          kernel.lastJob = job;
          continue;
        }
        kernel.joinedJob = job;
      }
      const chunks = Atomics.load(words, ${chunksAt / 4});
      if (next < BigInt(chunks)) {
        const run = functions[Atomics.load(words, ${functionAt / 4})];
        const args = Array.from(kernel.args.subarray(0, Atomics.load(words, ${argumentCountAt / 4})));
        // The claim succeeds only if the word is unchanged since the description was read.
        if (Atomics.compareExchange(claim, 0, word, word + 1n) !== word) continue;
        for (let ready = Atomics.load(words, ${readyAt / 4}); ready <= Number(next); ready = Atomics.load(words, ${readyAt / 4})) {
          Atomics.wait(words, ${readyAt / 4}, ready, 50);
        }
        try { run(Number(next), ...args); } catch { Atomics.store(words, ${failedAt / 4}, 1); }
        Atomics.add(words, ${doneAt / 4}, 1);
        Atomics.notify(words, ${doneAt / 4});
        until = performance.now() + lingerMs;
        continue;
      }
      kernel.lastJob = job;
      continue;
    }
    const left = until - performance.now();
    if (left <= 0) break;
    // Sleeps until the caller publishes the next job (read before the claim word: no wake-up is lost).
    Atomics.wait(words, ${publishedAt / 4}, published, left);
  }
  Atomics.sub(words, ${servingAt / 4}, 1);
}
parentPort.on("message", (message) => {
  if (message.type === "bind") {
    const exports = new WebAssembly.Instance(message.module, { env: { memory: message.memory } }).exports;
    const buffer = message.memory.buffer;
    kernels.set(message.id, {
      functions: Object.values(exports),
      claim: new BigUint64Array(buffer, message.controlAt + ${claimAt}, 1),
      words: new Int32Array(buffer, message.controlAt, ${argumentsAt / 4}),
      args: new Float64Array(buffer, message.controlAt + ${argumentsAt}, ${maxArguments}),
      lastJob: -1n,
      joinedJob: -1n,
    });
  } else if (message.type === "release") {
    kernels.delete(message.id);
  } else if (message.type === "wake") {
    const kernel = kernels.get(message.id);
    if (kernel !== undefined) serve(kernel, message.lingerMs);
  }
});
`;

/**
 * The process's kernel worker threads, started when first needed and never more than asked for. They are
 * `unref`'d: idle, they keep neither the process nor a test runner alive. Shared by every kernel, like the
 * machine's cores they stand for.
 */
const pool: { readonly workers: Worker[]; nextKernelId: number } = { workers: [], nextKernelId: 1 };

function workers(count: number): readonly Worker[] {
  while (pool.workers.length < count) {
    let worker: Worker;
    try {
      worker = new (loadWorkerThreads().Worker)(workerSource, { eval: true });
    } catch {
      break; // no worker threads here (a restricted runtime): the caller runs every chunk
    }
    worker.unref();
    // A worker that fails (it cannot start, say) only leaves its chunks to the caller.
    worker.on("error", () => undefined);
    pool.workers.push(worker);
  }
  return pool.workers.slice(0, count);
}

/** Tells the workers to drop their instance of a kernel the caller no longer holds. */
const releaseKernels = new FinalizationRegistry<{ readonly id: number; readonly workers: readonly Worker[] }>(
  ({ id, workers: held }) => {
    for (const worker of held) worker.postMessage({ type: "release", id });
  },
);

/**
 * How long a worker keeps watching a kernel for its next job after the last one (ms): the passes of one
 * solve follow each other within a millisecond or two, and a worker woken by a message takes 0.1 to a few
 * milliseconds to start.
 */
const defaultLingerMs = 5;

/** How long the caller waits for a claimed chunk before it gives up on the worker (ms). */
const stalledChunkMs = 60_000;

/**
 * Instantiates a module that imports its memory as `env.memory` (shared, at least `bytes` long) on a new
 * shared memory; worker threads get their own instances of it when a pass first asks for them. Returns
 * undefined where shared WebAssembly memory is unavailable (a browser page that is not cross-origin
 * isolated), so the caller uses its single-threaded path.
 *
 * @typeParam T - The instance's exports.
 * @param module - A compiled module (`compileWasm`) whose memory import is declared `shared`.
 * @param bytes - The memory the caller lays out, in bytes.
 * @returns The kernel, or undefined.
 */
export function instantiateSharedWasm<T>(module: object, bytes: number): SharedKernel<T> | undefined {
  const wasm = (globalThis as unknown as { WebAssembly: SharedWebAssemblyApi }).WebAssembly;
  const controlAt = Math.ceil(bytes / 16) * 16;
  const pages = Math.max(1, Math.ceil((controlAt + controlBytes) / 65536));
  let memory: { readonly buffer: ArrayBufferLike };
  let exports: T;
  try {
    memory = new wasm.Memory({ initial: pages, maximum: pages, shared: true });
    exports = new wasm.Instance(module, { env: { memory } }).exports as T;
  } catch {
    return undefined;
  }
  const buffer = memory.buffer;
  const claim = new BigUint64Array(buffer, controlAt + claimAt, 1);
  const words = new Int32Array(buffer, controlAt, argumentsAt / 4);
  const argumentSlots = new Float64Array(buffer, controlAt + argumentsAt, maxArguments);
  const functionNames = Object.keys(exports as object);
  const id = pool.nextKernelId++;
  // The workers holding an instance of this kernel (the first ones of the pool), told to drop it when the
  // kernel is collected.
  const bound: Worker[] = [];
  const release = { id, workers: bound };
  let job = 0;
  let lastCallerChunks = 0;
  const helpersFor = (threads: number): readonly Worker[] => {
    const helpers = threads > 1 ? workers(threads - 1) : [];
    for (const worker of helpers.slice(bound.length)) {
      worker.postMessage({ type: "bind", id, module, memory, controlAt });
      bound.push(worker);
    }
    return helpers;
  };
  const wakeHelpers = (helpers: readonly Worker[], lingerMs: number): void => {
    // Workers already serving this kernel see the next job without a message.
    const serving = Atomics.load(words, servingAt / 4);
    for (const worker of helpers.slice(serving)) worker.postMessage({ type: "wake", id, lingerMs });
  };
  const kernel: SharedKernel<T> = {
    exports,
    buffer,
    capacity: controlAt,
    owner: undefined,
    get callerChunks() {
      return lastCallerChunks;
    },
    wake(threads, lingerMs = defaultLingerMs) {
      wakeHelpers(helpersFor(threads), lingerMs);
    },
    runChunks(name, chunks, args, threads, prepare) {
      const index = functionNames.indexOf(name);
      const run = (exports as Record<string, (...values: number[]) => unknown>)[name];
      if (run === undefined || index < 0) throw new Error(`kernel function ${name} does not exist`);
      if (args.length > maxArguments) throw new Error(`kernel function ${name}: at most ${maxArguments} arguments`);
      const helpers = chunks > 1 ? helpersFor(Math.min(threads, chunks)) : [];
      job = (job + 1) % 2 ** 31;
      const tag = BigInt(job) << 32n;
      // Publish the job: mark the word while the description is written, so that a worker never claims a
      // chunk on a half-written description (its claim compares the whole word).
      Atomics.store(claim, 0, tag | writingDescription);
      Atomics.store(words, doneAt / 4, 0);
      Atomics.store(words, failedAt / 4, 0);
      Atomics.store(words, functionAt / 4, index);
      Atomics.store(words, chunksAt / 4, chunks);
      Atomics.store(words, argumentCountAt / 4, args.length);
      Atomics.store(words, readyAt / 4, prepare === undefined ? chunks : 0);
      Atomics.store(words, helpersAllowedAt / 4, helpers.length);
      Atomics.store(words, helpersJoinedAt / 4, 0);
      argumentSlots.set(args);
      Atomics.store(claim, 0, tag);
      if (helpers.length > 0) {
        Atomics.add(words, publishedAt / 4, 1);
        Atomics.notify(words, publishedAt / 4);
        wakeHelpers(helpers, defaultLingerMs);
      }
      let failed = false;
      let callerChunks = 0;
      let prepareError: unknown;
      if (prepare !== undefined) {
        try {
          for (let chunk = 0; chunk < chunks; chunk++) {
            prepare(chunk);
            Atomics.store(words, readyAt / 4, chunk + 1);
            Atomics.notify(words, readyAt / 4);
          }
        } catch (error) {
          prepareError = error;
          // Release the workers' claims; the chunks run on whatever input is there, and the error is thrown.
          Atomics.store(words, readyAt / 4, chunks);
          Atomics.notify(words, readyAt / 4);
        }
      }
      for (;;) {
        const word = Atomics.add(claim, 0, 1n);
        const chunk = Number(word & 0xffffffffn);
        if (chunk >= chunks) break;
        try {
          run(chunk, ...args);
        } catch {
          failed = true;
        }
        callerChunks++;
        Atomics.add(words, doneAt / 4, 1);
      }
      lastCallerChunks = callerChunks;
      for (let done = Atomics.load(words, doneAt / 4); done < chunks; done = Atomics.load(words, doneAt / 4)) {
        if (
          Atomics.wait(words, doneAt / 4, done, stalledChunkMs) === "timed-out" &&
          Atomics.load(words, doneAt / 4) === done
        ) {
          throw new Error(
            `a kernel worker held a chunk of ${name} for ${stalledChunkMs / 1000} s without finishing it`,
          );
        }
      }
      if (prepareError !== undefined) throw prepareError;
      if (failed || Atomics.load(words, failedAt / 4) !== 0)
        throw new Error(`kernel function ${name} failed on a chunk (a WebAssembly trap)`);
    },
  };
  releaseKernels.register(kernel, release);
  return kernel;
}

/** The last kernel made by {@link reusableSharedWasm} for each module, held weakly. */
const reusable = new WeakMap<object, WeakRef<SharedKernel<unknown>>>();

/**
 * Like {@link instantiateSharedWasm}, but hands out again the kernel last made for `module` while it is
 * alive and its memory large enough. Mapping fresh memory costs far more than copying into memory already
 * mapped (here about 0.7 ms per MB against 0.12 ms), so a solver that copies its data in reuses the memory
 * of the previous run; callers must check {@link SharedKernel.owner}.
 *
 * @typeParam T - The instance's exports.
 * @param module - A compiled module whose memory import is declared `shared`.
 * @param bytes - The memory the caller lays out, in bytes.
 * @returns The kernel, or undefined where shared WebAssembly memory is unavailable.
 */
export function reusableSharedWasm<T>(module: object, bytes: number): SharedKernel<T> | undefined {
  const last = reusable.get(module)?.deref() as SharedKernel<T> | undefined;
  if (last !== undefined && last.capacity >= bytes) return last;
  const kernel = instantiateSharedWasm<T>(module, bytes);
  if (kernel !== undefined) reusable.set(module, new WeakRef(kernel as SharedKernel<unknown>));
  return kernel;
}

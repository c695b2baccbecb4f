/**
 * The worker threads of one kernel binding (see {@link bindKernel}): started when a pass first asks for
 * them, never more than asked for, and ended by the binding's `dispose`. Each worker holds its own instance
 * of the kernel's module on the binding's shared memory and runs the chunks of the passes published in the
 * memory's control block (the claim protocol is described below, at the control block's layout and the worker's code).
 *
 * @packageDocumentation
 */
import { createRequire } from "node:module";
import type { Worker } from "node:worker_threads";

/** Loads `node:worker_threads` when the first worker starts, so importing the engine does not load it. */
const loadWorkerThreads = (): typeof import("node:worker_threads") =>
  createRequire(import.meta.url)("node:worker_threads") as typeof import("node:worker_threads");

// The control block after the caller's memory (byte offsets from its start): the ticket word (i32: each
// claim of a chunk takes the next ticket; a job's chunks are the tickets [base, base + chunks), modulo
// 2^32), the job number (i32; -1 while the caller writes a job's description), chunks done, a failure
// flag, workers serving the kernel, jobs published (what sleeping workers wait on), then the description:
// function index, chunks, argument count, chunks ready (a chunk is run only below it: the caller may still
// be writing the input of later ones), helpers allowed and joined, the job's first ticket, and up to 32
// arguments (f64). Every word is 32 bits, so that claiming a chunk allocates nothing (64-bit Atomics
// return BigInts, allocated on the heap).
/** Byte offsets of the control block's words. */
export const control = {
  ticketAt: 0,
  jobAt: 4,
  doneAt: 8,
  failedAt: 12,
  servingAt: 16,
  publishedAt: 20,
  functionAt: 24,
  chunksAt: 28,
  argumentCountAt: 32,
  readyAt: 36,
  helpersAllowedAt: 40,
  helpersJoinedAt: 44,
  baseAt: 48,
  argumentsAt: 56,
  maxArguments: 32,
  bytes: 56 + 8 * 32,
  writingDescription: -1,
} as const;

const c = control;

/**
 * The name of the binding's own job that maps pages of the memory ahead of a copy (`KernelBinding.copyIn`):
 * its chunk `chunk` writes a zero to the first byte of each 4 KiB page in `[from + chunk size, from +
 * (chunk + 1) size)` below `end`, and to the byte before `end` (a fresh page costs the operating system a
 * fault on its first write). Its function index is the module's export count.
 */
export const faultPagesJob = "(fault pages in)";

/** The fault job's body in the worker's source (a string: the worker runs from eval); faultPagesOn on the caller. */
const faultPagesSource = `(chunk, from, size, end) => {
  const bytes = new Uint8Array(buffer);
  const stop = Math.min(end, from + (chunk + 1) * size);
  for (let at = from + chunk * size; at < stop; at += 4096) bytes[at] = 0;
  if (stop > from + chunk * size) bytes[stop - 1] = 0;
}`;

/** The fault job on the caller's thread, on `buffer`. */
export function faultPagesOn(buffer: ArrayBufferLike): (...args: number[]) => void {
  const bytes = new Uint8Array(buffer);
  return (chunk = 0, from = 0, size = 0, end = 0) => {
    const stop = Math.min(end, from + (chunk + 1) * size);
    for (let at = from + chunk * size; at < stop; at += 4096) bytes[at] = 0;
    if (stop > from + chunk * size) bytes[stop - 1] = 0;
  };
}

// The worker's code: it instantiates the kernel it is sent; told to wake, it runs chunks of the kernel's
// jobs as they are published in the control block, sleeping on the jobs-published word (Atomics.wait)
// between jobs, until none has come for a few milliseconds; then it goes back to its event loop. It reads a
// job's description once per job (checked by reading the job number again after it, as the caller marks
// the number while it writes), and claims a chunk with a compare-exchange of the ticket word: that succeeds
// only while the ticket is still one of the job's, and the caller publishes the next job only after every
// ticket of this one is taken, so a claim can never take a chunk of another job (short of 2^32 claims
// while this thread sleeps between its read and its exchange). Nothing is allocated per chunk. Plain
// JavaScript run with eval, so it loads the same way from TypeScript sources and from built files.
const workerSource = `
const { parentPort } = require("node:worker_threads");
let kernel;
// Calls run(chunk, ...arguments) from a reused array with the arguments in place, one function per argument
// count: Function.prototype.apply and spread calls box the array's doubles, a direct call does not.
const invokers = [];
function invoker(count) {
  if (invokers[count] === undefined) {
    const listed = Array.from({ length: count + 1 }, (_, i) => "call[" + i + "]").join(", ");
    invokers[count] = new Function("run", "call", "return run(" + listed + ");");
  }
  return invokers[count];
}
// Reads the description of job number job into kernel; false when the caller has started another job meanwhile.
function describe(job) {
  const { words, args } = kernel;
  const count = Atomics.load(words, ${c.argumentCountAt / 4});
  const call = kernel.calls[count] ?? (kernel.calls[count] = new Array(count + 1).fill(0));
  for (let i = 0; i < count; i++) call[i + 1] = args[i];
  kernel.call = call;
  kernel.invoke = invoker(count);
  kernel.run = kernel.functions[Atomics.load(words, ${c.functionAt / 4})];
  kernel.chunks = Atomics.load(words, ${c.chunksAt / 4});
  kernel.base = Atomics.load(words, ${c.baseAt / 4});
  if (Atomics.load(words, ${c.jobAt / 4}) !== job) return false;
  kernel.describedJob = job;
  return true;
}
function serve(lingerMs) {
  const { words } = kernel;
  Atomics.add(words, ${c.servingAt / 4}, 1);
  let until = performance.now() + lingerMs;
  let worked = false;
  for (;;) {
    const published = Atomics.load(words, ${c.publishedAt / 4});
    const job = Atomics.load(words, ${c.jobAt / 4});
    if (job !== kernel.lastJob && job !== ${c.writingDescription}) {
      // A job takes as many workers as its caller asked for: the first ones to look at it.
      if (kernel.joinedJob !== job) {
        if (Atomics.add(words, ${c.helpersJoinedAt / 4}, 1) >= Atomics.load(words, ${c.helpersAllowedAt / 4})) {
          kernel.lastJob = job;
          continue;
        }
        kernel.joinedJob = job;
      }
      if (kernel.describedJob !== job && !describe(job)) continue;
      const ticket = Atomics.load(words, ${c.ticketAt / 4});
      const chunk = (ticket - kernel.base) >>> 0;
      if (chunk < kernel.chunks) {
        if (Atomics.compareExchange(words, ${c.ticketAt / 4}, ticket, (ticket + 1) | 0) !== ticket) continue;
        for (let ready = Atomics.load(words, ${c.readyAt / 4}); ready <= chunk; ready = Atomics.load(words, ${c.readyAt / 4})) {
          Atomics.wait(words, ${c.readyAt / 4}, ready, 50);
        }
        const call = kernel.call;
        call[0] = chunk;
        try { kernel.invoke(kernel.run, call); } catch { Atomics.store(words, ${c.failedAt / 4}, 1); }
        Atomics.add(words, ${c.doneAt / 4}, 1);
        Atomics.notify(words, ${c.doneAt / 4});
        worked = true;
        continue;
      }
      kernel.lastJob = job;
      continue;
    }
    // The linger counts from the last chunk run: the clock is read once idle, not after every chunk.
    const now = performance.now();
    if (worked) {
      until = now + lingerMs;
      worked = false;
    }
    const left = until - now;
    if (left <= 0) break;
    // Sleeps until the caller publishes the next job (read before the job number: no wake-up is lost).
    Atomics.wait(words, ${c.publishedAt / 4}, published, left);
  }
  Atomics.sub(words, ${c.servingAt / 4}, 1);
}
parentPort.on("message", (message) => {
  if (message.type === "bind") {
    const exports = new WebAssembly.Instance(message.module, { env: { memory: message.memory } }).exports;
    const buffer = message.memory.buffer;
    kernel = {
      // The kernel's functions, then the binding's own job that maps pages (faultPagesJob, index = exports).
      functions: [...Object.values(exports), ${faultPagesSource}],
      words: new Int32Array(buffer, message.controlAt, ${c.argumentsAt / 4}),
      args: new Float64Array(buffer, message.controlAt + ${c.argumentsAt}, ${c.maxArguments}),
      // The last job this worker has left (every chunk taken, or refused), the one it joined, the one
      // whose description it holds (function, call arguments by count, chunks and first ticket).
      lastJob: -2,
      joinedJob: -2,
      describedJob: -2,
      calls: [],
      call: undefined,
      run: undefined,
      invoke: undefined,
      chunks: 0,
      base: 0,
    };
  } else if (message.type === "wake" && kernel !== undefined) {
    serve(message.lingerMs);
  }
});
`;

/** What the workers are bound to: the module, its shared memory and where the control block starts. */
export interface WorkerBinding {
  /** The compiled module. */
  readonly module: object;
  /** The shared `WebAssembly.Memory`. */
  readonly memory: object;
  /** The control block's byte offset. */
  readonly controlAt: number;
}

/**
 * The worker threads of one binding. They are `unref`'d (idle, they keep neither the process nor a test
 * runner alive) and ended by {@link KernelWorkers.terminate}.
 */
export class KernelWorkers {
  private readonly started: Worker[] = [];
  private running = 0;
  private binding: WorkerBinding | undefined;

  /** Workers started and not yet exited. */
  get live(): number {
    return this.running;
  }

  /** Binds every worker started so far, and those started later, to `binding` (a new memory, say). */
  bind(binding: WorkerBinding): void {
    this.binding = binding;
    for (const worker of this.started) worker.postMessage({ type: "bind", ...binding });
  }

  /** The first `count` workers, started (and bound) now where fewer are running. */
  take(count: number): readonly Worker[] {
    while (this.started.length < count) {
      let worker: Worker;
      try {
        worker = new (loadWorkerThreads().Worker)(workerSource, { eval: true });
      } catch {
        break; // no worker threads here (a restricted runtime): the caller runs every chunk
      }
      worker.unref();
      // A worker that fails (it cannot start, say) only leaves its chunks to the caller.
      worker.on("error", () => undefined);
      this.running++;
      worker.once("exit", () => this.running--);
      if (this.binding !== undefined) worker.postMessage({ type: "bind", ...this.binding });
      this.started.push(worker);
    }
    return this.started.slice(0, count);
  }

  /** Tells `workers` to watch the control block for jobs for `lingerMs`. */
  wake(workers: readonly Worker[], lingerMs: number): void {
    for (const worker of workers) worker.postMessage({ type: "wake", lingerMs });
  }

  /** Ends every worker (they exit once they finish what they are running). */
  terminate(): void {
    for (const worker of this.started.splice(0)) void worker.terminate();
  }
}

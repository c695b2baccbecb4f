/**
 * One chunked pass of a kernel on shared memory (the protocol of {@link bindKernel}'s `runChunks`): the
 * caller publishes the job in the memory's control block, the workers it allows and the caller claim its
 * chunks one at a time, and the caller waits for the chunks that workers claimed.
 *
 * @packageDocumentation
 */
import type { Worker } from "node:worker_threads";
import type { KernelInstance } from "./kernel-pool.js";
import { control as c, faultPagesJob, faultPagesOn } from "./kernel-workers.js";

/** How long a worker keeps watching for the next job after the last one (ms). */
export const defaultLingerMs = 5;

/** How long the caller waits for a claimed chunk before it gives up on the worker (ms). */
const stalledChunkMs = 60_000;

/** The part of Node's `process` read here (absent in a browser). */
interface CpuUsageSource {
  cpuUsage(): { readonly user: number; readonly system: number };
}

const nodeProcess = (globalThis as { process?: Partial<CpuUsageSource> }).process;

/**
 * Milliseconds of the process's CPU time where Node gives it, else of wall-clock time. A pass's CPU time is
 * what the work costs whatever else the machine runs (on a loaded machine its wall time is several times
 * longer, and so is a worker's start-up), so the start policy decides the same way under load. It is the
 * whole process's time: other threads busy during a pass make the workers start a little sooner.
 */
export const passClockMs: () => number =
  typeof nodeProcess?.cpuUsage === "function"
    ? () => {
        const { user, system } = (nodeProcess as CpuUsageSource).cpuUsage();
        return (user + system) / 1000;
      }
    : () => performance.now();

/** What a pass tells its binding, also when it throws: chunks run by the caller, time spent in `prepare`. */
export interface PassOutcome {
  callerChunks: number;
  preparingMs: number;
}

/** Tells `helpers` to watch `kernel`'s jobs for `lingerMs`; those already serving it see them anyway. */
export function wakeWorkers(kernel: KernelInstance, helpers: readonly Worker[], lingerMs: number): void {
  const serving = Atomics.load(kernel.words as Int32Array, c.servingAt / 4);
  kernel.workers?.wake(helpers.slice(serving), lingerMs);
}

/**
 * Runs `kernel.exports[name](chunk, ...args)` for every chunk (see `KernelBinding.runChunks`), with the
 * workers `takeHelpers` gives (asked only for a pass of several chunks on shared memory), and writes the
 * caller's share and the time in `prepare` (on {@link passClockMs}, when `timePrepare`) to `outcome`.
 */
export function runPass(
  kernel: KernelInstance,
  name: string,
  chunks: number,
  args: readonly number[],
  takeHelpers: () => readonly Worker[],
  prepare: ((chunk: number) => void) | undefined,
  timePrepare: boolean,
  outcome: PassOutcome,
): void {
  const { exports, words, argumentSlots } = kernel;
  const faulting = name === faultPagesJob;
  const run = faulting ? faultPagesOn(kernel.memory.buffer) : exports[name];
  if (typeof run !== "function") throw new Error(`kernel function ${name} does not exist`);
  if (args.length > c.maxArguments) throw new Error(`kernel function ${name}: at most ${c.maxArguments} arguments`);
  if (words === undefined || argumentSlots === undefined) {
    for (let chunk = 0; chunk < chunks; chunk++) {
      prepare?.(chunk);
      run(chunk, ...args);
    }
    outcome.callerChunks = chunks;
    return;
  }
  const helpers = chunks > 1 ? takeHelpers() : [];
  // Job numbers continue those of the memory's earlier bindings (a pooled instance), so that a worker
  // never takes a new job for one it has finished.
  const job = (Atomics.load(words, c.jobAt / 4) + 1) % 2 ** 31;
  // Publish the job: mark the job number while the description is written, so that a worker never runs a
  // chunk on a half-written description (it reads the number again after the description). The job's
  // tickets start at the ticket word's value: every ticket of the last job is taken (it has finished), and
  // the word moves only by claims, so a worker holding an earlier job's description finds no ticket of it.
  Atomics.store(words, c.jobAt / 4, c.writingDescription);
  Atomics.store(words, c.doneAt / 4, 0);
  Atomics.store(words, c.failedAt / 4, 0);
  const names = Object.keys(exports);
  Atomics.store(words, c.functionAt / 4, faulting ? names.length : names.indexOf(name));
  Atomics.store(words, c.chunksAt / 4, chunks);
  Atomics.store(words, c.argumentCountAt / 4, args.length);
  Atomics.store(words, c.readyAt / 4, prepare === undefined ? chunks : 0);
  Atomics.store(words, c.helpersAllowedAt / 4, helpers.length);
  Atomics.store(words, c.helpersJoinedAt / 4, 0);
  const base = Atomics.load(words, c.ticketAt / 4);
  Atomics.store(words, c.baseAt / 4, base);
  argumentSlots.set(args);
  Atomics.store(words, c.jobAt / 4, job);
  if (helpers.length > 0) {
    Atomics.add(words, c.publishedAt / 4, 1);
    Atomics.notify(words, c.publishedAt / 4);
    wakeWorkers(kernel, helpers, defaultLingerMs);
  }
  let failed = false;
  let callerChunks = 0;
  let prepareError: unknown;
  if (prepare !== undefined) {
    const preparing = timePrepare ? passClockMs() : 0;
    try {
      for (let chunk = 0; chunk < chunks; chunk++) {
        prepare(chunk);
        Atomics.store(words, c.readyAt / 4, chunk + 1);
        Atomics.notify(words, c.readyAt / 4);
      }
    } catch (error) {
      prepareError = error;
      // Release the workers' claims; the chunks run on whatever input is there, and the error is thrown.
      Atomics.store(words, c.readyAt / 4, chunks);
      Atomics.notify(words, c.readyAt / 4);
    }
    if (timePrepare) outcome.preparingMs = passClockMs() - preparing;
  }
  for (;;) {
    const chunk = (Atomics.add(words, c.ticketAt / 4, 1) - base) >>> 0;
    if (chunk >= chunks) break;
    try {
      run(chunk, ...args);
    } catch {
      failed = true;
    }
    callerChunks++;
    Atomics.add(words, c.doneAt / 4, 1);
  }
  outcome.callerChunks = callerChunks;
  for (let done = Atomics.load(words, c.doneAt / 4); done < chunks; done = Atomics.load(words, c.doneAt / 4)) {
    const waited = Atomics.wait(words, c.doneAt / 4, done, stalledChunkMs);
    if (waited === "timed-out" && Atomics.load(words, c.doneAt / 4) === done) {
      throw new Error(`a kernel worker held a chunk of ${name} for ${stalledChunkMs / 1000} s without finishing it`);
    }
  }
  if (prepareError !== undefined) throw prepareError;
  if (failed || Atomics.load(words, c.failedAt / 4) !== 0)
    throw new Error(`kernel function ${name} failed on a chunk (a WebAssembly trap)`);
}

/** Bytes of a page of the operating system's memory (the unit of its faults). */
const pageBytes = 4096;

/**
 * Copies `bytes` to `kernel`'s memory at `at` (`KernelBinding.copyIn`): with `helpers`, the caller copies the
 * first `1/T` of them in 64 slices while the `T - 1` helpers map the pages of the rest, a slice of pages
 * per slice copied (the pass's `prepare`), then the caller copies the rest into mapped pages. Helpers that
 * have not booted yet leave their slices to the caller, which then maps them itself, as a plain copy would.
 * Writes the slices the caller mapped to `outcome` (0 for a plain copy).
 */
export function copyWithHelpers(
  kernel: KernelInstance,
  at: number,
  bytes: Uint8Array,
  helpers: readonly Worker[],
  outcome: PassOutcome,
): void {
  const target = new Uint8Array(kernel.memory.buffer, at, bytes.length);
  if (helpers.length === 0) {
    target.set(bytes);
    outcome.callerChunks = 0;
    return;
  }
  const slices = 64;
  const split = Math.min(bytes.length, Math.ceil(bytes.length / (helpers.length + 1) / pageBytes) * pageBytes);
  const callerSlice = Math.ceil(split / slices);
  const faultSlice = Math.ceil((bytes.length - split) / slices / pageBytes) * pageBytes;
  const copySlice = (slice: number): void => {
    const from = Math.min(split, slice * callerSlice);
    target.set(bytes.subarray(from, Math.min(split, from + callerSlice)), from);
  };
  const args = [at + split, faultSlice, at + bytes.length];
  runPass(kernel, faultPagesJob, slices, args, () => helpers, copySlice, false, outcome);
  target.set(bytes.subarray(split), split);
}

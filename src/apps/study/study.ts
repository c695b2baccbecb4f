import { availableParallelism } from "node:os";
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { InvalidOptionError } from "../../index.js";
import { defineStudy } from "./define-study.js";
import { distanceToSolution } from "./distance-to-solution.js";
import { executeRun, failedRun } from "./execute-run.js";
import { LocalPool } from "./local-pool.js";
import { defaultStudyTolerances, planStudy } from "./plan-study.js";
import { ProgressTracker } from "./progress-tracker.js";
import { runOnRedis } from "./redis-coordinator.js";
import { StudyDatabase } from "./study-database.js";
import type { StudyOptions, StudyOutcome } from "./study-options.js";
import { loadStudySource, portableSource } from "./study-source.js";
import type { StudySource } from "./study-source.js";
import type { StudyDefinition, StudyRun, StudyRunSpec } from "./types.js";
import { integerAtLeast, isFunction, optional, validateStrictOptions } from "../../engine/internals.js";
import type { OptionRule, OptionSchemaOf } from "../../engine/internals.js";

const text: OptionRule = { expected: "a non-empty string", test: (v) => typeof v === "string" && v.length > 0 };
const signalRule: OptionRule = { expected: "an AbortSignal", test: (v) => v instanceof AbortSignal };
const optionRules = {
  database: text,
  workers: optional(integerAtLeast(0, 1024)),
  redis: optional(text),
  queue: optional(text),
  maxAttempts: optional(integerAtLeast(1, 100)),
  onProgress: optional(isFunction),
  signal: optional(signalRule),
} satisfies OptionSchemaOf<StudyOptions>;

/**
 * Runs a study: every method configuration on every problem with every seed, each an ordinary `solve` run
 * recorded as one row of a SQLite database. Runs already recorded there are never run again, so an
 * interrupted study (a signal, Ctrl-C, `kill -9`, a power cut) resumes where it stopped.
 *
 * @remarks Runs go to a local pool of worker threads (all cores by default), to this thread
 * (`workers: 0`), or with `redis` to BullMQ for `iterlab worker` processes on any number of machines. Each
 * result is written in a transaction under the run's unique key (method, problem, options, seed), and a key
 * is written at most once, so a run is never lost or recorded twice whatever fails. A run that throws is
 * recorded as `failed` with its message; a run whose worker dies is retried up to `maxAttempts` times and
 * then recorded as failed. Each run's seed is its own, so a run gives the same bits wherever it runs.
 * @param source - The study: a definition object (runs in this thread only), `{ file }` for a JSON/YAML study
 *   file, or `{ module, export }` for a module that exports a {@link defineStudy} definition.
 * @param options - The database, the workers or Redis, progress and stop signal.
 * @returns What was run and recorded.
 * @throws `InvalidOptionError` for unknown or invalid options, or a pool asked for a definition
 *   object; what {@link defineStudy} throws; an Error when the database holds another study.
 * @example
 * ```ts
 * const outcome = await study({ module: import.meta.url, export: "rootStudy" }, { database: "roots.sqlite" });
 * console.log(`${outcome.done} runs done, ${outcome.failed} failed`);
 * ```
 */
export async function study<P>(source: StudyDefinition<P> | StudySource, options: StudyOptions): Promise<StudyOutcome> {
  if (source === null || typeof source !== "object")
    throw new InvalidOptionError("source", "a study definition, { file } or { module, export }", source);
  validateStrictOptions(options, optionRules, "study");
  const portable = "methods" in source ? undefined : portableSource(source as StudySource);
  const definition = (
    portable === undefined ? defineStudy(source as StudyDefinition<P>) : await loadStudySource(portable)
  ) as StudyDefinition<unknown>;
  const workers = options.workers ?? (portable === undefined ? 0 : availableParallelism());
  if (portable === undefined && (workers > 0 || options.redis !== undefined)) {
    throw new InvalidOptionError(
      options.redis === undefined ? "workers" : "redis",
      "used with a study given as { file } or { module, export } (workers build the solvers themselves)",
      options.redis ?? workers,
    );
  }
  const started = performance.now();
  const database = new StudyDatabase(options.database);
  try {
    const plan = planStudy(definition);
    database.describe({
      name: definition.name,
      errorName: (definition.error ?? distanceToSolution()).name,
      tolerances: definition.tolerances ?? defaultStudyTolerances,
      planned: plan.length,
    });
    const recorded = database.recordedKeys();
    const pending = plan.filter((spec) => !recorded.has(spec.key));
    const counts = database.counts();
    const tracker = new ProgressTracker(plan.length, counts.done, counts.failed, options.onProgress);
    const record = (rows: readonly StudyRun[]) => {
      database.record(rows);
      const failed = rows.filter((row) => row.status === "failed").length;
      tracker.add(rows.length - failed, failed);
    };
    const signal = options.signal;
    const maxAttempts = options.maxAttempts ?? 3;
    if (options.redis !== undefined && portable !== undefined) {
      await runOnRedis({
        url: options.redis,
        queue: options.queue ?? "iterlab-study",
        source: portable,
        pending,
        maxAttempts,
        record,
        signal,
      });
    } else if (workers === 0) {
      await runInThread(definition, pending, record, signal);
    } else if (portable !== undefined) {
      await runOnPool(new LocalPool(portable, workers), pending, maxAttempts, record, signal);
    }
    const final = database.counts();
    return {
      name: definition.name,
      total: plan.length,
      resumed: recorded.size,
      recorded: tracker.recorded,
      done: final.done,
      failed: final.failed,
      interrupted: final.done + final.failed < plan.length,
      elapsedMs: performance.now() - started,
    };
  } finally {
    database.close();
  }
}

async function runInThread(
  definition: StudyDefinition<unknown>,
  pending: readonly StudyRunSpec[],
  record: (rows: readonly StudyRun[]) => void,
  signal: AbortSignal | undefined,
): Promise<void> {
  let lastYield = performance.now();
  for (const spec of pending) {
    if (signal?.aborted) return;
    record([executeRun(definition, spec)]);
    // Lets the signal, progress output and other callbacks in between runs, about every 20 ms.
    if (performance.now() - lastYield > 20) {
      await yieldToEventLoop();
      lastYield = performance.now();
    }
  }
}

async function runOnPool(
  pool: LocalPool,
  pending: readonly StudyRunSpec[],
  maxAttempts: number,
  record: (rows: readonly StudyRun[]) => void,
  signal: AbortSignal | undefined,
): Promise<void> {
  // Chunks amortise the message passing (a few hundred microseconds a task) over many tiny runs; they shrink
  // as the study nears its end (guided scheduling: a quarter of each thread's share of what is left), so that
  // the threads finish together instead of one running a last big chunk while the others wait.
  let next = 0;
  const retries: Chunk[] = [];
  const take = (): Chunk | undefined => {
    if (retries.length > 0) return retries.shift();
    if (next >= pending.length) return undefined;
    const size = Math.max(1, Math.min(64, Math.ceil((pending.length - next) / (pool.threads * 4))));
    next += size;
    return { specs: pending.slice(next - size, next), attempts: 1 };
  };
  const inFlight = new Set<Promise<void>>();
  const dispatch = (chunk: Chunk): Promise<void> =>
    pool.run(chunk.specs, chunk.attempts).then(record, (error: unknown) => {
      // The thread died: retry each run of the chunk alone, then record it as failed.
      const message = error instanceof Error ? error.message : String(error);
      for (const spec of chunk.specs) {
        if (chunk.attempts < maxAttempts) retries.push({ specs: [spec], attempts: chunk.attempts + 1 });
        else record([failedRun(spec, `worker died on every try (${chunk.attempts}): ${message}`, chunk.attempts)]);
      }
    });
  try {
    while (next < pending.length || retries.length > 0 || inFlight.size > 0) {
      while (inFlight.size < pool.threads * LocalPool.tasksPerThread && !signal?.aborted) {
        const chunk = take();
        if (chunk === undefined) break;
        const task = dispatch(chunk);
        inFlight.add(task);
        void task.finally(() => inFlight.delete(task));
      }
      if (inFlight.size === 0) break;
      await Promise.race(inFlight);
    }
  } finally {
    await pool.close();
  }
}

/** Runs handed to a pool thread as one task, and how many times they have been tried. */
interface Chunk {
  readonly specs: readonly StudyRunSpec[];
  readonly attempts: number;
}

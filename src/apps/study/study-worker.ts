import { InvalidOptionError } from "../../index.js";
import { importOptionalPart } from "../../engine/internals.js";
import { executeRun } from "./execute-run.js";
import type { StudyJobData } from "./redis-coordinator.js";
import { redisConnection } from "./redis-connection.js";
import { runToJson } from "./run-json.js";
import { loadStudySource } from "./study-source.js";
import type { StudyDefinition } from "./types.js";
import { integerAtLeast, optional, validateStrictOptions } from "../../engine/internals.js";
import type { OptionRule, OptionSchemaOf } from "../../engine/internals.js";

/** Options of {@link studyWorker}. */
export interface StudyWorkerOptions {
  /** The Redis URL the studies enqueue on, `redis://host:6379`. */
  readonly redis: string;
  /**
   * The BullMQ queue's name (the study's `queue` option).
   * @defaultValue `iterlab-study`
   */
  readonly queue?: string | undefined;
  /**
   * Runs at once in this process, an integer >= 1 (runs are synchronous, so more than 1 only overlaps the
   * Redis round trips; start one worker process per core instead).
   * @defaultValue `1`
   */
  readonly concurrency?: number | undefined;
  /**
   * How long a run's lock lasts without renewal, in milliseconds, an integer >= 100: a worker that dies
   * mid-run is noticed (its run stalls and is retried elsewhere) about this long after. It must exceed the
   * longest run, since a synchronous run cannot renew its lock.
   * @defaultValue `30000`
   */
  readonly lockDurationMs?: number | undefined;
  /**
   * How often this worker checks for stalled runs, in milliseconds, an integer >= 100.
   * @defaultValue `5000`
   */
  readonly stalledIntervalMs?: number | undefined;
  /**
   * How many times a run may stall (its worker died) before it is failed for good, an integer >= 0: a
   * poison run that always crashes its worker ends as a recorded failure after `maxStalls + 1` tries.
   * @defaultValue `2`
   */
  readonly maxStalls?: number | undefined;
  /**
   * Stops the worker: the run in progress finishes, then it closes.
   * @defaultValue none
   */
  readonly signal?: AbortSignal | undefined;
}

const text: OptionRule = { expected: "a non-empty string", test: (v) => typeof v === "string" && v.length > 0 };
const rules = {
  redis: text,
  queue: optional(text),
  concurrency: optional(integerAtLeast(1, 1024)),
  lockDurationMs: optional(integerAtLeast(100)),
  stalledIntervalMs: optional(integerAtLeast(100)),
  maxStalls: optional(integerAtLeast(0, 100)),
  signal: optional({ expected: "an AbortSignal", test: (v) => v instanceof AbortSignal }),
} satisfies OptionSchemaOf<StudyWorkerOptions>;

/**
 * Runs study jobs from Redis until stopped: `iterlab worker --redis <url>` on any machine. Each job is one
 * run, built from the study's file text or module (loaded once per study) and run with `solve`; its row
 * goes back through Redis to the study's coordinator, which writes it into the database.
 *
 * @param options - The Redis URL, queue, concurrency, lock and stall settings, stop signal.
 * @returns A Promise that resolves with the number of runs this worker completed once the signal stops it.
 * @throws `InvalidOptionError` for unknown or invalid options.
 * @example
 * ```ts
 * const controller = new AbortController();
 * process.on("SIGINT", () => controller.abort());
 * await studyWorker({ redis: "redis://127.0.0.1:6379", signal: controller.signal });
 * ```
 */
export async function studyWorker(options: StudyWorkerOptions): Promise<number> {
  if (options === null || typeof options !== "object")
    throw new InvalidOptionError("options", "an object { redis }", options);
  validateStrictOptions(options, rules, "studyWorker");
  const { Worker } = await importOptionalPart("studyQueue", () => import("bullmq"));
  const definitions = new Map<string, Promise<StudyDefinition>>();
  let completed = 0;
  const worker = new Worker<StudyJobData, string>(
    options.queue ?? "iterlab-study",
    async (job) => {
      const key = JSON.stringify(job.data.source);
      let definition = definitions.get(key);
      if (definition === undefined) {
        definition = loadStudySource(job.data.source);
        definitions.set(key, definition);
      }
      const row = executeRun(await definition, job.data.spec, Math.max(1, job.attemptsStarted));
      completed++;
      return runToJson(row);
    },
    {
      connection: redisConnection(options.redis),
      concurrency: options.concurrency ?? 1,
      lockDuration: options.lockDurationMs ?? 30_000,
      stalledInterval: options.stalledIntervalMs ?? 5000,
      maxStalledCount: options.maxStalls ?? 2,
    },
  );
  const { signal } = options;
  await new Promise<void>((resolve) => {
    if (signal === undefined) return;
    if (signal.aborted) resolve();
    else signal.addEventListener("abort", () => resolve(), { once: true });
  });
  await worker.close();
  return completed;
}

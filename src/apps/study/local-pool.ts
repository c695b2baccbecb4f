import { createRequire } from "node:module";
import type { Piscina } from "piscina";
import { requireOptionalPart } from "../../engine/internals.js";
import type { PoolTask, PoolWorkerData } from "./pool-worker.js";
import type { StudySource } from "./study-source.js";
import type { StudyRun, StudyRunSpec } from "./types.js";

/**
 * The local worker pool: worker threads (piscina) that each load the study once and run chunks of runs.
 * Under tsx (the sources, in tests), the threads register tsx's hooks first (pool-worker-tsx.mjs).
 */
export class LocalPool {
  /** Tasks handed to a thread at once: the one it runs and the next. */
  static readonly tasksPerThread = 2;
  private readonly pool: Piscina;

  constructor(
    private readonly source: StudySource,
    readonly threads: number,
  ) {
    const typescript = import.meta.url.endsWith(".ts");
    const filename = new URL(typescript ? "./pool-worker-tsx.mjs" : "./pool-worker.js", import.meta.url).href;
    // piscina is an optional peer dependency, loaded when a study first runs on threads.
    const pool = requireOptionalPart(
      "studyPool",
      () => (createRequire(import.meta.url)("piscina") as { Piscina: typeof Piscina }).Piscina,
    );
    this.pool = new pool({
      filename,
      name: "runStudyChunk",
      minThreads: threads,
      maxThreads: threads,
      idleTimeout: 60_000,
      // Two tasks per thread: a thread that finishes a chunk starts the next one at once instead of waiting
      // for the coordinator's thread (busy recording, or not scheduled on a loaded machine) to hand it one.
      concurrentTasksPerWorker: LocalPool.tasksPerThread,
      workerData: { source } satisfies PoolWorkerData,
    });
  }

  /** Runs a chunk on a free thread; rejects when the thread died (the runs themselves never throw). */
  run(specs: readonly StudyRunSpec[], attempts: number): Promise<StudyRun[]> {
    const task: PoolTask = { source: this.source, specs, attempts };
    return this.pool.run(task) as Promise<StudyRun[]>;
  }

  /** Stops the threads. */
  async close(): Promise<void> {
    await this.pool.destroy();
  }
}

import { createHash } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { importOptionalPart } from "../../engine/internals.js";
import { failedRun } from "./execute-run.js";
import { redisConnection } from "./redis-connection.js";
import { runFromJson } from "./run-json.js";
import type { StudySource } from "./study-source.js";
import type { StudyRun, StudyRunSpec } from "./types.js";

/** The data of one BullMQ job: a run and where to load its study from. */
export interface StudyJobData {
  /** Where the worker loads the study from (a study file's text travels with it). */
  readonly source: StudySource;
  /** The run. */
  readonly spec: StudyRunSpec;
}

/** What {@link runOnRedis} needs. */
export interface RedisRunInput {
  readonly url: string;
  readonly queue: string;
  readonly source: StudySource;
  readonly pending: readonly StudyRunSpec[];
  readonly maxAttempts: number;
  readonly record: (rows: readonly StudyRun[]) => void;
  readonly signal: AbortSignal | undefined;
}

/** A job's id: a hash of the run's key, so that enqueuing a run twice (a resumed study) adds it once. */
export function jobId(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

/**
 * Enqueues a study's pending runs on BullMQ and collects their results into the database as workers finish
 * them: completed jobs carry their row, jobs failed for good (a worker that died on every try, detected by
 * BullMQ's stalled-job check) become failed rows. A job is removed from Redis only after its row is
 * committed, and a row's key is written once, so a coordinator killed at any point loses nothing and
 * records nothing twice when it is started again.
 */
export async function runOnRedis(input: RedisRunInput): Promise<void> {
  const { Queue } = await importOptionalPart("studyQueue", () => import("bullmq"));
  const queue = new Queue<StudyJobData>(input.queue, { connection: redisConnection(input.url) });
  try {
    const waiting = new Set(input.pending.map((spec) => spec.key));
    const specs = new Map(input.pending.map((spec) => [jobId(spec.key), spec]));
    for (let start = 0; start < input.pending.length; start += 500) {
      const jobs = input.pending.slice(start, start + 500).map((spec) => ({
        name: "run",
        data: { source: input.source, spec },
        opts: { jobId: jobId(spec.key), attempts: input.maxAttempts, removeOnComplete: false, removeOnFail: false },
      }));
      await queue.addBulk(jobs);
    }
    let idle = 5;
    do {
      if (input.signal?.aborted) return;
      const jobs = await queue.getJobs(["completed", "failed"], 0, 999, true);
      const rows: StudyRun[] = [];
      for (const job of jobs) {
        if (job.finishedOn === undefined) continue;
        const spec = specs.get(job.id ?? "") ?? job.data.spec;
        if (typeof job.returnvalue === "string") {
          rows.push({ ...runFromJson(job.returnvalue), attempts: Math.max(1, job.attemptsStarted) });
        } else {
          // A run failed for good by the stalled-job check had one try per stall (BullMQ counts one more start).
          const stalled = job.stalledCounter > 0 && /stalled/.test(job.failedReason ?? "");
          const attempts = Math.max(1, stalled ? job.stalledCounter : job.attemptsStarted);
          rows.push(failedRun(spec, `worker failed on every try (${attempts}): ${job.failedReason}`, attempts));
        }
      }
      input.record(rows);
      for (const row of rows) waiting.delete(row.key);
      await Promise.all(jobs.map((job) => job.remove()));
      idle = jobs.length === 0 ? Math.min(idle * 2, 200) : 5;
      if (waiting.size > 0) await sleep(idle);
    } while (waiting.size > 0);
  } finally {
    await queue.close();
  }
}

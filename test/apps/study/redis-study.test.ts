import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { readStudy, study } from "../../../src/apps/study/index.js";
import { planStudy } from "../../../src/apps/study/plan-study.js";
import { slowStudy } from "./fixtures/slow-study.js";
import { redisAvailable, startRedis } from "./redis-server.js";
import { recordedCount, temporaryDirectory } from "./support.js";

const workerScript = fileURLToPath(new URL("./fixtures/worker.ts", import.meta.url));
const studyModule = new URL("./fixtures/slow-study.ts", import.meta.url).href;

/** Keeps `count` worker processes running (a dead one is replaced) until `stop`. */
function workerPool(url: string, queue: string, log: string, count: number) {
  const workers = new Set<ChildProcess>();
  let stopped = false;
  const start = () => {
    const worker = spawn(process.execPath, ["--import", "tsx", workerScript, url, queue], {
      env: { ...process.env, ITERLAB_STUDY_LOG: log },
      stdio: ["ignore", "ignore", "inherit"],
    });
    workers.add(worker);
    worker.once("exit", () => {
      workers.delete(worker);
      if (!stopped) start();
    });
  };
  for (let i = 0; i < count; i++) start();
  return {
    pids: () => [...workers].map((worker) => worker.pid),
    kill: (pid: number) => [...workers].find((worker) => worker.pid === pid)?.kill("SIGKILL"),
    stop: async () => {
      stopped = true;
      await Promise.all(
        [...workers].map(
          (worker) =>
            new Promise<void>((resolve) => {
              if (worker.exitCode !== null || worker.signalCode !== null) return resolve();
              worker.once("exit", () => resolve());
              worker.kill("SIGKILL");
            }),
        ),
      );
    },
  };
}

/** Each logged run start: "<pid> <method> <problem> <seed>". */
function starts(log: string): { pid: number; run: string }[] {
  let text = "";
  try {
    text = readFileSync(log, "utf8");
  } catch {
    return [];
  }
  return text
    .split("\n")
    .filter((line) => line.length > 0)
    .map((line) => {
      const [pid, ...run] = line.split(" ");
      return { pid: Number(pid), run: run.join(" ") };
    });
}

describe.skipIf(!redisAvailable)("study on BullMQ (Redis)", () => {
  let redis: Awaited<ReturnType<typeof startRedis>>;
  let dir: ReturnType<typeof temporaryDirectory>;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis.stop();
  });
  beforeEach(() => {
    dir = temporaryDirectory();
  });
  afterEach(() => dir.remove());

  it("completes with every run exactly once when a worker dies mid-run, and fails a poison run after its tries", {
    timeout: 90_000,
  }, async () => {
    const database = join(dir.path, "slow.sqlite");
    const log = join(dir.path, "runs.log");
    const workers = workerPool(redis.url, "kill-test", log, 2);
    let victim: { pid: number; run: string } | undefined;
    try {
      const running = study(
        { module: studyModule, export: "slowStudy" },
        { database, redis: redis.url, queue: "kill-test" },
      );
      // Once a few runs are recorded, kill the worker of the good run that started last: it is in the middle of it.
      while (recordedCount(database) < 4) await new Promise((resolve) => setTimeout(resolve, 10));
      victim = starts(log)
        .filter(({ run }) => !run.startsWith("crashing"))
        .at(-1);
      workers.kill(victim?.pid ?? 0);
      const outcome = await running;
      expect(outcome).toMatchObject({ total: 30, recorded: 30, done: 29, failed: 1, interrupted: false });
    } finally {
      await workers.stop();
    }
    const runs = readStudy(database).runs;
    expect(runs.map((run) => run.key).sort()).toEqual(
      planStudy(slowStudy)
        .map((spec) => spec.key)
        .sort(),
    );
    const counts = new Map<string, number>();
    for (const { run } of starts(log)) counts.set(run, (counts.get(run) ?? 0) + 1);
    const label = (run: (typeof runs)[number]) => `${run.method} ${run.problem} ${run.seed}`;
    // The killed worker's run was detected as stalled and run again elsewhere; every other good run ran once.
    const retried = runs.filter((run) => run.status === "done" && run.attempts > 1);
    expect(retried.map(label)).toEqual([victim?.run]);
    expect(counts.get(victim?.run ?? "")).toBe(2);
    for (const run of runs.filter((run) => run.attempts === 1)) expect(counts.get(label(run))).toBe(1);
    // The poison run killed a worker on each of its two tries (maxStalls: 1), then was recorded as failed.
    const failed = runs.filter((run) => run.status === "failed");
    expect(failed.map((run) => [label(run), run.attempts])).toEqual([["crashing poison 0", 2]]);
    expect(counts.get("crashing poison 0")).toBe(2);
    expect(failed[0]?.stopMessage).toBe("worker failed on every try (2): job stalled more than allowable limit");
  });
});

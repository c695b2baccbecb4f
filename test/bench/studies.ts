import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { study } from "../../src/apps/study/index.js";
import { executeRun } from "../../src/apps/study/execute-run.js";
import { planStudy } from "../../src/apps/study/plan-study.js";
import { redisAvailable, startRedis } from "../apps/study/redis-server.js";
import { tiny2500 } from "./study-fixtures.js";

const fixtures = new URL("./study-fixtures.ts", import.meta.url).href;
const workerScript = fileURLToPath(new URL("../apps/study/fixtures/worker.ts", import.meta.url));

/** Wall time of one study into a fresh database, in milliseconds. */
async function timed(exported: string, options: { workers?: number; redis?: string; queue?: string }): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), "iterlab-bench-"));
  try {
    const started = performance.now();
    await study({ module: fixtures, export: exported }, { database: join(dir, "b.sqlite"), ...options });
    return performance.now() - started;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Runs per second of one study on the pool in its steady state: between the first progress report with 10 % of
 * the runs recorded and the last with at most 90 %, so that neither the threads' start-up (loading the study
 * module, seconds on a loaded machine) nor the last runs' tail enters it.
 */
async function steadyRate(exported: string, workers: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), "iterlab-bench-"));
  const reports: { readonly at: number; readonly recorded: number; readonly total: number }[] = [];
  try {
    await study(
      { module: fixtures, export: exported },
      {
        database: join(dir, "b.sqlite"),
        workers,
        onProgress: (progress) =>
          reports.push({ at: performance.now(), recorded: progress.done + progress.failed, total: progress.total }),
      },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const total = reports[0]?.total ?? 0;
  const first = reports.find((report) => report.recorded >= 0.1 * total);
  const last = [...reports].reverse().find((report) => report.recorded <= 0.9 * total);
  if (first === undefined || last === undefined || last.at <= first.at) return Number.NaN;
  return ((last.recorded - first.recorded) / (last.at - first.at)) * 1000;
}

/** The median of a few measurements. */
function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1] as number;
}

function spawnWorkers(url: string, queue: string, count: number): ChildProcess[] {
  return Array.from({ length: count }, () =>
    spawn(process.execPath, ["--import", "tsx", workerScript, url, queue], { stdio: ["ignore", "ignore", "inherit"] }),
  );
}

const spread = (values: readonly number[]) =>
  `median ${median(values).toFixed(3)}, range ${Math.min(...values).toFixed(3)} to ${Math.max(...values).toFixed(3)}`;

/**
 * Studies: per-run overhead on the local pool, in this thread and through Redis on loopback; 2 workers against 1
 * on CPU-bound runs; a 10,000-run study's throughput. Overheads are slopes (wall time against runs, between two
 * study sizes, so that start-up cancels out) less the run itself, measured in the same rounds.
 */
export async function studiesBenchmark(): Promise<string> {
  const lines = [
    `studies (load average ${loadavg()
      .map((load) => load.toFixed(1))
      .join(", ")} on ${availableParallelism()} cores)`,
  ];
  const specs = planStudy(tiny2500);
  for (const spec of specs.slice(0, 500)) executeRun(tiny2500, spec);
  const run: number[] = [];
  const thread: number[] = [];
  const pool: number[] = [];
  for (let round = 0; round < 5; round++) {
    const started = performance.now();
    for (const spec of specs) executeRun(tiny2500, spec);
    const runMs = (performance.now() - started) / specs.length;
    run.push(runMs);
    thread.push(((await timed("tiny4000", { workers: 0 })) - (await timed("tiny1000", { workers: 0 }))) / 3000 - runMs);
    pool.push(((await timed("tiny4000", { workers: 1 })) - (await timed("tiny1000", { workers: 1 }))) / 3000 - runMs);
  }
  lines.push(`  a tiny run itself (executeRun: solve, error per iteration), ms: ${spread(run)}`);
  lines.push(`  overhead per run in this thread (one transaction per run), ms: ${spread(thread)}`);
  lines.push(`  overhead per run on the local pool, 1 thread (target < 1 ms), ms: ${spread(pool)}`);

  const cores = availableParallelism();
  const tenThousand = await timed("tiny10000", { workers: cores });
  lines.push(
    `  10,000 tiny runs on the pool (${cores} threads): ${(tenThousand / 1000).toFixed(2)} s, ${Math.round(10_000 / (tenThousand / 1000))} runs/s (start-up included)`,
  );

  // CPU-bound runs of 40 ms: 1 worker against 2, each from the slope between 8 and 40 runs (start-up included
  // in both, so it cancels only when it is steady), and from the steady-state rate of 120 runs.
  const ratios: number[] = [];
  const steady: number[] = [];
  for (let round = 0; round < 3; round++) {
    const one = ((await timed("busy40", { workers: 1 })) - (await timed("busy8", { workers: 1 }))) / 32;
    const two = ((await timed("busy40", { workers: 2 })) - (await timed("busy8", { workers: 2 }))) / 32;
    ratios.push(one / two);
    steady.push((await steadyRate("busy120", 2)) / (await steadyRate("busy120", 1)));
  }
  lines.push(
    `  CPU-bound runs (40 ms each), 2 workers against 1 (target >= 1.8x), slope 8 to 40 runs, x: ${spread(ratios)}`,
  );
  lines.push(`  the same, steady-state runs/s of 120 runs (10 % to 90 % recorded), x: ${spread(steady)}`);

  if (!redisAvailable) {
    lines.push("  Redis: skipped (no /usr/bin/redis-server)");
    return lines.join("\n");
  }
  const redis = await startRedis();
  const workers = spawnWorkers(redis.url, "bench", 1);
  try {
    await timed("tiny100", { redis: redis.url, queue: "bench" }); // waits for the worker to start
    const samples: number[] = [];
    for (let round = 0; round < 5; round++) {
      const a = await timed("tiny100", { redis: redis.url, queue: "bench" });
      const b = await timed("tiny400", { redis: redis.url, queue: "bench" });
      samples.push((b - a) / 300 - median(run));
    }
    lines.push(
      `  overhead per run through Redis on loopback, 1 worker process (target < 5 ms), ms: ${spread(samples)}`,
    );
  } finally {
    for (const worker of workers) worker.kill("SIGKILL");
    await redis.stop();
  }
  return lines.join("\n");
}

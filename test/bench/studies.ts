import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
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

/** The median of a few measurements. */
function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1] as number;
}

/** What a study adds per run: the slope of wall time against runs (start-up cancels out), less the run itself. */
async function perRun(
  small: [string, number],
  large: [string, number],
  options: { workers?: number; redis?: string; queue?: string },
  runMs: number,
  rounds: number,
): Promise<{ perRunMs: number; samples: number[] }> {
  const samples: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const a = await timed(small[0], options);
    const b = await timed(large[0], options);
    samples.push((b - a) / (large[1] - small[1]) - runMs);
  }
  return { perRunMs: median(samples), samples };
}

function spawnWorkers(url: string, queue: string, count: number): ChildProcess[] {
  return Array.from({ length: count }, () =>
    spawn(process.execPath, ["--import", "tsx", workerScript, url, queue], { stdio: ["ignore", "ignore", "inherit"] }),
  );
}

const format = (values: readonly number[]) => values.map((value) => value.toFixed(3)).join(", ");

/**
 * Studies: per-run overhead on the local pool, in this thread and through Redis on loopback; 2 workers against 1
 * on CPU-bound runs; a 10,000-run study's throughput.
 */
export async function studiesBenchmark(): Promise<string> {
  const lines = ["studies (study(): each run one SQLite row, committed as it arrives)"];
  // The run itself: what executeRun costs for a tiny run, with no database and no pool.
  const specs = planStudy(tiny2500);
  for (const spec of specs.slice(0, 500)) executeRun(tiny2500, spec);
  const started = performance.now();
  for (const spec of specs) executeRun(tiny2500, spec);
  const runMs = (performance.now() - started) / specs.length;
  lines.push(`  a tiny run itself (solve, error measured per iteration): ${(runMs * 1000).toFixed(1)} us`);

  const thread = await perRun(["tiny500", 500], ["tiny2500", 2500], { workers: 0 }, runMs, 3);
  lines.push(
    `  overhead per run, this thread (a transaction per run):  ${thread.perRunMs.toFixed(3)} ms  [rounds: ${format(thread.samples)}]`,
  );
  const pool = await perRun(["tiny500", 500], ["tiny2500", 2500], { workers: 1 }, runMs, 3);
  lines.push(
    `  overhead per run, local pool of 1 thread (target < 1 ms): ${pool.perRunMs.toFixed(3)} ms  [rounds: ${format(pool.samples)}]`,
  );

  const cores = availableParallelism();
  const tenThousand = await timed("tiny10000", { workers: cores });
  lines.push(
    `  10,000 tiny runs on the pool (${cores} threads): ${(tenThousand / 1000).toFixed(2)} s, ${Math.round(10_000 / (tenThousand / 1000))} runs/s (start-up included)`,
  );

  // CPU-bound runs of 20 ms: 1 worker against 2, each from the slope between 20 and 60 runs.
  const one: number[] = [];
  const two: number[] = [];
  for (let round = 0; round < 3; round++) {
    one.push(((await timed("busy60", { workers: 1 })) - (await timed("busy20", { workers: 1 }))) / 40);
    two.push(((await timed("busy60", { workers: 2 })) - (await timed("busy20", { workers: 2 }))) / 40);
  }
  const speedup = median(one) / median(two);
  lines.push(
    `  CPU-bound runs (20 ms each): 1 worker ${median(one).toFixed(2)} ms/run, 2 workers ${median(two).toFixed(2)} ms/run: ` +
      `${speedup.toFixed(2)}x (target >= 1.8x) [1: ${format(one)}; 2: ${format(two)}]`,
  );

  if (!redisAvailable) {
    lines.push("  Redis: skipped (no /usr/bin/redis-server)");
    return lines.join("\n");
  }
  const redis = await startRedis();
  const workers = spawnWorkers(redis.url, "bench", 1);
  try {
    await timed("tiny100", { redis: redis.url, queue: "bench" }); // waits for the worker to start
    const samples: number[] = [];
    for (let round = 0; round < 3; round++) {
      const a = await timed("tiny100", { redis: redis.url, queue: "bench" });
      const b = await timed("tiny400", { redis: redis.url, queue: "bench" });
      samples.push((b - a) / 300 - runMs);
    }
    lines.push(
      `  overhead per run through Redis on loopback, 1 worker process (target < 5 ms): ${median(samples).toFixed(3)} ms  [rounds: ${format(samples)}]`,
    );
  } finally {
    for (const worker of workers) worker.kill("SIGKILL");
    await redis.stop();
  }
  return lines.join("\n");
}

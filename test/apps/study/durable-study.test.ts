import { spawn } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readStudy, study } from "../../../src/apps/study/index.js";
import { planStudy } from "../../../src/apps/study/plan-study.js";
import { minimiserStudy } from "./fixtures/minimiser-study.js";
import { executions, logLine, minimiserModule, recordedCount, temporaryDirectory, withoutTime } from "./support.js";

const source = { module: minimiserModule, export: "minimiserStudy" };
const coordinator = fileURLToPath(new URL("./fixtures/coordinator.ts", import.meta.url));

let dir: ReturnType<typeof temporaryDirectory>;
beforeEach(() => {
  dir = temporaryDirectory();
});
afterEach(() => dir.remove());

describe("study on the local pool", () => {
  it("gives the same table as a serial run of the same 200 runs, bit for bit", { timeout: 60_000 }, async () => {
    const serial = join(dir.path, "serial.sqlite");
    const pooled = join(dir.path, "pool.sqlite");
    await study(source, { database: serial, workers: 0 });
    const outcome = await study(source, { database: pooled, workers: 2 });
    expect(outcome).toMatchObject({ total: 200, recorded: 200, done: 200, failed: 0 });
    const serialRuns = readStudy(serial).runs;
    const poolRuns = readStudy(pooled).runs;
    expect(poolRuns).toHaveLength(200);
    expect(poolRuns.map(withoutTime)).toEqual(serialRuns.map(withoutTime));
    // Equal as numbers is not enough: the same bits, -0 and rounding included.
    expect(JSON.stringify(poolRuns.map(withoutTime))).toBe(JSON.stringify(serialRuns.map(withoutTime)));
  });
});

describe("study interrupted by kill -9", () => {
  it("resumes with every run recorded exactly once and no recorded run executed again", {
    timeout: 60_000,
  }, async () => {
    const database = join(dir.path, "killed.sqlite");
    const log = join(dir.path, "runs.log");
    const child = spawn(process.execPath, ["--import", "tsx", coordinator, database, "0"], {
      env: { ...process.env, ITERLAB_STUDY_LOG: log },
      stdio: ["ignore", "ignore", "inherit"],
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on("exit", (_code, signal) => resolve(signal)),
    );
    // Kill it mid-study: once a fifth of the runs are recorded.
    while (recordedCount(database) < 40) {
      if (child.exitCode !== null) throw new Error("the coordinator ended before it was killed");
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    child.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");
    const beforeResume = readStudy(database).runs;
    expect(beforeResume.length).toBeGreaterThanOrEqual(40);
    expect(beforeResume.length).toBeLessThan(200);

    process.env.ITERLAB_STUDY_LOG = log;
    try {
      const outcome = await study(source, { database, workers: 0 });
      expect(outcome).toMatchObject({ total: 200, resumed: beforeResume.length, interrupted: false });
    } finally {
      delete process.env.ITERLAB_STUDY_LOG;
    }
    const runs = readStudy(database).runs;
    expect(runs.map((run) => run.key).sort()).toEqual(
      planStudy(minimiserStudy)
        .map((spec) => spec.key)
        .sort(),
    );
    const counts = executions(log);
    // A run recorded before the kill was never executed again ...
    for (const run of beforeResume) expect(counts.get(logLine(run))).toBe(1);
    // ... and at most the one run in flight at the kill was executed twice.
    const twice = runs.filter((run) => (counts.get(logLine(run)) ?? 0) > 1);
    expect(twice.length).toBeLessThanOrEqual(1);
    for (const run of runs) expect(counts.get(logLine(run))).toBeGreaterThanOrEqual(1);
    // The rows recorded before the kill are unchanged.
    const after = new Map(runs.map((run) => [run.key, run]));
    for (const run of beforeResume) expect(after.get(run.key)).toEqual(run);
  });
});

import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { StudyRun } from "../../../src/apps/study/index.js";

/** A fresh temporary directory, removed by the returned function. */
export function temporaryDirectory(): { readonly path: string; readonly remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), "iterlab-study-"));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** A run's row without its time (the only field that differs between two executions of a run). */
export function withoutTime(run: StudyRun): Omit<StudyRun, "timeMs"> {
  const { timeMs: _timeMs, ...rest } = run;
  return rest;
}

/** How often each run of the minimiser fixture was started, from its ITERLAB_STUDY_LOG file. */
export function executions(log: string): Map<string, number> {
  const counts = new Map<string, number>();
  let text = "";
  try {
    text = readFileSync(log, "utf8");
  } catch {
    return counts;
  }
  for (const line of text.split("\n").filter((line) => line.length > 0)) counts.set(line, (counts.get(line) ?? 0) + 1);
  return counts;
}

/** The fixture's log line of a run: method, options as JSON, problem, seed. */
export function logLine(run: { method: string; options: object; problem: string; seed: number }): string {
  return `${run.method} ${JSON.stringify(run.options)} ${run.problem} ${run.seed}`;
}

/** The fixture study's module, for sources. */
export const minimiserModule = new URL("./fixtures/minimiser-study.ts", import.meta.url).href;

import { workerData } from "piscina";
import { executeRun } from "./execute-run.js";
import { loadStudySource } from "./study-source.js";
import type { StudySource } from "./study-source.js";
import type { StudyDefinition, StudyRun, StudyRunSpec } from "./types.js";

/** One task of the local pool: a chunk of runs of one study. */
export interface PoolTask {
  /** Where the worker loads the study from. */
  readonly source: StudySource;
  /** The runs. */
  readonly specs: readonly StudyRunSpec[];
  /** The attempt number of these runs (1 unless a crash is being retried). */
  readonly attempts: number;
}

/** What the pool gives each thread when it starts. */
export interface PoolWorkerData {
  /** The pool's study, loaded as the thread starts. */
  readonly source: StudySource;
}

/**
 * Builds the function a pool thread runs for each task; it loads each study once per thread (the
 * definition's solvers and problems are code, so they are built where they run). The pool's own study starts
 * loading as the thread starts, while the coordinator plans the study and opens its database, rather than when
 * the first task arrives.
 */
function chunkRunner(preload: StudySource | undefined): (task: PoolTask) => Promise<StudyRun[]> {
  const definitions = new Map<string, Promise<StudyDefinition>>();
  const load = (source: StudySource) => {
    const key = JSON.stringify(source);
    let definition = definitions.get(key);
    if (definition === undefined) {
      definition = loadStudySource(source);
      definitions.set(key, definition);
    }
    return definition;
  };
  // A failed load rejects the first task (and is retried there), not the thread at start.
  if (preload !== undefined) load(preload).catch(() => {});
  return async (task) => {
    const loaded = await load(task.source);
    return task.specs.map((spec) => executeRun(loaded, spec, task.attempts));
  };
}

/** The pool threads' entry point (piscina calls it by name). */
export const runStudyChunk = chunkRunner((workerData as PoolWorkerData | undefined)?.source);

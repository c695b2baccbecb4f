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

/**
 * Builds the function a pool thread runs for each task; it loads each study once per thread (the
 * definition's solvers and problems are code, so they are built where they run).
 */
function chunkRunner(): (task: PoolTask) => Promise<StudyRun[]> {
  const definitions = new Map<string, Promise<StudyDefinition>>();
  return async (task) => {
    const key = JSON.stringify(task.source);
    let definition = definitions.get(key);
    if (definition === undefined) {
      definition = loadStudySource(task.source);
      definitions.set(key, definition);
    }
    const loaded = await definition;
    return task.specs.map((spec) => executeRun(loaded, spec, task.attempts));
  };
}

/** The pool threads' entry point (piscina calls it by name). */
export const runStudyChunk = chunkRunner();

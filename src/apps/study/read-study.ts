import { existsSync } from "node:fs";
import { InvalidOptionError } from "../../index.js";
import { StudyDatabase } from "./study-database.js";
import type { StudyRun } from "./types.js";

/** A study's recorded results, as {@link readStudy} reads them from its database. */
export interface StudyResults {
  /** The study's name. */
  readonly name: string;
  /** The error measure's name. */
  readonly errorName: string;
  /** The tolerances (error reductions) that each run's `reached` refers to. */
  readonly tolerances: readonly number[];
  /** Runs the study plans (the last session's plan). */
  readonly planned: number;
  /** Every recorded run, ordered by key. */
  readonly runs: readonly StudyRun[];
}

/**
 * Reads a study's database (read-only; a study may be running into it at the same time).
 *
 * @param path - The SQLite file a {@link study} recorded into.
 * @returns The study's description and every recorded run.
 * @throws `InvalidOptionError` when the file does not exist or holds no study.
 * @example
 * ```ts
 * const results = readStudy("roots.sqlite");
 * console.log(performanceProfile(results, { cost: "iterations" }));
 * ```
 */
export function readStudy(path: string): StudyResults {
  if (typeof path !== "string" || !existsSync(path))
    throw new InvalidOptionError("path", "the path of a study database", path);
  const database = new StudyDatabase(path, true);
  try {
    const meta = database.meta();
    if (meta === undefined) throw new InvalidOptionError("path", "a database written by study()", path);
    return { ...meta, runs: database.runs() };
  } finally {
    database.close();
  }
}

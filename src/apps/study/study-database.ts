import type Database from "better-sqlite3";
import { createRequire } from "node:module";
import { requireOptionalPart } from "../../engine/internals.js";
import type { StudyRun, StudyValue } from "./types.js";

/** What a study database says about its study, beside the runs. */
export interface StudyMeta {
  /** The study's name. */
  readonly name: string;
  /** The error measure's name. */
  readonly errorName: string;
  /** The tolerances the runs' `reached` columns refer to. */
  readonly tolerances: readonly number[];
  /** How many runs the study plans. */
  readonly planned: number;
}

const schema = `
CREATE TABLE IF NOT EXISTS study (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  name TEXT NOT NULL, error_name TEXT NOT NULL, tolerances TEXT NOT NULL, planned INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS runs (
  key TEXT PRIMARY KEY,
  method TEXT NOT NULL, problem TEXT NOT NULL, options TEXT NOT NULL, seed INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('done', 'failed')),
  iterations INTEGER NOT NULL, evaluations TEXT NOT NULL, time_ms REAL NOT NULL,
  initial_error REAL, final_error REAL, stop_kind TEXT NOT NULL, stop_message TEXT NOT NULL,
  reached TEXT NOT NULL, reached_evaluations TEXT NOT NULL, trace TEXT NOT NULL, attempts INTEGER NOT NULL,
  recorded_at TEXT NOT NULL
);
`;

const columns = [
  ...["key", "method", "problem", "options", "seed", "status", "iterations", "evaluations", "time_ms"],
  ...["initial_error", "final_error", "stop_kind", "stop_message", "reached", "reached_evaluations", "trace"],
  ...["attempts", "recorded_at"],
];

/**
 * A study's results in SQLite: one row per run under a unique key, written in transactions with
 * write-ahead logging, so that a study killed at any moment (`kill -9` included) keeps every run it
 * recorded, and a resumed study records each remaining run exactly once (a second insert of a key is
 * ignored).
 */
export class StudyDatabase {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement;
  private readonly insertMany: (rows: readonly StudyRun[]) => number;

  /**
   * Opens (or creates) the database.
   *
   * @param path - The database file.
   * @param readOnly - Open it for reading only (reports).
   */
  constructor(path: string, readOnly = false) {
    // better-sqlite3 is an optional peer dependency (a native module), loaded when a study first opens one.
    const open = requireOptionalPart(
      "studyDatabase",
      () => createRequire(import.meta.url)("better-sqlite3") as typeof Database,
    );
    this.db = new open(path, readOnly ? { readonly: true, fileMustExist: true } : {});
    if (!readOnly) {
      this.db.pragma("journal_mode = WAL");
      // A commit is durable once it is in the log; with WAL, NORMAL never corrupts the file on a crash.
      this.db.pragma("synchronous = NORMAL");
      this.db.pragma("busy_timeout = 10000");
      this.db.exec(schema);
    }
    this.insert = readOnly
      ? this.db.prepare("SELECT 1")
      : this.db.prepare(
          `INSERT INTO runs (${columns.join(", ")}) VALUES (${columns.map((name) => `@${name}`).join(", ")})
           ON CONFLICT(key) DO NOTHING`,
        );
    this.insertMany = this.db.transaction((rows: readonly StudyRun[]) => {
      let inserted = 0;
      const now = new Date().toISOString();
      for (const row of rows) inserted += this.insert.run(toColumns(row, now)).changes;
      return inserted;
    });
  }

  /**
   * Writes the study's description; a database of another study (another name or error) is refused.
   *
   * @throws Error when the database holds another study.
   */
  describe(meta: StudyMeta): void {
    const existing = this.meta();
    if (existing !== undefined && (existing.name !== meta.name || existing.errorName !== meta.errorName)) {
      throw new Error(`the database holds the study "${existing.name}", not "${meta.name}"`);
    }
    this.db
      .prepare(
        `INSERT INTO study (id, name, error_name, tolerances, planned) VALUES (1, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET tolerances = excluded.tolerances, planned = excluded.planned`,
      )
      .run(meta.name, meta.errorName, JSON.stringify(meta.tolerances), meta.planned);
  }

  /** The study's description, or `undefined` for a new database. */
  meta(): StudyMeta | undefined {
    const row = this.db.prepare("SELECT name, error_name, tolerances, planned FROM study WHERE id = 1").get() as
      | { name: string; error_name: string; tolerances: string; planned: number }
      | undefined;
    if (row === undefined) return undefined;
    return { name: row.name, errorName: row.error_name, tolerances: JSON.parse(row.tolerances), planned: row.planned };
  }

  /** The keys of every recorded run. */
  recordedKeys(): Set<string> {
    const keys = this.db.prepare("SELECT key FROM runs").pluck().all() as string[];
    return new Set(keys);
  }

  /**
   * Records runs in one transaction.
   *
   * @returns How many were new (a key already recorded is left as it was).
   */
  record(rows: readonly StudyRun[]): number {
    return rows.length === 0 ? 0 : this.insertMany(rows);
  }

  /** Every recorded run, in the order of their keys. */
  runs(): StudyRun[] {
    const rows = this.db.prepare(`SELECT ${columns.join(", ")} FROM runs ORDER BY key`).all() as RunColumns[];
    return rows.map(fromColumns);
  }

  /** Counts of recorded runs by status. */
  counts(): { readonly done: number; readonly failed: number } {
    const rows = this.db.prepare("SELECT status, COUNT(*) AS n FROM runs GROUP BY status").all() as {
      status: string;
      n: number;
    }[];
    const count = (status: string) => rows.find((row) => row.status === status)?.n ?? 0;
    return { done: count("done"), failed: count("failed") };
  }

  /** Closes the database. */
  close(): void {
    this.db.close();
  }
}

interface RunColumns {
  readonly key: string;
  readonly method: string;
  readonly problem: string;
  readonly options: string;
  readonly seed: number;
  readonly status: "done" | "failed";
  readonly iterations: number;
  readonly evaluations: string;
  readonly time_ms: number;
  readonly initial_error: number | null;
  readonly final_error: number | null;
  readonly stop_kind: string;
  readonly stop_message: string;
  readonly reached: string;
  readonly reached_evaluations: string;
  readonly trace: string;
  readonly attempts: number;
  readonly recorded_at: string;
}

function toColumns(row: StudyRun, now: string): RunColumns {
  return {
    key: row.key,
    method: row.method,
    problem: row.problem,
    options: JSON.stringify(row.options),
    seed: row.seed,
    status: row.status,
    iterations: row.iterations,
    evaluations: JSON.stringify(row.evaluations),
    time_ms: row.timeMs,
    initial_error: row.initialError ?? null,
    final_error: row.finalError ?? null,
    stop_kind: row.stopKind,
    stop_message: row.stopMessage,
    reached: JSON.stringify(row.reached.map((value) => value ?? null)),
    reached_evaluations: JSON.stringify(row.reachedEvaluations.map((value) => value ?? null)),
    trace: JSON.stringify({ iteration: row.trace.iteration, error: row.trace.error.map(encodeNumber) }),
    attempts: row.attempts,
    recorded_at: now,
  };
}

function fromColumns(row: RunColumns): StudyRun {
  const trace = JSON.parse(row.trace) as { iteration: number[]; error: (number | string | null)[] };
  const orUndefined = (value: number | null) => value ?? undefined;
  return {
    key: row.key,
    method: row.method,
    problem: row.problem,
    options: JSON.parse(row.options) as Record<string, StudyValue>,
    seed: row.seed,
    status: row.status,
    iterations: row.iterations,
    evaluations: JSON.parse(row.evaluations) as Record<string, number>,
    timeMs: row.time_ms,
    initialError: orUndefined(row.initial_error),
    finalError: orUndefined(row.final_error),
    stopKind: row.stop_kind,
    stopMessage: row.stop_message,
    reached: (JSON.parse(row.reached) as (number | null)[]).map(orUndefined),
    reachedEvaluations: (JSON.parse(row.reached_evaluations) as (number | null)[]).map(orUndefined),
    trace: { iteration: trace.iteration, error: trace.error.map(decodeNumber) },
    attempts: row.attempts,
  };
}

/** JSON has no Infinity: errors that are not finite are written as strings. */
function encodeNumber(value: number | null): number | string | null {
  return value === null || Number.isFinite(value) ? value : String(value);
}

function decodeNumber(value: number | string | null): number | null {
  return typeof value === "string" ? Number(value) : value;
}

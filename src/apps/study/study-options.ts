/** Progress of a study, reported after every recorded batch of runs. */
export interface StudyProgress {
  /** Runs the study plans. */
  readonly total: number;
  /** Runs recorded as done (finished, converged or not), earlier sessions included. */
  readonly done: number;
  /** Runs recorded as failed. */
  readonly failed: number;
  /** Runs not recorded yet. */
  readonly remaining: number;
  /** Milliseconds since this session started. */
  readonly elapsedMs: number;
  /** The estimated milliseconds to the end, from this session's rate; `undefined` before the first run ends. */
  readonly etaMs: number | undefined;
}

/** Options of {@link study}. */
export interface StudyOptions {
  /** The SQLite file the runs are recorded in (created if missing; a study resumes from it). */
  readonly database: string;
  /**
   * Worker threads of the local pool, an integer >= 0; `0` runs in this thread. A pool needs the study as a
   * file or a module (`{ file }` or `{ module, export }`), since each thread builds its solvers itself.
   * @defaultValue all cores (`os.availableParallelism()`) for a file or module, `0` for a definition object
   */
  readonly workers?: number | undefined;
  /**
   * A Redis URL (`redis://host:6379`): runs are enqueued on BullMQ for `iterlab worker` processes on any
   * machine instead of the local pool, and their results collected into the database.
   * @defaultValue none (local)
   */
  readonly redis?: string | undefined;
  /**
   * The BullMQ queue's name, for several studies on one Redis.
   * @defaultValue `iterlab-study`
   */
  readonly queue?: string | undefined;
  /**
   * Tries of a run whose worker died (a thread or process that crashed, or stalled), an integer >= 1;
   * after the last it is recorded as failed.
   * @defaultValue `3`
   */
  readonly maxAttempts?: number | undefined;
  /**
   * Called after every recorded batch of runs.
   * @defaultValue none
   */
  readonly onProgress?: ((progress: StudyProgress) => void) | undefined;
  /**
   * Stops the study between runs: what is recorded stays, and the study resumes from there when run again.
   * @defaultValue none
   */
  readonly signal?: AbortSignal | undefined;
}

/** What {@link study} returns. */
export interface StudyOutcome {
  /** The study's name. */
  readonly name: string;
  /** Runs the study plans. */
  readonly total: number;
  /** Runs found already recorded when this session started (not run again). */
  readonly resumed: number;
  /** Runs recorded in this session. */
  readonly recorded: number;
  /** Runs recorded as done, in all. */
  readonly done: number;
  /** Runs recorded as failed, in all. */
  readonly failed: number;
  /** Whether the signal stopped the study before every run was recorded. */
  readonly interrupted: boolean;
  /** Milliseconds this session took. */
  readonly elapsedMs: number;
}

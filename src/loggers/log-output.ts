/**
 * Where a logger writes: `process.stdout`, `process.stderr`, a file stream, or anything with `write`.
 * `isTTY` and `columns` are read when present (the progress bar draws only on a terminal).
 */
export interface LogOutput {
  /** Writes a chunk of text. */
  write(chunk: string): unknown;
  /** Whether the output is a terminal. */
  readonly isTTY?: boolean | undefined;
  /** The terminal's width in characters. */
  readonly columns?: number | undefined;
}

/** The default output of the human-readable loggers: standard error, so standard output stays data. */
export function standardError(): LogOutput {
  return process.stderr;
}

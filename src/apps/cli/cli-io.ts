import type { LogOutput } from "../../index.js";

/** Where the CLI writes, and what it may read from a terminal: injected so tests can capture it. */
export interface CliIo {
  /** Standard output. */
  readonly stdout: (text: string) => void;
  /** Standard error. */
  readonly stderr: (text: string) => void;
  /**
   * Standard error as a stream, when it is a terminal: `run` draws its progress bar there.
   * @defaultValue none: no progress bar
   */
  readonly progressOutput?: LogOutput | undefined;
  /**
   * Waits for one key press on a terminal (`step` reads Enter and `q` with it).
   * @defaultValue none: standard input is not a terminal, so `step` prints `--steps` iterations and exits
   */
  readonly readKey?: (() => Promise<string>) | undefined;
}

import type { Checkpoint } from "../checkpoint.js";
import type { ProblemFingerprint } from "../problem-fingerprint.js";
import type { Random } from "../random.js";

/** Where a run starts: iteration 0 of a new run, or a checkpoint. */
export interface RunStart<S, R> {
  readonly state: S;
  readonly iteration: number;
  readonly elapsedMs: number;
  readonly random: Random;
  readonly checkpoint: Checkpoint<S, R> | undefined;
  /** Computes the problem's fingerprint for checkpoints (solver runs only); called only when one is taken. */
  readonly fingerprint?: (() => ProblemFingerprint) | undefined;
}

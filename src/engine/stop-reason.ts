import type { CriterionReport } from "./criterion.js";
import { formatCriterion } from "./criterion.js";

/**
 * Why a run stopped: one union tagged by `kind`. Each run ends with exactly one.
 *
 * @remarks
 * | kind | when |
 * |---|---|
 * | `converged` | the convergence test held; `test`, `value`, `tolerance` name the first elementary test that held |
 * | `maxIterations` | the iteration bound was reached |
 * | `maxEpochs` | the epoch bound was reached (runs with an epoch length) |
 * | `timeLimit` | `timeLimitMs` passed (checked between iterations) |
 * | `diverged` | a divergence test held, or the solver declared divergence; `message` says why |
 * | `stalled` | no further progress is possible (rounding level) and the first-order test did not hold |
 * | `stopRequested` | a hook, the solver or the consumer of a step-through iterator asked to stop |
 * | `aborted` | the `AbortSignal` fired |
 *
 * `RunResult.converged` is `stopReason.kind === "converged"`. Use {@link describeStopReason} for a
 * sentence.
 */
export type StopReason =
  | ConvergedReason
  | MaxIterationsReason
  | MaxEpochsReason
  | TimeLimitReason
  | DivergedReason
  | StalledReason
  | StopRequestedReason
  | AbortedReason;

/** The convergence test held. */
export interface ConvergedReason {
  /** Discriminant. */
  readonly kind: "converged";
  /** Label of the first elementary test that held, e.g. `|grad|`. */
  readonly test: string;
  /** Its measured value. */
  readonly value: number;
  /** Its tolerance. */
  readonly tolerance: number;
  /** Every elementary test that held at the stopping iteration. */
  readonly met: readonly CriterionReport[];
}

/** The iteration bound was reached. */
export interface MaxIterationsReason {
  /** Discriminant. */
  readonly kind: "maxIterations";
  /** The bound. */
  readonly maxIterations: number;
}

/** The epoch bound was reached. */
export interface MaxEpochsReason {
  /** Discriminant. */
  readonly kind: "maxEpochs";
  /** The bound, in epochs. */
  readonly maxEpochs: number;
}

/** The time limit passed. */
export interface TimeLimitReason {
  /** Discriminant. */
  readonly kind: "timeLimit";
  /** The limit. */
  readonly timeLimitMs: number;
  /** The elapsed time when the limit was noticed. */
  readonly elapsedMs: number;
}

/** The run diverged. */
export interface DivergedReason {
  /** Discriminant. */
  readonly kind: "diverged";
  /** Who noticed: a divergence test, or the solver through `control.diverge`. */
  readonly source: "test" | "solver";
  /** Why, e.g. `f = NaN (not finite: met)` or `f'(x) = 0 at x = 1: Newton's step is undefined`. */
  readonly message: string;
  /** For `source: "test"`: the report of the test that held. */
  readonly report?: CriterionReport;
}

/**
 * The solver cannot make further progress, but its first-order test (a gradient norm, a residual) did not
 * hold: e.g. the line search's predicted decrease is below one rounding unit of `f`. Not convergence, not a
 * failure of the method: the message says what was reached, e.g. `stalled at rounding level: |grad| =
 * 3.7e-7 > 1e-8 ...`.
 */
export interface StalledReason {
  /** Discriminant. */
  readonly kind: "stalled";
  /** Always the solver, through `control.stall`. */
  readonly source: "solver";
  /** What was reached and why no further progress is possible. */
  readonly message: string;
}

/** Somebody asked the run to stop. */
export interface StopRequestedReason {
  /** Discriminant. */
  readonly kind: "stopRequested";
  /** Who asked: a hook, the solver's step, or the consumer of a step-through iterator (`break`). */
  readonly source: "hook" | "solver" | "consumer";
  /** The message given with the request. */
  readonly message: string;
}

/** The run's AbortSignal fired. */
export interface AbortedReason {
  /** Discriminant. */
  readonly kind: "aborted";
  /** The signal's `reason`. */
  readonly reason: unknown;
}

/**
 * One sentence describing a stop reason, e.g. `converged: |grad| = 3.1e-9 <= 1e-8 (met)` or
 * `reached maxIterations = 1000`.
 *
 * @param reason - The stop reason.
 * @returns The sentence.
 */
export function describeStopReason(reason: StopReason): string {
  switch (reason.kind) {
    case "converged": {
      const first = reason.met[0];
      return first === undefined ? `converged: ${reason.test}` : `converged: ${formatCriterion(first)}`;
    }
    case "maxIterations":
      return `reached maxIterations = ${reason.maxIterations}`;
    case "maxEpochs":
      return `reached maxEpochs = ${reason.maxEpochs}`;
    case "timeLimit":
      return `time limit of ${reason.timeLimitMs} ms reached after ${reason.elapsedMs.toFixed(1)} ms`;
    case "diverged":
      return `diverged: ${reason.message}`;
    case "stalled":
      return `stalled: ${reason.message}`;
    case "stopRequested":
      return `stopped by the ${reason.source}: ${reason.message}`;
    case "aborted":
      return `aborted: ${reason.reason instanceof Error ? reason.reason.message : String(reason.reason)}`;
  }
}

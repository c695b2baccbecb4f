import type { Checkpoint } from "./checkpoint.js";
import { formatCriterion } from "./criterion.js";
import type { CriterionReport } from "./criterion.js";
import type { StopReason } from "./stop-reason.js";
import { describeStopReason } from "./stop-reason.js";
import type { Trace } from "./trace.js";

/**
 * What a run returns.
 *
 * @typeParam S - The state type.
 * @typeParam R - The trace record type.
 */
export interface RunResult<S, R = S> {
  /** The final state. */
  readonly state: S;
  /** Completed updates: the final state is iteration `iterations`. */
  readonly iterations: number;
  /** Completed epochs (0 without an epoch length). */
  readonly epochs: number;
  /** Why the run stopped. */
  readonly stopReason: StopReason;
  /** Whether it stopped because the convergence test held. */
  readonly converged: boolean;
  /** Every elementary stopping test with its last value against its tolerance. */
  readonly criteria: {
    /** The convergence test's leaves. */
    readonly convergence: readonly CriterionReport[];
    /** The divergence test's leaves. */
    readonly divergence: readonly CriterionReport[];
  };
  /** The trace; empty (stride 0) when tracing was off. */
  readonly trace: Trace<R>;
  /** Milliseconds from start to stop (including time before a resume). */
  readonly elapsedMs: number;
  /**
   * The warnings the solver's `prepare` recorded about the problem (e.g. a matrix for which Gauss-Seidel's
   * convergence is not guaranteed), one sentence each; empty when none, and always for `iterate` runs.
   */
  readonly warnings: readonly string[];
  /** A snapshot of the final iteration, to continue the run later with more iterations or time. */
  checkpoint(): Checkpoint<S, R>;
}

/**
 * A few lines that say how a run ended, and where each stopping test stood:
 *
 * ```text
 * converged after 23 iterations in 1.2 ms: |grad| = 3.1e-9 <= 1e-8 (met)
 *   |grad| = 3.1e-9 <= 1e-8 (met)
 *   |df| = 2.0e-5 > 1e-12 (not met)
 * ```
 *
 * @param result - A run's result.
 * @returns The lines, joined with newlines.
 */
export function describeResult(result: RunResult<unknown, unknown>): string {
  const reason = describeStopReason(result.stopReason);
  const head = `${result.converged ? "" : "did not converge: "}${reason} (${result.iterations} iterations, ${result.elapsedMs.toFixed(1)} ms)`;
  const lines = [head];
  for (const report of result.criteria.convergence) lines.push(`  ${formatCriterion(report)}`);
  return lines.join("\n");
}

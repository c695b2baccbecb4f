import type { Checkpoint } from "../checkpoint.js";
import type { StopEvent } from "../hooks.js";
import type { RunResult } from "../result.js";
import type { StopReason } from "../stop-reason.js";
import type { RunView } from "./run-events.js";
import { stopEvent } from "./run-events.js";
import type { RunTests } from "./run-tests.js";
import type { RunTimer } from "./run-timer.js";
import type { TraceRecorder } from "./trace-recorder.js";

/**
 * The end of a run: the errors that ended it (the first is the run's error, later ones are kept as its
 * `suppressed`), the final elapsed time, the `onStop` event, and the result.
 */
export class RunEnding<S, R> {
  /** The run's elapsed time when it stopped. */
  elapsedMs = 0;
  /** The event the `onStop` hooks get. */
  event: StopEvent<S> | undefined = undefined;
  private readonly errors: unknown[] = [];

  /** Whether an error ended the run. */
  get failed(): boolean {
    return this.errors.length > 0;
  }

  /** Records an error: the run's error if it is the first, else one it suppressed. */
  add(error: unknown): void {
    this.errors.push(error);
  }

  /** Final bookkeeping before `onStop`: the final trace entry, the elapsed time, the stop event. */
  begin(view: RunView<S>, trace: TraceRecorder<S, R> | undefined, timer: RunTimer, tests: RunTests<S>): void {
    if (!this.failed && trace !== undefined) {
      const error = trace.addFinal(view);
      if (error !== undefined) this.add(error);
    }
    this.elapsedMs = timer.elapsedMs();
    const stopReason = this.failed ? undefined : view.stopReason;
    this.event = stopEvent(view, this.elapsedMs, stopReason, this.errors[0], tests);
  }

  /** The result of a finished run; throws the run's error instead when it failed. */
  result(
    view: RunView<S>,
    tests: RunTests<S>,
    trace: TraceRecorder<S, R> | undefined,
    checkpoint: () => Checkpoint<S, R>,
  ): RunResult<S, R> {
    const [error, ...suppressed] = this.errors;
    if (this.failed) {
      if (suppressed.length > 0 && error instanceof Error) {
        Object.defineProperty(error, "suppressed", { value: suppressed, enumerable: false, configurable: true });
      }
      throw error;
    }
    const stopReason = view.stopReason as StopReason;
    return {
      state: view.state,
      iterations: view.context.iteration,
      epochs: view.context.epoch,
      stopReason,
      converged: stopReason.kind === "converged",
      criteria: { convergence: tests.convergenceReports(), divergence: tests.divergenceReports() },
      trace: trace === undefined ? { entries: [], stride: 0, thinned: false } : trace.buffer.toTrace(),
      elapsedMs: this.elapsedMs,
      // Taken on demand: a state that is not plain data must not fail runs that never checkpoint.
      checkpoint,
    };
  }
}

import { StepError } from "../errors.js";
import type { RunView } from "./run-events.js";
import { attributed } from "./run-tests.js";
import type { TraceBuffer } from "./trace-buffer.js";

/** Step 5 of an iteration: the trace's record of the state, with the counters and the time, into its buffer. */
export class TraceRecorder<S, R> {
  constructor(
    readonly buffer: TraceBuffer<R>,
    private readonly record: (state: S) => R,
  ) {}

  /** Records the current iteration, which must be due (`iteration >= buffer.next`); an error becomes a StepError. */
  add(view: RunView<S>): void {
    try {
      this.buffer.add(this.entry(view));
    } catch (cause) {
      throw attributed("trace", view.context.iteration, cause);
    }
  }

  /** Records the final iteration of a stopped run when it is off the stride; returns the error it raised, if any. */
  addFinal(view: RunView<S>): StepError | undefined {
    if (this.buffer.lastIteration() === view.context.iteration) return undefined;
    try {
      this.buffer.addFinal(this.entry(view));
      return undefined;
    } catch (cause) {
      return new StepError("trace", view.context.iteration, cause);
    }
  }

  private entry(view: RunView<S>): { iteration: number; epoch: number; elapsedMs: number; record: R } {
    const record = this.record(view.state);
    return {
      iteration: view.context.iteration,
      epoch: view.context.epoch,
      elapsedMs: view.sampledElapsedMs(),
      record,
    };
  }
}

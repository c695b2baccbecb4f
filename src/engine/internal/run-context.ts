import type { IterationContext, StepControl } from "../context.js";
import type { Random } from "../random.js";

/**
 * The context object handed to the update rule and the stopping tests; one per run, updated in place. Its
 * `iteration`, `epoch` and `iterationInEpoch` are the run's counters: nothing else holds them.
 */
export class RunContext implements IterationContext {
  iteration = 0;
  epoch = 0;
  iterationInEpoch = 0;

  constructor(
    private readonly timer: { elapsedMs(): number },
    readonly control: StepControl,
    readonly epochLength: number | undefined,
    readonly maxIterations: number,
    readonly random: Random,
  ) {}

  get elapsedMs(): number {
    return this.timer.elapsedMs();
  }

  /** Sets the counters for `iteration` (a new run's 0, or a checkpoint's iteration). */
  setIteration(iteration: number): void {
    this.iteration = iteration;
    if (this.epochLength !== undefined) {
      this.epoch = Math.floor(iteration / this.epochLength);
      this.iterationInEpoch = iteration % this.epochLength;
    }
  }

  /** Counts one completed update; true when it completed an epoch. */
  countUpdate(): boolean {
    this.iteration++;
    const epochLength = this.epochLength;
    if (epochLength === undefined) return false;
    let inEpoch = this.iterationInEpoch + 1;
    const ended = inEpoch === epochLength;
    if (ended) {
      inEpoch = 0;
      this.epoch++;
    }
    this.iterationInEpoch = inEpoch;
    return ended;
  }
}

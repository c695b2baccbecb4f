import type { IterationContext, StepControl } from "../context.js";
import type { Random } from "../random.js";
import type { RunRequests } from "./run-requests.js";

/**
 * The context handed to the update rule and the stopping tests: one per run, its counters advanced in place
 * by the loop (iteration k is the state after k completed updates).
 */
export class RunContext implements IterationContext {
  iteration = 0;
  epoch = 0;
  iterationInEpoch = 0;
  /** Set by the run core before the first update (see IterationContext.statesEscape). */
  statesEscape = true;
  /** Set by the run core before the first update (see IterationContext.statesVisible). */
  statesVisible = true;
  /** Set by the run core before the first update (see IterationContext.willSettle). */
  willSettle = false;

  constructor(
    private readonly clock: { elapsedMs(): number },
    readonly epochLength: number | undefined,
    readonly maxIterations: number,
    readonly random: Random,
    private readonly requests: RunRequests,
  ) {}

  /** The update rule's stop, stall and divergence requests (made on first use). */
  get control(): StepControl {
    return this.requests.stepControl;
  }

  /** Read from the clock now: the update rule may ask mid-step. */
  get elapsedMs(): number {
    return this.clock.elapsedMs();
  }

  /**
   * Who may keep the run's states: `visible` (hooks, the caller's tests, a step-through consumer) or a trace
   * whose record may keep them make every state escape; only a run whose states do not escape defers its
   * last state to the solver's `settle`.
   */
  setAudience(visible: boolean, traceKeepsStates: boolean, solverSettles: boolean): void {
    this.statesVisible = visible;
    this.statesEscape = traceKeepsStates || visible;
    this.willSettle = solverSettles && !this.statesEscape;
  }

  /** Sets the counters of a run that starts (or resumes) at `iteration`. */
  setIteration(iteration: number): void {
    this.iteration = iteration;
    if (this.epochLength !== undefined) {
      this.epoch = Math.floor(iteration / this.epochLength);
      this.iterationInEpoch = iteration % this.epochLength;
    }
  }

  /** Counts one update towards the epoch; true when it completed an epoch. */
  countEpoch(epochLength: number): boolean {
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

import type { Random } from "./random.js";

/**
 * The counters of a run, defined once for the update rule, the tests and the hooks: see
 * {@link IterationContext} for the counting rules.
 */
export interface RunCounters {
  /** Completed updates so far (the index of the current state). */
  readonly iteration: number;
  /** Completed epochs so far; 0 without an epoch length. */
  readonly epoch: number;
  /** Updates completed in the current epoch; 0 without an epoch length. */
  readonly iterationInEpoch: number;
  /** Iterations per epoch, or `undefined` when the run has no epochs. */
  readonly epochLength: number | undefined;
  /** The run's iteration bound (after `maxEpochs`, when given, is applied). */
  readonly maxIterations: number;
}

/**
 * What the update rule and the stopping tests can see of the run.
 *
 * @remarks Counting is defined once for every solver:
 * - iteration `k` is the state after `k` completed updates; the initial state is iteration 0. During an
 *   update, `iteration` is the index of the state being updated; during the checks and hooks, the index of
 *   the state just produced.
 * - with an epoch length `E` (iterations per pass over the data), `epoch = floor(iteration / E)` is the
 *   number of completed epochs and `iterationInEpoch = iteration mod E`. During an update they say which
 *   batch of which epoch (both 0-based) the update consumes.
 * - without an epoch length, `epoch` and `iterationInEpoch` are 0 and `epochLength` is `undefined`.
 *
 * The engine reuses one context object for the whole run, so keep the numbers, not the object.
 */
export interface IterationContext extends RunCounters {
  /** Milliseconds since the run started (including time before a resume), read from the run's clock. */
  readonly elapsedMs: number;
  /** The run's seeded random generator: draw every random choice from it. */
  readonly random: Random;
  /** Lets the update rule stop the run or declare it diverged. */
  readonly control: StepControl;
  /**
   * Whether a state may outlive the next update: `true` when anything can keep one (a trace, hooks, a
   * step-through consumer of `iterations()`, the caller's own stopping tests), `false` when only the update
   * and the solver's own tests (which keep numbers, not states) ever see a state. While it is `false` an
   * update may overwrite the state it is given, and the arrays the run's earlier states own, and return it;
   * it must still never put arrays that outlive the run (a prepared problem's scratch) into a state, so the
   * result's state stays the run's own. Fixed for the whole run; `true` for updates run by hand.
   */
  readonly statesEscape: boolean;
  /**
   * Whether code other than the solver sees states during the run (hooks, the caller's own stopping tests, a
   * step-through consumer) and so could write into one between updates, though states are read-only by
   * contract. A solver that keeps a copy of its iterate beside the state (a kernel's memory) compares the two
   * before trusting its copy while this is `true`. A trace alone keeps states without running user code, so
   * it makes states escape but not visible. `true` for updates run by hand.
   */
  readonly statesVisible: boolean;
  /**
   * Whether the engine will call the solver's `settle` on the run's last state before it leaves the run:
   * `true` only when states do not escape and the solver being run has a `settle`. While it is `true` an
   * update may leave the arrays of the state it returns behind a copy of its own (a kernel's memory) and
   * bring them up to date in `settle` once. Fixed for the whole run; absent (`false`) for updates run by
   * hand and for runs without a solver.
   */
  readonly willSettle?: boolean;
}

/**
 * Lets an update rule (a solver's `step`) end the run after the current iteration.
 *
 * @remarks The state the update returns still becomes the next iteration and is checked, traced and passed
 * to hooks; the run then stops with the requested reason (a divergence test or convergence that holds at
 * the same iteration takes precedence, as the order of checks says).
 */
export interface StepControl {
  /** Stops the run with reason `stopRequested` (source `solver`) and this message. */
  stop(message: string): void;
  /** Stops the run with reason `diverged` (source `solver`) and this message, e.g. `f'(x) = 0 at x = 1`. */
  diverge(message: string): void;
  /**
   * Stops the run with reason `stalled` (source `solver`) and this message: no further progress is possible
   * (e.g. the predicted decrease is below one rounding unit of `f`) while the first-order test does not hold.
   * Say what was reached, e.g. `|grad| = 3.7e-7 > 1e-8`.
   */
  stall(message: string): void;
}

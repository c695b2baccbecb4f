import type { Clock } from "./clock.js";
import type { IterationContext } from "./context.js";
import type { Criterion } from "./criterion.js";
import type { Hooks } from "./hooks.js";
import type { TraceOptions } from "./trace.js";

/**
 * The update rule: computes iteration `k + 1` from iteration `k`. Return a new state (a solver may reuse
 * buffers it owns, if its trace record copies what it keeps). Return a Promise only under an async driver.
 *
 * @typeParam S - The state type.
 */
export type Update<S> = (state: S, context: IterationContext) => S | Promise<S>;

/**
 * Options of one run, shared by every driver (`iterate`, `iterateAsync`, `iterations`, `iterationsAsync`)
 * and, without `update`, by `solve`. Every option is validated before the first step.
 *
 * @typeParam S - The state type.
 * @typeParam R - The trace record type.
 */
export interface RunOptions<S, R = S> {
  /** The update rule. */
  readonly update: Update<S>;
  /** The iteration bound, an integer >= 0; 0 checks the initial state and makes no update. */
  readonly maxIterations: number;
  /**
   * An epoch bound, an integer >= 0; needs `epochLength`. The run stops at whichever bound comes first.
   * @defaultValue no epoch bound
   */
  readonly maxEpochs?: number | undefined;
  /**
   * Iterations per epoch (one pass over the data), an integer >= 1. See {@link iterationsPerEpoch}.
   * @defaultValue no epochs
   */
  readonly epochLength?: number | undefined;
  /**
   * The convergence test; an array means any of them.
   * @defaultValue none: the run stops only on a bound, a time limit, divergence or a request
   */
  readonly converged?: Criterion<S> | readonly Criterion<S>[] | undefined;
  /**
   * The divergence test; an array means any of them.
   * @defaultValue none
   */
  readonly diverged?: Criterion<S> | readonly Criterion<S>[] | undefined;
  /**
   * Stop once this many milliseconds have passed since the run started, a finite number >= 0. Checked
   * between iterations, about every millisecond for fast steps.
   * @defaultValue no limit
   */
  readonly timeLimitMs?: number | undefined;
  /**
   * Stop, with reason `aborted`, when this signal fires; honoured between steps.
   * @defaultValue none
   */
  readonly signal?: AbortSignal | undefined;
  /**
   * Hooks, run in array order.
   * @defaultValue none
   */
  readonly hooks?: Hooks<S> | readonly Hooks<S>[] | undefined;
  /**
   * What to trace, or `false` for no trace.
   * @defaultValue every iteration, at most 10,000 entries (thinned beyond)
   */
  readonly trace?: TraceOptions<S, R> | false | undefined;
  /**
   * The clock for the time limit and timestamps, in milliseconds.
   * @defaultValue {@link monotonicClock}
   */
  readonly clock?: Clock | undefined;
  /**
   * The seed of `context.random`, an integer in [0, 2^32 - 1].
   * @defaultValue `0`
   */
  readonly seed?: number | undefined;
  /**
   * Async drivers only: give the event loop a turn after this many milliseconds of stepping, so a long
   * run keeps a page or server responsive without paying for it on every step. A finite number >= 0; 0
   * yields after every iteration.
   * @defaultValue `10`
   */
  readonly yieldEveryMs?: number | undefined;
}

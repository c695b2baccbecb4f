import type { Checkpoint } from "./checkpoint.js";
import type { IterationEvent } from "./hooks.js";
import { driveAsync, driveSync, stepAsync, stepSync } from "./internal/drivers.js";
import { createCore } from "./internal/create-core.js";
import type { RunResult } from "./result.js";
import type { RunOptions } from "./run-options.js";

/**
 * Runs an iteration to its end, synchronously: applies `update` until a convergence or divergence test
 * holds, a hook or the update asks to stop, the time limit passes, the signal aborts, or `maxIterations`
 * is reached.
 *
 * @remarks One iteration runs these steps in this order: abort check, update, divergence tests,
 * convergence tests, trace, hooks, time limit, iteration bound. Iteration 0 (the initial state) is checked,
 * traced and passed to `onIteration` before the first update. A synchronous update with synchronous hooks
 * never awaits; use {@link iterateAsync} when either returns a Promise.
 *
 * @typeParam S - The state type.
 * @typeParam R - The trace record type (the state itself by default).
 * @param initial - Iteration 0.
 * @param options - The update rule, bounds, tests, hooks and trace.
 * @returns The final state, counters, stop reason, test reports and trace.
 * @throws {@link InvalidOptionError} before the first step when an option is invalid.
 * @throws {@link StepError} or {@link HookError} when user code throws (after the `onStop` hooks ran).
 * @throws {@link PromiseInSyncDriverError} when the update or a hook returns a Promise.
 * @example
 * ```ts
 * const result = iterate(1, {
 *   update: (x) => Math.cos(x),
 *   converged: absChange((x: number) => x, 1e-12),
 *   maxIterations: 200,
 * });
 * result.state;      // 0.7390851332151607
 * result.stopReason; // { kind: "converged", test: "|dx|", ... }
 * ```
 */
export function iterate<S, R = S>(initial: S, options: RunOptions<NoInfer<S>, R>): RunResult<S, R> {
  return driveSync(createCore(options, undefined, () => initial, undefined, "iterate"));
}

/**
 * Runs an iteration to its end, awaiting an asynchronous update or hooks, and giving the event loop a turn
 * every `yieldEveryMs` (10 ms by default) so a long run keeps a page or server responsive.
 *
 * @remarks Same loop and order of checks as {@link iterate}; with synchronous code it gives the same
 * result and trace. The `signal` is honoured between steps.
 * @typeParam S - The state type.
 * @typeParam R - The trace record type.
 * @param initial - Iteration 0.
 * @param options - The update rule, bounds, tests, hooks and trace.
 * @returns A Promise of the result.
 * @throws {@link InvalidOptionError} (synchronously) when an option is invalid.
 * @example
 * ```ts
 * const controller = new AbortController();
 * const result = await iterateAsync(x0, { update: step, maxIterations: 1e6, signal: controller.signal });
 * ```
 */
export function iterateAsync<S, R = S>(initial: S, options: RunOptions<NoInfer<S>, R>): Promise<RunResult<S, R>> {
  const core = createCore(options, undefined, () => initial, undefined, "iterateAsync");
  return driveAsync(core, options.yieldEveryMs ?? 10);
}

/**
 * Steps through a run one iteration at a time: yields an event for iteration 0 and for every iteration
 * after it, then returns the result. Leaving the loop early (`break`) ends the run with reason
 * `stopRequested` (source `consumer`) and runs the `onStop` hooks.
 *
 * @remarks The iteration is computed when the consumer asks for it; each event's `stopReason` is set on
 * the last one. `event.control.stop(message)` ends the run before the next update.
 * @typeParam S - The state type.
 * @typeParam R - The trace record type.
 * @param initial - Iteration 0.
 * @param options - The update rule, bounds, tests, hooks and trace.
 * @returns A generator of iteration events whose return value is the result.
 * @example
 * ```ts
 * for (const step of iterations(1, { update: Math.cos, maxIterations: 5 })) {
 *   console.log(step.iteration, step.state);
 * }
 * ```
 */
export function iterations<S, R = S>(
  initial: S,
  options: RunOptions<NoInfer<S>, R>,
): Generator<IterationEvent<S>, RunResult<S, R>, undefined> {
  return stepSync(createCore(options, undefined, () => initial, undefined, "iterations"));
}

/**
 * The asynchronous version of {@link iterations}, for `for await`: the update and hooks may be async.
 *
 * @typeParam S - The state type.
 * @typeParam R - The trace record type.
 * @param initial - Iteration 0.
 * @param options - The update rule, bounds, tests, hooks and trace.
 * @returns An async generator of iteration events whose return value is the result.
 */
export function iterationsAsync<S, R = S>(
  initial: S,
  options: RunOptions<NoInfer<S>, R>,
): AsyncGenerator<IterationEvent<S>, RunResult<S, R>, undefined> {
  return stepAsync(createCore(options, undefined, () => initial, undefined, "iterationsAsync"));
}

/**
 * Continues a run from a checkpoint, synchronously. With the same options (a larger bound, say) the
 * result and trace equal those of a run that was never interrupted.
 *
 * @typeParam S - The state type.
 * @typeParam R - The trace record type.
 * @param checkpoint - From `result.checkpoint()`, a hook's `control.checkpoint()` or {@link parseCheckpoint}.
 * @param options - The run's options; the tests, epoch length and trace settings must match the
 *   checkpoint's, the bounds, time limit and hooks may change.
 * @returns The result of the whole run, counted from its original iteration 0.
 * @throws {@link CheckpointError} when the checkpoint does not match the options.
 * @example
 * ```ts
 * const first = iterate(x0, { update, maxIterations: 100 });
 * const whole = resume(first.checkpoint(), { update, maxIterations: 1000 });
 * ```
 */
export function resume<S, R = S>(checkpoint: Checkpoint<S, R>, options: RunOptions<NoInfer<S>, R>): RunResult<S, R> {
  return driveSync(createCore(options, checkpoint, () => undefined as S, undefined, "resume"));
}

/**
 * Continues a run from a checkpoint with the async driver. See {@link resume}.
 *
 * @typeParam S - The state type.
 * @typeParam R - The trace record type.
 * @param checkpoint - A checkpoint.
 * @param options - The run's options.
 * @returns A Promise of the result of the whole run.
 * @throws {@link CheckpointError} (synchronously) when the checkpoint does not match the options.
 */
export function resumeAsync<S, R = S>(
  checkpoint: Checkpoint<S, R>,
  options: RunOptions<NoInfer<S>, R>,
): Promise<RunResult<S, R>> {
  const core = createCore(options, checkpoint, () => undefined as S, undefined, "resumeAsync");
  return driveAsync(core, options.yieldEveryMs ?? 10);
}

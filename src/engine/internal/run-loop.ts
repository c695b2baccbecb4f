import { StepError } from "../errors.js";
import type { StopReason } from "../stop-reason.js";
import type { TraceEntry } from "../trace.js";
import type { RunCore } from "./run-core.js";
import { stopEvent } from "./run-events.js";
import { isThenable } from "./thenable.js";

/** Phases of one iteration, in order; a phase is also where the loop resumes after a suspension. */
export enum Phase {
  Start,
  Update,
  Accept,
  Evaluate,
  Hooks,
  Limits,
  Stopping,
  StopHooks,
  Done,
}

/** What `advance` returns: the run finished, or it waits for its driver. */
export const FINISHED = 0;
/** The loop needs `run.pending` awaited, then `resolvePending(value)` or `fail(error)`. */
export const SUSPEND_AWAIT = 1;
/** Step-through drivers: the iteration is complete; hand `currentEvent()` to the consumer. */
export const SUSPEND_STATE = 2;
/** Async drivers: `sliceMs` has passed; give the event loop a turn. */
export const SUSPEND_SLICE = 3;
/** Internal: the limits phase finished without a suspension. */
const CONTINUE = -1;
/** The codes `advance` returns. */
export type Suspension = typeof FINISHED | typeof SUSPEND_AWAIT | typeof SUSPEND_STATE | typeof SUSPEND_SLICE;

/**
 * The single loop of the engine: runs the phases of `run` until it finishes or must wait for its driver (a
 * Promise to await, a state to hand out, a turn of the event loop); called again, it resumes where it left.
 * One pass of the `for` is one iteration:
 *
 * | phase    | what happens                                                              |
 * |----------|---------------------------------------------------------------------------|
 * | Update   | abort? then `state = update(state, context)`                              |
 * | Accept   | count the iteration (and the epoch)                                       |
 * | Evaluate | divergence, convergence, the solver's stop request; then the trace entry  |
 * | Hooks    | `onIteration`, then `onEpochEnd` at an epoch's end                        |
 * | Limits   | a hook's stop request, the time limit, the iteration bound; yields        |
 *
 * A run starts with its `onStart` hooks and iteration 0 (Evaluate, Hooks, Limits) and ends with Stopping
 * (the final trace entry and elapsed time) and its `onStop` hooks. The phase is the loop's position, a
 * local while the loop runs; `run.resumeAt` receives it when the loop leaves (a suspension, the end, or user
 * code that throws, which `RunCore.fail` then turns into a typed error naming the phase).
 */
export function advance<S, R>(run: RunCore<S, R>): Suspension {
  const { plan, context, requests, hooks, time } = run;
  const update = plan.update;
  const trace = run.memory.trace;
  const hasTests = plan.convergence !== undefined || plan.divergence !== undefined;
  const epochLength = plan.epochLength ?? 0;
  const maxIterations = run.maxIterations;
  // Whether the limits phase reads the clock (a time limit, async slices), and whether the loop may leave there.
  const timed = plan.timeLimitMs !== undefined || run.sliceMs >= 0;
  const yields = run.sliceMs >= 0 || run.yieldStates;
  const quiet = run.quiet && !run.yieldStates;
  let sliceStart = time.now;
  let phase = run.resumeAt;
  try {
    for (;;) {
      if (phase === Phase.Update) {
        if (requests.count !== 0 && requests.aborted) {
          run.stopReason = { kind: "aborted", reason: plan.signal?.reason };
          phase = Phase.Stopping;
        } else if (quiet && requests.count === 0 && context.iteration < maxIterations) {
          const next = quietUpdates(run, timed);
          if (next === AWAITING) return SUSPEND_AWAIT;
          phase = next;
        } else {
          const next = update(run.state, context);
          if (typeof next === "object" && next !== null && isThenable(next)) return awaitUpdate(run, next);
          run.state = next;
          phase = Phase.Accept;
        }
      }
      if (phase === Phase.Accept) {
        context.iteration++;
        if (epochLength > 0) run.epochEnded = context.countEpoch(epochLength);
        phase = Phase.Evaluate;
      }
      if (phase === Phase.Evaluate) {
        if (hasTests || requests.count !== 0) evaluate(run);
        if (trace !== undefined && context.iteration >= trace.next) {
          run.evaluating = "trace";
          trace.add(traceEntry(run));
        }
        phase = Phase.Hooks;
      }
      if (phase === Phase.Hooks) {
        if (hooks.hasIterationHooks && hooks.runIteration(run.epochEnded)) return leave(run, phase, SUSPEND_AWAIT);
        phase = Phase.Limits;
      }
      if (phase === Phase.Limits) {
        // Most iterations have nothing to check but the bound.
        if (!timed && requests.count === 0 && run.stopReason === undefined && context.iteration < maxIterations) {
          phase = Phase.Update;
        } else {
          run.stopReason ??= limitReason(run);
          phase = run.stopReason === undefined ? Phase.Update : Phase.Stopping;
        }
        if (yields) {
          const suspension = yieldPoint(run, phase === Phase.Stopping, sliceStart);
          if (suspension !== CONTINUE) return leave(run, phase, suspension);
        }
      }
      if (phase === Phase.Stopping) {
        stopping(run);
        phase = Phase.StopHooks;
      }
      if (phase === Phase.StopHooks) {
        if (hooks.runStop()) return leave(run, phase, SUSPEND_AWAIT);
        return leave(run, Phase.Done, FINISHED);
      }
      if (phase === Phase.Start) {
        if (hooks.runStart()) return leave(run, phase, SUSPEND_AWAIT);
        // A new run checks iteration 0; a resumed one already checked its iteration before the snapshot.
        phase = run.resumed ? Phase.Limits : Phase.Evaluate;
        sliceStart = time.now;
      }
      if (phase === Phase.Done) return FINISHED;
    }
  } catch (cause) {
    if (cause instanceof QuietFailure) {
      run.resumeAt = cause.phase;
      throw cause.cause;
    }
    run.resumeAt = phase;
    throw cause;
  }
}

/** What `quietUpdates` returns when the update returned a Promise (the run is then suspended on it). */
const AWAITING = -1;

/** An error of user code in the quiet loop, with the phase it belongs to (Update, or Evaluate for a test). */
class QuietFailure {
  constructor(
    readonly phase: Phase,
    readonly cause: unknown,
  ) {}
}

/**
 * Quiet updates: nothing to trace, hook or count between them, so an iteration is the update, the stopping
 * tests (as `evaluate` runs them when no request is pending) and the bound. They leave for Evaluate when the
 * update made a request, and for Hooks (that is, the limits) when a test held, the bound is reached or a
 * clock check is due, so every stop is decided by the phases of `advance` (quiet-path.test.ts). The state
 * is a local only inside this loop, handed back whichever way it leaves; user code that throws leaves as a
 * QuietFailure naming its phase. A function of its own, so that `advance` stays small for the compiler.
 *
 * @returns The phase `advance` continues at, or AWAITING.
 */
function quietUpdates<S, R>(run: RunCore<S, R>, timed: boolean): Phase | typeof AWAITING {
  const { plan, context, requests, time, memory } = run;
  const { update, convergence, divergence } = plan;
  const divergenceMemory = memory.divergence;
  const convergenceMemory = memory.convergence;
  const maxIterations = run.maxIterations;
  let state = run.state;
  // Which part of the iteration runs, in a local (the run learns it only if user code throws).
  let checking: number = Checking.Update;
  try {
    for (;;) {
      const next = update(state, context);
      if (typeof next === "object" && next !== null && isThenable(next)) {
        run.state = state;
        awaitUpdate(run, next);
        return AWAITING;
      }
      state = next;
      const k = ++context.iteration;
      if (requests.count !== 0) {
        run.state = state;
        return Phase.Evaluate;
      }
      if (divergence !== undefined) {
        checking = Checking.Divergence;
        if (divergence.check(state, context, divergenceMemory)) {
          run.stopOnDivergence(divergence, divergenceMemory);
          break;
        }
      }
      if (convergence !== undefined) {
        checking = Checking.Convergence;
        if (convergence.check(state, context, convergenceMemory)) {
          run.stopOnConvergence(convergence, convergenceMemory);
          break;
        }
      }
      checking = Checking.Update;
      if (k >= maxIterations || (timed && time.due())) break;
    }
  } catch (cause) {
    run.state = state;
    if (checking === Checking.Update) throw new QuietFailure(Phase.Update, cause);
    run.evaluating = checking === Checking.Divergence ? "divergence" : "convergence";
    throw new QuietFailure(Phase.Evaluate, cause);
  }
  run.state = state;
  return Phase.Hooks;
}

/** What the quiet loop is running: the update, or one of the stopping tests. */
const Checking = { Update: 0, Divergence: 1, Convergence: 2 } as const;

/** The loop leaves at `phase`, where it resumes, with `code` for its driver. */
function leave<S, R>(run: RunCore<S, R>, phase: Phase, code: Suspension): Suspension {
  run.resumeAt = phase;
  return code;
}

/** Suspends the loop on an update that returned a Promise; the driver feeds its value back. */
function awaitUpdate<S, R>(run: RunCore<S, R>, pending: PromiseLike<unknown>): Suspension {
  run.suspend(pending, "update");
  return leave(run, Phase.Accept, SUSPEND_AWAIT);
}

/** Divergence (the solver's, then the test), convergence, then the solver's stop request. */
function evaluate<S, R>(run: RunCore<S, R>): void {
  const { plan, state, context, requests, memory } = run;
  if (run.stopReason === undefined) {
    if (requests.solverDivergence !== undefined) {
      run.stopReason = { kind: "diverged", source: "solver", message: requests.solverDivergence };
    } else if (plan.divergence !== undefined) {
      run.evaluating = "divergence";
      if (plan.divergence.check(state, context, memory.divergence)) {
        run.stopOnDivergence(plan.divergence, memory.divergence);
      }
    }
  }
  if (run.stopReason === undefined && plan.convergence !== undefined) {
    run.evaluating = "convergence";
    if (plan.convergence.check(state, context, memory.convergence)) {
      run.stopOnConvergence(plan.convergence, memory.convergence);
    }
  }
  if (run.stopReason === undefined) run.stopReason = requests.solverStopReason();
}

/** The trace entry of the current iteration. */
function traceEntry<S, R>(run: RunCore<S, R>): TraceEntry<R> {
  const record = (run.plan.trace as NonNullable<typeof run.plan.trace>).record(run.state);
  return { iteration: run.context.iteration, epoch: run.context.epoch, elapsedMs: run.sampledElapsedMs(), record };
}

/** After the limits: the step-through yield, then the async time slice; CONTINUE when neither is due. */
function yieldPoint<S, R>(run: RunCore<S, R>, stopped: boolean, sliceStart: number): Suspension | typeof CONTINUE {
  if (run.yieldStates) {
    if (!run.skipNextYield) return SUSPEND_STATE;
    run.skipNextYield = false;
  }
  if (!stopped && run.sliceMs >= 0 && run.time.now - sliceStart >= run.sliceMs) return SUSPEND_SLICE;
  return CONTINUE;
}

/** A hook's stop request, then the time limit (on a sampled clock read), then the iteration bound. */
function limitReason<S, R>(run: RunCore<S, R>): StopReason | undefined {
  const { plan, requests, time } = run;
  const iteration = run.context.iteration;
  if (requests.count !== 0 || plan.timeLimitMs !== undefined || run.sliceMs >= 0) {
    const request = requests.stop;
    if (request !== undefined) return { kind: "stopRequested", source: request.source, message: request.message };
    const timeLimitMs = plan.timeLimitMs;
    if (time.tick(iteration) && timeLimitMs !== undefined) {
      const elapsedMs = run.elapsedBefore + time.now - run.startedAt;
      if (elapsedMs >= timeLimitMs) return { kind: "timeLimit", timeLimitMs, elapsedMs };
    }
  }
  if (iteration < run.maxIterations) return undefined;
  return run.epochsBound
    ? { kind: "maxEpochs", maxEpochs: plan.maxEpochs as number }
    : { kind: "maxIterations", maxIterations: plan.maxIterations };
}

/** Final bookkeeping before `onStop`: the abort listener, the final trace entry, the elapsed time. */
function stopping<S, R>(run: RunCore<S, R>): void {
  const signal = run.plan.signal;
  if (signal !== undefined) signal.removeEventListener("abort", run.requests.onAbort);
  run.settleLast(); // before anything reads the last state
  const trace = run.memory.trace;
  if (!run.failed && trace !== undefined && trace.lastIteration() !== run.context.iteration) {
    try {
      run.evaluating = "trace";
      trace.addFinal(traceEntry(run));
    } catch (cause) {
      run.setError(new StepError("trace", run.context.iteration, cause));
    }
  }
  run.finalElapsedMs = run.elapsedMs();
  // Without onStop hooks nobody sees the event (nor the sampled clock read it makes after the final one).
  if (!run.hooks.hasStopHooks) return;
  const stopReason = run.failed ? undefined : run.stopReason;
  run.hooks.beginStop(stopEvent(run, run.finalElapsedMs, stopReason, run.failed ? run.error : undefined));
}

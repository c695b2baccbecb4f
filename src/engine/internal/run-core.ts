import type { Checkpoint, CriterionSnapshot, TraceSnapshot } from "../checkpoint.js";
import type { ProblemFingerprint } from "../problem-fingerprint.js";
import type { IterationContext, StepControl } from "../context.js";
import type { Criterion, CriterionReport } from "../criterion.js";
import { formatCriterion } from "../criterion.js";
import type { HookName, StepPhase } from "../errors.js";
import { CheckpointError, HookError, IterlabError, StepError } from "../errors.js";
import type { EpochEndEvent, HookControl, IterationEvent, StartEvent, StopEvent } from "../hooks.js";
import type { Random } from "../random.js";
import type { RunResult } from "../result.js";
import type { StopReason } from "../stop-reason.js";
import type { RunPlan } from "./plan.js";
import { SampledClock } from "./sampled-clock.js";
import { isThenable } from "./thenable.js";
import { TraceBuffer } from "./trace-buffer.js";

// Phases of the one loop. A phase is where the loop resumes after a suspension.
// (A const enum: its values are inlined as literals, which keeps module-scope lookups out of the hot loop.)
enum Phase {
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

/** What `RunCore.run` returns: the run finished, or it waits for its driver. */
export const FINISHED = 0;
/** The loop needs `pending` awaited, then `resolvePending(value)` or `fail(error)`. */
export const SUSPEND_AWAIT = 1;
/** Step-through drivers: the iteration is complete; hand `currentEvent()` to the consumer. */
export const SUSPEND_STATE = 2;
/** Async drivers: `yieldEveryMs` has passed; give the event loop a turn. */
export const SUSPEND_SLICE = 3;
/** Internal: the limits phase finished without a suspension. */
const CONTINUE = -1;
/** The codes `RunCore.run` returns. */
export type Suspension = typeof FINISHED | typeof SUSPEND_AWAIT | typeof SUSPEND_STATE | typeof SUSPEND_SLICE;

/** Where a run starts: iteration 0 of a new run, or a checkpoint. */
export interface RunStart<S, R> {
  readonly state: S;
  readonly iteration: number;
  readonly elapsedMs: number;
  readonly random: Random;
  readonly checkpoint: Checkpoint<S, R> | undefined;
  /** Computes the problem's fingerprint for checkpoints (solver runs only); called only when one is taken. */
  readonly fingerprint?: (() => ProblemFingerprint) | undefined;
}

/** How precisely time limits and trace timestamps follow the clock (see SampledClock). */
const clockIntervalMs = 0.02;

/**
 * The single loop of the engine, written as a resumable phase machine so that three drivers (sync, async,
 * step-through) run exactly the same sequence of checks. `run()` executes phases until the run finishes
 * or must wait for its driver: a Promise to await, a state to hand out, or a turn of the event loop.
 *
 * The order of one iteration is fixed: abort, update, divergence, convergence (and the solver's stop
 * request), trace, hooks, time limit, iteration bound. `docs/guides/concepts.md` has the table.
 *
 * The hot path keeps the state in a local and reads options from locals, so a trivial update pays only a
 * few compares per step.
 */
export class RunCore<S, R> {
  /**
   * The current state (synchronised from the loop's local at every suspension and check). Declared, not
   * initialised to `undefined` as a class field would be, so a run over numbers keeps the field (and the
   * loop's local) unboxed.
   */
  declare state: S;
  /** Set on a suspension: what the driver must await. */
  pending: PromiseLike<unknown> | undefined;
  /** What produced `pending`. */
  pendingSource: "update" | HookName = "update";
  /** Step-through drivers set this to get `SUSPEND_STATE` after each iteration. */
  yieldStates = false;
  /** Async drivers set this to get `SUSPEND_SLICE` every `sliceMs` (0: every iteration); -1 never. */
  sliceMs = -1;

  private phase: Phase = Phase.Start;
  private stopReason: StopReason | undefined;
  private failed = false;
  private error: unknown;
  private readonly suppressed: unknown[] = [];
  private evaluating: StepPhase = "divergence";
  private hookCursor = 0;
  private startEvent: StartEvent<S> | undefined;
  private iterationEvent: IterationEvent<S> | undefined;
  private stopEvent: StopEvent<S> | undefined;
  private finalElapsed = 0;
  private epochEvent: EpochEndEvent<S> | undefined;
  private readonly fingerprint: (() => ProblemFingerprint) | undefined;
  private solverDivergence: string | undefined;
  private solverStop: { readonly stalled: boolean; readonly message: string } | undefined;
  private hookStop: { source: "hook" | "consumer"; message: string } | undefined;
  private abortRequested = false;
  /** Non-zero once any request (abort, stop, divergence) is pending: one field for the hot path to test. */
  private signals = 0;
  private epochEnded = false;
  private skipNextYield: boolean;
  private readonly resumed: boolean;
  private readonly maxIterations: number;
  private readonly epochsBound: boolean;
  private readonly random: Random;
  private readonly context: RunContext;
  private readonly convergenceMemory: unknown;
  private readonly divergenceMemory: unknown;
  private readonly trace: TraceBuffer<R> | undefined;
  private readonly time: SampledClock;
  private readonly startedAt: number;
  private readonly elapsedBefore: number;
  private readonly iterationHandlers: ((event: IterationEvent<S>) => unknown)[] = [];
  private readonly epochHandlers: ((event: EpochEndEvent<S>) => unknown)[] = [];
  private readonly startHandlers: ((event: StartEvent<S>) => unknown)[] = [];
  private readonly stopHandlers: ((event: StopEvent<S>) => unknown)[] = [];
  private readonly hookControl: HookControl<S>;
  private readonly consumerControl: HookControl<S>;
  private readonly onAbort = (): void => {
    this.abortRequested = true;
    this.signals++;
  };

  constructor(
    private readonly plan: RunPlan<S, R>,
    start: RunStart<S, R>,
  ) {
    this.state = start.state;
    this.random = start.random;
    this.fingerprint = start.fingerprint;
    this.resumed = start.checkpoint !== undefined;
    this.skipNextYield = this.resumed;
    this.elapsedBefore = start.elapsedMs;
    const epochLength = plan.epochLength;
    const epochBound =
      plan.maxEpochs !== undefined && epochLength !== undefined ? plan.maxEpochs * epochLength : Infinity;
    this.epochsBound = epochBound < plan.maxIterations;
    this.maxIterations = Math.min(plan.maxIterations, epochBound);
    this.context = new RunContext(this, epochLength, this.maxIterations, start.random);
    this.context.setIteration(start.iteration);

    const checkpoint = start.checkpoint;
    this.convergenceMemory = restoreMemory(plan.convergence, checkpoint?.convergence, "convergence");
    this.divergenceMemory = restoreMemory(plan.divergence, checkpoint?.divergence, "divergence");
    const traceSnapshot = checkpoint === undefined ? undefined : checkpoint.trace;
    if (plan.trace !== undefined) {
      if (checkpoint !== undefined) checkTraceMatches(plan.trace, traceSnapshot);
      this.trace = new TraceBuffer<R>(
        plan.trace.every,
        plan.trace.maxLength,
        traceSnapshot as TraceSnapshot<R> | undefined,
      );
    }
    if (checkpoint !== undefined && checkpoint.epochLength !== epochLength) {
      throw new CheckpointError(
        `the checkpoint has epochLength ${String(checkpoint.epochLength)} but the run has ${String(epochLength)}`,
      );
    }

    for (const hooks of plan.hooks) {
      if (hooks.onStart) this.startHandlers.push(hooks.onStart);
      if (hooks.onIteration) this.iterationHandlers.push(hooks.onIteration);
      if (hooks.onEpochEnd) this.epochHandlers.push(hooks.onEpochEnd);
      if (hooks.onStop) this.stopHandlers.push(hooks.onStop);
    }
    this.hookControl = this.makeControl("hook");
    this.consumerControl = this.makeControl("consumer");

    this.time = new SampledClock(plan.clock, clockIntervalMs);
    this.startedAt = this.time.now;
    if (plan.signal !== undefined) {
      if (plan.signal.aborted) this.onAbort();
      else plan.signal.addEventListener("abort", this.onAbort, { once: true });
    }
  }

  /** Completed updates. */
  get iteration(): number {
    return this.context.iteration;
  }

  /** Milliseconds since the run started, including time before a resume, read from the clock now. */
  elapsedMs(): number {
    return this.elapsedBefore + this.time.read() - this.startedAt;
  }

  /** Whether the run has finished (`run()` returned `FINISHED`). */
  isFinished(): boolean {
    return this.phase === Phase.Done;
  }

  /**
   * Runs phases until the run finishes or must wait for its driver. User code that throws is wrapped
   * (StepError, HookError) and ends the run after the `onStop` hooks.
   */
  run(): Suspension {
    for (;;) {
      try {
        return this.advance();
      } catch (cause) {
        this.fail(cause);
      }
    }
  }

  /** Feeds the value of the awaited `pending` back into the loop. */
  resolvePending(value: unknown): void {
    if (this.pendingSource === "update") this.state = value as S;
    this.pending = undefined;
  }

  /**
   * Records an error from user code (or from a driver) and moves the run to its `onStop` hooks; an error
   * raised while those run is kept as suppressed when an earlier one is already the run's error.
   */
  fail(cause: unknown): void {
    this.pending = undefined;
    const phase = this.phase;
    if (phase >= Phase.Stopping) {
      const error = cause instanceof IterlabError ? cause : new HookError("onStop", this.iteration, cause);
      if (this.failed) this.suppressed.push(error);
      else this.setError(error);
      if (phase !== Phase.StopHooks) this.phase = Phase.StopHooks;
      return;
    }
    let error: unknown = cause;
    if (!(cause instanceof IterlabError)) {
      if (phase === Phase.Update || phase === Phase.Accept) error = new StepError("update", this.iteration, cause);
      else if (phase === Phase.Evaluate) error = new StepError(this.evaluating, this.iteration, cause);
      else if (phase === Phase.Start) error = new HookError("onStart", this.iteration, cause);
      else
        error = new HookError(
          this.hookCursor <= this.iterationHandlers.length ? "onIteration" : "onEpochEnd",
          this.iteration,
          cause,
        );
    }
    this.setError(error);
    this.phase = Phase.Stopping;
  }

  /**
   * Asks the run to stop after the current iteration. A consumer of a step-through iterator asks between
   * iterations, so its request takes effect before the next update.
   */
  requestStop(source: "hook" | "consumer", message: string): void {
    if (source === "consumer" && this.phase === Phase.Update && this.stopReason === undefined) {
      this.stopReason = { kind: "stopRequested", source, message };
      this.phase = Phase.Stopping;
      return;
    }
    this.hookStop ??= { source, message };
    this.signals++;
  }

  /**
   * The consumer of a step-through iterator is gone: finish without further updates. The stop reason is
   * `stopRequested` unless one was already decided.
   */
  abandon(): void {
    if (this.phase >= Phase.Stopping) return;
    this.stopReason ??= { kind: "stopRequested", source: "consumer", message: "the consumer stopped iterating" };
    this.phase = Phase.Stopping;
  }

  /** The event describing the current iteration, for step-through drivers. */
  currentEvent(): IterationEvent<S> {
    return this.makeIterationEvent(this.consumerControl);
  }

  /** The result, once finished; throws the run's error instead when it failed. */
  finish(): RunResult<S, R> {
    if (this.failed) {
      if (this.suppressed.length > 0 && this.error instanceof Error) {
        Object.defineProperty(this.error, "suppressed", {
          value: this.suppressed.slice(),
          enumerable: false,
          configurable: true,
        });
      }
      throw this.error;
    }
    const stopReason = this.stopReason as StopReason;
    const state = this.state;
    const convergence = this.reports(this.plan.convergence, this.convergenceMemory);
    const divergence = this.reports(this.plan.divergence, this.divergenceMemory);
    return {
      state,
      iterations: this.iteration,
      epochs: this.context.epoch,
      stopReason,
      converged: stopReason.kind === "converged",
      criteria: { convergence, divergence },
      trace: this.trace === undefined ? { entries: [], stride: 0, thinned: false } : this.trace.toTrace(),
      elapsedMs: this.finalElapsed,
      // Taken on demand: a state that is not plain data must not fail runs that never checkpoint.
      checkpoint: () => this.checkpoint(),
    };
  }

  // ---------------------------------------------------------------------------------------------------
  // The loop.

  private advance(): Suspension {
    const plan = this.plan;
    const update = plan.update;
    const context = this.context;
    const trace = this.trace;
    const hasTests = plan.convergence !== undefined || plan.divergence !== undefined;
    const hasChecks = hasTests || trace !== undefined;
    const hasIterationHooks = this.iterationHandlers.length > 0 || this.epochHandlers.length > 0;
    const epochLength = plan.epochLength ?? 0;
    const maxIterations = this.maxIterations;
    const limitsHaveExtras = plan.timeLimitMs !== undefined || this.sliceMs >= 0 || this.yieldStates === true;
    // With no tests, trace, hooks, epochs or yields, an iteration is the update, the bound and (when a time
    // limit or slicing is on) a clock check every few steps: the fast loop below runs exactly these phases,
    // leaving out the empty ones.
    const bare = !hasChecks && !hasIterationHooks && epochLength === 0 && this.yieldStates !== true;
    const timedBare = limitsHaveExtras;
    let sliceStart = this.time.now;
    let state = this.state;
    let phase = this.phase;
    let k = context.iteration;

    // The phase and state live in locals for speed; the catch hands them to `fail` for error attribution.
    try {
      for (;;) {
        if (bare && phase === Phase.Update && this.signals === 0 && k < maxIterations) {
          for (;;) {
            const next = update(state, context);
            if (typeof next === "object" && next !== null && isThenable(next)) return this.awaitUpdate(next, state);
            state = next;
            context.iteration = ++k;
            // A request made by the update (or an abort), the bound, or a clock check (time limit, async
            // slice) due: finish this iteration through the full phases.
            if (this.signals !== 0 || k >= maxIterations || (timedBare && this.time.due())) break;
          }
          phase = Phase.Evaluate;
        }

        if (phase === Phase.Update) {
          if (this.signals !== 0 && this.abortRequested) {
            this.stopReason = { kind: "aborted", reason: plan.signal?.reason };
            phase = Phase.Stopping;
          } else {
            const next = update(state, context);
            if (typeof next === "object" && next !== null && isThenable(next)) return this.awaitUpdate(next, state);
            state = next;
            phase = Phase.Accept;
          }
        }

        if (phase === Phase.Accept) {
          context.iteration = ++k;
          if (epochLength > 0) this.countEpoch(epochLength);
          phase = Phase.Evaluate;
        }

        if (phase === Phase.Evaluate) {
          if (hasTests || this.signals !== 0) this.evaluate(state);
          if (trace !== undefined && k >= trace.next) this.record(state);
          phase = Phase.Hooks;
        }

        if (phase === Phase.Hooks) {
          if (hasIterationHooks) {
            this.state = state;
            if (this.runIterationHooks()) {
              this.phase = Phase.Hooks;
              return SUSPEND_AWAIT;
            }
          }
          phase = Phase.Limits;
        }

        if (phase === Phase.Limits) {
          // Hot path: nothing to check but the bound. Everything else is in `limits`.
          if (k < maxIterations && !limitsHaveExtras && this.signals === 0 && this.stopReason === undefined) {
            phase = Phase.Update;
          } else {
            this.state = state;
            const suspension = this.limits(sliceStart);
            if (suspension !== CONTINUE) return suspension;
            phase = this.phase;
          }
        }

        if (phase === Phase.Stopping) {
          this.phase = Phase.Stopping;
          this.state = state;
          this.stopping();
          phase = Phase.StopHooks;
        }

        if (phase === Phase.StopHooks) {
          this.phase = Phase.StopHooks;
          if (this.runStopHooks()) return SUSPEND_AWAIT;
          this.phase = Phase.Done;
          return FINISHED;
        }

        if (phase === Phase.Start) {
          if (this.runStartHooks()) return SUSPEND_AWAIT;
          // A new run checks iteration 0; a resumed one already checked its iteration before the snapshot.
          phase = this.resumed ? Phase.Limits : Phase.Evaluate;
          sliceStart = this.time.now;
        }

        if (phase === Phase.Done) return FINISHED;
      }
    } catch (cause) {
      this.phase = phase;
      this.state = state;
      throw cause;
    }
  }

  /** Suspends the loop on an update that returned a Promise; the driver feeds its value back. */
  private awaitUpdate(pending: PromiseLike<unknown>, state: S): Suspension {
    this.pending = pending;
    this.pendingSource = "update";
    this.phase = Phase.Accept;
    this.state = state;
    return SUSPEND_AWAIT;
  }

  /** Advances the epoch counters after an update. */
  private countEpoch(epochLength: number): void {
    const context = this.context;
    let inEpoch = context.iterationInEpoch + 1;
    this.epochEnded = inEpoch === epochLength;
    if (this.epochEnded) {
      inEpoch = 0;
      context.epoch++;
    }
    context.iterationInEpoch = inEpoch;
  }

  /**
   * The limits phase in full: a pending stop, a hook's request, the time limit, the bound; then the
   * step-through yield and the async time slice. Sets `phase` and returns a suspension, or CONTINUE.
   */
  private limits(sliceStart: number): Suspension | typeof CONTINUE {
    let stopped = this.stopReason !== undefined;
    if (!stopped) {
      if (this.signals !== 0 || this.plan.timeLimitMs !== undefined || this.sliceMs >= 0)
        stopped = this.checkRequestsAndTime();
      if (!stopped && this.iteration >= this.maxIterations) {
        this.stopReason = this.epochsBound
          ? { kind: "maxEpochs", maxEpochs: this.plan.maxEpochs as number }
          : { kind: "maxIterations", maxIterations: this.plan.maxIterations };
        stopped = true;
      }
    }
    this.phase = stopped ? Phase.Stopping : Phase.Update;
    if (this.yieldStates) {
      if (!this.skipNextYield) return SUSPEND_STATE;
      this.skipNextYield = false;
    }
    if (!stopped && this.sliceMs >= 0 && this.time.now - sliceStart >= this.sliceMs) return SUSPEND_SLICE;
    return CONTINUE;
  }

  /** The slow part of the limits phase: a hook's stop request and the time limit. True when stopping. */
  private checkRequestsAndTime(): boolean {
    if (this.hookStop !== undefined) {
      this.stopReason = { kind: "stopRequested", ...this.hookStop };
      return true;
    }
    const timeLimitMs = this.plan.timeLimitMs;
    if (this.time.tick(this.iteration) && timeLimitMs !== undefined) {
      const elapsed = this.elapsedBefore + this.time.now - this.startedAt;
      if (elapsed >= timeLimitMs) {
        this.stopReason = { kind: "timeLimit", timeLimitMs, elapsedMs: elapsed };
        return true;
      }
    }
    return false;
  }

  /** Divergence, then convergence, then the solver's stop request, for the current state. */
  private evaluate(state: S): void {
    const context = this.context;
    if (this.stopReason === undefined) {
      if (this.solverDivergence !== undefined) {
        this.stopReason = { kind: "diverged", source: "solver", message: this.solverDivergence };
      } else if (this.plan.divergence !== undefined) {
        this.evaluating = "divergence";
        if (this.plan.divergence.check(state, context, this.divergenceMemory)) {
          const reports = this.plan.divergence.report(this.divergenceMemory);
          const report = reports.find((leaf) => leaf.met) ?? reports[0];
          this.stopReason = {
            kind: "diverged",
            source: "test",
            message: report === undefined ? this.plan.divergence.label : formatCriterion(report),
            ...(report === undefined ? {} : { report }),
          };
        }
      }
    }
    if (this.stopReason === undefined && this.plan.convergence !== undefined) {
      this.evaluating = "convergence";
      const convergence = this.plan.convergence;
      if (convergence.check(state, context, this.convergenceMemory)) {
        const met = convergence.report(this.convergenceMemory).filter((leaf) => leaf.met);
        const first = met[0];
        this.stopReason = {
          kind: "converged",
          test: first?.label ?? convergence.label,
          value: first?.value ?? NaN,
          tolerance: first?.tolerance ?? NaN,
          met,
        };
      }
    }
    if (this.stopReason === undefined && this.solverStop !== undefined) {
      const { stalled, message } = this.solverStop;
      this.stopReason = stalled
        ? { kind: "stalled", source: "solver", message }
        : { kind: "stopRequested", source: "solver", message };
    }
  }

  /** Adds the current iteration to the trace. */
  private record(state: S): void {
    this.evaluating = "trace";
    (this.trace as TraceBuffer<R>).add(this.traceEntry(state));
  }

  private traceEntry(state: S): { iteration: number; epoch: number; elapsedMs: number; record: R } {
    const record = (this.plan.trace as NonNullable<RunPlan<S, R>["trace"]>).record(state);
    return { iteration: this.iteration, epoch: this.context.epoch, elapsedMs: this.sampledElapsedMs(), record };
  }

  /** Runs `onIteration` then (at an epoch end) `onEpochEnd` handlers from the cursor; true if one is pending. */
  private runIterationHooks(): boolean {
    const iterationCount = this.iterationHandlers.length;
    const total = iterationCount + (this.epochEnded ? this.epochHandlers.length : 0);
    if (this.hookCursor === 0) {
      this.iterationEvent = iterationCount > 0 ? this.makeIterationEvent(this.hookControl) : undefined;
      this.epochEvent = this.epochEnded ? this.makeEpochEvent() : undefined;
    }
    while (this.hookCursor < total) {
      const index = this.hookCursor++;
      const returned =
        index < iterationCount
          ? (this.iterationHandlers[index] as (event: IterationEvent<S>) => unknown)(
              this.iterationEvent as IterationEvent<S>,
            )
          : (this.epochHandlers[index - iterationCount] as (event: EpochEndEvent<S>) => unknown)(
              this.epochEvent as EpochEndEvent<S>,
            );
      if (isThenable(returned)) {
        this.pending = returned;
        this.pendingSource = index < iterationCount ? "onIteration" : "onEpochEnd";
        return true;
      }
    }
    this.hookCursor = 0;
    return false;
  }

  private runStartHooks(): boolean {
    const handlers = this.startHandlers;
    if (this.hookCursor === 0 && handlers.length > 0) {
      this.startEvent = { kind: "start", ...this.eventBase(), resumed: this.resumed, control: this.hookControl };
    }
    while (this.hookCursor < handlers.length) {
      const returned = (handlers[this.hookCursor++] as (event: StartEvent<S>) => unknown)(
        this.startEvent as StartEvent<S>,
      );
      if (isThenable(returned)) {
        this.pending = returned;
        this.pendingSource = "onStart";
        return true;
      }
    }
    this.hookCursor = 0;
    return false;
  }

  /** Final bookkeeping before `onStop`: the final trace entry, the elapsed time, the abort listener. */
  private stopping(): void {
    this.plan.signal?.removeEventListener("abort", this.onAbort);
    const trace = this.trace;
    if (!this.failed && trace !== undefined && trace.lastIteration() !== this.iteration) {
      try {
        this.evaluating = "trace";
        trace.addFinal(this.traceEntry(this.state));
      } catch (cause) {
        this.setError(new StepError("trace", this.iteration, cause));
      }
    }
    this.finalElapsed = this.elapsedMs();
    this.hookCursor = 0;
    const convergence = this.plan.convergence;
    const memory = this.convergenceMemory;
    this.stopEvent = {
      kind: "stop",
      ...this.eventBase(),
      elapsedMs: this.finalElapsed,
      stopReason: this.failed ? undefined : this.stopReason,
      error: this.failed ? this.error : undefined,
      criteria: () => this.reports(convergence, memory),
    };
  }

  /** Runs every `onStop` handler once, even if earlier ones threw; true while one is pending. */
  private runStopHooks(): boolean {
    while (this.hookCursor < this.stopHandlers.length) {
      const handler = this.stopHandlers[this.hookCursor++] as (event: StopEvent<S>) => unknown;
      let returned: unknown;
      try {
        returned = handler(this.stopEvent as StopEvent<S>);
      } catch (cause) {
        this.fail(new HookError("onStop", this.iteration, cause));
        continue;
      }
      if (isThenable(returned)) {
        this.pending = returned;
        this.pendingSource = "onStop";
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------------------------------------------
  // Events, controls, checkpoints.

  private eventBase() {
    const context = this.context;
    return {
      state: this.state,
      iteration: this.iteration,
      epoch: context.epoch,
      iterationInEpoch: context.iterationInEpoch,
      epochLength: context.epochLength,
      maxIterations: this.maxIterations,
      elapsedMs: this.sampledElapsedMs(),
    };
  }

  private makeIterationEvent(control: HookControl<S>): IterationEvent<S> {
    const context = this.context;
    return new IterationEventObject(
      this,
      this.state,
      context.iteration,
      context.epoch,
      context.iterationInEpoch,
      context.epochLength,
      this.maxIterations,
      this.sampledElapsedMs(),
      this.stopReason,
      control,
    );
  }

  private makeEpochEvent(): EpochEndEvent<S> {
    return {
      kind: "epochEnd",
      ...this.eventBase(),
      criteria: () => this.convergenceReports(),
      control: this.hookControl,
    };
  }

  /** Elapsed time from the sampled clock: exact for slow steps, within about 20 microseconds for fast ones. */
  private sampledElapsedMs(): number {
    this.time.tick(this.iteration);
    return this.elapsedBefore + this.time.now - this.startedAt;
  }

  /** The convergence test's reports as of now. */
  convergenceReports(): readonly CriterionReport[] {
    return this.reports(this.plan.convergence, this.convergenceMemory);
  }

  private makeControl(source: "hook" | "consumer"): HookControl<S> {
    return {
      stop: (message: string) => this.requestStop(source, String(message)),
      checkpoint: () => this.checkpoint() as Checkpoint<S, unknown>,
    };
  }

  /** Lets the update rule stop the run or declare divergence. */
  stepControl(): StepControl {
    return {
      stop: (message: string) => {
        this.solverStop ??= { stalled: false, message: String(message) };
        this.signals++;
      },
      stall: (message: string) => {
        this.solverStop ??= { stalled: true, message: String(message) };
        this.signals++;
      },
      diverge: (message: string) => {
        this.solverDivergence ??= String(message);
        this.signals++;
      },
    };
  }

  private reports(criterion: Criterion<S> | undefined, memory: unknown): readonly CriterionReport[] {
    return criterion === undefined ? [] : criterion.report(memory);
  }

  private checkpoint(): Checkpoint<S, R> {
    const plan = this.plan;
    let state: S;
    let memories: { convergence: unknown; divergence: unknown };
    try {
      state = structuredClone(this.state);
      memories = structuredClone({ convergence: this.convergenceMemory, divergence: this.divergenceMemory });
    } catch (cause) {
      throw new CheckpointError(
        `the state is not plain data and cannot be checkpointed: ${cause instanceof Error ? cause.message : String(cause)}`,
      );
    }
    return {
      format: "iterlab.checkpoint",
      version: 1,
      state,
      iteration: this.iteration,
      elapsedMs: this.phase === Phase.Done ? this.finalElapsed : this.elapsedMs(),
      epochLength: plan.epochLength,
      randomState: this.random.state(),
      convergence:
        plan.convergence === undefined ? undefined : { label: plan.convergence.label, memory: memories.convergence },
      divergence:
        plan.divergence === undefined ? undefined : { label: plan.divergence.label, memory: memories.divergence },
      trace: this.trace?.snapshot(),
      ...(this.fingerprint === undefined ? {} : { problem: this.fingerprint() }),
    };
  }

  private setError(error: unknown): void {
    this.failed = true;
    this.error = error;
  }
}

/** The context object handed to the update rule and the stopping tests; one per run, updated in place. */
class RunContext implements IterationContext {
  iteration = 0;
  epoch = 0;
  iterationInEpoch = 0;
  readonly control: StepControl;

  constructor(
    private readonly core: { elapsedMs(): number; stepControl(): StepControl },
    readonly epochLength: number | undefined,
    readonly maxIterations: number,
    readonly random: Random,
  ) {
    this.control = core.stepControl();
  }

  get elapsedMs(): number {
    return this.core.elapsedMs();
  }

  setIteration(iteration: number): void {
    this.iteration = iteration;
    if (this.epochLength !== undefined) {
      this.epoch = Math.floor(iteration / this.epochLength);
      this.iterationInEpoch = iteration % this.epochLength;
    }
  }
}

function restoreMemory<S>(
  criterion: Criterion<S> | undefined,
  snapshot: CriterionSnapshot | undefined,
  role: string,
): unknown {
  if (criterion === undefined) {
    if (snapshot !== undefined)
      throw new CheckpointError(`the checkpoint has a ${role} test (${snapshot.label}) but the run has none`);
    return undefined;
  }
  if (snapshot === undefined) return criterion.init();
  if (snapshot.label !== criterion.label) {
    throw new CheckpointError(`the checkpoint's ${role} test is ${snapshot.label} but the run's is ${criterion.label}`);
  }
  return structuredClone(snapshot.memory);
}

function checkTraceMatches(
  trace: { every: number; maxLength: number },
  snapshot: TraceSnapshot<unknown> | undefined,
): void {
  if (snapshot === undefined) throw new CheckpointError("the checkpoint has no trace but the run records one");
  if (snapshot.every !== trace.every || snapshot.maxLength !== trace.maxLength) {
    throw new CheckpointError(
      `the checkpoint's trace has every ${snapshot.every}, maxLength ${snapshot.maxLength} but the run's has every ${trace.every}, maxLength ${trace.maxLength}`,
    );
  }
}

/** The event of one iteration: a class, so the many step-through and hook events share one shape. */
class IterationEventObject<S> implements IterationEvent<S> {
  readonly kind = "iteration" as const;

  constructor(
    private readonly core: { convergenceReports(): readonly CriterionReport[] },
    readonly state: S,
    readonly iteration: number,
    readonly epoch: number,
    readonly iterationInEpoch: number,
    readonly epochLength: number | undefined,
    readonly maxIterations: number,
    readonly elapsedMs: number,
    readonly stopReason: StopReason | undefined,
    readonly control: HookControl<S>,
  ) {}

  criteria(): readonly CriterionReport[] {
    return this.core.convergenceReports();
  }
}

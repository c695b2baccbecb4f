import type { Checkpoint } from "../checkpoint.js";
import type { CriterionReport } from "../criterion.js";
import type { HookName } from "../errors.js";
import { HookError, IterlabError, StepError } from "../errors.js";
import type { HookControl, IterationEvent, StopEvent } from "../hooks.js";
import type { ProblemFingerprint } from "../problem-fingerprint.js";
import type { Random } from "../random.js";
import type { RunResult } from "../result.js";
import type { StopReason } from "../stop-reason.js";
import type { PendingSink } from "./hook-runner.js";
import { HookRunner } from "./hook-runner.js";
import type { RunPlan } from "./plan.js";
import type { RunStart } from "./run-start.js";
import { quietUpdates } from "./quiet-loop.js";
import { checkCheckpointFits, takeCheckpoint } from "./run-checkpoint.js";
import { RunContext } from "./run-context.js";
import { RunEnding } from "./run-ending.js";
import type { RunView } from "./run-events.js";
import { iterationEvent } from "./run-events.js";
import type { RunLimits } from "./run-limits.js";
import { limitStop } from "./run-limits.js";
import { RunRequests } from "./run-requests.js";
import { RunTests } from "./run-tests.js";
import { RunTimer } from "./run-timer.js";
import type { Suspension } from "./suspension.js";
import { FINISHED, SUSPEND_AWAIT, SUSPEND_SLICE, SUSPEND_STATE } from "./suspension.js";
import { isThenable } from "./thenable.js";
import { TraceBuffer } from "./trace-buffer.js";
import { TraceRecorder } from "./trace-recorder.js";

/** The phases of one iteration; the phase is also where the loop resumes after a suspension. */
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

/** Internal: the limits phase finished without a suspension. */
const CONTINUE = -1;

/**
 * The single loop of the engine, written as a resumable phase machine so that three drivers (sync, async,
 * step-through) run exactly the same sequence of checks. `run()` executes phases until the run finishes
 * or must wait for its driver: a Promise to await, a state to hand out, or a turn of the event loop.
 *
 * The order of one iteration is fixed: abort, update, divergence, convergence (and the solver's stop
 * request), trace, hooks, time limit, iteration bound. `docs/guides/concepts.md` has the table. Each piece of
 * the run's state has one home: the state and the phase here, the counters in `context`, the requests in
 * `requests`, the tests' memories in `tests`, the hooks' cursor in `hooks`.
 */
export class RunCore<S, R> implements RunView<S>, PendingSink, RunLimits {
  /** The current state. Declared, not initialised, so a run over numbers keeps the field unboxed. */
  declare state: S;
  /** Set on a suspension: what the driver must await. */
  pending: PromiseLike<unknown> | undefined;
  /** What produced `pending`. */
  pendingSource: "update" | HookName = "update";
  /** Step-through drivers set this to get `SUSPEND_STATE` after each iteration. */
  yieldStates = false;
  /** Async drivers set this to get `SUSPEND_SLICE` every `sliceMs` (0: every iteration); -1 never. */
  sliceMs = -1;
  /** The stop reason, once decided. */
  stopReason: StopReason | undefined;
  /** The run's counters, handed to the update rule and the tests. */
  readonly context: RunContext;
  /** The iteration bound, the epoch bound included. */
  readonly maxIterations: number;

  private phase: Phase = Phase.Start;
  /** The errors that ended the run, the final time, the stop event. */
  private readonly ending = new RunEnding<S, R>();
  private epochEnded = false;
  /** A resumed step-through run does not hand out the iteration its checkpoint already handed out. */
  private skipNextYield: boolean;
  /** The clock reading when the current async slice began. */
  private sliceStart = 0;
  private readonly resumed: boolean;
  /** Whether the epoch bound is the tighter one. */
  readonly epochsBound: boolean;
  readonly random: Random;
  readonly fingerprint: (() => ProblemFingerprint) | undefined;
  /** The run's clock. */
  readonly timer: RunTimer;
  /** Requests from hooks, the update rule and the abort signal. */
  readonly requests = new RunRequests();
  readonly tests: RunTests<S>;
  private readonly trace: TraceRecorder<S, R> | undefined;
  private readonly hooks: HookRunner<S>;
  private readonly consumerControl: HookControl<S>;

  constructor(
    readonly plan: RunPlan<S, R>,
    start: RunStart<S, R>,
  ) {
    this.state = start.state;
    this.random = start.random;
    this.fingerprint = start.fingerprint;
    this.resumed = start.checkpoint !== undefined;
    this.skipNextYield = this.resumed;
    const epochLength = plan.epochLength;
    this.epochsBound = plan.epochBound < plan.maxIterations;
    this.maxIterations = Math.min(plan.maxIterations, plan.epochBound);
    this.timer = new RunTimer(plan.clock, start.elapsedMs);
    const control = this.requests.stepControl();
    this.context = new RunContext(this.timer, control, epochLength, this.maxIterations, start.random);
    this.context.setIteration(start.iteration);

    const checkpoint = start.checkpoint;
    this.tests = new RunTests(plan.convergence, plan.divergence, checkpoint);
    if (checkpoint !== undefined) checkCheckpointFits(checkpoint, plan.trace, epochLength);
    if (plan.trace !== undefined) {
      const buffer = new TraceBuffer<R>(plan.trace.every, plan.trace.maxLength, checkpoint?.trace);
      this.trace = new TraceRecorder(buffer, plan.trace.record);
    }
    this.hooks = new HookRunner(plan.hooks, this, this.control("hook"), this);
    this.consumerControl = this.control("consumer");
    this.requests.listen(plan.signal);
  }

  /** Completed updates. */
  get iteration(): number {
    return this.context.iteration;
  }

  /** Whether the limits phase reads the clock: a time limit or async slices. */
  get clocked(): boolean {
    return this.plan.timeLimitMs !== undefined || this.sliceMs >= 0;
  }

  /** Whether the run has finished (`run()` returned `FINISHED`). */
  isFinished(): boolean {
    return this.phase === Phase.Done;
  }

  /** Runs phases until the run finishes or waits for its driver; an error ends the run after `onStop`. */
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
      this.ending.add(cause instanceof IterlabError ? cause : new HookError("onStop", this.iteration, cause));
      this.phase = Phase.StopHooks;
      return;
    }
    let error: unknown = cause;
    // The tests and the trace name themselves (see `attributed`); what is left is the update or a hook.
    if (!(cause instanceof IterlabError)) {
      if (phase === Phase.Update || phase === Phase.Accept) error = new StepError("update", this.iteration, cause);
      else if (phase === Phase.Start) error = new HookError("onStart", this.iteration, cause);
      else error = new HookError(this.hooks.runningIterationHook(), this.iteration, cause);
    }
    this.ending.add(error);
    this.phase = Phase.Stopping;
  }

  /** Asks to stop after this iteration; a step-through consumer asks between iterations: before the next update. */
  requestStop(source: "hook" | "consumer", message: string): void {
    if (source === "consumer" && this.phase === Phase.Update && this.stopReason === undefined) {
      this.stopReason = { kind: "stopRequested", source, message };
      this.phase = Phase.Stopping;
      return;
    }
    this.requests.stop(source, message);
  }

  /** The step-through consumer is gone: finish without further updates (`stopRequested` unless decided). */
  abandon(): void {
    if (this.phase >= Phase.Stopping) return;
    this.stopReason ??= { kind: "stopRequested", source: "consumer", message: "the consumer stopped iterating" };
    this.phase = Phase.Stopping;
  }

  /** The event describing the current iteration, for step-through drivers. */
  currentEvent(): IterationEvent<S> {
    return iterationEvent(this, this.consumerControl);
  }

  /** Milliseconds since the run started, from the sampled clock. */
  sampledElapsedMs(): number {
    return this.timer.sampledElapsedMs(this.context.iteration);
  }

  /** The convergence test's reports as of now. */
  convergenceReports(): readonly CriterionReport[] {
    return this.tests.convergenceReports();
  }

  /** The result, once finished; throws the run's error instead when it failed. */
  finish(): RunResult<S, R> {
    return this.ending.result(this, this.tests, this.trace, () => this.checkpoint());
  }

  // ---------------------------------------------------------------------------------------------------
  // The loop: one case per phase, in the order of an iteration.

  private advance(): Suspension {
    const plan = this.plan;
    const context = this.context;
    const requests = this.requests;
    // Checks beyond the bound in the limits phase: a time limit, async slices, step-through yields.
    const timed = plan.timeLimitMs !== undefined || this.sliceMs >= 0 || this.yieldStates;
    // A quiet run has nothing to do between updates but count them: see `quietUpdates`.
    const quiet =
      !this.tests.any && this.trace === undefined && !this.hooks.hasIterationHooks && plan.epochLength === undefined;
    this.sliceStart = this.timer.clock.now;
    // One pass of this loop body is one iteration: each phase runs when the run is in it and hands over to the
    // next, so an iteration with nothing to suspend on runs straight through.
    for (;;) {
      if (this.phase === Phase.Update) {
        if (requests.aborted) {
          this.stopReason = { kind: "aborted", reason: plan.signal?.reason };
          this.phase = Phase.Stopping;
        } else if (quiet && !this.yieldStates && requests.count === 0 && context.iteration < this.maxIterations) {
          const clock = timed ? this.timer.clock : undefined;
          this.state = quietUpdates(plan.update, this.state, context, requests, this.maxIterations, clock, this);
          if (this.pending !== undefined) return this.awaitUpdate(this.pending);
          this.phase = Phase.Evaluate;
        } else {
          const next = plan.update(this.state, context);
          if (typeof next === "object" && next !== null && isThenable(next)) return this.awaitUpdate(next);
          this.state = next;
          this.phase = Phase.Accept;
        }
      }
      if (this.phase === Phase.Accept) {
        this.epochEnded = context.countUpdate();
        this.phase = Phase.Evaluate;
      }
      if (this.phase === Phase.Evaluate) {
        if (this.tests.any || requests.count !== 0) {
          this.stopReason ??= this.tests.evaluate(this.state, context, requests);
        }
        const trace = this.trace;
        if (trace !== undefined && context.iteration >= trace.buffer.next) trace.add(this);
        this.phase = Phase.Hooks;
      }
      if (this.phase === Phase.Hooks) {
        if (this.hooks.hasIterationHooks && this.hooks.runIteration(this.epochEnded)) return SUSPEND_AWAIT;
        this.phase = Phase.Limits;
      }
      if (this.phase === Phase.Limits) {
        // Hot path: nothing to check but the bound. Everything else is in `limits`.
        if (!timed && requests.count === 0 && this.stopReason === undefined && context.iteration < this.maxIterations) {
          this.phase = Phase.Update;
          continue;
        }
        const suspension = this.limits();
        if (suspension !== CONTINUE) return suspension;
        if ((this.phase as Phase) === Phase.Update) continue;
      }
      if (this.phase === Phase.Stopping) {
        this.requests.unlisten(plan.signal);
        this.hooks.beginStop();
        this.ending.begin(this, this.trace, this.timer, this.tests);
        this.phase = Phase.StopHooks;
      }
      if (this.phase === Phase.StopHooks) {
        if (this.hooks.runStop(this.ending.event as StopEvent<S>, context.iteration, (error) => this.fail(error))) {
          return SUSPEND_AWAIT;
        }
        this.phase = Phase.Done;
      }
      if (this.phase === Phase.Done) return FINISHED;
      if (this.phase === Phase.Start) {
        if (this.hooks.runStart(this.resumed)) return SUSPEND_AWAIT;
        // A new run checks iteration 0; a resumed one already checked its iteration before the snapshot.
        this.phase = this.resumed ? Phase.Limits : Phase.Evaluate;
        this.sliceStart = this.timer.clock.now;
      }
    }
  }

  /** Suspends the loop on an update that returned a Promise; the driver feeds its value back. */
  private awaitUpdate(pending: PromiseLike<unknown>): Suspension {
    this.pending = pending;
    this.pendingSource = "update";
    this.phase = Phase.Accept;
    return SUSPEND_AWAIT;
  }

  /**
   * The limits phase in full: a decided stop, a hook's request, the time limit, the bound; then the step-through
   * yield and the async time slice. Sets the phase and returns a suspension, or CONTINUE.
   */
  private limits(): Suspension | typeof CONTINUE {
    this.stopReason ??= limitStop(this, this.iteration);
    const stopped = this.stopReason !== undefined;
    this.phase = stopped ? Phase.Stopping : Phase.Update;
    if (this.yieldStates) {
      if (!this.skipNextYield) return SUSPEND_STATE;
      this.skipNextYield = false;
    }
    if (!stopped && this.sliceMs >= 0 && this.timer.clock.now - this.sliceStart >= this.sliceMs) return SUSPEND_SLICE;
    return CONTINUE;
  }

  private control(source: "hook" | "consumer"): HookControl<S> {
    return {
      stop: (message: string) => this.requestStop(source, String(message)),
      checkpoint: () => this.checkpoint() as Checkpoint<S, unknown>,
    };
  }

  private checkpoint(): Checkpoint<S, R> {
    const elapsedMs = this.phase === Phase.Done ? this.ending.elapsedMs : this.timer.elapsedMs();
    const { state, iteration, random, tests, fingerprint } = this;
    const trace = this.trace?.buffer;
    return takeCheckpoint({
      state,
      iteration,
      elapsedMs,
      epochLength: this.plan.epochLength,
      random,
      tests,
      trace,
      fingerprint,
    });
  }
}

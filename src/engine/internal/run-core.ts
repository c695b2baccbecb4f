import type { Checkpoint } from "../checkpoint.js";
import type { CriterionReport } from "../criterion.js";
import type { HookName } from "../errors.js";
import { CheckpointError, HookError, IterlabError, StepError } from "../errors.js";
import type { HookControl, IterationEvent, StopEvent } from "../hooks.js";
import type { ProblemFingerprint } from "../problem-fingerprint.js";
import type { Random } from "../random.js";
import type { RunResult } from "../result.js";
import type { StopReason } from "../stop-reason.js";
import type { PendingSink } from "./hook-runner.js";
import { HookRunner } from "./hook-runner.js";
import type { RunPlan } from "./plan.js";
import { quietUpdates } from "./quiet-loop.js";
import { checkTraceMatches, takeCheckpoint } from "./run-checkpoint.js";
import { RunContext } from "./run-context.js";
import type { RunView } from "./run-events.js";
import { eventBase, iterationEvent } from "./run-events.js";
import { RunRequests } from "./run-requests.js";
import { attributed, RunTests } from "./run-tests.js";
import { RunTimer } from "./run-timer.js";
import type { Suspension } from "./suspension.js";
import { FINISHED, SUSPEND_AWAIT, SUSPEND_SLICE, SUSPEND_STATE } from "./suspension.js";
import { isThenable } from "./thenable.js";
import { TraceBuffer } from "./trace-buffer.js";

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
export class RunCore<S, R> implements RunView<S>, PendingSink {
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
  /** The run's error first, then the errors raised after it (kept as `suppressed`). */
  private readonly errors: unknown[] = [];
  private epochEnded = false;
  /** A resumed step-through run does not hand out the iteration its checkpoint already handed out. */
  private skipNextYield: boolean;
  /** The clock reading when the current async slice began. */
  private sliceStart = 0;
  private finalElapsed = 0;
  private stopEvent: StopEvent<S> | undefined;
  private readonly resumed: boolean;
  private readonly epochsBound: boolean;
  private readonly random: Random;
  private readonly fingerprint: (() => ProblemFingerprint) | undefined;
  private readonly timer: RunTimer;
  private readonly requests = new RunRequests();
  private readonly tests: RunTests<S>;
  private readonly trace: TraceBuffer<R> | undefined;
  private readonly hooks: HookRunner<S>;
  private readonly consumerControl: HookControl<S>;

  constructor(
    private readonly plan: RunPlan<S, R>,
    start: RunStart<S, R>,
  ) {
    this.state = start.state;
    this.random = start.random;
    this.fingerprint = start.fingerprint;
    this.resumed = start.checkpoint !== undefined;
    this.skipNextYield = this.resumed;
    const epochLength = plan.epochLength;
    const epochBound =
      plan.maxEpochs !== undefined && epochLength !== undefined ? plan.maxEpochs * epochLength : Infinity;
    this.epochsBound = epochBound < plan.maxIterations;
    this.maxIterations = Math.min(plan.maxIterations, epochBound);
    this.timer = new RunTimer(plan.clock, start.elapsedMs);
    this.context = new RunContext(this.timer, this.requests.stepControl(), epochLength, this.maxIterations, start.random);
    this.context.setIteration(start.iteration);

    const checkpoint = start.checkpoint;
    this.tests = new RunTests(plan.convergence, plan.divergence, checkpoint);
    if (plan.trace !== undefined) {
      const snapshot = checkpoint?.trace;
      if (checkpoint !== undefined) checkTraceMatches(plan.trace, snapshot);
      this.trace = new TraceBuffer<R>(plan.trace.every, plan.trace.maxLength, snapshot);
    }
    if (checkpoint !== undefined && checkpoint.epochLength !== epochLength) {
      throw new CheckpointError(
        `the checkpoint has epochLength ${String(checkpoint.epochLength)} but the run has ${String(epochLength)}`,
      );
    }
    this.hooks = new HookRunner(plan.hooks, this, this.control("hook"), this);
    this.consumerControl = this.control("consumer");
    if (plan.signal !== undefined) {
      if (plan.signal.aborted) this.requests.onAbort();
      else plan.signal.addEventListener("abort", this.requests.onAbort, { once: true });
    }
  }

  /** Completed updates. */
  get iteration(): number {
    return this.context.iteration;
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
      this.errors.push(cause instanceof IterlabError ? cause : new HookError("onStop", this.iteration, cause));
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
    this.errors.push(error);
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
    this.requests.stop(source, message);
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
    const [error, ...suppressed] = this.errors;
    if (this.errors.length > 0) {
      if (suppressed.length > 0 && error instanceof Error) {
        Object.defineProperty(error, "suppressed", { value: suppressed, enumerable: false, configurable: true });
      }
      throw error;
    }
    const stopReason = this.stopReason as StopReason;
    return {
      state: this.state,
      iterations: this.iteration,
      epochs: this.context.epoch,
      stopReason,
      converged: stopReason.kind === "converged",
      criteria: { convergence: this.tests.convergenceReports(), divergence: this.tests.divergenceReports() },
      trace: this.trace === undefined ? { entries: [], stride: 0, thinned: false } : this.trace.toTrace(),
      elapsedMs: this.finalElapsed,
      // Taken on demand: a state that is not plain data must not fail runs that never checkpoint.
      checkpoint: () => this.checkpoint(),
    };
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
    for (;;) {
      switch (this.phase) {
        case Phase.Start:
          if (this.hooks.runStart(this.resumed)) return SUSPEND_AWAIT;
          // A new run checks iteration 0; a resumed one already checked its iteration before the snapshot.
          this.phase = this.resumed ? Phase.Limits : Phase.Evaluate;
          this.sliceStart = this.timer.clock.now;
          break;
        case Phase.Update: {
          if (requests.aborted) {
            this.stopReason = { kind: "aborted", reason: plan.signal?.reason };
            this.phase = Phase.Stopping;
            break;
          }
          if (quiet && !this.yieldStates && requests.count === 0 && context.iteration < this.maxIterations) {
            const clock = timed ? this.timer.clock : undefined;
            this.state = quietUpdates(plan.update, this.state, context, requests, this.maxIterations, clock, this);
            if (this.pending !== undefined) return this.awaitUpdate(this.pending);
            this.phase = Phase.Evaluate;
            break;
          }
          const next = plan.update(this.state, context);
          if (typeof next === "object" && next !== null && isThenable(next)) return this.awaitUpdate(next);
          this.state = next;
          this.phase = Phase.Accept;
          break;
        }
        case Phase.Accept:
          this.epochEnded = context.countUpdate();
          this.phase = Phase.Evaluate;
          break;
        case Phase.Evaluate: {
          if (this.tests.any || requests.count !== 0) this.stopReason ??= this.tests.evaluate(this.state, context, requests);
          const trace = this.trace;
          if (trace !== undefined && context.iteration >= trace.next) this.record(trace);
          this.phase = Phase.Hooks;
          break;
        }
        case Phase.Hooks:
          if (this.hooks.hasIterationHooks && this.hooks.runIteration(this.epochEnded)) return SUSPEND_AWAIT;
          this.phase = Phase.Limits;
          break;
        case Phase.Limits: {
          // Hot path: nothing to check but the bound. Everything else is in `limits`.
          if (!timed && requests.count === 0 && this.stopReason === undefined && context.iteration < this.maxIterations) {
            this.phase = Phase.Update;
            break;
          }
          const suspension = this.limits();
          if (suspension !== CONTINUE) return suspension;
          break;
        }
        case Phase.Stopping:
          this.stopping();
          this.phase = Phase.StopHooks;
          break;
        case Phase.StopHooks:
          if (this.hooks.runStop(this.stopEvent as StopEvent<S>, context.iteration, (error) => this.fail(error))) {
            return SUSPEND_AWAIT;
          }
          this.phase = Phase.Done;
          return FINISHED;
        case Phase.Done:
          return FINISHED;
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
   * The limits phase in full: a pending stop, a hook's request, the time limit, the bound; then the
   * step-through yield and the async time slice. Sets the phase and returns a suspension, or CONTINUE.
   */
  private limits(): Suspension | typeof CONTINUE {
    let stopped = this.stopReason !== undefined;
    if (!stopped) {
      if (this.requests.count !== 0 || this.plan.timeLimitMs !== undefined || this.sliceMs >= 0)
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
    if (!stopped && this.sliceMs >= 0 && this.timer.clock.now - this.sliceStart >= this.sliceMs) return SUSPEND_SLICE;
    return CONTINUE;
  }

  /** The slow part of the limits phase: a hook's stop request and the time limit. True when stopping. */
  private checkRequestsAndTime(): boolean {
    const hookStop = this.requests.hookStop;
    if (hookStop !== undefined) {
      this.stopReason = { kind: "stopRequested", ...hookStop };
      return true;
    }
    const timeLimitMs = this.plan.timeLimitMs;
    const elapsedMs = this.timer.tick(this.iteration);
    if (timeLimitMs !== undefined && elapsedMs >= timeLimitMs) {
      this.stopReason = { kind: "timeLimit", timeLimitMs, elapsedMs };
      return true;
    }
    return false;
  }

  /** Adds the current iteration to the trace. */
  private record(trace: TraceBuffer<R>): void {
    try {
      trace.add(this.traceEntry());
    } catch (cause) {
      throw attributed("trace", this.iteration, cause);
    }
  }

  private traceEntry(): { iteration: number; epoch: number; elapsedMs: number; record: R } {
    const record = (this.plan.trace as NonNullable<RunPlan<S, R>["trace"]>).record(this.state);
    return { iteration: this.iteration, epoch: this.context.epoch, elapsedMs: this.sampledElapsedMs(), record };
  }

  /** Final bookkeeping before `onStop`: the final trace entry, the elapsed time, the abort listener. */
  private stopping(): void {
    this.plan.signal?.removeEventListener("abort", this.requests.onAbort);
    const trace = this.trace;
    if (this.errors.length === 0 && trace !== undefined && trace.lastIteration() !== this.iteration) {
      try {
        trace.addFinal(this.traceEntry());
      } catch (cause) {
        this.errors.push(new StepError("trace", this.iteration, cause));
      }
    }
    this.finalElapsed = this.timer.elapsedMs();
    this.hooks.beginStop();
    const failed = this.errors.length > 0;
    const tests = this.tests;
    this.stopEvent = {
      kind: "stop",
      ...eventBase(this),
      elapsedMs: this.finalElapsed,
      stopReason: failed ? undefined : this.stopReason,
      error: failed ? this.errors[0] : undefined,
      criteria: () => tests.convergenceReports(),
    };
  }

  private control(source: "hook" | "consumer"): HookControl<S> {
    return {
      stop: (message: string) => this.requestStop(source, String(message)),
      checkpoint: () => this.checkpoint() as Checkpoint<S, unknown>,
    };
  }

  private checkpoint(): Checkpoint<S, R> {
    return takeCheckpoint({
      state: this.state,
      iteration: this.iteration,
      elapsedMs: this.phase === Phase.Done ? this.finalElapsed : this.timer.elapsedMs(),
      epochLength: this.plan.epochLength,
      random: this.random,
      tests: this.tests,
      trace: this.trace,
      fingerprint: this.fingerprint,
    });
  }
}

import type { Checkpoint } from "../checkpoint.js";
import type { Criterion, CriterionReport } from "../criterion.js";
import type { HookName, StepPhase } from "../errors.js";
import { HookError, IterlabError, StepError } from "../errors.js";
import type { HookControl, IterationEvent } from "../hooks.js";
import type { ProblemFingerprint } from "../problem-fingerprint.js";
import type { Random } from "../random.js";
import type { RunResult } from "../result.js";
import type { StopReason } from "../stop-reason.js";
import type { RunStart } from "./create-core.js";
import type { RunPlan } from "./plan.js";
import type { RunMemory } from "./run-checkpoint.js";
import { startMemory, takeCheckpoint } from "./run-checkpoint.js";
import { RunContext } from "./run-context.js";
import { IterationEventObject } from "./run-events.js";
import type { RunView } from "./run-events.js";
import { HookRunner } from "./run-hooks.js";
import type { HookHost } from "./run-hooks.js";
import { errorIn, withSuppressed } from "./run-errors.js";
import { advance, Phase } from "./run-loop.js";
import type { Suspension } from "./run-loop.js";
import { RunRequests } from "./run-requests.js";
import { SampledClock } from "./sampled-clock.js";
import { convergedReason, divergedReason } from "./stop-tests.js";

/** What `finish` reports as suppressed when nothing was. */
const noErrors: readonly unknown[] = Object.freeze([]);

/** How precisely time limits and trace timestamps follow the clock (see SampledClock). */
const clockIntervalMs = 0.02;

/**
 * One run: its state, counters, tests' memory, hooks and clock, and the interface its driver uses
 * (`drivers.ts`: sync, async, step-through). The loop itself is `advance` in `run-loop.ts`, which reads and
 * writes the fields below. The state lives in `state` (only the quiet loop, `quietUpdates`, holds it in a
 * local while it runs) and the counters in `context`.
 */
export class RunCore<S, R> implements RunView<S>, HookHost<S> {
  /** The current state. Declared, not initialised: a run over numbers keeps the field unboxed. */
  declare state: S;
  /** Where the loop resumes: its position when it last left (see `advance`). */
  resumeAt = Phase.Start;
  /** Why the run stops, once decided. */
  stopReason: StopReason | undefined;
  /** Set on a suspension: what the driver must await, and what produced it. */
  pending: PromiseLike<unknown> | undefined;
  pendingSource: "update" | HookName = "update";
  /** Step-through drivers set this to get `SUSPEND_STATE` after each iteration. */
  yieldStates = false;
  /** Async drivers set this to get `SUSPEND_SLICE` every `sliceMs` (0: every iteration); -1 never. */
  sliceMs = -1;
  /** Which check runs user code in the Evaluate phase, to name it when it throws. */
  evaluating: StepPhase = "divergence";
  /** Whether the last update completed an epoch. */
  epochEnded = false;
  /** A resumed run does not hand out the iteration its checkpoint was taken at a second time. */
  skipNextYield: boolean;
  failed = false;
  error: unknown;
  finalElapsedMs = 0;
  readonly context: RunContext;
  /** The iteration bound, `maxEpochs` included, and whether `maxEpochs` is the one that binds. */
  readonly maxIterations: number;
  readonly epochsBound: boolean;
  readonly resumed: boolean;
  /** Nothing to trace, hook or count between updates: the loop may run updates and tests back to back. */
  readonly quiet: boolean;
  readonly memory: RunMemory<R>;
  readonly requests = new RunRequests();
  readonly hooks: HookRunner<S>;
  readonly time: SampledClock;
  readonly startedAt: number;
  readonly elapsedBefore: number;
  /** Errors raised while stopping after the run's error (made on the first). */
  private suppressed: unknown[] | undefined;
  private readonly random: Random;
  private readonly fingerprint: (() => ProblemFingerprint) | undefined;
  private readonly warnings: readonly string[];
  private readonly settle: ((state: S) => S) | undefined;
  /** The reports of the test the run stopped on (see `stopOnConvergence`). */
  private convergenceAtStop: readonly CriterionReport[] | undefined;
  private divergenceAtStop: readonly CriterionReport[] | undefined;
  /** The handles of hooks and of a step-through consumer, made on first use (most runs have neither). */
  private hookHandle: HookControl<S> | undefined;
  private consumerHandle: HookControl<S> | undefined;

  constructor(
    readonly plan: RunPlan<S, R>,
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
    this.context = new RunContext(this, epochLength, this.maxIterations, start.random, this.requests);
    this.context.setIteration(start.iteration);
    this.warnings = start.problem.warnings;
    this.memory = startMemory(plan, start.checkpoint, start.problem);
    this.hooks = new HookRunner(plan.hooks, this);
    this.quiet = plan.trace === undefined && !this.hooks.hasIterationHooks && epochLength === undefined;
    // A step-through consumer says so itself (handOutStates).
    const traceKeeps = plan.trace !== undefined && start.traceKeepsStates !== false;
    this.context.setAudience(plan.hooks.length > 0 || start.callerTests, traceKeeps, start.settle !== undefined);
    this.settle = start.settle;
    this.time = new SampledClock(plan.clock, clockIntervalMs);
    this.startedAt = this.time.now;
    const signal = plan.signal;
    if (signal?.aborted) this.requests.onAbort();
    else signal?.addEventListener("abort", this.requests.onAbort, { once: true });
  }

  /** A step-through driver hands every state to its consumer, who may keep it. */
  handOutStates(): void {
    this.yieldStates = true;
    this.context.setAudience(true, true, false);
  }

  /** Brings the last state up to date once where `context.willSettle`; never after an error (no state leaves). */
  settleLast(): void {
    if (this.settle === undefined || !this.context.willSettle || this.failed) return;
    this.context.willSettle = false;
    try {
      this.state = this.settle(this.state);
    } catch (cause) {
      this.setError(cause instanceof IterlabError ? cause : new StepError("settle", this.iteration, cause));
    }
  }

  /** The handle hooks receive as `event.control`. */
  get hookControl(): HookControl<S> {
    this.hookHandle ??= this.control("hook");
    return this.hookHandle;
  }

  /** Completed updates. */
  get iteration(): number {
    return this.context.iteration;
  }

  /** Milliseconds since the run started, including time before a resume, read from the clock now. */
  elapsedMs(): number {
    return this.elapsedBefore + this.time.read() - this.startedAt;
  }

  /** Elapsed time from the sampled clock: exact for slow steps, within about 20 microseconds for fast ones. */
  sampledElapsedMs(): number {
    this.time.tick(this.context.iteration);
    return this.elapsedBefore + this.time.now - this.startedAt;
  }

  /** Whether the run has finished (`run()` returned `FINISHED`). */
  isFinished(): boolean {
    return this.resumeAt === Phase.Done;
  }

  /**
   * Runs the loop until the run finishes or must wait for its driver. User code that throws is wrapped
   * (StepError, HookError) and ends the run after the `onStop` hooks.
   */
  run(): Suspension {
    for (;;) {
      try {
        return advance(this);
      } catch (cause) {
        this.fail(cause);
      }
    }
  }

  /** The loop waits for `pending`, which `source` returned. */
  suspend(pending: PromiseLike<unknown>, source: "update" | HookName): void {
    this.pending = pending;
    this.pendingSource = source;
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
    const phase = this.resumeAt;
    if (phase >= Phase.Stopping) {
      this.keepStopError(cause instanceof IterlabError ? cause : new HookError("onStop", this.iteration, cause));
      this.resumeAt = Phase.StopHooks;
      return;
    }
    this.setError(cause instanceof IterlabError ? cause : errorIn(this, phase, cause));
    this.resumeAt = Phase.Stopping;
  }

  /** Keeps an error raised while stopping: the run's error, or a suppressed one when it already failed. */
  keepStopError(error: unknown): void {
    if (this.failed) (this.suppressed ??= []).push(error);
    else this.setError(error);
  }

  setError(error: unknown): void {
    this.failed = true;
    this.error = error;
  }

  /**
   * Asks the run to stop after the current iteration. A consumer of a step-through iterator asks between
   * iterations, so its request takes effect before the next update.
   */
  requestStop(source: "hook" | "consumer", message: string): void {
    if (source === "consumer" && this.resumeAt === Phase.Update && this.stopReason === undefined) {
      this.stopReason = { kind: "stopRequested", source, message };
      this.resumeAt = Phase.Stopping;
      return;
    }
    this.requests.requestStop(source, message);
  }

  /**
   * The consumer of a step-through iterator is gone: finish without further updates. The stop reason is
   * `stopRequested` unless one was already decided.
   */
  abandon(): void {
    if (this.resumeAt >= Phase.Stopping) return;
    this.stopReason ??= { kind: "stopRequested", source: "consumer", message: "the consumer stopped iterating" };
    this.resumeAt = Phase.Stopping;
  }

  /** The event describing the current iteration, for step-through drivers. */
  currentEvent(): IterationEvent<S> {
    this.consumerHandle ??= this.control("consumer");
    return new IterationEventObject(this, this.consumerHandle);
  }

  /** The result, once finished; throws the run's error instead when it failed. */
  finish(): RunResult<S, R> {
    if (this.failed) throw withSuppressed(this.error, this.suppressed ?? noErrors);
    const { plan, memory } = this;
    const stopReason = this.stopReason as StopReason;
    return {
      state: this.state,
      iterations: this.iteration,
      epochs: this.context.epoch,
      stopReason,
      converged: stopReason.kind === "converged",
      criteria: {
        convergence: this.convergenceAtStop ?? this.convergenceReports(),
        divergence:
          this.divergenceAtStop ?? (plan.divergence === undefined ? [] : plan.divergence.report(memory.divergence)),
      },
      trace: memory.trace === undefined ? { entries: [], stride: 0, thinned: false } : memory.trace.toTrace(),
      elapsedMs: this.finalElapsedMs,
      warnings: this.warnings,
      // Taken on demand: a state that is not plain data must not fail runs that never checkpoint.
      checkpoint: () => this.checkpoint(),
    };
  }

  /** The convergence test's reports as of now. */
  convergenceReports(): readonly CriterionReport[] {
    const convergence = this.plan.convergence;
    return convergence === undefined ? [] : convergence.report(this.memory.convergence);
  }

  /**
   * Stops the run on its divergence test, which held. The reports are kept for the result: once the run
   * stops on a test, its memory changes no more, so the result's reports would be the same.
   */
  stopOnDivergence(test: Criterion<S>, memory: unknown): void {
    this.divergenceAtStop = test.report(memory);
    this.stopReason = divergedReason(test, this.divergenceAtStop);
  }

  /** Stops the run on its convergence test, which held; the reports are kept for the result, as above. */
  stopOnConvergence(test: Criterion<S>, memory: unknown): void {
    this.convergenceAtStop = test.report(memory);
    this.stopReason = convergedReason(test, this.convergenceAtStop);
  }

  private control(source: "hook" | "consumer"): HookControl<S> {
    return {
      stop: (message: string) => this.requestStop(source, String(message)),
      checkpoint: () => this.checkpoint() as Checkpoint<S, unknown>,
    };
  }

  private checkpoint(): Checkpoint<S, R> {
    return takeCheckpoint({
      plan: this.plan,
      state: this.state,
      iteration: this.iteration,
      elapsedMs: this.resumeAt === Phase.Done ? this.finalElapsedMs : this.elapsedMs(),
      random: this.random,
      memory: this.memory,
      fingerprint: this.fingerprint,
    });
  }
}

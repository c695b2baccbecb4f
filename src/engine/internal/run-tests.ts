import type { CriterionSnapshot } from "../checkpoint.js";
import type { IterationContext } from "../context.js";
import type { Criterion, CriterionReport } from "../criterion.js";
import { formatCriterion } from "../criterion.js";
import type { StepPhase } from "../errors.js";
import { CheckpointError, IterlabError, StepError } from "../errors.js";
import type { StopReason } from "../stop-reason.js";
import type { RunRequests } from "./run-requests.js";

/**
 * A run's stopping tests with their memories: the convergence and divergence criteria of the plan, and what
 * each remembers between iterations (restored from a checkpoint when the run resumes).
 */
export class RunTests<S> {
  /** Whether the run has a test at all. */
  readonly any: boolean;
  /** The convergence test's memory. */
  readonly convergenceMemory: unknown;
  /** The divergence test's memory. */
  readonly divergenceMemory: unknown;

  constructor(
    readonly convergence: Criterion<S> | undefined,
    readonly divergence: Criterion<S> | undefined,
    snapshots: { convergence: CriterionSnapshot | undefined; divergence: CriterionSnapshot | undefined } | undefined,
  ) {
    this.any = convergence !== undefined || divergence !== undefined;
    this.convergenceMemory = restoreMemory(convergence, snapshots?.convergence, "convergence");
    this.divergenceMemory = restoreMemory(divergence, snapshots?.divergence, "divergence");
  }

  /**
   * Steps 3 and 4 of an iteration: the update rule's divergence, the divergence test, the convergence test,
   * then the update rule's stop or stall request. Returns the first stop reason that holds. An error thrown by
   * a test becomes a StepError naming it.
   */
  evaluate(state: S, context: IterationContext, requests: RunRequests): StopReason | undefined {
    if (requests.solverDivergence !== undefined) {
      return { kind: "diverged", source: "solver", message: requests.solverDivergence };
    }
    const divergence = this.divergence;
    if (divergence !== undefined) {
      const diverged = this.diverged(divergence, state, context);
      if (diverged !== undefined) return diverged;
    }
    const convergence = this.convergence;
    if (convergence !== undefined) {
      const converged = this.converged(convergence, state, context);
      if (converged !== undefined) return converged;
    }
    const solverStop = requests.solverStop;
    if (solverStop === undefined) return undefined;
    return solverStop.stalled
      ? { kind: "stalled", source: "solver", message: solverStop.message }
      : { kind: "stopRequested", source: "solver", message: solverStop.message };
  }

  /** The convergence test's reports as of now. */
  convergenceReports(): readonly CriterionReport[] {
    return this.convergence === undefined ? [] : this.convergence.report(this.convergenceMemory);
  }

  /** The divergence test's reports as of now. */
  divergenceReports(): readonly CriterionReport[] {
    return this.divergence === undefined ? [] : this.divergence.report(this.divergenceMemory);
  }

  private diverged(divergence: Criterion<S>, state: S, context: IterationContext): StopReason | undefined {
    try {
      if (!divergence.check(state, context, this.divergenceMemory)) return undefined;
      const reports = divergence.report(this.divergenceMemory);
      const report = reports.find((leaf) => leaf.met) ?? reports[0];
      return {
        kind: "diverged",
        source: "test",
        message: report === undefined ? divergence.label : formatCriterion(report),
        ...(report === undefined ? {} : { report }),
      };
    } catch (cause) {
      throw attributed("divergence", context.iteration, cause);
    }
  }

  private converged(convergence: Criterion<S>, state: S, context: IterationContext): StopReason | undefined {
    try {
      if (!convergence.check(state, context, this.convergenceMemory)) return undefined;
      const met = convergence.report(this.convergenceMemory).filter((leaf) => leaf.met);
      const first = met[0];
      return {
        kind: "converged",
        test: first?.label ?? convergence.label,
        value: first?.value ?? NaN,
        tolerance: first?.tolerance ?? NaN,
        met,
      };
    } catch (cause) {
      throw attributed("convergence", context.iteration, cause);
    }
  }
}

/** An error from user code in `phase`, wrapped in a StepError unless it is already one of the library's. */
export function attributed(phase: StepPhase, iteration: number, cause: unknown): unknown {
  return cause instanceof IterlabError ? cause : new StepError(phase, iteration, cause);
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

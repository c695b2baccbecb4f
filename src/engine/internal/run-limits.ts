import type { StopReason } from "../stop-reason.js";
import type { RunPlan } from "./plan.js";
import type { RunRequests } from "./run-requests.js";
import type { RunTimer } from "./run-timer.js";

/** The run's bounds as the limits phase reads them. */
export interface RunLimits {
  readonly plan: Pick<RunPlan<unknown, unknown>, "timeLimitMs" | "maxEpochs" | "maxIterations">;
  readonly requests: RunRequests;
  readonly timer: RunTimer;
  /** The iteration bound, the epoch bound included. */
  readonly maxIterations: number;
  /** Whether the epoch bound is the tighter one (the stop reason is then `maxEpochs`). */
  readonly epochsBound: boolean;
  /** Whether the limits phase reads the clock: a time limit or async slices. */
  readonly clocked: boolean;
}

/**
 * Steps 7 and 8 of an iteration once the earlier steps decided nothing: a hook's stop request, the time limit
 * (read from the sampled clock), then the iteration or epoch bound. Returns the stop reason, if any.
 */
export function limitStop(limits: RunLimits, iteration: number): StopReason | undefined {
  const requests = limits.requests;
  if (requests.count !== 0 || limits.clocked) {
    const hookStop = requests.hookStop;
    if (hookStop !== undefined) return { kind: "stopRequested", ...hookStop };
    const timeLimitMs = limits.plan.timeLimitMs;
    const elapsedMs = limits.timer.tick(iteration);
    if (timeLimitMs !== undefined && elapsedMs >= timeLimitMs) return { kind: "timeLimit", timeLimitMs, elapsedMs };
  }
  if (iteration < limits.maxIterations) return undefined;
  return limits.epochsBound
    ? { kind: "maxEpochs", maxEpochs: limits.plan.maxEpochs as number }
    : { kind: "maxIterations", maxIterations: limits.plan.maxIterations };
}

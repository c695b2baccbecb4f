import type { StepControl } from "../context.js";

/** A stop asked for by a hook or by the consumer of a step-through iterator. */
export interface StopRequest {
  readonly source: "hook" | "consumer";
  readonly message: string;
}

/** A stop asked for by the update rule: `stall` or `stop`. */
export interface SolverStopRequest {
  readonly stalled: boolean;
  readonly message: string;
}

/**
 * The requests that reach a run from outside its phases: the abort signal, a hook's (or consumer's) stop, and
 * the update rule's stop, stall or divergence. The loop acts on them at fixed points of the iteration; the
 * first request of each kind wins.
 */
export class RunRequests {
  /** Non-zero once any request is pending: the one field the hot loop tests. */
  count = 0;
  /** The abort signal fired. */
  aborted = false;
  /** A hook's or the consumer's stop request. */
  hookStop: StopRequest | undefined = undefined;
  /** The update rule's stop or stall request. */
  solverStop: SolverStopRequest | undefined = undefined;
  /** The update rule's divergence message. */
  solverDivergence: string | undefined = undefined;
  /** The abort signal's listener. */
  readonly onAbort = (): void => {
    this.aborted = true;
    this.count++;
  };

  /** Listens to the run's abort signal, if any (an aborted one counts at once). */
  listen(signal: AbortSignal | undefined): void {
    if (signal === undefined) return;
    if (signal.aborted) this.onAbort();
    else signal.addEventListener("abort", this.onAbort, { once: true });
  }

  /** Stops listening to the abort signal. */
  unlisten(signal: AbortSignal | undefined): void {
    signal?.removeEventListener("abort", this.onAbort);
  }

  /** Records a hook's or the consumer's stop request. */
  stop(source: "hook" | "consumer", message: string): void {
    this.hookStop ??= { source, message };
    this.count++;
  }

  /** The control handed to the update rule: stop, stall or declare divergence. */
  stepControl(): StepControl {
    return {
      stop: (message: string) => {
        this.solverStop ??= { stalled: false, message: String(message) };
        this.count++;
      },
      stall: (message: string) => {
        this.solverStop ??= { stalled: true, message: String(message) };
        this.count++;
      },
      diverge: (message: string) => {
        this.solverDivergence ??= String(message);
        this.count++;
      },
    };
  }
}

import type { StepControl } from "../context.js";
import type { StopReason } from "../stop-reason.js";

/**
 * Requests that reach the loop from outside its phases: an abort signal, a stop asked by a hook or by the
 * consumer of a step-through iterator, and the update rule's stop, stall and divergence. The loop acts on
 * them at fixed points of an iteration (see `docs/guides/concepts.md`).
 */
export class RunRequests {
  /** Non-zero once any request is pending: the one field the hot loop tests. */
  count = 0;
  /** The run's abort signal fired. */
  aborted = false;
  /** A hook's or the consumer's stop request: the first one wins. */
  stop: { readonly source: "hook" | "consumer"; readonly message: string } | undefined;
  /** The update rule's `control.stop` or `control.stall`: the first one wins. */
  solverStop: { readonly stalled: boolean; readonly message: string } | undefined;
  /** The update rule's `control.diverge`: the first one wins. */
  solverDivergence: string | undefined;

  /** Made on first use: most runs have no abort signal, and most updates never ask to stop. */
  private abortListener: (() => void) | undefined;
  private control: StepControl | undefined;

  /** The abort signal's listener (the same function every time it is asked for). */
  get onAbort(): () => void {
    this.abortListener ??= () => {
      this.aborted = true;
      this.count++;
    };
    return this.abortListener;
  }

  /** The handle the update rule receives as `context.control` (the same object every time). */
  get stepControl(): StepControl {
    this.control ??= {
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
    return this.control;
  }

  /** Records a hook's or the consumer's request to stop after the current iteration. */
  requestStop(source: "hook" | "consumer", message: string): void {
    this.stop ??= { source, message };
    this.count++;
  }

  /** The stop reason of the update rule's own stop or stall request, if it made one. */
  solverStopReason(): StopReason | undefined {
    const request = this.solverStop;
    if (request === undefined) return undefined;
    return request.stalled
      ? { kind: "stalled", source: "solver", message: request.message }
      : { kind: "stopRequested", source: "solver", message: request.message };
  }
}

// The typed errors a run raises for user code that throws, and the errors raised after them while stopping.
import type { IterlabError } from "../errors.js";
import { HookError, StepError } from "../errors.js";
import type { RunCore } from "./run-core.js";
import { Phase } from "./run-loop.js";

/** Wraps an error thrown by user code in `phase` in the typed error naming that code. */
export function errorIn<S, R>(run: RunCore<S, R>, phase: Phase, cause: unknown): IterlabError {
  const iteration = run.context.iteration;
  if (phase === Phase.Update || phase === Phase.Accept) return new StepError("update", iteration, cause);
  if (phase === Phase.Evaluate) return new StepError(run.evaluating, iteration, cause);
  if (phase === Phase.Start) return new HookError("onStart", iteration, cause);
  return new HookError(run.hooks.failedIterationHook(), iteration, cause);
}

/** The run's error with the errors raised after it while stopping, as a non-enumerable `suppressed` list. */
export function withSuppressed(error: unknown, suppressed: readonly unknown[]): unknown {
  if (suppressed.length > 0 && error instanceof Error) {
    Object.defineProperty(error, "suppressed", { value: suppressed.slice(), enumerable: false, configurable: true });
  }
  return error;
}

import { progressBar } from "../../index.js";
import type { Hooks, LogOutput } from "../../index.js";

/**
 * A progress bar that appears only once a run has lasted `delayMs`: short runs (most runs) print nothing
 * extra, long ones show their progress.
 *
 * @typeParam S - The state type.
 * @param output - Where to draw: a terminal.
 * @param delayMs - How long a run goes before the bar appears.
 * @returns Hooks to pass as the `hooks` run option.
 */
export function delayedProgressBar<S>(output: LogOutput, delayMs = 500): Hooks<S> {
  const bar = progressBar<S>({ output });
  let started = false;
  return {
    onIteration(event) {
      if (!started) {
        if (event.elapsedMs < delayMs) return;
        started = true;
        void bar.onStart?.({ ...event, kind: "start", resumed: false });
      }
      void bar.onIteration?.(event);
    },
    onStop(event) {
      if (started) void bar.onStop?.(event);
    },
  };
}

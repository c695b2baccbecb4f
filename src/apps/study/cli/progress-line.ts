import type { LogOutput } from "../../../index.js";
import type { StudyProgress } from "../study-options.js";

/** Milliseconds as `3.2 s`, `4 min 10 s` or `2 h 5 min`. */
export function formatDuration(ms: number): string {
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min`;
}

/** A study's progress in one line: a bar, runs done, failed and remaining, and the ETA. */
export function progressText(progress: StudyProgress, width = 24): string {
  const recorded = progress.done + progress.failed;
  const filled = progress.total === 0 ? width : Math.round((recorded / progress.total) * width);
  const bar = `[${"#".repeat(filled)}${".".repeat(width - filled)}]`;
  const eta = progress.etaMs === undefined ? "ETA -" : `ETA ${formatDuration(progress.etaMs)}`;
  return `${bar} ${recorded}/${progress.total}  done ${progress.done}  failed ${progress.failed}  remaining ${progress.remaining}  ${eta}`;
}

/**
 * Draws the progress line on a terminal, redrawn in place at most every 100 ms; without a terminal, prints a
 * line every 10 seconds so that logs show the study moving.
 */
export function progressDrawer(
  output: LogOutput | undefined,
  log: (text: string) => void,
): {
  readonly update: (progress: StudyProgress) => void;
  readonly finish: () => void;
} {
  let last = 0;
  let latest: StudyProgress | undefined;
  const interval = output?.isTTY === true ? 100 : 10_000;
  return {
    update: (progress) => {
      latest = progress;
      const now = performance.now();
      if (now - last < interval && progress.remaining > 0) return;
      last = now;
      if (output?.isTTY === true) output.write(`\r${progressText(progress)}\u001b[K`);
      else log(`${progressText(progress)}\n`);
    },
    finish: () => {
      if (output?.isTTY === true && latest !== undefined) output.write(`\r${progressText(latest)}\u001b[K\n`);
    },
  };
}

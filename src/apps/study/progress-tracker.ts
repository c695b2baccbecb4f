import type { StudyProgress } from "./study-options.js";

/** Counts a study's recorded runs and estimates the time left from this session's rate. */
export class ProgressTracker {
  private readonly start = performance.now();
  private recordedNow = 0;

  constructor(
    private readonly total: number,
    private done: number,
    private failed: number,
    private readonly report: ((progress: StudyProgress) => void) | undefined,
  ) {}

  /** Counts newly recorded runs and reports. */
  add(done: number, failed: number): void {
    this.done += done;
    this.failed += failed;
    this.recordedNow += done + failed;
    this.report?.(this.progress());
  }

  progress(): StudyProgress {
    const elapsedMs = performance.now() - this.start;
    const remaining = Math.max(0, this.total - this.done - this.failed);
    const etaMs = this.recordedNow === 0 ? undefined : (elapsedMs / this.recordedNow) * remaining;
    return { total: this.total, done: this.done, failed: this.failed, remaining, elapsedMs, etaMs };
  }

  get recorded(): number {
    return this.recordedNow;
  }
}

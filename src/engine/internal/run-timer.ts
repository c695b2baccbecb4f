import type { Clock } from "../clock.js";
import { SampledClock } from "./sampled-clock.js";

/** How precisely time limits and trace timestamps follow the clock (see SampledClock). */
const clockIntervalMs = 0.02;

/** A run's elapsed time: the clock sampled as `SampledClock` schedules, plus the time before a resume. */
export class RunTimer {
  /** The sampled clock; `clock.now` is its last reading. */
  readonly clock: SampledClock;
  private readonly startedAt: number;

  constructor(
    clock: Clock,
    private readonly elapsedBefore: number,
  ) {
    this.clock = new SampledClock(clock, clockIntervalMs);
    this.startedAt = this.clock.now;
  }

  /** Milliseconds since the run started, including time before a resume, read from the clock now. */
  elapsedMs(): number {
    return this.elapsedBefore + this.clock.read() - this.startedAt;
  }

  /** Elapsed time from the sampled clock: exact for slow steps, within about 20 microseconds for fast ones. */
  sampledElapsedMs(iteration: number): number {
    this.clock.tick(iteration);
    return this.elapsedBefore + this.clock.now - this.startedAt;
  }

  /** Counts `iteration` on the sampled clock; the elapsed time when that count read the clock, else NaN. */
  tick(iteration: number): number {
    return this.clock.tick(iteration) ? this.elapsedBefore + this.clock.now - this.startedAt : NaN;
  }
}

import type { Clock } from "../clock.js";

/** The longest run of iterations between two clock reads. */
const maxStride = 1 << 16;

/**
 * Reads the clock every `stride` ticks instead of every iteration, adapting the stride so that reads are
 * about `intervalMs` apart: a clock read (about 50 ns) would otherwise cost more than a cheap update.
 *
 * @remarks The stride doubles while reads come faster than half the interval and halves while they come
 * slower than twice the interval, so a slow step is timed at every iteration and a 10 ns step about every
 * `intervalMs`. The adaptation depends only on the clock's readings, so an injected clock gives a
 * reproducible schedule.
 */
export class SampledClock {
  /** The last reading. */
  now: number;
  private stride = 1;
  private countdown = 1;

  constructor(
    private readonly clock: Clock,
    private readonly intervalMs: number,
  ) {
    this.now = clock();
  }

  /** Counts one iteration; returns true when this tick read the clock (then `now` is fresh). */
  tick(): boolean {
    if (--this.countdown > 0) return false;
    const previous = this.now;
    this.now = this.clock();
    const gap = this.now - previous;
    if (gap < this.intervalMs / 2) {
      if (this.stride < maxStride) this.stride *= 2;
    } else if (gap > this.intervalMs * 2 && this.stride > 1) {
      this.stride >>= 1;
    }
    this.countdown = this.stride;
    return true;
  }

  /**
   * Counts one iteration without reading the clock; true when a read is due, which the caller then makes
   * with `tick()` (the count is shared, so the schedule stays the same).
   */
  due(): boolean {
    if (this.countdown > 1) {
      this.countdown--;
      return false;
    }
    return true;
  }

  /** Reads the clock now, without changing the schedule. */
  read(): number {
    this.now = this.clock();
    return this.now;
  }
}

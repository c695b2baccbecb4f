import type { Clock } from "../clock.js";

/** The longest run of iterations between two clock reads. */
const maxStride = 1 << 16;

/**
 * Reads the clock every `stride` iterations instead of every one, adapting the stride so that reads are
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
  /** The iteration last counted, and whether its count read the clock. */
  private counted = -1;
  private countedRead = false;
  /** The reading of the last counted read: the schedule adapts to the gaps between iterations only. */
  private readAt: number;

  constructor(
    private readonly clock: Clock,
    private readonly intervalMs: number,
  ) {
    this.now = clock();
    this.readAt = this.now;
  }

  /**
   * Counts `iteration` once, however many times it is called for it (the trace, the events and the limits
   * each ask); returns true when the iteration's count read the clock (then `now` is of this iteration).
   * Counting every call instead would see the second call of a slow iteration as a fast step and skip the
   * next iteration's read.
   */
  tick(iteration: number): boolean {
    if (iteration === this.counted) return this.countedRead;
    // The first count follows the start, not a step: its gap says nothing about the step time.
    const first = this.counted === -1;
    this.counted = iteration;
    this.countedRead = --this.countdown <= 0;
    if (!this.countedRead) return false;
    const previous = this.readAt;
    this.now = this.clock();
    this.readAt = this.now;
    const gap = this.now - previous;
    if (!first && gap < this.intervalMs / 2) {
      if (this.stride < maxStride) this.stride *= 2;
    } else if (!first && gap > this.intervalMs * 2 && this.stride > 1) {
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

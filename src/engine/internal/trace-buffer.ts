import type { TraceSnapshot } from "../checkpoint.js";
import type { Trace, TraceEntry } from "../trace.js";

/**
 * The trace being recorded: regular entries at multiples of the stride, thinned by half when full, plus
 * the final entry of a stopped run when it is not on the stride.
 */
export class TraceBuffer<R> {
  /** The next iteration to record. */
  next = 0;
  private entries: TraceEntry<R>[] = [];
  private stride: number;
  private thinned = false;
  private finalEntry: TraceEntry<R> | undefined;

  constructor(
    readonly every: number,
    readonly maxLength: number,
    snapshot?: TraceSnapshot<R>,
  ) {
    this.stride = every;
    if (snapshot !== undefined) {
      this.entries = snapshot.entries.slice();
      this.stride = snapshot.stride;
      this.thinned = snapshot.thinned;
      const last = this.entries[this.entries.length - 1];
      this.next = last === undefined ? 0 : last.iteration + this.stride;
    }
  }

  /** Records `entry`, whose iteration must be `next`. */
  add(entry: TraceEntry<R>): void {
    if (this.entries.length >= this.maxLength) this.thin();
    if (entry.iteration % this.stride === 0) this.entries.push(entry);
    this.next = (Math.floor(entry.iteration / this.stride) + 1) * this.stride;
  }

  /** The iteration of the last regular entry, or -1. */
  lastIteration(): number {
    return this.entries[this.entries.length - 1]?.iteration ?? -1;
  }

  /** Adds the final iteration of a stopped run when it is off the stride. */
  addFinal(entry: TraceEntry<R>): void {
    this.finalEntry = entry;
  }

  /** The trace as the result reports it. */
  toTrace(): Trace<R> {
    const entries = this.finalEntry === undefined ? this.entries.slice() : [...this.entries, this.finalEntry];
    return { entries, stride: this.stride, thinned: this.thinned };
  }

  /** The regular entries, copied deeply, for a checkpoint. */
  snapshot(): TraceSnapshot<R> {
    return structuredClone({
      every: this.every,
      maxLength: this.maxLength,
      stride: this.stride,
      thinned: this.thinned,
      entries: this.entries,
    });
  }

  private thin(): void {
    const wider = this.stride * 2;
    this.entries = this.entries.filter((entry) => entry.iteration % wider === 0);
    this.stride = wider;
    this.thinned = true;
  }
}

// The measured numbers in the built-in tests' memories. A memory field that starts `undefined` and later holds
// a number makes V8 box every number written into it (a new heap object per check); the memories therefore
// hold numbers from the start, and "nothing measured yet" is the iteration `notMeasured`. Reports still say
// `undefined` for a value never measured. A memory restored from an older checkpoint (with `undefined`
// fields) reads the same way, since `undefined >= 0` is false.

/** The iteration of a memory that has measured nothing yet (any iteration a run checks is >= 0). */
export const notMeasured = -1;

/** The last measurement of a test: its value, the iteration it was made at, and whether the test held. */
export interface MeasuredMemory {
  /** The last measured value; NaN before the first (reported as `undefined`). */
  value: number;
  /** Whether the test held at its last check. */
  met: boolean;
  /** The iteration of the last measurement; {@link notMeasured} before the first. */
  iteration: number;
}

/** Whether the memory holds a measurement. */
export function hasMeasured(memory: MeasuredMemory): boolean {
  return memory.iteration >= 0;
}

/** The value a report shows: `undefined` before the first measurement. */
export function reportedValue(memory: MeasuredMemory): number | undefined {
  return memory.iteration >= 0 ? memory.value : undefined;
}

/** The iteration a report shows: `undefined` before the first measurement. */
export function reportedIteration(memory: MeasuredMemory): number | undefined {
  return memory.iteration >= 0 ? memory.iteration : undefined;
}

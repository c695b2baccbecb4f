/**
 * A monotonic clock in milliseconds. Inject one through the `clock` run option to test time limits
 * deterministically.
 */
export type Clock = () => number;

/**
 * The default clock: `performance.now()`, monotonic and unaffected by changes to the system time.
 *
 * @returns Milliseconds since an arbitrary origin.
 */
export function monotonicClock(): number {
  return performanceObject.now();
}

/**
 * `performance`, read once: in Node the global is a lazy getter, and reading it costs about as much as the
 * clock read itself, twice per run. (A test that swaps the global for a fake passes its own `clock`.)
 */
const performanceObject: { now(): number } = globalThis.performance;

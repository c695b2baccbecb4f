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
  return performance.now();
}

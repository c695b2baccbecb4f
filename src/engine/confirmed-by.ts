import { allOf, below } from "./convergence.js";
import type { Measure } from "./convergence.js";
import type { Criterion } from "./criterion.js";

/** Options of {@link confirmedBy}. */
export interface ConfirmedByOptions {
  /**
   * The first-order measure's name; the confirming leaf is reported as `<name> (confirms)`.
   * @defaultValue `"first-order measure"`
   */
  readonly name?: string;
}

/**
 * A change test (`||dx||`, `|df|/|f|`) that counts only while a first-order measure (a gradient norm, a
 * residual norm) is at most `bound`: the rule that keeps a test comparing a quantity with itself from
 * declaring convergence while the first-order measure says otherwise.
 *
 * @remarks A change test holds whenever two consecutive iterates agree, which also happens away from a
 * solution: a fixed step that jumps between `x` and `-x` on `x^2 + y^2` (`|df|/|f| = 0`), a line search
 * that can only take a tiny step. The minimisers confirm their change tests with `|grad| <= 1000 x
 * absTolerance`, Newton's method for systems with a full (undamped) step. Equivalent to
 * `allOf(change, below(measure, bound))`; both leaves appear in the report, and the stop reason names the
 * change test.
 * @param change - The change test.
 * @param measure - Reads the first-order measure from a state.
 * @param bound - The largest value of the measure at which the change test counts, a number >= 0.
 * @param options - The measure's name.
 * @returns The confirmed test.
 * @throws `InvalidOptionError` for a non-function measure or a negative or NaN bound.
 * @example
 * ```ts
 * confirmedBy(below((s: { stepNorm: number }) => s.stepNorm, 1e-10, { name: "||dx||" }),
 *   (s: { gradientNorm: number }) => s.gradientNorm, 1e-5, { name: "|grad|" });
 * ```
 */
export function confirmedBy<S>(
  change: Criterion<S>,
  measure: Measure<S>,
  bound: number,
  options: ConfirmedByOptions = {},
): Criterion<S> {
  return allOf(change, below(measure, bound, { name: `${options.name ?? "first-order measure"} (confirms)` }));
}

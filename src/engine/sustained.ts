import type { Criterion } from "./criterion.js";
import { integerAtLeast, isFunction, validateOption } from "./validate.js";

/** Memory of {@link sustained}. */
interface SustainedMemory {
  inner: unknown;
  streak: number;
}

/**
 * Converged when `test` holds at `checks` consecutive iterations: guards against a lucky small step.
 *
 * @param checks - Consecutive iterations required, an integer >= 1.
 * @param test - The test that must keep holding.
 * @returns The test; its leaves report `held k of n consecutive checks`.
 * @throws {@link InvalidOptionError} when `checks` is not an integer >= 1.
 */
export function sustained<S>(checks: number, test: Criterion<S>): Criterion<S> {
  validateOption("sustained(checks)", checks, integerAtLeast(1));
  validateOption("sustained(test).check", test?.check, isFunction);
  const criterion: Criterion<S, SustainedMemory> = {
    label: `sustained(${checks}, ${test.label})`,
    init: (context) => ({ inner: test.init(context), streak: 0 }),
    check(state, context, memory) {
      memory.streak = test.check(state, context, memory.inner) ? memory.streak + 1 : 0;
      return memory.streak >= checks;
    },
    report: (memory) =>
      test.report(memory.inner).map((leaf) => ({
        ...leaf,
        met: memory.streak >= checks,
        comparisonHeld: leaf.met,
        note: `held ${Math.min(memory.streak, checks)} of ${checks} consecutive checks`,
      })),
  };
  return criterion;
}

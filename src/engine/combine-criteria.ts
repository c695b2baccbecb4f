import type { IterationContext } from "./context.js";
import type { Criterion, CriterionReport } from "./criterion.js";
import { InvalidOptionError } from "./errors.js";
import { isFunction, validateOption } from "./validate.js";

/**
 * Converged when at least one of the tests holds. Every test is checked at every iteration (no
 * short-circuit), so change-based tests keep their previous values current.
 *
 * @param tests - One or more tests.
 * @returns The combined test; its report lists every leaf.
 * @throws {@link InvalidOptionError} when no test is given.
 * @example
 * ```ts
 * anyOf(below(s => s.gradientNorm, 1e-8, { name: "|grad|" }), absChange(s => s.f, 1e-15, { name: "f" }));
 * ```
 */
export function anyOf<S>(...tests: readonly Criterion<S>[]): Criterion<S> {
  return combine("anyOf", tests, false);
}

/**
 * Converged when every test holds at the same iteration.
 *
 * @param tests - One or more tests.
 * @returns The combined test; its report lists every leaf.
 * @throws {@link InvalidOptionError} when no test is given.
 */
export function allOf<S>(...tests: readonly Criterion<S>[]): Criterion<S> {
  return combine("allOf", tests, true);
}

function combine<S>(name: string, tests: readonly Criterion<S>[], requireAll: boolean): Criterion<S, unknown[]> {
  if (tests.length === 0) throw new InvalidOptionError(`${name}(...tests)`, "one or more criteria", tests);
  tests.forEach((test, index) => validateOption(`${name}(...tests)[${index}].check`, test?.check, isFunction));
  return {
    label: `${name}(${tests.map((test) => test.label).join(", ")})`,
    init: (context) => tests.map((test) => test.init(context)),
    check(state: S, context: IterationContext, memory: unknown[]) {
      let held = 0;
      for (let i = 0; i < tests.length; i++) if ((tests[i] as Criterion<S>).check(state, context, memory[i])) held++;
      return requireAll ? held === tests.length : held > 0;
    },
    // A loop, not flatMap: the reports are read at least twice per run, and flatMap costs microseconds.
    report(memory: unknown[]) {
      const reports: CriterionReport[] = [];
      for (let i = 0; i < tests.length; i++) {
        for (const report of (tests[i] as Criterion<S>).report(memory[i])) reports.push(report);
      }
      return reports;
    },
  };
}

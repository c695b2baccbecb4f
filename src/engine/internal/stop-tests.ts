import type { Criterion, CriterionReport } from "../criterion.js";
import { formatCriterion } from "../criterion.js";
import type { StopReason } from "../stop-reason.js";

/**
 * The `diverged` stop reason of a divergence test that held: the leaf test that fired, or the first one.
 *
 * @param reports - The test's reports as of the check that held (the run's result reuses them: the test's
 *   memory changes no more once the run stops on it).
 */
export function divergedReason<S>(test: Criterion<S>, reports: readonly CriterionReport[]): StopReason {
  const report = reports.find((leaf) => leaf.met) ?? reports[0];
  if (report === undefined) return { kind: "diverged", source: "test", message: test.label };
  return { kind: "diverged", source: "test", message: formatCriterion(report), report };
}

/**
 * The `converged` stop reason of a convergence test that held, with every leaf test met.
 *
 * @param reports - The test's reports as of the check that held (reused by the result, as above).
 */
export function convergedReason<S>(test: Criterion<S>, reports: readonly CriterionReport[]): StopReason {
  const met = reports.filter((leaf) => leaf.met);
  const first = met[0];
  return {
    kind: "converged",
    test: first?.label ?? test.label,
    value: first?.value ?? NaN,
    tolerance: first?.tolerance ?? NaN,
    met,
  };
}

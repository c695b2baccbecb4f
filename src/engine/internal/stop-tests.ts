import type { Criterion } from "../criterion.js";
import { formatCriterion } from "../criterion.js";
import type { StopReason } from "../stop-reason.js";

/** The `diverged` stop reason of a divergence test that held: the leaf test that fired, or the first one. */
export function divergedReason<S>(test: Criterion<S>, memory: unknown): StopReason {
  const reports = test.report(memory);
  const report = reports.find((leaf) => leaf.met) ?? reports[0];
  if (report === undefined) return { kind: "diverged", source: "test", message: test.label };
  return { kind: "diverged", source: "test", message: formatCriterion(report), report };
}

/** The `converged` stop reason of a convergence test that held, with every leaf test met. */
export function convergedReason<S>(test: Criterion<S>, memory: unknown): StopReason {
  const met = test.report(memory).filter((leaf) => leaf.met);
  const first = met[0];
  return {
    kind: "converged",
    test: first?.label ?? test.label,
    value: first?.value ?? NaN,
    tolerance: first?.tolerance ?? NaN,
    met,
  };
}

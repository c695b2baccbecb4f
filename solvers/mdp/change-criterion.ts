import { InvalidOptionError } from "../../src/index.js";
import type { Criterion, CriterionContext, CriterionReport } from "../../src/index.js";
import type { ValueChangeState } from "./types.js";

/** Memory of a value-change criterion: plain data, saved in checkpoints. */
interface ChangeMemory {
  value: number | undefined;
  tolerance: number;
  met: boolean;
  iteration: number | undefined;
}

/**
 * A convergence test `measure(state) <= threshold`, skipped while the measure is `NaN` (iteration 0). A
 * threshold given as a function of the discount is computed once per run, in `init`, from the prepared
 * problem's discount (the MDP solvers' prepared problems all have one); it is kept in the memory, so a
 * resumed run reads it from the checkpoint. Reported as the tolerance.
 *
 * @throws `InvalidOptionError` from `init` when a threshold needs the discount and the run's prepared problem
 *   has none (the rule given as `converged` to `iterate` or to another family's solver). Described outside a
 *   run (no context), such a threshold is `NaN`.
 */
export function changeCriterion<S extends ValueChangeState>(
  label: string,
  measure: (state: S) => number,
  threshold: number | ((discount: number) => number),
): Criterion<S, ChangeMemory> {
  const toleranceFor = (context: CriterionContext | undefined): number => {
    if (typeof threshold === "number") return threshold;
    if (context === undefined) return Number.NaN;
    return threshold(discountOf(context, label));
  };
  return {
    label,
    init: (context) => ({ value: undefined, tolerance: toleranceFor(context), met: false, iteration: undefined }),
    check(state, context, memory) {
      const value = measure(state);
      if (Number.isNaN(value)) return memory.met;
      memory.value = value;
      memory.iteration = context.iteration;
      memory.met = value <= memory.tolerance;
      return memory.met;
    },
    report: (memory): readonly CriterionReport[] => [
      {
        label,
        value: memory.value,
        relation: "<=",
        tolerance: memory.tolerance,
        met: memory.met,
        iteration: memory.iteration,
      },
    ],
  };
}

/** The discount of the run's prepared problem (value iteration's, policy evaluation's, policy iteration's). */
function discountOf(context: CriterionContext, label: string): number {
  const prepared = context.prepared as { readonly discount?: unknown } | null | undefined;
  const discount = typeof prepared === "object" && prepared !== null ? prepared.discount : undefined;
  if (typeof discount === "number") return discount;
  const expected = "a stopping rule of an MDP solver run (valueIteration, policyEvaluation, policyIteration)";
  const message =
    `converged must be ${expected}: ${label} reads the discount of the run's prepared problem, ` +
    `and this run's has none`;
  throw new InvalidOptionError("converged", expected, context.prepared, message);
}

import type { Criterion, CriterionReport } from "../../src/index.js";
import type { ValueChangeState } from "./types.js";

/** Memory of a value-change criterion: plain data, saved in checkpoints. */
interface ChangeMemory {
  value: number | undefined;
  tolerance: number;
  met: boolean;
  iteration: number | undefined;
}

/**
 * A convergence test `measure(state) <= threshold(discount)`, skipped while the measure is `NaN` (iteration
 * 0). The threshold is computed from the problem's discount at each check and reported as the tolerance.
 */
export function changeCriterion<S extends ValueChangeState>(
  label: string,
  measure: (state: S) => number,
  threshold: (discount: number) => number,
): Criterion<S, ChangeMemory> {
  return {
    label,
    init: () => ({ value: undefined, tolerance: Number.NaN, met: false, iteration: undefined }),
    check(state, context, memory) {
      const value = measure(state);
      memory.tolerance = threshold(state.discount);
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

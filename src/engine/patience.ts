import type { Criterion } from "./criterion.js";
import type { Measure } from "./convergence.js";
import { formatNumber } from "./format-number.js";
import type { OptionSchemaOf } from "./validate.js";
import {
  anyValue,
  integerAtLeast,
  isFunction,
  numberAtLeast,
  oneOf,
  optional,
  validateOption,
  validateStrictOptions,
} from "./validate.js";

/** Options of {@link patience}. */
export interface PatienceOptions<S = unknown> {
  /**
   * Checks without improvement after which the test holds, an integer >= 1.
   */
  readonly patience: number;
  /**
   * The smallest change that counts as an improvement.
   * @defaultValue `0`
   */
  readonly minDelta?: number;
  /**
   * Whether smaller (a loss) or larger (an accuracy) values are better.
   * @defaultValue `"minimize"`
   */
  readonly direction?: "minimize" | "maximize";
  /**
   * The monitored metric's name, for the label.
   * @defaultValue `"metric"`
   */
  readonly name?: string;
  /**
   * Called at each check that sets a new best value, with the state checked and its iteration: where a
   * solver keeps a copy of its best parameters (early stopping with the best weights restored).
   * @defaultValue none
   */
  readonly onImprovement?: ((state: S, iteration: number) => void) | undefined;
  /**
   * Called at the check where the test holds (the run then stops with `converged`, unless an earlier step
   * of the iteration stopped it), with the state checked and the best value and its iteration: where a
   * solver puts its best parameters back. It runs before the iteration is traced and its hooks run.
   * @defaultValue none
   */
  readonly onHold?: ((state: S, best: { readonly value: number; readonly iteration: number }) => void) | undefined;
}

/** Memory of {@link patience}. */
const patienceRules = {
  patience: integerAtLeast(1),
  minDelta: optional(numberAtLeast(0)),
  direction: optional(oneOf(["minimize", "maximize"])),
  name: anyValue,
  onImprovement: optional(isFunction),
  onHold: optional(isFunction),
} satisfies OptionSchemaOf<PatienceOptions>;

interface PatienceMemory {
  best: number | undefined;
  bestIteration: number | undefined;
  waits: number;
  last: number | undefined;
  iteration: number | undefined;
  met: boolean;
}

/**
 * Early stopping: holds after `patience` checks in a row without an improvement of at least `minDelta`
 * over the best value seen.
 *
 * @remarks A check is an iteration at which the monitor returns a number; return `undefined` between
 * evaluations (e.g. a validation loss computed once per epoch). The first measurement sets the best value.
 * An improvement means `value < best - minDelta` (minimize) or `value > best + minDelta` (maximize), as in
 * Keras' `EarlyStopping`. The report carries the best value and its iteration in `best`, so a solver can
 * restore the best parameters. A NaN measurement never counts: it is no improvement, no check without
 * improvement, and the test never holds at it (a metric that is NaN at every check never stops the run
 * as converged; pair it with a divergence test such as `nonFinite`).
 *
 * @param monitor - Reads the monitored metric from a state.
 * @param options - Patience, minimum improvement, direction, name, and the callbacks at a new best and where it holds.
 * @returns The test.
 * @throws {@link InvalidOptionError} for a non-function monitor, `patience` not an integer >= 1, or a
 *   negative or NaN `minDelta`.
 * @example
 * ```ts
 * patience((s: { validationLoss?: number }) => s.validationLoss, { patience: 5, minDelta: 1e-4, name: "val loss" });
 * ```
 */
export function patience<S>(monitor: Measure<S>, options: PatienceOptions<S>): Criterion<S> {
  validateOption("monitor", monitor, isFunction);
  validateStrictOptions(options, patienceRules, "patience");
  const limit = options.patience;
  const minDelta = options.minDelta ?? 0;
  const sign = (options.direction ?? "minimize") === "minimize" ? 1 : -1;
  const label = `${options.name ?? "metric"}: checks without improvement`;
  const criterion: Criterion<S, PatienceMemory> = {
    label,
    init: () => ({
      best: undefined,
      bestIteration: undefined,
      waits: 0,
      last: undefined,
      iteration: undefined,
      met: false,
    }),
    check(state, context, memory) {
      const value = monitor(state);
      if (value === undefined) return memory.met;
      memory.last = value;
      memory.iteration = context.iteration;
      // NaN is no measurement of progress: it neither improves, nor waits, nor lets the test hold.
      if (Number.isNaN(value)) {
        memory.met = false;
        return false;
      }
      if (memory.best === undefined || sign * (memory.best - value) > minDelta) {
        memory.best = value;
        memory.bestIteration = context.iteration;
        memory.waits = 0;
        options.onImprovement?.(state, context.iteration);
      } else {
        memory.waits++;
      }
      memory.met = memory.waits >= limit;
      if (memory.met && memory.best !== undefined && memory.bestIteration !== undefined)
        options.onHold?.(state, { value: memory.best, iteration: memory.bestIteration });
      return memory.met;
    },
    report(memory) {
      const hasBest = memory.best !== undefined && memory.bestIteration !== undefined;
      return [
        {
          label,
          value: memory.iteration === undefined ? undefined : memory.waits,
          relation: ">=",
          tolerance: limit,
          met: memory.met,
          iteration: memory.iteration,
          ...(hasBest
            ? {
                note: `best ${formatNumber(memory.best as number)} at iteration ${memory.bestIteration}`,
                best: { value: memory.best as number, iteration: memory.bestIteration as number },
              }
            : {}),
        },
      ];
    },
  };
  return criterion;
}

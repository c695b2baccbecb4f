/**
 * Linear warmup before any schedule.
 *
 * @packageDocumentation
 */
import { InvalidOptionError } from "../../src/index.js";
import {
  anyValue,
  integerAtLeast,
  numberBetween,
  optional,
  validateStrictOptions,
} from "../../src/engine/internals.js";
import type { OptionSchemaOf } from "../../src/engine/internals.js";
import { constantRate } from "./schedules.js";
import type { LearningRateSchedule } from "./schedules.js";

/** Options of {@link warmup}. */
export interface WarmupOptions {
  /** The number of warmup steps; an integer >= 0 (0 means no warmup). */
  readonly steps: number;
  /** The schedule after warmup (its step 0 is the first step after warmup), or a constant rate. */
  readonly then: LearningRateSchedule | number;
  /**
   * The fraction of the target rate at step 0; a number in [0, 1].
   *
   * @defaultValue `1/3` (PyTorch `LinearLR`'s `start_factor`)
   */
  readonly startFactor?: number | undefined;
}

/**
 * Linear warmup composed with any schedule.
 *
 * @remarks With `W = steps`, `target = then.rateAt(0)` and `s = startFactor`:
 * `rate(t) = target * (s + (1 - s) * t / W)` for `t < W` (PyTorch `LinearLR`), then `then.rateAt(t - W)`.
 * The ramp reaches `target` exactly where `then` begins, so the rate is continuous.
 *
 * @param options - See {@link WarmupOptions}.
 * @returns The schedule.
 * @throws `InvalidOptionError` for an option out of range.
 * @example
 * ```ts
 * const schedule = warmup({ steps: 100, then: cosineDecay({ initial: 0.001, decaySteps: 900 }), startFactor: 0 });
 * schedule.rateAt(50); // 0.0005
 * ```
 * @see Goyal, P. et al. (2017). Accurate, Large Minibatch SGD: Training ImageNet in 1 Hour. arXiv:1706.02677.
 */
export function warmup(options: WarmupOptions): LearningRateSchedule {
  const rules = {
    steps: integerAtLeast(0),
    then: anyValue,
    startFactor: optional(numberBetween(0, 1)),
  } satisfies OptionSchemaOf<WarmupOptions>;
  validateStrictOptions(options, rules, "warmup");
  const then = typeof options.then === "number" ? constantRate(options.then) : options.then;
  if (typeof then !== "object" || then === null || typeof then.rateAt !== "function") {
    throw new InvalidOptionError("then", "a LearningRateSchedule or a number >= 0", options.then);
  }
  const { steps } = options;
  const startFactor = options.startFactor ?? 1 / 3;
  const target = then.rateAt(0);
  return {
    name: `warmup(steps=${steps}, startFactor=${startFactor}, then=${then.name})`,
    rateAt: (step) => {
      const t = Math.max(0, step);
      if (t < steps) return target * (startFactor + ((1 - startFactor) * t) / steps);
      return then.rateAt(t - steps);
    },
  };
}

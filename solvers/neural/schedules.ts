/**
 * Learning-rate schedules tied to the global optimizer step (warmup in `warmup.ts`, reduce-on-plateau in
 * `reduce-on-plateau.ts`). Pure JavaScript: no
 * tensors, so a schedule costs nothing per step.
 *
 * @packageDocumentation
 */
import { InvalidOptionError } from "../../src/index.js";
import {
  anyValue,
  integerAtLeast,
  numberAbove,
  numberAtLeast,
  numberBetween,
  optional,
  validateOption,
  validateStrictOptions,
} from "../../src/engine/internals.js";
import type { OptionSchemaOf } from "../../src/engine/internals.js";

/**
 * A learning rate as a function of the optimizer step.
 *
 * @remarks Steps count optimizer updates (with gradient accumulation, one update per K micro-batches), so a
 * schedule does not change when the batch size or the accumulation does.
 */
export interface LearningRateSchedule {
  /** A readable description with the parameters, e.g. `stepDecay(initial=0.1, factor=0.5, every=100)`. */
  readonly name: string;
  /**
   * The rate for the update that follows `step` completed optimizer steps (step = 0 for the first update).
   *
   * @param step - Completed optimizer steps, an integer >= 0 (negative values are read as 0).
   * @returns The learning rate for the next update.
   */
  rateAt(step: number): number;
}

/**
 * The same rate for every step.
 *
 * @param rate - The learning rate, a finite number >= 0.
 * @returns The schedule.
 * @throws `InvalidOptionError` when `rate` is negative or not finite.
 * @example
 * ```ts
 * constantRate(0.001).rateAt(500); // 0.001
 * ```
 */
export function constantRate(rate: number): LearningRateSchedule {
  validateOption("rate", rate, numberAtLeast(0));
  return { name: `constantRate(${rate})`, rateAt: () => rate };
}

/** Options of {@link stepDecay}. */
export interface StepDecayOptions {
  /** The rate for steps 0 to `every - 1`; a finite number >= 0. */
  readonly initial: number;
  /** The factor applied every `every` steps, in (0, 1] for a decay (values > 1 are allowed and grow). */
  readonly factor: number;
  /** How many steps between two multiplications; an integer >= 1. */
  readonly every: number;
}

/**
 * Piecewise-constant decay: `initial * factor^floor(step / every)` (PyTorch `StepLR`).
 *
 * @param options - See {@link StepDecayOptions}.
 * @returns The schedule.
 * @throws `InvalidOptionError` for an option out of range.
 * @example
 * ```ts
 * const schedule = stepDecay({ initial: 0.1, factor: 0.5, every: 100 });
 * schedule.rateAt(99); // 0.1
 * schedule.rateAt(100); // 0.05
 * ```
 */
export function stepDecay(options: StepDecayOptions): LearningRateSchedule {
  const rules = {
    initial: numberAtLeast(0),
    factor: numberAbove(0),
    every: integerAtLeast(1),
  } satisfies OptionSchemaOf<StepDecayOptions>;
  validateStrictOptions(options, rules, "stepDecay");
  const { initial, factor, every } = options;
  return {
    name: `stepDecay(initial=${initial}, factor=${factor}, every=${every})`,
    rateAt: (step) => initial * factor ** Math.floor(Math.max(0, step) / every),
  };
}

/** Options of {@link exponentialDecay}. */
export interface ExponentialDecayOptions {
  /** The rate at step 0; a finite number >= 0. */
  readonly initial: number;
  /** The factor reached after `decaySteps` steps; a finite number > 0. */
  readonly decayRate: number;
  /** The number of steps over which the rate is multiplied by `decayRate`; a finite number > 0. */
  readonly decaySteps: number;
  /**
   * Whether the exponent is floored, giving a staircase.
   *
   * @defaultValue `false`
   */
  readonly staircase?: boolean | undefined;
}

/**
 * Exponential decay, as Keras `ExponentialDecay`: `initial * decayRate^(step / decaySteps)`, with the
 * exponent floored when `staircase` is set.
 *
 * @param options - See {@link ExponentialDecayOptions}.
 * @returns The schedule.
 * @throws `InvalidOptionError` for an option out of range.
 * @example
 * ```ts
 * exponentialDecay({ initial: 0.1, decayRate: 0.5, decaySteps: 10 }).rateAt(5); // 0.1 * 0.5^0.5
 * ```
 */
export function exponentialDecay(options: ExponentialDecayOptions): LearningRateSchedule {
  validateStrictOptions(
    options,
    {
      initial: numberAtLeast(0),
      decayRate: numberAbove(0),
      decaySteps: numberAbove(0),
      staircase: optional({ expected: "a boolean", test: (value) => typeof value === "boolean" }),
    } satisfies OptionSchemaOf<ExponentialDecayOptions>,
    "exponentialDecay",
  );
  const { initial, decayRate, decaySteps } = options;
  const staircase = options.staircase ?? false;
  return {
    name: `exponentialDecay(initial=${initial}, decayRate=${decayRate}, decaySteps=${decaySteps}${staircase ? ", staircase" : ""})`,
    rateAt: (step) => {
      const exponent = Math.max(0, step) / decaySteps;
      return initial * decayRate ** (staircase ? Math.floor(exponent) : exponent);
    },
  };
}

/** Warm restarts of {@link cosineDecay} (SGDR). */
export interface CosineRestartOptions {
  /**
   * Each period is this many times longer than the one before (Keras `t_mul`); a finite number >= 1.
   *
   * @defaultValue `2`
   */
  readonly periodMultiplier?: number | undefined;
  /**
   * The peak rate of each period is this many times the one before (Keras `m_mul`); a number in (0, 1].
   *
   * @defaultValue `1`
   */
  readonly rateMultiplier?: number | undefined;
}

/** Options of {@link cosineDecay}. */
export interface CosineDecayOptions {
  /** The rate at step 0; a finite number >= 0. */
  readonly initial: number;
  /** The length of the (first) cosine period in steps; an integer >= 1. */
  readonly decaySteps: number;
  /**
   * The rate at the end of a period (an absolute rate, PyTorch's `eta_min`; Keras's `alpha` is
   * `minimum / initial`); a number in [0, initial].
   *
   * @defaultValue `0`
   */
  readonly minimum?: number | undefined;
  /** Restart after each period (SGDR) instead of staying at `minimum`; omit for a single decay. */
  readonly restarts?: CosineRestartOptions | undefined;
}

/**
 * Cosine decay from `initial` to `minimum` over `decaySteps`, optionally with warm restarts.
 *
 * @remarks Without restarts (Keras `CosineDecay`, PyTorch `CosineAnnealingLR` for one half period):
 * `rate(t) = minimum + (initial - minimum) * (1 + cos(pi * min(t, T) / T)) / 2` with `T = decaySteps`, so the
 * rate stays at `minimum` after `T` steps.
 *
 * With restarts (SGDR, Loshchilov and Hutter 2017; Keras `CosineDecayRestarts` semantics): period `i` (from
 * 0) lasts `T * periodMultiplier^i` steps and starts again from a peak of `initial * rateMultiplier^i`:
 * `rate = minimum + (initial - minimum) * rateMultiplier^i * (1 + cos(pi * f)) / 2` where `f` is the fraction
 * of period `i` completed.
 *
 * @param options - See {@link CosineDecayOptions}.
 * @returns The schedule.
 * @throws `InvalidOptionError` for an option out of range.
 * @example
 * ```ts
 * const schedule = cosineDecay({ initial: 0.1, decaySteps: 100 });
 * schedule.rateAt(50); // 0.05
 * ```
 * @see Loshchilov, I. and Hutter, F. (2017). SGDR: Stochastic Gradient Descent with Warm Restarts. ICLR.
 */
export function cosineDecay(options: CosineDecayOptions): LearningRateSchedule {
  if (options === null || typeof options !== "object") {
    throw new InvalidOptionError("options", "an object { initial, decaySteps, ... }", options);
  }
  const rules = {
    initial: numberAtLeast(0),
    decaySteps: integerAtLeast(1),
    minimum: optional(numberBetween(0, options.initial)),
    restarts: anyValue,
  } satisfies OptionSchemaOf<CosineDecayOptions>;
  validateStrictOptions(options, rules, "cosineDecay");
  const { initial, decaySteps } = options;
  const minimum = options.minimum ?? 0;
  const span = initial - minimum;
  const restarts = options.restarts;
  if (restarts === undefined) {
    return {
      name: `cosineDecay(initial=${initial}, decaySteps=${decaySteps}, minimum=${minimum})`,
      rateAt: (step) => {
        const fraction = Math.min(Math.max(0, step), decaySteps) / decaySteps;
        return minimum + (span * (1 + Math.cos(Math.PI * fraction))) / 2;
      },
    };
  }
  const restartRules = {
    periodMultiplier: optional(numberAtLeast(1)),
    rateMultiplier: optional(numberBetween(0, 1, "(]")),
  } satisfies OptionSchemaOf<CosineRestartOptions>;
  validateStrictOptions(restarts, restartRules, "cosineDecay", "restarts.");
  const periodMultiplier = restarts.periodMultiplier ?? 2;
  const rateMultiplier = restarts.rateMultiplier ?? 1;
  return {
    name:
      `cosineDecay(initial=${initial}, decaySteps=${decaySteps}, minimum=${minimum}, ` +
      `restarts: periodMultiplier=${periodMultiplier}, rateMultiplier=${rateMultiplier})`,
    rateAt: (step) => {
      let t = Math.max(0, step);
      let period = decaySteps;
      let restart = 0;
      if (periodMultiplier === 1) {
        restart = Math.floor(t / period);
        t -= restart * period;
      } else {
        // Periods grow geometrically, so this loop runs O(log(step)) times; a loop avoids the rounding of
        // Keras's closed form at period boundaries.
        while (t >= period) {
          t -= period;
          period *= periodMultiplier;
          restart += 1;
        }
      }
      const peak = rateMultiplier ** restart;
      return minimum + (span * peak * (1 + Math.cos((Math.PI * t) / period))) / 2;
    },
  };
}

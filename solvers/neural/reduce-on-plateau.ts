/**
 * Reduce-on-plateau: a scale on the scheduled rate, lowered when a monitored value stops improving. Pure
 * functions over plain data.
 *
 * @packageDocumentation
 */
import {
  integerAtLeast,
  numberAtLeast,
  numberBetween,
  oneOf,
  optional,
  validateStrictOptions,
} from "../../src/engine/internals.js";
import type { OptionSchemaOf } from "../../src/engine/internals.js";

/** Options of {@link reduceOnPlateau}. */
export interface PlateauOptions {
  /**
   * The factor applied to the scale at each reduction; a number in (0, 1).
   *
   * @defaultValue `0.1`
   */
  readonly factor?: number | undefined;
  /**
   * How many checks without improvement are tolerated; the reduction happens at the `patience + 1`-th.
   *
   * @defaultValue `10`
   */
  readonly patience?: number | undefined;
  /**
   * The least change that counts as an improvement; a finite number >= 0.
   *
   * @defaultValue `1e-4`
   */
  readonly threshold?: number | undefined;
  /**
   * Whether `threshold` is relative to the best value (`best * (1 - threshold)` in min mode) or absolute
   * (`best - threshold`).
   *
   * @defaultValue `"relative"`
   */
  readonly thresholdMode?: "relative" | "absolute" | undefined;
  /**
   * Whether the monitored value should decrease (`"min"`, a loss) or increase (`"max"`, an accuracy).
   *
   * @defaultValue `"min"`
   */
  readonly mode?: "min" | "max" | undefined;
  /**
   * How many checks after a reduction are ignored before counting bad checks again; an integer >= 0.
   *
   * @defaultValue `0`
   */
  readonly cooldown?: number | undefined;
  /**
   * The smallest scale; a number in [0, 1].
   *
   * @defaultValue `0`
   */
  readonly minScale?: number | undefined;
}

/** The state of {@link reduceOnPlateau}: plain data, passed in and out. */
export interface PlateauState {
  /** The factor the trainer multiplies the schedule's rate by; starts at 1. */
  readonly scale: number;
  /** The best monitored value so far (`Infinity` in min mode, `-Infinity` in max mode before any check). */
  readonly best: number;
  /** Consecutive checks without improvement since the last improvement or reduction. */
  readonly badChecks: number;
  /** Checks left in the cooldown after a reduction. */
  readonly cooldownLeft: number;
  /** How many reductions have changed the scale. */
  readonly reductions: number;
}

/** A reduce-on-plateau rule: pure functions over a {@link PlateauState}. */
export interface ReduceOnPlateau {
  /** A readable description with the parameters. */
  readonly name: string;
  /** The state before any check: scale 1. */
  initial(): PlateauState;
  /**
   * The state after one check of the monitored value.
   *
   * @param state - The state before the check.
   * @param monitored - The monitored value (NaN counts as no improvement).
   * @returns The new state.
   */
  update(state: PlateauState, monitored: number): PlateauState;
}

/**
 * Reduces the learning rate when a monitored metric stops improving, with PyTorch `ReduceLROnPlateau`
 * semantics.
 *
 * @remarks At each check: if the value improves on `best` by more than the threshold, `best` becomes the
 * value and `badChecks` resets to 0, otherwise `badChecks` grows by 1. During a cooldown the counter is
 * held at 0 (and `cooldownLeft` counts down). When `badChecks > patience` the scale becomes
 * `max(scale * factor, minScale)`, the cooldown starts and `badChecks` resets. The trainer multiplies
 * `schedule.rateAt(step)` by `state.scale`.
 *
 * @param options - See {@link PlateauOptions}.
 * @returns The rule.
 * @throws `InvalidOptionError` for an option out of range.
 * @example
 * ```ts
 * const plateau = reduceOnPlateau({ patience: 2 });
 * let state = plateau.initial();
 * for (const loss of [1, 1, 1, 1]) state = plateau.update(state, loss);
 * state.scale; // 0.1
 * ```
 */
export function reduceOnPlateau(options: PlateauOptions = {}): ReduceOnPlateau {
  validateStrictOptions(
    options,
    {
      factor: optional(numberBetween(0, 1, "()")),
      patience: optional(integerAtLeast(0)),
      threshold: optional(numberAtLeast(0)),
      thresholdMode: optional(oneOf(["relative", "absolute"])),
      mode: optional(oneOf(["min", "max"])),
      cooldown: optional(integerAtLeast(0)),
      minScale: optional(numberBetween(0, 1)),
    } satisfies OptionSchemaOf<PlateauOptions>,
    "reduceOnPlateau",
  );
  const factor = options.factor ?? 0.1;
  const patience = options.patience ?? 10;
  const threshold = options.threshold ?? 1e-4;
  const relative = (options.thresholdMode ?? "relative") === "relative";
  const minimize = (options.mode ?? "min") === "min";
  const cooldown = options.cooldown ?? 0;
  const minScale = options.minScale ?? 0;
  const isBetter = (value: number, best: number): boolean => {
    if (minimize) return relative ? value < best * (1 - threshold) : value < best - threshold;
    return relative ? value > best * (1 + threshold) : value > best + threshold;
  };
  return {
    name:
      `reduceOnPlateau(mode=${minimize ? "min" : "max"}, factor=${factor}, patience=${patience}, ` +
      `threshold=${threshold} ${relative ? "relative" : "absolute"}, cooldown=${cooldown}, minScale=${minScale})`,
    initial: () => ({
      scale: 1,
      best: minimize ? Infinity : -Infinity,
      badChecks: 0,
      cooldownLeft: 0,
      reductions: 0,
    }),
    update: (state, monitored) => {
      let { scale, best, badChecks, cooldownLeft, reductions } = state;
      if (isBetter(monitored, best)) {
        best = monitored;
        badChecks = 0;
      } else {
        badChecks += 1;
      }
      if (cooldownLeft > 0) {
        cooldownLeft -= 1;
        badChecks = 0;
      }
      if (badChecks > patience) {
        const reduced = Math.max(scale * factor, minScale);
        // As PyTorch: a change smaller than 1e-8 (already at the floor) is not a reduction.
        if (scale - reduced > 1e-8 * scale) {
          scale = reduced;
          reductions += 1;
        }
        cooldownLeft = cooldown;
        badChecks = 0;
      }
      return { scale, best, badChecks, cooldownLeft, reductions };
    },
  };
}

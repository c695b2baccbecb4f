/**
 * Reduce-on-plateau: a scale on the scheduled rate, lowered when a monitored value stops improving. Pure
 * functions over plain data.
 *
 * @packageDocumentation
 */
import { InvalidOptionError } from "../../src/index.js";
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
   * The smallest change that counts as an improvement, absolute (`best - minDelta` when minimising), a
   * finite number >= 0: the `minDelta` of the engine's `patience` and of `earlyStopping`. Give it or
   * `minRelativeDelta`, not both.
   *
   * @defaultValue not set: `minRelativeDelta` applies
   */
  readonly minDelta?: number | undefined;
  /**
   * The smallest change that counts as an improvement, relative to the best value (`best * (1 -
   * minRelativeDelta)` when minimising, PyTorch's relative threshold), a finite number >= 0.
   *
   * @defaultValue `1e-4` when `minDelta` is not given
   */
  readonly minRelativeDelta?: number | undefined;
  /**
   * Whether the monitored value should decrease (`"minimize"`, a loss) or increase (`"maximize"`, an
   * accuracy): the `direction` of the engine's `patience`.
   *
   * @defaultValue `"minimize"`
   */
  readonly direction?: "minimize" | "maximize" | undefined;
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
  /** The best monitored value so far (`Infinity` when minimising, `-Infinity` when maximising, before any check). */
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
 * semantics in the words of the engine's `patience` (`direction`, `minDelta`).
 *
 * @remarks At each check: if the value improves on `best` by more than the threshold (`minDelta` absolute,
 * or `minRelativeDelta` relative to `best`), `best` becomes the value and `badChecks` resets to 0, otherwise
 * `badChecks` grows by 1. During a cooldown the counter is held at 0 (and `cooldownLeft` counts down). When
 * `badChecks > patience` the scale becomes `max(scale * factor, minScale)`, the cooldown starts and
 * `badChecks` resets. The trainer multiplies `schedule.rateAt(step)` by `state.scale`. The names of
 * earlier versions are errors that say the new one: `mode` (`"min"`, `"max"`) is `direction`
 * (`"minimize"`, `"maximize"`), `threshold` is `minRelativeDelta`, or `minDelta` where `thresholdMode` was
 * `"absolute"`.
 *
 * @param options - See {@link PlateauOptions}.
 * @returns The rule.
 * @throws `InvalidOptionError` for an option out of range, both `minDelta` and `minRelativeDelta`, or a name
 *   of an earlier version (with the new one).
 * @example
 * ```ts
 * const plateau = reduceOnPlateau({ patience: 2 });
 * let state = plateau.initial();
 * for (const loss of [1, 1, 1, 1]) state = plateau.update(state, loss);
 * state.scale; // 0.1
 * const accuracy = reduceOnPlateau({ direction: "maximize", minDelta: 0.01, patience: 5 });
 * ```
 */
export function reduceOnPlateau(options: PlateauOptions = {}): ReduceOnPlateau {
  validateStrictOptions(
    options,
    {
      factor: optional(numberBetween(0, 1, "()")),
      patience: optional(integerAtLeast(0)),
      minDelta: optional(numberAtLeast(0)),
      minRelativeDelta: optional(numberAtLeast(0)),
      direction: optional(oneOf(["minimize", "maximize"])),
      cooldown: optional(integerAtLeast(0)),
      minScale: optional(numberBetween(0, 1)),
    } satisfies OptionSchemaOf<PlateauOptions>,
    "reduceOnPlateau",
  );
  if (options.minDelta !== undefined && options.minRelativeDelta !== undefined) {
    throw new InvalidOptionError(
      "minRelativeDelta",
      "left out when minDelta is given (one threshold: absolute minDelta or relative minRelativeDelta)",
      options.minRelativeDelta,
    );
  }
  const factor = options.factor ?? 0.1;
  const patience = options.patience ?? 10;
  const relative = options.minDelta === undefined;
  const threshold = options.minDelta ?? options.minRelativeDelta ?? 1e-4;
  const minimize = (options.direction ?? "minimize") === "minimize";
  const cooldown = options.cooldown ?? 0;
  const minScale = options.minScale ?? 0;
  const isBetter = (value: number, best: number): boolean => {
    if (minimize) return relative ? value < best * (1 - threshold) : value < best - threshold;
    return relative ? value > best * (1 + threshold) : value > best + threshold;
  };
  return {
    name:
      `reduceOnPlateau(direction=${minimize ? "minimize" : "maximize"}, factor=${factor}, patience=${patience}, ` +
      `${relative ? "minRelativeDelta" : "minDelta"}=${threshold}, cooldown=${cooldown}, minScale=${minScale})`,
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

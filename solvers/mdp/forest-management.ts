import {
  integerAtLeast,
  numberAbove,
  numberBetween,
  optional,
  validateStrictOptions,
} from "../../src/engine/internals.js";
import type { OptionSchemaOf } from "../../src/engine/internals.js";
import type { MdpProblem } from "./types.js";

/** Options of {@link forestManagement}, named as in pymdptoolbox's `forest(S, r1, r2, p)`. */
export interface ForestManagementOptions {
  /**
   * `S`, the forest's age classes, an integer >= 2.
   * @defaultValue `3`
   */
  readonly states?: number;
  /**
   * `r1`, the reward for waiting in the oldest state, > 0.
   * @defaultValue `4`
   */
  readonly r1?: number;
  /**
   * `r2`, the reward for cutting in the oldest state, > 0.
   * @defaultValue `2`
   */
  readonly r2?: number;
  /**
   * `p`, the probability of a fire each year, in `[0, 1]`.
   * @defaultValue `0.1`
   */
  readonly p?: number;
  /**
   * The discount, in `[0, 1)`.
   * @defaultValue `0.9`
   */
  readonly discount?: number;
}

/**
 * pymdptoolbox's forest-management problem (`mdptoolbox.example.forest`): a forest of age `s` in `0 .. S - 1`;
 * action 0 (wait) ages it by one (the oldest stays oldest) unless a fire (probability `p`) resets it to 0;
 * action 1 (cut) resets it to 0. Waiting earns `r1` in the oldest state, else 0; cutting earns 1, 0 in the
 * youngest state and `r2` in the oldest.
 *
 * @remarks The transitions and rewards are exactly pymdptoolbox's `P` and `R` (dense). With
 * `discount = 0.96`, pymdptoolbox's documented value iteration (its span rule) stops after 4 sweeps at
 * `V = (5.93, 9.39, 13.39)`, while `V* = (74.65, 78.11, 82.11)`; at `discount = 0.9` its documented policy
 * iteration gives `V* = (26.244, 29.484, 33.484)`, policy `(0, 0, 0)`.
 * @param options - `S`, `r1`, `r2`, `p`, the discount.
 * @returns The MDP.
 * @throws `InvalidOptionError` for options out of range.
 * @example
 * ```ts
 * solve(policyIteration(), forestManagement()).state.values; // 26.244, 29.484, 33.484
 * ```
 * @see pymdptoolbox, `mdptoolbox/example.py`, `forest`.
 */
export function forestManagement(options: ForestManagementOptions = {}): MdpProblem {
  validateStrictOptions(
    options,
    {
      states: optional(integerAtLeast(2)),
      r1: optional(numberAbove(0)),
      r2: optional(numberAbove(0)),
      p: optional(numberBetween(0, 1)),
      discount: optional(numberBetween(0, 1, "[)")),
    } satisfies OptionSchemaOf<ForestManagementOptions>,
    "forestManagement",
  );
  const { states: S = 3, r1 = 4, r2 = 2, p = 0.1, discount = 0.9 } = options;
  const wait = Array.from({ length: S }, (_, s) => {
    const row = new Array<number>(S).fill(0);
    row[0] = p;
    row[Math.min(s + 1, S - 1)] = (row[Math.min(s + 1, S - 1)] as number) + 1 - p;
    return row;
  });
  const cut = Array.from({ length: S }, () => Array.from({ length: S }, (_, t) => (t === 0 ? 1 : 0)));
  const rewards = Array.from({ length: S }, (_, s) => [s === S - 1 ? r1 : 0, s === 0 ? 0 : s === S - 1 ? r2 : 1]);
  return { states: S, actions: 2, transitions: [wait, cut], rewards, discount };
}

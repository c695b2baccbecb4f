import { numberBetween, optional, validateStrictOptions } from "../../src/engine/internals.js";
import type { OptionSchemaOf } from "../../src/engine/internals.js";
import { move, zeroTransitions } from "./grid-moves.js";
import type { MdpProblem } from "./types.js";

/** Options of {@link gridworld5x5}. */
export interface Gridworld5x5Options {
  /**
   * The discount, in `[0, 1)`.
   * @defaultValue `0.9` (as in the book)
   */
  readonly discount?: number;
}

/**
 * Sutton & Barto's 5 x 5 gridworld with teleporting states (Example 3.5): 25 states numbered row by row, four
 * deterministic moves (left, down, right, up). Every action in A = (0, 1) gives +10 and moves to A' = (4, 1);
 * every action in B = (0, 3) gives +5 and moves to B' = (2, 3); a move off the grid gives -1 and leaves the
 * state unchanged; other moves give 0. A continuing task.
 *
 * @remarks At `gamma = 0.9` the optimal values' first row is `22.0 24.4 22.0 19.4 17.5` (Figure 3.5).
 * @param options - The discount.
 * @returns The MDP (dense nested arrays).
 * @throws `InvalidOptionError` for a discount outside `[0, 1)`.
 * @example
 * ```ts
 * solve(valueIteration(), gridworld5x5()).state.values.slice(0, 5); // 22.0, 24.4, 22.0, 19.4, 17.5
 * ```
 * @see R. S. Sutton and A. G. Barto, Reinforcement Learning: An Introduction, 2nd ed., Examples 3.5 and 3.8.
 */
export function gridworld5x5(options: Gridworld5x5Options = {}): MdpProblem {
  const rules = { discount: optional(numberBetween(0, 1, "[)")) } satisfies OptionSchemaOf<Gridworld5x5Options>;
  validateStrictOptions(options, rules, "gridworld5x5");
  const n = 5;
  const S = n * n;
  const transitions = zeroTransitions(4, S);
  const rewards = Array.from({ length: S }, () => [0, 0, 0, 0]);
  for (let s = 0; s < S; s++) {
    for (let a = 0; a < 4; a++) {
      let target: number;
      let reward: number;
      if (s === 1) [target, reward] = [21, 10];
      else if (s === 3) [target, reward] = [13, 5];
      else {
        const { row, column, wall } = move(n, n, Math.floor(s / n), s % n, a);
        [target, reward] = [row * n + column, wall ? -1 : 0];
      }
      (transitions[a] as number[][])[s]![target] = 1;
      (rewards[s] as number[])[a] = reward;
    }
  }
  return { states: S, actions: 4, transitions, rewards, discount: options.discount ?? 0.9 };
}

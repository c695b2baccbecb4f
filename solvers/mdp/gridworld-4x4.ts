import { numberBetween, optional, validateStrictOptions } from "../../src/engine/internals.js";
import type { OptionSchemaOf } from "../../src/engine/internals.js";
import { move, zeroTransitions } from "./grid-moves.js";
import type { MdpProblem } from "./types.js";

/** Options of {@link gridworld4x4}. */
export interface Gridworld4x4Options {
  /**
   * The discount, in `[0, 1]`.
   * @defaultValue `1` (undiscounted, episodic, as in the book)
   */
  readonly discount?: number;
}

/**
 * Sutton & Barto's 4 x 4 gridworld (Example 4.1): 16 states numbered row by row, the top-left and bottom-right
 * corners terminal, four deterministic moves (left, down, right, up; off the grid leaves the state unchanged),
 * reward -1 on every move.
 *
 * @remarks Undiscounted and episodic by default. Under the equiprobable random policy the values are
 * `0 -14 -20 -22 / -14 -18 -20 -20 / -20 -20 -18 -14 / -22 -20 -14 0` (Figure 4.1); the optimal values are
 * minus the number of steps to the nearest corner.
 * @param options - The discount.
 * @returns The MDP (dense nested arrays).
 * @throws `InvalidOptionError` for a discount outside `[0, 1]`.
 * @example
 * ```ts
 * const mdp = gridworld4x4();
 * solve(policyEvaluation(), { mdp, policy: equiprobablePolicy(mdp) });
 * ```
 * @see R. S. Sutton and A. G. Barto, Reinforcement Learning: An Introduction, 2nd ed., Example 4.1.
 */
export function gridworld4x4(options: Gridworld4x4Options = {}): MdpProblem {
  const rules = { discount: optional(numberBetween(0, 1)) } satisfies OptionSchemaOf<Gridworld4x4Options>;
  validateStrictOptions(options, rules, "gridworld4x4");
  const discount = options.discount ?? 1;
  const n = 4;
  const S = n * n;
  const transitions = zeroTransitions(4, S);
  const rewards = Array.from({ length: S }, () => [-1, -1, -1, -1]);
  const terminal = [0, S - 1];
  for (let s = 0; s < S; s++) {
    for (let a = 0; a < 4; a++) {
      if (terminal.includes(s)) {
        (transitions[a] as number[][])[s]![s] = 1;
        (rewards[s] as number[])[a] = 0;
        continue;
      }
      const { row, column } = move(n, n, Math.floor(s / n), s % n, a);
      (transitions[a] as number[][])[s]![row * n + column] = 1;
    }
  }
  return { states: S, actions: 4, transitions, rewards, discount, terminal, episodic: true };
}

import { actionValues } from "./action-values.js";
import type { MdpProblem } from "./types.js";

/**
 * The policy greedy with respect to state values: `pi(s) = argmax_a Q(s, a)`, the lowest action on exact ties,
 * `-1` for terminal states.
 *
 * @remarks `O(A S^2)` dense, `O(nnz)` sparse. When value iteration stopped on {@link supNormRule}, the policy
 * greedy with respect to its final values is `epsilon`-optimal.
 * @param problem - The MDP.
 * @param values - `V`, one number per state.
 * @returns The policy, one action per state.
 * @throws `InvalidProblemError` for a malformed problem or values of the wrong length.
 * @example
 * ```ts
 * const result = solve(valueIteration(), frozenLake());
 * greedyPolicy(frozenLake(), result.state.values);
 * ```
 * @see M. L. Puterman, Markov Decision Processes, Wiley 1994, Theorem 6.3.1.
 */
export function greedyPolicy(problem: MdpProblem, values: ArrayLike<number>): Int32Array {
  const q = actionValues(problem, values);
  const { states: S, actions: A } = problem;
  const policy = new Int32Array(S).fill(-1);
  const terminal = new Set(problem.terminal ?? []);
  for (let s = 0; s < S; s++) {
    if (terminal.has(s)) continue;
    let best = -Infinity;
    for (let a = 0; a < A; a++) {
      const value = q[s * A + a] as number;
      if (value > best) {
        best = value;
        policy[s] = a;
      }
    }
  }
  return policy;
}

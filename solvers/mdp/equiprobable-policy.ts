import { prepareMdp } from "./prepare-mdp.js";
import type { MdpProblem } from "./types.js";

/**
 * The equiprobable random policy: every allowed action of a state with the same probability.
 *
 * @param problem - The MDP (validated).
 * @returns `S x A` action probabilities, for {@link policyEvaluation} or {@link evaluatePolicy}.
 * @throws `InvalidProblemError` for a malformed problem.
 * @example
 * ```ts
 * equiprobablePolicy(gridworld4x4())[5]; // [0.25, 0.25, 0.25, 0.25]
 * ```
 * @see Sutton & Barto, Example 4.1.
 */
export function equiprobablePolicy(problem: MdpProblem): number[][] {
  const { states: S, actions: A, allowed } = prepareMdp(problem);
  return Array.from({ length: S }, (_, s) => {
    let count = 0;
    for (let a = 0; a < A; a++) count += allowed[s * A + a] as number;
    return Array.from({ length: A }, (_, a) => (allowed[s * A + a] === 1 ? 1 / count : 0));
  });
}

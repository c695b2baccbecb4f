import { exactEvaluation } from "./exact-evaluation.js";
import { policyInputWeights } from "./policy-input.js";
import { prepareMdp } from "./prepare-mdp.js";
import type { MdpProblem } from "./types.js";
import type { PolicyInput } from "./policy-types.js";

/**
 * The values of a fixed policy, solved directly: `V^pi = (I - gamma P_pi)^{-1} r_pi`.
 *
 * @remarks Uses {@link exactEvaluation}: LU for up to 500 non-terminal states (`O(S^3)`), Gauss-Seidel sweeps
 * to rounding level above that. Terminal states have value 0.
 *
 * @param problem - The MDP.
 * @param policy - A deterministic policy (an action per state) or action probabilities (`S x A`).
 * @returns `V^pi`, one value per state.
 * @throws `InvalidProblemError` for a malformed problem or policy; an `Error` when the system is singular
 *   (discount 1 and a policy that does not terminate).
 * @example
 * ```ts
 * const mdp = gridworld4x4();
 * evaluatePolicy(mdp, equiprobablePolicy(mdp)); // Float64Array [0, -14, -20, -22, -14, ...]
 * ```
 * @see M. L. Puterman, Markov Decision Processes, Wiley 1994, section 6.1; Sutton & Barto, section 4.1.
 */
export function evaluatePolicy(problem: MdpProblem, policy: PolicyInput): Float64Array {
  const model = prepareMdp(problem);
  return exactEvaluation().evaluate(model, policyInputWeights(model, policy, "policy"), new Float64Array(model.states))
    .values;
}

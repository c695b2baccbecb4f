import { InvalidProblemError } from "../../src/index.js";
import { actionValue } from "./bellman.js";
import { prepareMdp } from "./prepare-mdp.js";
import type { MdpProblem } from "./types.js";

/**
 * The action values `Q(s, a) = r(s, a) + gamma sum_s' P(s' | s, a) V(s')` of given state values.
 *
 * @remarks `O(A S^2)` dense, `O(nnz)` sparse. Disallowed actions and terminal states get `NaN` and `0`.
 * @param problem - The MDP.
 * @param values - `V`, one finite number per state.
 * @returns `Q`, `S * A` row-major (`Q[s * A + a]`).
 * @throws `InvalidProblemError` for a malformed problem or values of the wrong length.
 * @example
 * ```ts
 * const q = actionValues(frozenLake(), solve(valueIteration(), frozenLake()).state.values);
 * ```
 * @see Sutton & Barto, section 3.5.
 */
export function actionValues(problem: MdpProblem, values: ArrayLike<number>): Float64Array {
  const model = prepareMdp(problem);
  const { states: S, actions: A } = model;
  if (values === null || typeof values !== "object" || values.length !== S)
    throw new InvalidProblemError("values", `${S} numbers`, values);
  const v = Float64Array.from(values);
  const q = new Float64Array(S * A);
  for (let s = 0; s < S; s++) {
    for (let a = 0; a < A; a++) {
      q[s * A + a] =
        model.terminal[s] === 1 ? 0 : model.allowed[s * A + a] === 0 ? Number.NaN : actionValue(model, s, a, v);
    }
  }
  return q;
}

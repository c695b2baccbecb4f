import { InvalidProblemError } from "../../src/index.js";
import type { PreparedMdp } from "./types.js";
import type { PolicyInput } from "./policy-types.js";

/**
 * Validates a policy against a prepared MDP and returns its action probabilities (`S * A`, row-major; terminal
 * rows zero).
 *
 * @throws `InvalidProblemError` naming the state: a deterministic action that is not an allowed action index,
 *   or a probability row of the wrong length, with a negative entry, weight on a disallowed action, or a sum
 *   other than 1 within 1e-9.
 */
export function policyInputWeights(model: PreparedMdp, policy: PolicyInput, part: string): Float64Array {
  const { states: S, actions: A, terminal, allowed } = model;
  if (
    policy === null ||
    typeof policy !== "object" ||
    typeof (policy as { length?: unknown }).length !== "number" ||
    policy.length !== S
  ) {
    throw new InvalidProblemError(part, `${S} actions or ${S} rows of ${A} action probabilities`, policy);
  }
  const weights = new Float64Array(S * A);
  for (let s = 0; s < S; s++) {
    const entry: unknown = (policy as ArrayLike<unknown>)[s];
    if (terminal[s] === 1) continue;
    if (Array.isArray(entry)) {
      if (entry.length !== A) throw new InvalidProblemError(`${part}[${s}]`, `${A} action probabilities`, entry);
      let sum = 0;
      for (let a = 0; a < A; a++) {
        const w: unknown = entry[a];
        if (typeof w !== "number" || !(w >= 0 && w <= 1) || (w > 0 && allowed[s * A + a] === 0)) {
          throw new InvalidProblemError(
            `${part}[${s}][${a}]`,
            "a probability in [0, 1] (0 for a disallowed action)",
            w,
          );
        }
        weights[s * A + a] = w;
        sum += w;
      }
      if (!(Math.abs(sum - 1) <= 1e-9))
        throw new InvalidProblemError(
          `${part}[${s}]`,
          "action probabilities summing to 1 within 1e-9",
          `a sum of ${sum}`,
          false,
        );
    } else {
      if (
        typeof entry !== "number" ||
        !Number.isInteger(entry) ||
        entry < 0 ||
        entry >= A ||
        allowed[s * A + entry] === 0
      ) {
        throw new InvalidProblemError(`${part}[${s}]`, `an allowed action index in [0, ${A})`, entry);
      }
      weights[s * A + entry] = 1;
    }
  }
  return weights;
}

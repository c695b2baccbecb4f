import { policySweep } from "./bellman.js";
import type { PreparedMdp } from "./types.js";
import type { PolicyEvaluationState } from "./policy-types.js";

/**
 * One sweep of a fixed policy's Bellman operator, `V_{k+1}(s) = sum_a pi(a | s) [r(s, a) + gamma sum_s'
 * P(s' | s, a) V_k(s')]` (synchronous, or on the newest values with `inPlace`): the step of
 * {@link policyEvaluation}, and of the evaluations inside policy iteration, which run it through the engine
 * too. Double-buffered: `V_{k+1}` overwrites `V_{k-1}`.
 */
export function evaluationStep(
  model: PreparedMdp,
  weights: Float64Array,
  state: PolicyEvaluationState,
  inPlace: boolean,
): PolicyEvaluationState {
  const next = state.previousValues;
  const [change, changeSpan] = policySweep(model, weights, state.values, next, inPlace);
  return { values: next, previousValues: state.values, change, changeSpan };
}

import { InvalidProblemError } from "../../src/index.js";
import type { Solver } from "../../src/index.js";
import { evaluationStep } from "./evaluation-step.js";
import { stoppingRuleRule } from "./option-rules.js";
import { policyInputWeights } from "./policy-input.js";
import { prepareMdp } from "./prepare-mdp.js";
import { toleranceRule } from "./tolerance-rule.js";
import type {
  PolicyEvaluationOptions,
  PolicyEvaluationProblem,
  PolicyEvaluationState,
  PolicyEvaluationRecord,
  PreparedPolicyEvaluation,
} from "./policy-types.js";
import { integerAtLeast, isBoolean, optional, validateStrictOptions } from "../../src/engine/internals.js";
import type { OptionSchemaOf } from "../../src/engine/internals.js";

/**
 * Iterative evaluation of a fixed policy (deterministic or stochastic), sweep by sweep from `V_0 = 0`: the
 * first algorithm of the textbooks, and the one to step through with `solveIterations`.
 *
 * @remarks
 * Update rule: `V_{k+1}(s) = sum_a pi(a | s) [r(s, a) + gamma sum_s' P(s' | s, a) V_k(s')]` (synchronous), or
 * the same on the newest values (`inPlace: true`). Terminal states keep value 0.
 *
 * Cost per iteration: one pass over the policy's transitions, `O(nnz)`; values double-buffered as in
 * {@link ValueIterationState}.
 *
 * Convergence: linear with factor `gamma`; at `gamma = 1` (episodic) it converges for a policy that
 * terminates with probability 1 from every state (Sutton & Barto, section 4.1). For the direct solve use
 * {@link evaluatePolicy}. The record holds what a sweep measures: the change and its span (for synchronous
 * sweeps the change is also the residual of `T_pi` at `V_k`). Policy iteration's evaluations run the same
 * step through the engine.
 *
 * @param options - Sweep order, stopping rule, iteration bound.
 * @returns The solver, to run on a {@link PolicyEvaluationProblem}.
 * @throws `InvalidOptionError` for options of the wrong kind. Its `prepare` throws `InvalidProblemError` for a
 *   malformed MDP or policy.
 * @example
 * ```ts
 * const mdp = gridworld4x4();
 * const result = solve(policyEvaluation(), { mdp, policy: equiprobablePolicy(mdp) });
 * // result.state.values: 0, -14, -20, -22, -14, -18, -20, -20, ... (Sutton & Barto, Figure 4.1)
 * ```
 * @see R. S. Sutton and A. G. Barto, Reinforcement Learning: An Introduction, 2nd ed., section 4.1.
 */
export function policyEvaluation(
  options: PolicyEvaluationOptions = {},
): Solver<PolicyEvaluationProblem, PolicyEvaluationState, PolicyEvaluationRecord, PreparedPolicyEvaluation> {
  const rules = {
    inPlace: optional(isBoolean),
    stoppingRule: stoppingRuleRule,
    maxIterations: optional(integerAtLeast(0)),
  } satisfies OptionSchemaOf<PolicyEvaluationOptions>;
  validateStrictOptions(options, rules, "policyEvaluation");
  const inPlace = options.inPlace ?? false;
  return {
    name: `policy evaluation (${inPlace ? "in-place" : "synchronous"})`,
    maxIterations: options.maxIterations ?? 10_000,
    convergence: options.stoppingRule ?? toleranceRule(),
    prepare(problem) {
      if (problem === null || typeof problem !== "object")
        throw new InvalidProblemError("problem", "an object { mdp, policy }", problem);
      const model = prepareMdp(problem.mdp);
      const weights = policyInputWeights(model, problem.policy, "problem.policy");
      return { model, weights, discount: model.discount };
    },
    init({ model }) {
      const values = new Float64Array(model.states);
      return { values, previousValues: values.slice(), change: Number.NaN, changeSpan: Number.NaN };
    },
    step: ({ model, weights }, state) => evaluationStep(model, weights, state, inPlace),
    record: ({ change, changeSpan }) => ({ change, changeSpan }),
  };
}

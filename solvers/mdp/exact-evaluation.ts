import { integerAtLeast, optional, validateStrictOptions } from "../../src/engine/internals.js";
import type { OptionSchemaOf } from "../../src/engine/internals.js";
import { directEvaluation, sweepEvaluation } from "./linear-evaluation.js";
import type { PolicyEvaluationMethod } from "./policy-types.js";

/** Options of {@link exactEvaluation}. */
export interface ExactEvaluationOptions {
  /**
   * Up to this many non-terminal states the system is solved directly (LU); above it, by in-place
   * (Gauss-Seidel) sweeps until the change is at most `1e-13 * max(1, max |r|)`. An integer >= 0.
   * @defaultValue `500`
   */
  readonly denseLimit?: number;
}

/**
 * Exact policy evaluation: solve `(I - gamma P_pi) V = r_pi`.
 *
 * @remarks For small problems, ml-matrix's LU factorisation, `O(S^3)` (about 0.1 s at `S = 500`). For large
 * (sparse) problems, Gauss-Seidel sweeps of `T_pi`, each `O(nnz)`, converging with factor at most `gamma`,
 * to a change of `1e-13 max(1, max |r|)`: exact to rounding for practical purposes, at most `gamma / (1 - gamma)`
 * times that from the solution. With it, {@link policyIteration} stops on a stable policy, which is then optimal.
 * At `gamma = 1` the policy must terminate from every state (else the LU throws, as a step error).
 *
 * @param options - The size limit of the direct solve.
 * @returns The evaluation method, for `policyIteration({ evaluation })`.
 * @throws `InvalidOptionError` for a `denseLimit` that is not an integer >= 0.
 * @example
 * ```ts
 * solve(policyIteration({ evaluation: exactEvaluation() }), frozenLake());
 * ```
 * @see M. L. Puterman, Markov Decision Processes, Wiley 1994, section 6.4.
 */
export function exactEvaluation(options: ExactEvaluationOptions = {}): PolicyEvaluationMethod {
  const rules = { denseLimit: optional(integerAtLeast(0)) } satisfies OptionSchemaOf<ExactEvaluationOptions>;
  validateStrictOptions(options, rules, "exactEvaluation");
  const denseLimit = options.denseLimit ?? 500;
  return {
    name: "exact",
    exact: true,
    evaluate(model, weights, start) {
      let live = 0;
      for (let s = 0; s < model.states; s++) live += 1 - (model.terminal[s] as number);
      if (live <= denseLimit) return { values: directEvaluation(model, weights), sweeps: 0 };
      let scale = 1;
      for (let i = 0; i < model.rewards.length; i++) scale = Math.max(scale, Math.abs(model.rewards[i] as number));
      return sweepEvaluation(model, weights, start, 1e-13 * scale, 10_000_000, true);
    },
  };
}

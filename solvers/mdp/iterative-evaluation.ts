import { integerAtLeast, numberAtLeast, optional, validateStrictOptions } from "../../src/engine/internals.js";
import type { OptionSchemaOf } from "../../src/engine/internals.js";
import { sweepEvaluation } from "./linear-evaluation.js";
import type { PolicyEvaluationMethod } from "./policy-types.js";

/** Options of {@link iterativeEvaluation}. */
export interface IterativeEvaluationOptions {
  /**
   * Sweep until `||V_{j+1} - V_j||_inf <= absTolerance`, a finite number >= 0.
   * @defaultValue `1e-8`
   */
  readonly absTolerance?: number;
  /**
   * At most this many sweeps per evaluation, an integer >= 1.
   * @defaultValue `100000`
   */
  readonly maxSweeps?: number;
}

/**
 * Iterative policy evaluation to a tolerance: in-place (Gauss-Seidel) sweeps of
 * `V(s) <- sum_a pi(a | s) [r(s, a) + gamma sum_s' P(s' | s, a) V(s')]` from the previous policy's values.
 *
 * @remarks Each sweep is `O(nnz)`; the error shrinks by at least `gamma` per sweep. Starting from the previous
 * values (warm start) makes later evaluations short. Inexact: {@link policyIteration} then also requires a
 * small Bellman residual before it accepts a stable policy.
 *
 * @param options - `absTolerance` and sweep bound.
 * @returns The evaluation method, for `policyIteration({ evaluation })`.
 * @throws `InvalidOptionError` for a negative tolerance or a `maxSweeps` that is not an integer >= 1.
 * @example
 * ```ts
 * solve(policyIteration({ evaluation: iterativeEvaluation({ absTolerance: 1e-10 }) }), frozenLake());
 * ```
 * @see R. S. Sutton and A. G. Barto, Reinforcement Learning: An Introduction, 2nd ed., section 4.3.
 */
export function iterativeEvaluation(options: IterativeEvaluationOptions = {}): PolicyEvaluationMethod {
  const rules = {
    absTolerance: optional(numberAtLeast(0)),
    maxSweeps: optional(integerAtLeast(1)),
  } satisfies OptionSchemaOf<IterativeEvaluationOptions>;
  validateStrictOptions(options, rules, "iterativeEvaluation");
  const tolerance = options.absTolerance ?? 1e-8;
  const maxSweeps = options.maxSweeps ?? 100_000;
  return {
    name: `iterative, tolerance ${tolerance}`,
    exact: false,
    evaluate: (model, weights, start) => sweepEvaluation(model, weights, start, tolerance, maxSweeps, true),
  };
}

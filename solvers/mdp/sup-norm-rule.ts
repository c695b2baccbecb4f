import { numberAbove, optional, validateStrictOptions } from "../../src/engine/internals.js";
import type { OptionSchemaOf } from "../../src/engine/internals.js";
import { changeCriterion } from "./change-criterion.js";
import type { StoppingRule } from "./types.js";

/** Options of {@link supNormRule}. */
export interface SupNormRuleOptions {
  /**
   * The accuracy `epsilon` guaranteed for the values (within `epsilon / 2` of `V*`) and for the greedy
   * policy (`epsilon`-optimal), a finite number > 0. Puterman's and pymdptoolbox's `epsilon`.
   * @defaultValue `0.01`
   */
  readonly absTolerance?: number;
}

/**
 * The sup-norm stopping rule of value iteration: stop when `||V_k - V_{k-1}||_inf <= epsilon (1 - gamma) / (2 gamma)`.
 *
 * @remarks Since the Bellman operator is a `gamma`-contraction in the sup norm,
 * `||V_k - V*|| <= gamma / (1 - gamma) ||V_k - V_{k-1}||`, so the rule leaves `||V_k - V*||_inf <= epsilon / 2`
 * and the policy greedy with respect to `V_k` is `epsilon`-optimal (Puterman, Theorem 6.3.1; Theorem 6.3.4
 * for Gauss-Seidel sweeps). This is a bound on the values, unlike {@link spanRule}. At `gamma = 0` the
 * bound is infinite (one sweep is exact), so the threshold is taken as 0 there: the rule stops at the first
 * sweep that changes nothing (iteration 2) and reports `0 <= 0`, never `<= Infinity`; at `gamma = 1` it is 0, so the rule holds only when the values
 * stop changing exactly: use {@link toleranceRule} for episodic problems. The threshold is computed once per
 * run from the discount of the run's prepared problem (not from the state), so the rule works only in runs of
 * the MDP solvers; elsewhere the run is refused with an `InvalidOptionError`. Reported as
 * `||dV|| (sup-norm rule, eps = 0.01)`. The threshold is compared with `<=` (Puterman writes `<`).
 *
 * @param options - The accuracy `absTolerance` (`epsilon`).
 * @returns The stopping rule, for `valueIteration({ stoppingRule })` or `solve`'s `converged`.
 * @throws `InvalidOptionError` when `absTolerance` is not a finite number > 0.
 * @example
 * ```ts
 * const result = solve(valueIteration({ stoppingRule: supNormRule({ absTolerance: 1e-6 }) }), frozenLake());
 * ```
 * @see M. L. Puterman, Markov Decision Processes, Wiley 1994, section 6.3.2.
 */
export function supNormRule(options: SupNormRuleOptions = {}): StoppingRule {
  const rules = { absTolerance: optional(numberAbove(0)) } satisfies OptionSchemaOf<SupNormRuleOptions>;
  validateStrictOptions(options, rules, "supNormRule");
  const epsilon = options.absTolerance ?? 0.01;
  return changeCriterion(
    `||dV|| (sup-norm rule, eps = ${epsilon})`,
    (state) => state.change,
    (discount) => (discount === 0 ? 0 : (epsilon * (1 - discount)) / (2 * discount)),
  );
}

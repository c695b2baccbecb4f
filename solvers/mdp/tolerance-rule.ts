import { numberAtLeast, optional, validateStrictOptions } from "../../src/engine/internals.js";
import type { OptionSchemaOf } from "../../src/engine/internals.js";
import { changeCriterion } from "./change-criterion.js";
import type { StoppingRule } from "./types.js";

/** Options of {@link toleranceRule}. */
export interface ToleranceRuleOptions {
  /**
   * The largest change accepted, a finite number >= 0 (Sutton & Barto's `theta`).
   * @defaultValue `1e-8`
   */
  readonly absTolerance?: number;
}

/**
 * A plain stopping rule: stop when `||V_k - V_{k-1}||_inf <= absTolerance`, whatever the discount.
 *
 * @remarks The error left is up to `gamma / (1 - gamma)` times the tolerance (unbounded at `gamma = 1` in
 * general; for a proper episodic problem the iteration still converges). Sutton & Barto's `theta` in
 * iterative policy evaluation. Reported as `||dV|| (tolerance)`.
 *
 * @param options - The tolerance `absTolerance`.
 * @returns The stopping rule.
 * @throws `InvalidOptionError` when `absTolerance` is negative or not finite.
 * @example
 * ```ts
 * solve(policyEvaluation({ stoppingRule: toleranceRule({ absTolerance: 1e-4 }) }), { mdp: gridworld4x4(), policy });
 * ```
 * @see R. S. Sutton and A. G. Barto, Reinforcement Learning: An Introduction, 2nd ed., section 4.1.
 */
export function toleranceRule(options: ToleranceRuleOptions = {}): StoppingRule {
  const rules = { absTolerance: optional(numberAtLeast(0)) } satisfies OptionSchemaOf<ToleranceRuleOptions>;
  validateStrictOptions(options, rules, "toleranceRule");
  const tolerance = options.absTolerance ?? 1e-8;
  return changeCriterion("||dV|| (tolerance)", (state) => state.change, tolerance);
}

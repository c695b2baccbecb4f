import { numberAbove, numberAtLeast, numberBetween, validateOption } from "../../src/engine/internals.js";

/**
 * The number of value-iteration sweeps after which {@link supNormRule} is sure to hold, from `V_0 = 0`.
 *
 * @remarks `||V_k - V_{k-1}|| <= gamma^{k-1} ||V_1 - V_0|| <= gamma^{k-1} rewardBound`, so the rule
 * `||V_k - V_{k-1}|| <= epsilon (1 - gamma) / (2 gamma)` holds once `k >= 1 + ln(threshold / rewardBound) / ln gamma`.
 * A bound to pass as `maxIterations` (the solvers never change it themselves); in practice fewer sweeps are
 * needed. Holds for synchronous and in-place sweeps.
 * @param discount - `gamma` in `[0, 1)`.
 * @param epsilon - The rule's `epsilon`, > 0.
 * @param rewardBound - `max_{s, a} |r(s, a)|` (any bound on `||T 0||_inf`), >= 0.
 * @returns The number of sweeps, an integer >= 1.
 * @throws `InvalidOptionError` for arguments out of range.
 * @example
 * ```ts
 * valueIterationBound(0.9, 0.01, 1); // 73
 * ```
 * @see M. L. Puterman, Markov Decision Processes, Wiley 1994, section 6.3.2.
 */
export function valueIterationBound(discount: number, epsilon: number, rewardBound: number): number {
  validateOption("discount", discount, numberBetween(0, 1, "[)"));
  validateOption("epsilon", epsilon, numberAbove(0));
  validateOption("rewardBound", rewardBound, numberAtLeast(0));
  if (discount === 0 || rewardBound === 0) return 1;
  const threshold = (epsilon * (1 - discount)) / (2 * discount);
  if (rewardBound <= threshold) return 1;
  return Math.max(1, Math.ceil(1 + Math.log(threshold / rewardBound) / Math.log(discount)));
}

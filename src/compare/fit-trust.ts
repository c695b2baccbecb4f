import type { OrderEstimate, RateEstimate } from "../engine/convergence-order.js";
import type { FitEvidence } from "./types.js";

/** The fewest usable errors a rate or an order is reported from. */
export const minimumFitErrors = 4;

/** The smallest R^2 of `log e_k` against `k` for a rate to be reported: the errors shrink by one factor. */
export const minimumRateRSquared = 0.98;

/** The smallest R^2 of `log e_{k+1}` against `log e_k` for an order to be reported. */
export const minimumOrderRSquared = 0.95;

/**
 * The smallest order reported: a converging sequence has `q >= 1`, and a fitted `q` well below 1 says the
 * tail is not in the asymptotic regime (BFGS's irregular last steps give 0.86), not that the method is slow.
 */
export const minimumOrder = 0.9;

/**
 * Judges a fitted rate: reported when at least {@link minimumFitErrors} errors were used and their log is a
 * straight line in the iteration (R^2 at least {@link minimumRateRSquared}); otherwise the reason.
 *
 * @param estimate - What `estimateRateFit` returned.
 * @returns The evidence, with `reason` set when the rate is not to be trusted.
 */
export function judgeRate(estimate: RateEstimate): FitEvidence {
  const { rate, points, rSquared } = estimate;
  const evidence = { value: rate, points, rSquared };
  if (rate === undefined || points < minimumFitErrors) {
    const reason = `only ${points} usable errors (finite, above the rounding floor), ${minimumFitErrors} needed`;
    return { ...evidence, reason };
  }
  if (rSquared === undefined) return { ...evidence, reason: "the errors do not change" };
  if (rSquared < minimumRateRSquared) {
    return {
      ...evidence,
      reason:
        `log error is not a straight line over the last ${points} iterations ` +
        `(R^2 = ${rSquared.toFixed(2)} < ${minimumRateRSquared}): ` +
        "no constant rate (superlinear, oscillating or not yet asymptotic)",
    };
  }
  return { ...evidence, reason: undefined };
}

/**
 * Judges a fitted order: reported when it was fitted to at least three pairs of errors that decrease at every
 * step, with R^2 at least {@link minimumOrderRSquared}, and is at least {@link minimumOrder}; otherwise the
 * reason.
 *
 * @param estimate - What `estimateOrder` returned.
 * @param usable - How many usable errors the estimate was given, when known: with enough of them, no fit
 *   means the last errors did not change, which the reason then says.
 * @returns The evidence, with `reason` set when the order is not to be trusted.
 */
export function judgeOrder(estimate: OrderEstimate, usable?: number): FitEvidence {
  const { order, pairs, rSquared } = estimate;
  const evidence = { value: order, points: pairs === 0 ? 0 : pairs + 1, rSquared };
  if (order === undefined && usable !== undefined && usable >= minimumFitErrors) {
    return { ...evidence, reason: "the last errors are equal (the error stagnates): no order to fit" };
  }
  if (order === undefined || pairs < minimumFitErrors - 1) {
    return { ...evidence, reason: `fewer than ${minimumFitErrors} usable errors (finite, above the rounding floor)` };
  }
  if (!estimate.decreasing) {
    return { ...evidence, reason: `the error does not decrease at every one of the last ${pairs} steps` };
  }
  if (rSquared === undefined || rSquared < minimumOrderRSquared) {
    const fit = rSquared === undefined ? "no fit" : `R^2 = ${rSquared.toFixed(2)} < ${minimumOrderRSquared}`;
    return { ...evidence, reason: `log e_k+1 against log e_k is not a line (${fit})` };
  }
  if (order < minimumOrder) {
    return {
      ...evidence,
      reason:
        `the fitted q = ${order.toFixed(2)} is below ${minimumOrder}, ` +
        "no order of convergence (the last steps are not asymptotic)",
    };
  }
  return { ...evidence, reason: undefined };
}

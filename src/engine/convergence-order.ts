import { InvalidOptionError } from "./errors.js";
import type { OptionSchemaOf } from "./validate.js";
import { integerAtLeast, numberAtLeast, optional, validateStrictOptions } from "./validate.js";

/** Options of {@link estimateOrder}. */
export interface OrderEstimateOptions {
  /**
   * Errors at or below this level count as rounding noise: the first such error and every error after it
   * are dropped. A finite number >= 0; pass about `1e-14 * |x*|` for a root or minimiser of size `|x*|`.
   * @defaultValue `0` (only exact zeros are dropped)
   */
  readonly floor?: number;
  /**
   * How many of the last pairs `(e_k, e_{k+1})` the summary `order` is fitted to, an integer >= 2.
   * @defaultValue `3`
   */
  readonly tail?: number;
}

/** What {@link estimateOrder} returns. */
export interface OrderEstimate {
  /**
   * The estimates `q_k = log(e_{k+1} / e_k) / log(e_k / e_{k-1})`, in order of `k`, for every `k` where
   * the error decreased at both steps (earlier, non-asymptotic steps where it grew are skipped).
   */
  readonly orders: readonly number[];
  /**
   * The summary: the slope `q` of the least-squares line `log e_{k+1} = q log e_k + log C` through the last
   * `tail` pairs of usable errors; `undefined` when fewer than three errors are usable (or they do not
   * change at all).
   */
  readonly order: number | undefined;
  /** How many pairs `(e_k, e_{k+1})` the summary `order` was fitted to (0 when it is `undefined`). */
  readonly pairs: number;
  /**
   * The fit's quality: the coefficient of determination R^2 of the line `log e_{k+1} = q log e_k + log C`
   * through those pairs (1 for an exact power law); `undefined` when `order` is.
   */
  readonly rSquared: number | undefined;
  /**
   * Whether the error decreased at every step of the fitted tail: an order fitted to errors that grow or
   * oscillate (SOR with an over-relaxation past the optimum) is not an order of convergence.
   */
  readonly decreasing: boolean;
}

/** What {@link estimateRateFit} returns: the rate with the evidence behind it. */
export interface RateEstimate {
  /** The fitted rate `rho = exp(slope)`; `undefined` with fewer than two usable errors. */
  readonly rate: number | undefined;
  /** How many errors the fit used. */
  readonly points: number;
  /**
   * The coefficient of determination R^2 of the line `log e_k = k log rho + c` through them (1 when the
   * errors shrink by exactly `rho` per iteration); `undefined` with fewer than three points or constant errors.
   */
  readonly rSquared: number | undefined;
}

/** Options of {@link estimateRate}. */
export interface RateEstimateOptions {
  /**
   * Errors at or below this level count as rounding noise: the first such error and every error after it
   * are dropped. A finite number >= 0.
   * @defaultValue `0`
   */
  readonly floor?: number;
  /**
   * How many of the last usable errors the fit uses, an integer >= 2.
   * @defaultValue `10`
   */
  readonly tail?: number;
  /**
   * The iteration of each error (a thinned trace keeps every m-th one), increasing, as many as the errors.
   * @defaultValue `0, 1, 2, ...`
   */
  readonly iterations?: ArrayLike<number> | undefined;
}

const arrayLike = {
  expected: "an array of iteration numbers",
  test: (value: unknown) =>
    value !== null && typeof value === "object" && typeof (value as ArrayLike<number>).length === "number",
};

const orderRules = {
  floor: optional(numberAtLeast(0)),
  tail: optional(integerAtLeast(2)),
} satisfies OptionSchemaOf<OrderEstimateOptions>;

const rateRules = { ...orderRules, iterations: optional(arrayLike) } satisfies OptionSchemaOf<RateEstimateOptions>;

/**
 * Estimates the empirical order of convergence `q` of a sequence of errors `e_k = |x_k - x*|`.
 *
 * @remarks
 * If `e_{k+1} ~ C e_k^q`, then `q_k = log(e_{k+1} / e_k) / log(e_k / e_{k-1})` tends to `q`: 1 for linear
 * convergence, 2 for Newton's method at a simple root, 1.618 for the secant method, 3 for Halley's. The
 * ratio form is used rather than `log e_{k+1} / log e_k` because it does not depend on the units of the
 * error (the constant `C` cancels, and so does a rescaling of `x`), whereas `log e_{k+1} / log e_k` tends
 * to `q` only as `e_k -> 0` and is wrong by a large factor while the errors are still near 1.
 *
 * Each `q_k` is exact when `e_{k+1} = C e_k^q` holds with one constant `C`; before the asymptotic regime
 * `C` still varies from step to step and single `q_k` scatter (Newton on Rosenbrock's function gives 2.95
 * then 1.63 in its last two steps). The summary `order` therefore fits `q` and `C` together by least
 * squares over the last `tail` pairs, which weighs the late, small errors by their size in digits (1.89
 * there). With two pairs the fit is the last `q_k`.
 *
 * Errors are used as absolute values. The usable errors are the leading run of finite errors above
 * `floor`: once an error reaches 0 or rounding level (or becomes NaN or infinite) it and everything after
 * it are dropped, so the estimates are never NaN. A `q_k` needs three consecutive usable errors that
 * decrease at both steps. Cost: O(length of `errors`).
 * @param errors - The errors, iteration 0 first (e.g. from a trace: `entries.map(e => |e.record.x - x*|)`).
 * @param options - Rounding floor and the length of the summarised tail.
 * @returns The estimates `q_k` and the fitted summary.
 * @throws {@link InvalidOptionError} when `errors` is not an array of numbers or an option is out of range.
 * @example
 * ```ts
 * const errors = [0.5, 0.25, 0.0625, 0.00390625, 1.52587890625e-5]; // e_{k+1} = e_k^2
 * estimateOrder(errors).order; // 2
 * ```
 * @see J. Nocedal and S. J. Wright, Numerical Optimization, 2nd ed., Springer, 2006, appendix A.2 (rates
 *   of convergence).
 */
export function estimateOrder(errors: ArrayLike<number>, options: OrderEstimateOptions = {}): OrderEstimate {
  validateStrictOptions(options, orderRules, "estimateOrder");
  const usable = usableErrors(errors, options.floor ?? 0);
  const orders: number[] = [];
  for (let k = 1; k + 1 < usable.length; k++) {
    const before = (usable[k] as number) / (usable[k - 1] as number);
    const after = (usable[k + 1] as number) / (usable[k] as number);
    if (!(before < 1 && after < 1)) continue;
    const q = Math.log(after) / Math.log(before);
    if (Number.isFinite(q)) orders.push(q);
  }
  const logs = usable.slice(-((options.tail ?? 3) + 1)).map(Math.log);
  const fit = logs.length < 3 ? undefined : lineFit(logs.slice(0, -1), logs.slice(1));
  const decreasing = logs.every((value, k) => k === 0 || value < (logs[k - 1] as number));
  if (fit === undefined || !Number.isFinite(fit.slope)) {
    return { orders, order: undefined, pairs: 0, rSquared: undefined, decreasing }; // NaN when the errors stagnate
  }
  return { orders, order: fit.slope, pairs: logs.length - 1, rSquared: fit.rSquared, decreasing };
}

/**
 * Estimates the linear rate `rho` of a sequence of errors, `e_{k+1} ~ rho e_k`, by a least-squares fit of
 * `log e_k` against `k` over the last usable errors: `rho = exp(slope)`.
 *
 * @remarks
 * For linear convergence (fixed-point iteration, gradient descent, Newton's method at a multiple root or a
 * singular Hessian) `rho` is the factor the error shrinks by per iteration; superlinear convergence shows
 * as a rate that keeps falling as the tail moves on. Errors that reach 0 or `floor` (and everything after
 * them) are dropped, as in {@link estimateOrder}. Cost: O(length of `errors`).
 * @param errors - The errors, iteration 0 first.
 * @param options - Rounding floor and the number of errors fitted.
 * @returns `rho`, or `undefined` when fewer than two usable errors remain.
 * @throws {@link InvalidOptionError} when `errors` is not an array of numbers or an option is out of range.
 * @example
 * ```ts
 * estimateRate([1, 0.5, 0.25, 0.125, 0.0625]); // 0.5000000000000001
 * ```
 * @see J. Nocedal and S. J. Wright, Numerical Optimization, 2nd ed., Springer, 2006, appendix A.2.
 */
export function estimateRate(errors: ArrayLike<number>, options: RateEstimateOptions = {}): number | undefined {
  return estimateRateFit(errors, options).rate;
}

/**
 * {@link estimateRate} with the evidence behind it: how many errors the fit used and its R^2, so that a
 * caller can tell a rate from a guess (errors that oscillate, or a superlinear method whose log error is
 * not a straight line, give a poor R^2).
 *
 * @remarks The fit is the least-squares line through `(k, log e_k)` over the last `tail` usable errors,
 * with `k` from `iterations` when given (a thinned trace). Cost: O(length of `errors`).
 * @param errors - The errors, iteration 0 first.
 * @param options - Rounding floor, the number of errors fitted, and their iterations.
 * @returns The rate, the number of errors used and R^2.
 * @throws {@link InvalidOptionError} when `errors` is not an array of numbers or an option is out of range.
 * @example
 * ```ts
 * estimateRateFit([1, 0.5, 0.25, 0.125]); // { rate: 0.5, points: 4, rSquared: 1 }
 * ```
 */
export function estimateRateFit(errors: ArrayLike<number>, options: RateEstimateOptions = {}): RateEstimate {
  validateStrictOptions(options, rateRules, "estimateRate");
  const usable = usableErrors(errors, options.floor ?? 0);
  const start = Math.max(0, usable.length - (options.tail ?? 10));
  const logs = usable.slice(start).map(Math.log);
  if (logs.length < 2) return { rate: undefined, points: logs.length, rSquared: undefined };
  const at = options.iterations;
  const xs = logs.map((_, i) => (at === undefined ? start + i : Number(at[start + i])));
  const fit = lineFit(xs, logs);
  const rate = Math.exp(fit.slope);
  const rSquared = logs.length < 3 ? undefined : fit.rSquared;
  return { rate: Number.isFinite(rate) ? rate : undefined, points: logs.length, rSquared };
}

/** The leading run of finite errors above `floor`, as absolute values. */
function usableErrors(errors: ArrayLike<number>, floor: number): number[] {
  if (errors === null || typeof errors !== "object" || typeof errors.length !== "number") {
    throw new InvalidOptionError("errors", "an array of numbers", errors);
  }
  const usable: number[] = [];
  for (let k = 0; k < errors.length; k++) {
    const error = errors[k];
    if (typeof error !== "number") throw new InvalidOptionError(`errors[${k}]`, "a number", error);
    const magnitude = Math.abs(error);
    if (!Number.isFinite(magnitude) || magnitude <= floor) break;
    usable.push(magnitude);
  }
  return usable;
}

/**
 * The least-squares line of `y` against `x` (at least two points, not all at one `x`): its slope and R^2
 * (`undefined` when `y` is constant, 1 for points on the line).
 */
function lineFit(x: readonly number[], y: readonly number[]): { slope: number; rSquared: number | undefined } {
  const count = x.length;
  let meanX = 0;
  let meanY = 0;
  for (let i = 0; i < count; i++) {
    meanX += x[i] as number;
    meanY += y[i] as number;
  }
  meanX /= count;
  meanY /= count;
  let covariance = 0;
  let variance = 0;
  let total = 0;
  for (let i = 0; i < count; i++) {
    const dx = (x[i] as number) - meanX;
    const dy = (y[i] as number) - meanY;
    covariance += dx * dy;
    variance += dx * dx;
    total += dy * dy;
  }
  const slope = covariance / variance;
  // R^2 = explained / total variation = cov^2 / (var_x var_y) for a least-squares line.
  const rSquared = total > 0 && variance > 0 ? Math.min(1, (covariance * covariance) / (variance * total)) : undefined;
  return { slope, rSquared };
}

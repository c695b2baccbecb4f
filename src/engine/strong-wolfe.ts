import { InvalidOptionError } from "./errors.js";
import { formatNumber } from "./format-number.js";
import type { LineSearch, LineSearchInput, LineSearchResult } from "./line-search.js";
import { axpy } from "./line-search.js";
import type { OptionSchemaOf } from "./validate.js";
import { integerAtLeast, numberAbove, numberBetween, optional, validateStrictOptions } from "./validate.js";

/** Options of {@link strongWolfe}. */
export interface StrongWolfeOptions {
  /**
   * The first step tried, a finite number > 0 (1 is the natural step of quasi-Newton methods).
   * @defaultValue `1`
   */
  readonly initialStep?: number;
  /**
   * The sufficient-decrease constant of the Armijo condition, in (0, 1).
   * @defaultValue `1e-4`
   */
  readonly c1?: number;
  /**
   * The curvature constant, in (c1, 1): `|phi'(alpha)| <= c2 |phi'(0)|`. 0.9 suits Newton and quasi-Newton
   * directions (few trials per step); 0.1 is usual for nonlinear conjugate gradients, which need a more
   * exact search; smaller values approach an exact line search at the price of more trials.
   * @defaultValue `0.9`
   */
  readonly c2?: number;
  /**
   * The longest step tried (`alpha_max`), a finite number > 0.
   * @defaultValue `1e10`
   */
  readonly largestStep?: number;
  /**
   * The most trials (each one evaluation of `f` and one of the gradient), an integer >= 1.
   * @defaultValue `30`
   */
  readonly maxSteps?: number;
}

const strongWolfeRules = {
  initialStep: optional(numberAbove(0)),
  c1: optional(numberBetween(0, 1, "()")),
  c2: optional(numberBetween(0, 1, "()")),
  largestStep: optional(numberAbove(0)),
  maxSteps: optional(integerAtLeast(1)),
} satisfies OptionSchemaOf<StrongWolfeOptions>;

/** One trial of the search: `phi(alpha) = f(x + alpha d)` and `phi'(alpha) = grad f(x + alpha d) . d`. */
interface Trial {
  readonly alpha: number;
  readonly value: number;
  readonly slope: number;
  readonly point: Float64Array;
  readonly gradient: Float64Array;
}

/**
 * A line search for the strong Wolfe conditions: accepts `alpha` with `f(x + alpha d) <= f(x) + c1 alpha
 * phi'(0)` (sufficient decrease, and `f` strictly lower) and `|phi'(alpha)| <= c2 |phi'(0)|` (curvature),
 * where `phi'(alpha) = grad f(x + alpha d) . d`.
 *
 * @remarks
 * Nocedal & Wright's Algorithm 3.5 (bracketing) and 3.6 (zoom). Bracketing tries `alpha_1 = initialStep`
 * and extrapolates (the minimiser of the cubic through the last two trials, kept within `[alpha_i + 1.1
 * (alpha_i - alpha_{i-1}), alpha_i + 4 (alpha_i - alpha_{i-1})]` and below `largestStep`) until a trial
 * breaks sufficient decrease, does not lower `f` below the previous trial, or has `phi' >= 0`: the interval
 * then holds a point satisfying both conditions. Zoom shrinks it with the minimiser of the cubic that
 * interpolates `phi` and `phi'` at both ends (eq. 3.59), falling back to the quadratic through `phi(lo)`,
 * `phi'(lo)` and `phi(hi)`, and to bisection when the interpolant has no minimiser at least a tenth of the
 * interval away from either end. Each trial costs one evaluation of `f` and one of the gradient (read
 * through `gradientAt`, which solvers pass); a trial where either is not finite counts as too long.
 *
 * Every accepted step satisfies both conditions, so for a direction of descent `s . y = alpha (phi'(alpha)
 * - phi'(0)) >= alpha (1 - c2) |phi'(0)| > 0`: the curvature a BFGS or L-BFGS update needs always holds.
 * The accepted point's gradient is returned and reused by the solver. The search fails (with a message,
 * never a NaN point) when `d` is not a descent direction, when `maxSteps` trials end without an acceptable
 * point, or when the interval shrinks to rounding level; as for `backtracking`, the failure reports the
 * predicted decrease of the first trial so that the solvers can tell a stall at rounding level from a real
 * failure.
 * @param options - First step, the constants `c1` and `c2`, longest step and trial limit.
 * @returns The strategy (with `usesGradient: true`).
 * @throws {@link InvalidOptionError} for options outside their ranges, and for `c2 <= c1`.
 * @example
 * ```ts
 * solve(bfgs({ lineSearch: strongWolfe() }), { f: "100 (y - x^2)^2 + (1 - x)^2", x0: [-1.2, 1] });
 * lbfgs({ lineSearch: strongWolfe({ c2: 0.1 }) }); // a more exact search
 * ```
 * @see J. Nocedal and S. J. Wright, Numerical Optimization, 2nd ed., Springer, 2006, section 3.5.
 */
export function strongWolfe(options: StrongWolfeOptions = {}): LineSearch {
  validateStrictOptions(options, strongWolfeRules, "strongWolfe");
  const initialStep = options.initialStep ?? 1;
  const c1 = options.c1 ?? 1e-4;
  const c2 = options.c2 ?? 0.9;
  const largestStep = options.largestStep ?? 1e10;
  const maxSteps = options.maxSteps ?? 30;
  if (!(c2 > c1)) throw new InvalidOptionError("c2", `a number in (c1, 1) = (${c1}, 1)`, c2);
  const search = (input: LineSearchInput): LineSearchResult => {
    const { objective, x, f, gradient, direction, gradientAt } = input;
    const n = x.length;
    let slope0 = 0;
    for (let i = 0; i < n; i++) slope0 += (gradient[i] as number) * (direction[i] as number);
    const failed = (failure: string, evaluations = 0, extra: Partial<LineSearchResult> = {}): LineSearchResult => ({
      step: 0,
      x,
      f,
      evaluations,
      gradientEvaluations: evaluations,
      failure,
      ...extra,
    });
    if (!(slope0 < 0)) return failed(`the direction is not a descent direction (grad . d = ${slope0})`);
    if (gradientAt === undefined) return failed("strongWolfe() needs the gradient at its trials (gradientAt)");
    let evaluations = 0;
    let gradientEvaluations = 0;
    const evaluate = (alpha: number): Trial => {
      const point = axpy(x, alpha, direction);
      const value = objective(point);
      evaluations += 1;
      const trialGradient = new Float64Array(n);
      let slope = Number.NaN;
      if (value - value === 0) {
        gradientAt(point, trialGradient);
        gradientEvaluations += 1;
        slope = 0;
        for (let i = 0; i < n; i++) slope += (trialGradient[i] as number) * (direction[i] as number);
      }
      return { alpha, value, slope, point, gradient: trialGradient };
    };
    /** Sufficient decrease with finite f and slope (a trial that breaks it is too long). */
    const decreases = (t: Trial): boolean =>
      t.value <= f + c1 * t.alpha * slope0 && t.value < f && t.slope - t.slope === 0;
    const curvature = (t: Trial): boolean => Math.abs(t.slope) <= -c2 * slope0;
    const accept = (t: Trial): LineSearchResult => ({
      step: t.alpha,
      x: t.point,
      f: t.value,
      gradient: t.gradient,
      evaluations,
      gradientEvaluations,
    });
    const exhausted = (why: string, lo: Trial, hi: Trial): LineSearchResult => {
      const base = { step: 0, x, f, evaluations, gradientEvaluations };
      // No acceptable step and the shortest trial not finite: f (or its gradient) is not finite near x.
      const shortest = `at the shortest step length tried (alpha = ${hi.alpha.toExponential(1)})`;
      if (lo.alpha === 0 && !(hi.value - hi.value === 0)) {
        return { ...base, failure: `f(x + alpha d) = ${hi.value} ${shortest}`, nonFiniteValue: hi.value };
      }
      if (lo.alpha === 0 && !(hi.slope - hi.slope === 0)) {
        const failure = `grad f(x + alpha d) . d = ${hi.slope} ${shortest}`;
        return { ...base, failure, nonFiniteValue: hi.slope };
      }
      const constants = `strong Wolfe, c1 = ${c1}, c2 = ${c2}`;
      return { ...base, predictedDecrease: -initialStep * slope0, failure: `${why} (${constants})` };
    };

    // The origin is never accepted, so its gradient is not needed (and not copied).
    const origin: Trial = { alpha: 0, value: f, slope: slope0, point: x, gradient: new Float64Array(0) };
    // Zoom (Algorithm 3.6): lo satisfies sufficient decrease with the lowest f so far; phi'(lo) (hi - lo) < 0.
    const zoom = (lo: Trial, hi: Trial): LineSearchResult => {
      for (;;) {
        const a = Math.min(lo.alpha, hi.alpha);
        const b = Math.max(lo.alpha, hi.alpha);
        if (evaluations >= maxSteps)
          return exhausted(`no step length satisfied both conditions in ${maxSteps} trials`, lo, hi);
        if (b - a <= 4 * Number.EPSILON * b) {
          return exhausted(`the interval [${formatNumber(a)}, ${formatNumber(b)}] shrank to rounding level`, lo, hi);
        }
        const trial = evaluate(interpolate(lo, hi, a + 0.1 * (b - a), b - 0.1 * (b - a)));
        if (!decreases(trial) || trial.value >= lo.value) {
          hi = trial;
        } else {
          if (curvature(trial)) return accept(trial);
          if (trial.slope * (hi.alpha - lo.alpha) >= 0) hi = lo;
          lo = trial;
        }
      }
    };
    // Bracketing (Algorithm 3.5).
    let previous = origin;
    let alpha = Math.min(initialStep, largestStep);
    for (let i = 1; ; i++) {
      const current = evaluate(alpha);
      if (!decreases(current) || (i > 1 && current.value >= previous.value)) return zoom(previous, current);
      if (curvature(current)) return accept(current);
      if (current.slope >= 0) return zoom(current, previous);
      if (alpha >= largestStep)
        return exhausted(`f still decreases at the largest step ${largestStep}`, current, current);
      if (evaluations >= maxSteps) {
        return exhausted(
          `no step length up to ${formatNumber(alpha)} satisfied both conditions in ${maxSteps} trials`,
          current,
          current,
        );
      }
      const width = alpha - previous.alpha;
      const low = alpha + 1.1 * width;
      const high = Math.min(alpha + 4 * width, largestStep);
      const next = cubicMinimizer(previous, current);
      previous = current;
      alpha = next >= low && next <= high ? next : next < low ? Math.min(low, high) : high;
    }
  };
  return Object.assign(search, {
    label: c2 === 0.9 && c1 === 1e-4 ? "strong Wolfe" : `strong Wolfe (c1 = ${c1}, c2 = ${c2})`,
    usesGradient: true,
  });
}

/**
 * The next trial of zoom within `[low, high]`: the cubic interpolant's minimiser, else the quadratic's,
 * else the midpoint.
 */
function interpolate(lo: Trial, hi: Trial, low: number, high: number): number {
  const cubic = cubicMinimizer(lo, hi);
  if (cubic >= low && cubic <= high) return cubic;
  const quadratic = quadraticMinimizer(lo, hi);
  if (quadratic >= low && quadratic <= high) return quadratic;
  return (lo.alpha + hi.alpha) / 2;
}

/**
 * The minimiser of the cubic matching `phi` and `phi'` at `p` and `q` (Nocedal & Wright, eq. 3.59); NaN
 * when it has none (or an end is not finite).
 */
function cubicMinimizer(p: Trial, q: Trial): number {
  const d1 = p.slope + q.slope - (3 * (p.value - q.value)) / (p.alpha - q.alpha);
  const radicand = d1 * d1 - p.slope * q.slope;
  if (!(radicand >= 0)) return Number.NaN;
  const d2 = Math.sign(q.alpha - p.alpha) * Math.sqrt(radicand);
  return q.alpha - ((q.alpha - p.alpha) * (q.slope + d2 - d1)) / (q.slope - p.slope + 2 * d2);
}

/** The minimiser of the quadratic through `phi(lo)`, `phi'(lo)` and `phi(hi)`; NaN when it is not convex. */
function quadraticMinimizer(lo: Trial, hi: Trial): number {
  const width = hi.alpha - lo.alpha;
  const curvature = (hi.value - lo.value - lo.slope * width) / (width * width);
  return curvature > 0 ? lo.alpha - lo.slope / (2 * curvature) : Number.NaN;
}

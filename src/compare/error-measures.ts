import { InvalidOptionError } from "../engine/errors.js";
import { anyValue, numberAtLeast, optional, validateStrictOptions } from "../engine/validate.js";
import type {
  ErrorMeasure,
  StateWithGradientNorm,
  StateWithLogLikelihood,
  StateWithObjective,
  StateWithRelativeResidual,
  StateWithResidual,
  StateWithX,
} from "./types.js";

/**
 * An error measure of your own: a name and a function of the state (and problem) returning an error >= 0.
 *
 * @typeParam S - The state type it reads.
 * @typeParam P - The problem type it reads.
 * @param name - A short name for tables and axis titles, e.g. `|V - V*|`.
 * @param measure - The error of one state.
 * @param options - The rounding floor for rate estimates and the default tolerances.
 * @returns The measure.
 * @throws {@link InvalidOptionError} when `name` is not a non-empty string, `measure` is not a function, or
 *   an option is unknown (with the closest valid name) or out of range.
 * @example
 * ```ts
 * const inertiaGap = errorMeasure("inertia - best", (state: { inertia: number }) => state.inertia - 78.85);
 * ```
 */
export function errorMeasure<S, P = unknown>(
  name: string,
  measure: (state: S, problem: P) => number,
  options: { readonly floor?: number; readonly tolerances?: readonly number[] } = {},
): ErrorMeasure<S, P> {
  if (typeof name !== "string" || name.length === 0) throw new InvalidOptionError("name", "a non-empty string", name);
  if (typeof measure !== "function") throw new InvalidOptionError("measure", "a function", measure);
  validateStrictOptions(options, { floor: optional(numberAtLeast(0)), tolerances: anyValue }, "errorMeasure");
  return { name, measure, floor: options.floor, tolerances: options.tolerances };
}

/**
 * The distance `|x - x*|` (numbers) or `||x - x*||_2` (vectors) from a state's `x` to a known solution:
 * the error of root finders, minimisers and linear solvers whose answer is known.
 *
 * @remarks The rounding floor is `1e-14 * max(1, |x*|)`: closer than that, the error is rounding noise and
 * would distort the estimated order. Cost: O(n) per iteration.
 * @param solution - The known solution `x*`: a number, or finite numbers (same length as the states' `x`).
 * @returns The measure, named `|x - x*|` or `||x - x*||`.
 * @throws {@link InvalidOptionError} when `solution` is not a finite number or an array of them.
 * @example
 * ```ts
 * compare({ problem: { f: "x^3 - 2x - 5", x0: 2 }, methods, error: distanceTo(2.0945514815423265) });
 * ```
 */
export function distanceTo(solution: number | ArrayLike<number>): ErrorMeasure<StateWithX> {
  if (typeof solution === "number") {
    if (!Number.isFinite(solution))
      throw new InvalidOptionError("solution", "a finite number or an array of finite numbers", solution);
    return {
      name: "|x - x*|",
      measure: (state) =>
        typeof state.x === "number" ? Math.abs(state.x - solution) : vectorDistance(state.x, [solution]),
      floor: 1e-14 * Math.max(1, Math.abs(solution)),
    };
  }
  if (
    solution === null ||
    typeof solution !== "object" ||
    typeof solution.length !== "number" ||
    solution.length === 0
  ) {
    throw new InvalidOptionError("solution", "a finite number or an array of finite numbers", solution);
  }
  const target = Float64Array.from(solution);
  let size = 0;
  for (let i = 0; i < target.length; i++) {
    const value = target[i] as number;
    if (!Number.isFinite(value)) throw new InvalidOptionError(`solution[${i}]`, "a finite number", solution[i]);
    size = Math.max(size, Math.abs(value));
  }
  return {
    name: "||x - x*||",
    measure: (state) =>
      typeof state.x === "number" ? vectorDistance([state.x], target) : vectorDistance(state.x, target),
    floor: 1e-14 * Math.max(1, size) * Math.sqrt(target.length),
  };
}

/** `||x - y||_2`; NaN when the lengths differ, so that {@link compare} reports the mismatch. */
function vectorDistance(x: ArrayLike<number>, y: ArrayLike<number>): number {
  if (x.length !== y.length) return NaN;
  let sum = 0;
  for (let i = 0; i < x.length; i++) {
    const difference = (x[i] as number) - (y[i] as number);
    sum += difference * difference;
  }
  return Math.sqrt(sum);
}

/**
 * The residual norm a state carries: `residualNorm` (linear solvers, Newton for systems) or `|f(x)|`
 * (scalar root finders, from `fx`). No solution needs to be known.
 *
 * @returns The measure, named `||r||`.
 * @example
 * ```ts
 * compare({ problem: poisson, methods: [jacobiMethod, gaussSeidelMethod], error: residualNorm() });
 * ```
 */
export function residualNorm(): ErrorMeasure<StateWithResidual> {
  return {
    name: "||r||",
    measure: (state) => ("residualNorm" in state ? state.residualNorm : Math.abs(state.fx)),
  };
}

/**
 * The relative residual `||b - A x|| / ||b||` a linear solver's state carries (`relativeResidual`: the
 * Jacobi, Gauss-Seidel and SOR family), the quantity their default test stops on.
 *
 * @returns The measure, named `||r||/||b||`.
 * @example
 * ```ts
 * compare({ problem: poisson, methods: [jacobiMethod, gaussSeidelMethod], error: relativeResidual() });
 * ```
 */
export function relativeResidual(): ErrorMeasure<StateWithRelativeResidual> {
  return { name: "||r||/||b||", measure: (state) => state.relativeResidual };
}

/**
 * The gradient norm a minimiser's state carries (`gradientNorm`: the infinity norm for the built-in
 * minimisers). No minimiser needs to be known.
 *
 * @returns The measure, named `||grad f||`.
 */
export function gradientNorm(): ErrorMeasure<StateWithGradientNorm> {
  return { name: "||grad f||", measure: (state) => state.gradientNorm };
}

/**
 * The objective gap `f(x_k) - f*` to a known optimal value, for minimisers (states with `f`).
 *
 * @remarks Values below `f*` (rounding) count as 0. The rounding floor is `1e-14 * max(1, |f*|)`.
 * @param optimum - The optimal value `f*`, a finite number.
 * @returns The measure, named `f - f*`.
 * @throws {@link InvalidOptionError} when `optimum` is not a finite number.
 */
export function objectiveGap(optimum: number): ErrorMeasure<StateWithObjective> {
  if (typeof optimum !== "number" || !Number.isFinite(optimum))
    throw new InvalidOptionError("optimum", "a finite number", optimum);
  return {
    name: "f - f*",
    measure: (state) => Math.max(0, state.f - optimum),
    floor: 1e-14 * Math.max(1, Math.abs(optimum)),
  };
}

/**
 * The log-likelihood gap `best - logLikelihood` to the best log-likelihood known (EM for Gaussian
 * mixtures: run once to convergence, or take the best of several seeds).
 *
 * @remarks Values above `best` count as 0. The rounding floor is `1e-12 * max(1, |best|)`, and the default
 * tolerances are `[1, 1e-2, 1e-4, 1e-6]`: log-likelihoods are sums over the data, so their gaps are large.
 * @param best - The best log-likelihood, a finite number.
 * @returns The measure, named `best - log L`.
 * @throws {@link InvalidOptionError} when `best` is not a finite number.
 */
export function logLikelihoodGap(best: number): ErrorMeasure<StateWithLogLikelihood> {
  if (typeof best !== "number" || !Number.isFinite(best)) throw new InvalidOptionError("best", "a finite number", best);
  return {
    name: "best - log L",
    measure: (state) => Math.max(0, best - state.logLikelihood),
    floor: 1e-12 * Math.max(1, Math.abs(best)),
    tolerances: [1, 1e-2, 1e-4, 1e-6],
  };
}

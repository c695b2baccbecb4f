import { backtracking, normInf } from "../../src/index.js";
import { validateStrictOptions, stopAfterFailedSearch } from "../../src/engine/internals.js";
import type { Solver } from "../../src/index.js";
import type { OptionSchemaOf } from "../../src/engine/internals.js";
import {
  dot,
  functionChangeOf,
  minimizeConvergence,
  minimizeDivergence,
  minimizeSchema,
  prepareObjective,
  searchCost,
  searchOrStep,
  startOf,
  stepNormOf,
} from "./minimize-common.js";
import type { PreparedObjective } from "./minimize-common.js";
import type { BfgsOptions, BfgsRecord, BfgsState, MinimizeProblem } from "./minimize-types.js";

/**
 * The BFGS quasi-Newton method: `x_{k+1} = x_k - alpha_k H_k grad f(x_k)`, where `H_k` approximates the
 * inverse Hessian from the gradients seen so far.
 *
 * @remarks
 * Update (Nocedal and Wright, eq. 6.17): with `s = x_{k+1} - x_k`, `y = grad f(x_{k+1}) - grad f(x_k)` and
 * `rho = 1 / (y . s)`, `H_{k+1} = (I - rho s y^T) H_k (I - rho y s^T) + rho s s^T`. `H_0 = I`, rescaled
 * to `(y . s) / (y . y) I` before the first update (eq. 6.20). The update is skipped, and the state says
 * so (`updateSkipped`), when the curvature `y . s` is not safely positive, which keeps `H_k` positive
 * definite under a backtracking (Armijo-only) line search; with `lineSearch: strongWolfe()` every accepted
 * step has `y . s > 0` and the gradient at the new point comes from the search. If rounding ever makes
 * `-H_k g` an ascent direction, `H_k` is reset to the identity. For many unknowns, {@link lbfgs} keeps
 * `m` pairs instead of the n x n matrix.
 *
 * Cost per iteration: one gradient, the line search's evaluations of `f`, and O(n^2) arithmetic: no
 * Hessian and no factorisation. Convergence: superlinear near a minimiser with a positive definite Hessian
 * (`||x_{k+1} - x*|| / ||x_k - x*|| -> 0`), typically in more iterations but fewer evaluations of
 * second-order information than Newton's method.
 *
 * Stopping, divergence and line-search failures as for {@link newtonMinimize}.
 *
 * @param options - Line search, tolerances, bound, divergence factor.
 * @returns The solver, to run with `solve`.
 * @throws `InvalidOptionError` for options outside their ranges; when run, `InvalidProblemError` for a
 *   malformed problem.
 * @example
 * ```ts
 * const result = solve(bfgs(), { f: "100 (y - x^2)^2 + (1 - x)^2", x0: [-1.2, 1] });
 * result.state.x; // within 7e-11 of (1, 1) after 38 iterations, |grad| <= 1e-8
 * solve(bfgs({ lineSearch: strongWolfe() }), { f: "100 (y - x^2)^2 + (1 - x)^2", x0: [-1.2, 1] }); // 36
 * ```
 * @see J. Nocedal and S. J. Wright, Numerical Optimization, 2nd ed., Springer, 2006, section 6.1.
 */
export function bfgs(
  options: BfgsOptions = {},
): Solver<MinimizeProblem, BfgsState, BfgsRecord, PreparedObjective<BfgsScratch>> {
  validateStrictOptions(options, minimizeSchema satisfies OptionSchemaOf<BfgsOptions>, "bfgs");
  const lineSearch = options.lineSearch ?? backtracking();
  const stepAbsTolerance = options.stepAbsTolerance ?? 0;
  const absTolerance = options.absTolerance ?? 1e-8;
  return {
    name: `BFGS (${lineSearch.label})`,
    maxIterations: options.maxIterations ?? 1000,
    convergence: minimizeConvergence<BfgsState>(options),
    divergence: minimizeDivergence<BfgsState>(options),
    prepare: (problem) => prepareObjective(problem, false, new BfgsScratch()),
    init({ functions }) {
      const { x, f, gradient } = startOf(functions);
      return {
        x,
        f,
        gradient,
        gradientNorm: normInf(gradient),
        inverseHessian: identity(functions.n),
        stepLength: 0,
        stepNorm: undefined,
        functionChange: undefined,
        updateSkipped: false,
        fEvaluations: 1,
        gradientEvaluations: 1,
      };
    },
    step({ functions, work }, state, context) {
      const n = functions.n;
      const g = state.gradient;
      let h = state.inverseHessian;
      const { direction, s, y, hy } = work.fit(n);
      multiplyInto(direction, h, g, n, -1);
      if (!(dot(g, direction) < 0)) {
        h = identity(n);
        multiplyInto(direction, h, g, n, -1);
      }
      const search = searchOrStep(lineSearch, functions, state.x, state.f, g, direction, stepAbsTolerance);
      const spent = searchCost(search, functions);
      if (search.failure !== undefined) {
        stopAfterFailedSearch(search, state.f, state.gradientNorm, absTolerance, context.control);
        return {
          ...state,
          stepLength: 0,
          stepNorm: undefined,
          functionChange: undefined,
          fEvaluations: state.fEvaluations + spent[0],
          gradientEvaluations: state.gradientEvaluations + spent[1],
        };
      }
      // A search that read the gradient at its accepted point (strongWolfe()) hands it over.
      const reused = search.gradient;
      const gradient = reused ?? new Float64Array(n);
      if (reused === undefined) functions.gradient.evaluate(search.x, gradient);
      for (let i = 0; i < n; i++) {
        s[i] = (search.x[i] as number) - (state.x[i] as number);
        y[i] = (gradient[i] as number) - (g[i] as number);
      }
      const sy = dot(s, y);
      const yy = dot(y, y);
      const curvature = sy > Number.EPSILON * Math.sqrt(dot(s, s) * yy);
      const inverseHessian = curvature
        ? update(context.iteration === 0 ? identity(n, sy / yy) : h, s, y, sy, n, hy)
        : h;
      const cost = reused === undefined ? functions.gradient.cost : [0, 0, 0];
      return {
        x: search.x,
        f: search.f,
        gradient,
        gradientNorm: normInf(gradient),
        inverseHessian,
        stepLength: search.step,
        stepNorm: stepNormOf(search.x, state.x),
        functionChange: functionChangeOf(search.f, state.f),
        updateSkipped: !curvature,
        fEvaluations: state.fEvaluations + spent[0] + (cost[0] as number),
        gradientEvaluations: state.gradientEvaluations + spent[1] + (cost[1] as number),
      };
    },
    record: ({ x, f, gradientNorm, stepLength, stepNorm, updateSkipped, fEvaluations, gradientEvaluations }) => ({
      x: new Float64Array(x),
      f,
      gradientNorm,
      stepLength,
      stepNorm,
      updateSkipped,
      fEvaluations,
      gradientEvaluations,
    }),
    recordKeepsNoState: true,
  };
}

function identity(n: number, scale = 1): Float64Array {
  const matrix = new Float64Array(n * n);
  for (let i = 0; i < n; i++) matrix[i * n + i] = scale;
  return matrix;
}

/** Scratch vectors of one prepared problem (never part of a state): the direction, s, y and H y. */
export class BfgsScratch {
  /** The search direction `-H g`. */
  direction = new Float64Array(0);
  /** The step `s = x_{k+1} - x_k`. */
  s = new Float64Array(0);
  /** The gradient change `y = g_{k+1} - g_k`. */
  y = new Float64Array(0);
  /** The product `H y`. */
  hy = new Float64Array(0);

  /**
   * Sizes the vectors for `n` unknowns (reallocating only when `n` changes).
   * @param n - The number of unknowns.
   * @returns This scratch.
   */
  fit(n: number): this {
    if (this.s.length !== n) {
      this.direction = new Float64Array(n);
      this.s = new Float64Array(n);
      this.y = new Float64Array(n);
      this.hy = new Float64Array(n);
    }
    return this;
  }
}

/** `out = factor * A v` for an n x n row-major A. */
function multiplyInto(out: Float64Array, a: Float64Array, v: ArrayLike<number>, n: number, factor: number): void {
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let j = 0; j < n; j++) sum += (a[i * n + j] as number) * (v[j] as number);
    out[i] = factor * sum;
  }
}

/**
 * The BFGS update as a new matrix: `H - rho (s (Hy)^T + (Hy) s^T) + (rho^2 y.Hy + rho) s s^T`, the
 * expanded form of `(I - rho s y^T) H (I - rho y s^T) + rho s s^T` for symmetric H.
 */
function update(
  h: Float64Array,
  s: Float64Array,
  y: Float64Array,
  sy: number,
  n: number,
  hy: Float64Array,
): Float64Array {
  const rho = 1 / sy;
  multiplyInto(hy, h, y, n, 1);
  const yhy = dot(y, hy);
  const outer = rho * rho * yhy + rho;
  const next = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const si = s[i] as number;
    const hyi = hy[i] as number;
    for (let j = 0; j < n; j++) {
      const sj = s[j] as number;
      next[i * n + j] = (h[i * n + j] as number) - rho * (si * (hy[j] as number) + hyi * sj) + outer * si * sj;
    }
  }
  return next;
}

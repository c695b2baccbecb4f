import { anyOf, below, InvalidOptionError, nonFinite } from "../../src/index.js";
import type { Solver } from "../../src/index.js";
import { allFinite } from "./dense.js";
import { formatPoint, prepareObjective, resolvedHessian, startOf } from "./minimize-common.js";
import type { PreparedObjective } from "./minimize-common.js";
import { steihaugCg } from "./steihaug-cg.js";
import type {
  TrustRegionNewtonOptions,
  TrustRegionNewtonRecord,
  TrustRegionNewtonState,
} from "./trust-region-types.js";
import type { MinimizeProblem } from "./minimize-types.js";
import {
  integerAtLeast,
  numberAbove,
  numberAtLeast,
  numberBetween,
  optional,
  validateStrictOptions,
} from "../../src/engine/internals.js";
import type { OptionSchemaOf } from "../../src/engine/internals.js";

/** The Hessian's buffer, reused by every step of every run on a prepared problem. */
export interface TrustRegionScratch {
  /** `n x n`, row-major; refitted to the problem's size. */
  hessian: Float64Array;
}

function norm2(v: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += (v[i] as number) * (v[i] as number);
  return Math.sqrt(sum);
}

/**
 * Trust-region Newton minimisation with the Steihaug-Toint truncated conjugate-gradient subproblem
 * (SciPy's `minimize(method="trust-ncg")`): no line search and no Hessian modification; an indefinite
 * Hessian is handled by the trust region.
 *
 * @remarks
 * Update rule (Nocedal and Wright, Algorithm 4.1): the step `p_k` approximately minimises the model
 * `m_k(p) = f_k + g_k . p + p . H_k p / 2` within `||p||_2 <= Delta_k` by truncated CG (Algorithm 7.2:
 * CG from 0 until the residual is below `min(1/2, sqrt ||g_k||) ||g_k||`, or the boundary is crossed, or a
 * direction of non-positive curvature is met, then to the boundary). With `rho_k = (f(x_k) - f(x_k + p_k))
 * / (m_k(0) - m_k(p_k))`: `Delta_{k+1} = Delta_k / 4` when `rho_k < 1/4`; `min(2 Delta_k, Delta_max)` when
 * `rho_k > 3/4` and `||p_k|| = Delta_k`; else unchanged. `x_{k+1} = x_k + p_k` when `rho_k > eta`, else
 * `x_{k+1} = x_k` (a rejected step is an iteration, as SciPy counts `nit`). A trial point where `f` is not
 * finite is rejected (`rho = -Infinity`).
 *
 * Cost per iteration: one Hessian, one `f` at the trial point, one gradient when accepted, and at most
 * `2n` Hessian-vector products of `O(n^2)` on the dense Hessian. Convergence: to a point where the gradient
 * vanishes and the Hessian is positive semidefinite, from any start (global convergence of trust
 * regions); superlinear near a minimiser with a positive definite Hessian, where the full Newton step is
 * eventually inside the region and accepted.
 *
 * Stopping: `||grad f||_2 <= absTolerance` (`|grad|`) or `<= relTolerance ||grad f(x_0)||_2`
 * (`|grad|/|grad0|`), both checked at iteration 0 too. Divergence: `f` or the gradient not finite, or a
 * Hessian that is not finite. `stalled` when the model predicts no decrease, or the radius falls below the
 * rounding level of `x` (`1e-3 eps ||x||`): no trial step can change `f` visibly.
 *
 * @param options - Tolerances, radii, acceptance ratio, bound.
 * @returns The solver, to run with `solve`.
 * @throws `InvalidOptionError` for options outside their ranges (also `maxRadius < initialRadius`); when
 *   run, `InvalidProblemError` for a malformed problem.
 * @example
 * ```ts
 * const result = solve(trustRegionNewton(), { f: "100 (y - x^2)^2 + (1 - x)^2", x0: [-1.2, 1] });
 * result.iterations; // 30, as SciPy 1.10.1's trust-ncg with gtol = 1e-8; result.state.x is (1, 1)
 * ```
 * @see J. Nocedal and S. J. Wright, Numerical Optimization, 2nd ed., Springer, 2006, Algorithms 4.1 and 7.2;
 *   T. Steihaug, SIAM J. Numer. Anal. 20 (1983) 626-637; Ph. L. Toint, Sparse Matrices and Their Uses
 *   (1981) 57-88.
 */
export function trustRegionNewton(
  options: TrustRegionNewtonOptions = {},
): Solver<MinimizeProblem, TrustRegionNewtonState, TrustRegionNewtonRecord, PreparedObjective<TrustRegionScratch>> {
  validateStrictOptions(
    options,
    {
      absTolerance: optional(numberAtLeast(0)),
      relTolerance: optional(numberAtLeast(0)),
      initialRadius: optional(numberAbove(0)),
      maxRadius: optional(numberAbove(0)),
      acceptanceRatio: optional(numberBetween(0, 0.25, "[)")),
      maxIterations: optional(integerAtLeast(0)),
    } satisfies OptionSchemaOf<TrustRegionNewtonOptions>,
    "trustRegionNewton",
  );
  const initialRadius = options.initialRadius ?? 1;
  const maxRadius = options.maxRadius ?? 1000;
  if (!Number.isFinite(initialRadius) || !Number.isFinite(maxRadius) || maxRadius < initialRadius)
    throw new InvalidOptionError("maxRadius", `a finite number >= initialRadius (${initialRadius})`, maxRadius);
  const eta = options.acceptanceRatio ?? 0.15;
  const relTolerance = options.relTolerance ?? 0;
  const gradientNorm = (state: TrustRegionNewtonState) => state.gradientNorm;
  const tests = [below(gradientNorm, options.absTolerance ?? 1e-8, { name: "|grad|" })];
  return {
    name: "trust-region Newton (Steihaug CG)",
    maxIterations: options.maxIterations ?? 1000,
    convergence:
      relTolerance > 0
        ? anyOf(
            ...tests,
            below(
              (s: TrustRegionNewtonState) => (s.gradientNorm === 0 ? 0 : s.gradientNorm / s.initialGradientNorm),
              relTolerance,
              {
                name: "|grad|/|grad0|",
              },
            ),
          )
        : tests[0],
    divergence: [
      nonFinite((s: TrustRegionNewtonState) => s.f, { name: "f" }),
      nonFinite(gradientNorm, { name: "|grad|" }),
    ],
    prepare: (problem) => prepareObjective(problem, true, { hessian: new Float64Array(0) }),
    init({ functions }) {
      const { x, f, gradient } = startOf(functions);
      return {
        x,
        f,
        gradient,
        gradientNorm: norm2(gradient),
        initialGradientNorm: norm2(gradient),
        radius: initialRadius,
        ratio: undefined,
        accepted: false,
        stepNorm: undefined,
        negativeCurvature: false,
        cgIterations: 0,
        fEvaluations: 1,
        gradientEvaluations: 1,
        hessianEvaluations: 0,
      };
    },
    step({ functions, work }, state, context) {
      const n = functions.n;
      const hessian = resolvedHessian(functions);
      if (work.hessian.length !== n * n) work.hessian = new Float64Array(n * n);
      const h = work.hessian;
      hessian.evaluate(state.x, state.f, h);
      const counted = {
        ...state,
        fEvaluations: state.fEvaluations + hessian.cost[0],
        gradientEvaluations: state.gradientEvaluations + hessian.cost[1],
        hessianEvaluations: state.hessianEvaluations + hessian.cost[2],
      };
      if (!allFinite(h)) {
        context.control.diverge(`the Hessian is not finite at x = ${formatPoint(state.x)}`);
        return counted;
      }
      if (state.gradientNorm === 0) return { ...counted, stepNorm: 0, ratio: undefined, accepted: false };
      const sub = steihaugCg(state.gradient, h, state.radius);
      const trial = new Float64Array(n);
      for (let i = 0; i < n; i++) trial[i] = (state.x[i] as number) + (sub.step[i] as number);
      const fTrial = functions.f(trial);
      const evaluated = {
        ...counted,
        fEvaluations: counted.fEvaluations + 1,
        negativeCurvature: sub.negativeCurvature,
        cgIterations: state.cgIterations + sub.iterations,
      };
      if (!(sub.predictedDecrease > 0)) {
        context.control.stall(
          `the model predicts no decrease (${sub.predictedDecrease}) at x = ${formatPoint(state.x)}: ` +
            `|grad| = ${state.gradientNorm} is at the rounding level of the model`,
        );
        return { ...evaluated, stepNorm: 0, ratio: undefined, accepted: false };
      }
      const ratio = Number.isFinite(fTrial) ? (state.f - fTrial) / sub.predictedDecrease : -Infinity;
      const radius =
        ratio < 0.25
          ? state.radius / 4
          : ratio > 0.75 && sub.onBoundary
            ? Math.min(2 * state.radius, maxRadius)
            : state.radius;
      if (!(ratio > eta)) {
        if (radius < 1e-3 * Number.EPSILON * Math.max(1, norm2(state.x)))
          context.control.stall(
            `the trust radius ${radius} is below the rounding level of x = ${formatPoint(state.x)} with |grad| = ${state.gradientNorm}`,
          );
        return { ...evaluated, radius, ratio, accepted: false, stepNorm: 0 };
      }
      const gradient = new Float64Array(n);
      functions.gradient.evaluate(trial, gradient);
      const cost = functions.gradient.cost;
      return {
        ...evaluated,
        x: trial,
        f: fTrial,
        gradient,
        gradientNorm: norm2(gradient),
        radius,
        ratio,
        accepted: true,
        stepNorm: norm2(sub.step),
        fEvaluations: evaluated.fEvaluations + cost[0],
        gradientEvaluations: evaluated.gradientEvaluations + cost[1],
        hessianEvaluations: evaluated.hessianEvaluations + cost[2],
      };
    },
    // The state's fields but the gradient, in their order, with a copy of x.
    record: ({ gradient: _gradient, ...record }) => ({ ...record, x: new Float64Array(record.x) }),
    recordKeepsNoState: true,
  };
}

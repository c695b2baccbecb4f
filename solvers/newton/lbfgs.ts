import { anyOf, below, normInf, strongWolfe } from "../../src/index.js";
import type { Solver } from "../../src/index.js";
import type { LbfgsOptions, LbfgsRecord, LbfgsState } from "./lbfgs-types.js";
import {
  dot,
  lineSearchRule,
  minimizeConvergence,
  minimizeDivergence,
  prepareObjective,
  searchCost,
  searchOrStep,
  startOf,
} from "./minimize-common.js";
import type { PreparedObjective } from "./minimize-common.js";
import type { MinimizeProblem } from "./minimize-types.js";
import { LbfgsScratch, twoLoop } from "./lbfgs-two-loop.js";
import {
  integerAtLeast,
  numberAtLeast,
  optional,
  validateStrictOptions,
  stopAfterFailedSearch,
} from "../../src/engine/internals.js";
import type { OptionSchemaOf } from "../../src/engine/internals.js";

const lbfgsRules = {
  memory: optional(integerAtLeast(1)),
  lineSearch: optional(lineSearchRule),
  absTolerance: optional(numberAtLeast(0)),
  relTolerance: optional(numberAtLeast(0)),
  stepAbsTolerance: optional(numberAtLeast(0)),
  functionRelTolerance: optional(numberAtLeast(0)),
  maxIterations: optional(integerAtLeast(0)),
  divergenceTolerance: optional(numberAtLeast(1)),
} satisfies OptionSchemaOf<LbfgsOptions>;

/**
 * Limited-memory BFGS: `x_{k+1} = x_k - alpha_k H_k grad f(x_k)`, where `H_k` is the BFGS inverse-Hessian
 * approximation built from the last `m` pairs `(s_i, y_i)` only, and never formed.
 *
 * @remarks
 * The direction comes from the two-loop recursion (Nocedal and Wright, Algorithm 7.4): `q = g`; for the
 * pairs newest first, `a_i = rho_i s_i . q`, `q -= a_i y_i`; `r = gamma_k q` with the scaling `gamma_k =
 * (s . y) / (y . y)` of the newest pair (eq. 7.20); for the pairs oldest first, `r += s_i (a_i - rho_i y_i .
 * r)`; `d = -r`. With no pair yet, `gamma = 1 / ||g||_2`: the first trial step has length 1, as in SciPy's
 * L-BFGS-B. A new pair is stored only when `s . y > eps ||s||_2 ||y||_2` (`eps = 2^-52`), which the default
 * strong Wolfe search guarantees; otherwise the update is skipped (`updateSkipped`). If rounding ever makes
 * `d` an ascent direction, the memory is emptied (`memoryReset`).
 *
 * Cost per iteration: about `4 m n` operations for the direction, plus the line search's evaluations (one
 * `f` and one gradient per trial, usually one trial near the minimiser); memory `2 m n` numbers. Convergence:
 * linear (no superlinear guarantee), usually in few more iterations than BFGS, at `O(m n)` instead of
 * `O(n^2)` per iteration: the method for large `n`. On a strictly convex quadratic with exact line searches
 * its iterates are those of conjugate gradients, so it ends in at most `n` iterations.
 *
 * Stopping: `||grad f||_inf <= absTolerance` (`|grad|`, checked at iteration 0 too), `<= relTolerance
 * ||grad f(x_0)||_inf` (`|grad|/|grad0|`), `||dx||_inf <= stepAbsTolerance` (`||dx||`) or `|df| /
 * max(|f_k|, |f_{k-1}|, 1) <= functionRelTolerance` (`|df|/|f|`), the last two counting only while `|grad|
 * <= 1000 absTolerance`. Divergence and line-search failures as for {@link newtonMinimize}.
 *
 * The state holds the pairs as arrays shared with the previous state, never written (see {@link
 * LbfgsState}); the prepared problem holds only scratch arrays, so a checkpoint resumes exactly.
 *
 * @param options - Memory, line search, tolerances, bound, divergence tolerance.
 * @returns The solver, to run with `solve`.
 * @throws `InvalidOptionError` for options outside their ranges (a `memory` that is not an integer >= 1);
 *   when run, `InvalidProblemError` for a malformed problem.
 * @example
 * ```ts
 * const result = solve(lbfgs({ memory: 10, lineSearch: strongWolfe() }), {
 *   f: "100 (y - x^2)^2 + (1 - x)^2",
 *   x0: [-1.2, 1],
 * });
 * result.state.x; // within 1e-9 of (1, 1), |grad| <= 1e-8
 * ```
 * @see J. Nocedal and S. J. Wright, Numerical Optimization, 2nd ed., Springer, 2006, section 7.2;
 *   D. C. Liu and J. Nocedal, On the limited memory BFGS method for large scale optimization, Math.
 *   Programming 45 (1989) 503-528.
 */
export function lbfgs(
  options: LbfgsOptions = {},
): Solver<MinimizeProblem, LbfgsState, LbfgsRecord, PreparedObjective<LbfgsScratch>> {
  validateStrictOptions(options, lbfgsRules, "lbfgs");
  const memory = options.memory ?? 10;
  const lineSearch = options.lineSearch ?? strongWolfe();
  const absTolerance = options.absTolerance ?? 1e-8;
  const relTolerance = options.relTolerance ?? 0;
  const stopping = {
    absTolerance,
    stepAbsTolerance: options.stepAbsTolerance ?? 0,
    functionRelTolerance: options.functionRelTolerance ?? 0,
    divergenceTolerance: options.divergenceTolerance ?? 1e8,
  };
  const absolute = minimizeConvergence<LbfgsState>(stopping);
  const relative = below((state: LbfgsState) => state.relativeGradientNorm, relTolerance, { name: "|grad|/|grad0|" });
  return {
    name: `L-BFGS (m = ${memory}, ${lineSearch.label})`,
    maxIterations: options.maxIterations ?? 1000,
    convergence: relTolerance > 0 ? anyOf(absolute, relative) : absolute,
    divergence: minimizeDivergence<LbfgsState>(stopping),
    prepare: (problem) => prepareObjective(problem, false, new LbfgsScratch()),
    init({ functions }) {
      const { x, f, gradient } = startOf(functions);
      const gradientNorm = normInf(gradient);
      return {
        x,
        f,
        gradient,
        gradientNorm,
        initialGradientNorm: gradientNorm,
        relativeGradientNorm: gradientNorm === 0 ? 0 : 1,
        pairs: [],
        stepLength: 0,
        stepNorm: undefined,
        functionChange: undefined,
        updateSkipped: false,
        memoryReset: false,
        fEvaluations: 1,
        gradientEvaluations: 1,
      };
    },
    step({ functions, work }, state, context) {
      const n = functions.n;
      const g = state.gradient;
      const direction = work.fit(n, memory);
      let pairs = state.pairs;
      twoLoop(direction, g, pairs, work.alphas);
      const memoryReset = pairs.length > 0 && !(dot(g, direction) < 0);
      if (memoryReset) {
        pairs = [];
        twoLoop(direction, g, pairs, work.alphas);
      }
      const search = searchOrStep(lineSearch, functions, state.x, state.f, g, direction, stopping.stepAbsTolerance);
      const spent = searchCost(search, functions);
      let fEvaluations = state.fEvaluations + spent[0];
      let gradientEvaluations = state.gradientEvaluations + spent[1];
      if (search.failure !== undefined) {
        stopAfterFailedSearch(search, state.f, state.gradientNorm, absTolerance, context.control);
        const unmeasured = { stepLength: 0, stepNorm: undefined, functionChange: undefined };
        return { ...state, ...unmeasured, pairs, memoryReset, fEvaluations, gradientEvaluations };
      }
      let gradient = search.gradient;
      if (gradient === undefined) {
        gradient = new Float64Array(n);
        functions.gradient.evaluate(search.x, gradient);
        fEvaluations += functions.gradient.cost[0];
        gradientEvaluations += functions.gradient.cost[1];
      }
      const s = new Float64Array(n);
      const y = new Float64Array(n);
      let sy = 0;
      let ss = 0;
      let yy = 0;
      let stepNorm = 0; // ||s||_inf, as stepNormOf, in the same pass
      for (let i = 0; i < n; i++) {
        const si = (search.x[i] as number) - (state.x[i] as number);
        const yi = (gradient[i] as number) - (g[i] as number);
        s[i] = si;
        y[i] = yi;
        sy += si * yi;
        ss += si * si;
        yy += yi * yi;
        const magnitude = Math.abs(si);
        if (!(magnitude <= stepNorm)) stepNorm = magnitude;
      }
      const curvature = sy > Number.EPSILON * Math.sqrt(ss * yy);
      if (curvature) pairs = [...pairs.slice(Math.max(0, pairs.length - memory + 1)), { s, y, rho: 1 / sy, yy }];
      const gradientNorm = normInf(gradient);
      const scale = Math.max(Math.abs(search.f), Math.abs(state.f), 1);
      return {
        x: search.x,
        f: search.f,
        gradient,
        gradientNorm,
        initialGradientNorm: state.initialGradientNorm,
        relativeGradientNorm: state.initialGradientNorm === 0 ? 0 : gradientNorm / state.initialGradientNorm,
        pairs,
        stepLength: search.step,
        stepNorm,
        functionChange: Math.abs(search.f - state.f) / scale,
        updateSkipped: !curvature,
        memoryReset,
        fEvaluations,
        gradientEvaluations,
      };
    },
    record: ({
      x,
      f,
      gradientNorm,
      stepLength,
      stepNorm,
      pairs,
      updateSkipped,
      fEvaluations,
      gradientEvaluations,
    }) => ({
      x: new Float64Array(x),
      f,
      gradientNorm,
      stepLength,
      stepNorm,
      pairsStored: pairs.length,
      updateSkipped,
      fEvaluations,
      gradientEvaluations,
    }),
    recordKeepsNoState: true,
  };
}

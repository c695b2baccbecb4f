import {
  anyOf,
  backtracking,
  below,
  confirmedBy,
  growsBeyond,
  InvalidOptionError,
  InvalidProblemError,
  nonFinite,
  normChange,
  normInf,
} from "../../src/index.js";
import { integerAtLeast, numberAtLeast, optional, validateStrictOptions } from "../../src/engine/internals.js";
import type { Criterion, Solver } from "../../src/index.js";
import type { OptionSchemaOf } from "../../src/engine/internals.js";
import { allFinite, DenseWorkspace, solveLu } from "./dense.js";
import { formatPoint, lineSearchRule } from "./minimize-common.js";
import type { SystemFunctions } from "./system-functions.js";
import { systemFunctions } from "./system-functions.js";
import type {
  NewtonSystemOptions,
  NewtonSystemProblem,
  NewtonSystemRecord,
  NewtonSystemState,
} from "./newton-system-types.js";

/**
 * The prepared problem of {@link newtonSystem}: the compiled `F` and Jacobian, and the dense workspace
 * (Jacobian, LU factors, right-hand side) every step of every run on the problem reuses.
 */
export interface PreparedNewtonSystem {
  /** `F`, its Jacobian (given or by differences) and `x0`, compiled once. */
  readonly functions: SystemFunctions;
  /** The step's scratch arrays, sized on first use. */
  readonly work: DenseWorkspace;
}

/**
 * Newton's method for a system of nonlinear equations `F(x) = 0`: solve `J(x_k) d_k = -F(x_k)` by LU with
 * partial pivoting, then `x_{k+1} = x_k + alpha_k d_k`.
 *
 * @remarks
 * The step length `alpha_k` comes from the shared line search applied to the merit function
 * `phi(x) = ||F(x)||_2^2 / 2`, whose slope along the Newton step is `-||F||_2^2 < 0`: Armijo backtracking
 * from 1 (damped Newton, the default) or `fixedStep(1)` (pure Newton). A step already shorter than
 * `stepAbsTolerance` is taken in full. The Jacobian is given, derived symbolically from expression strings
 * by mathjs, or approximated by central differences.
 *
 * Cost per iteration: one Jacobian, the line search's evaluations of `F` (one when the full step is
 * accepted), and an O(n^3) LU factorisation (written out on Float64Arrays up to 16 unknowns, ml-matrix
 * beyond). Convergence: quadratic near a root where the Jacobian is nonsingular; the line search widens
 * the region it converges from, but can stall at a local minimum of `||F||` that is not a root.
 *
 * Stopping: `||F||_inf <= absTolerance` (`||F||`, checked at iteration 0), `||dx||_inf <=
 * stepAbsTolerance` (`||dx||`) or `||dx|| / ||x|| <= stepRelTolerance` (`||dx||/||x||`). Failures end
 * the run as `diverged` with a message: a singular Jacobian (a pivot below `n eps` times the largest entry
 * of its column), a Jacobian that is not finite, a line search that cannot decrease `||F||` (a stationary
 * point of the merit that is not a root: near a root the step is taken in full), `x` or `||F||` not
 * finite, or `||F||` beyond `divergenceTolerance` times its initial value.
 *
 * @param options - Line search, tolerances, bound, divergence factor.
 * @returns The solver, to run with `solve`.
 * @throws `InvalidOptionError` for options outside their ranges; when run, `InvalidProblemError` for a
 *   malformed problem (a Jacobian function of the wrong shape is found at its first evaluation).
 * @example
 * ```ts
 * const result = solve(newtonSystem(), { f: ["x^2 + y^2 - 4", "x y - 1"], x0: [2, 0.5] });
 * result.state.x; // Float64Array [1.9318516525781364, 0.5176380902050416]: the Jacobian derived by mathjs
 * ```
 * @see J. Nocedal and S. J. Wright, Numerical Optimization, 2nd ed., Springer, 2006, sections 11.1
 *   (Newton's method for nonlinear equations) and 11.2 (merit functions and line searches).
 */
export function newtonSystem(
  options: NewtonSystemOptions = {},
): Solver<NewtonSystemProblem, NewtonSystemState, NewtonSystemRecord, PreparedNewtonSystem> {
  validateStrictOptions(
    options,
    {
      lineSearch: optional(lineSearchRule),
      absTolerance: optional(numberAtLeast(0)),
      stepAbsTolerance: optional(numberAtLeast(0)),
      stepRelTolerance: optional(numberAtLeast(0)),
      maxIterations: optional(integerAtLeast(0)),
      divergenceTolerance: optional(numberAtLeast(1)),
    } satisfies OptionSchemaOf<NewtonSystemOptions>,
    "newtonSystem",
  );
  const lineSearch = options.lineSearch ?? backtracking();
  if (lineSearch.usesGradient === true) {
    // The merit function's gradient J^T F along the search would need a Jacobian per trial.
    const expected = "a line search that reads no gradient, such as backtracking() or fixedStep(alpha)";
    throw new InvalidOptionError("lineSearch", expected, lineSearch.label);
  }
  const stepAbsTolerance = options.stepAbsTolerance ?? 1e-12;
  const stepRelTolerance = options.stepRelTolerance ?? 4 * Number.EPSILON;
  return {
    name: `Newton system (${lineSearch.label})`,
    maxIterations: options.maxIterations ?? 100,
    convergence: anyOf(
      below((state: NewtonSystemState) => state.residualNorm, options.absTolerance ?? 0, { name: "||F||" }),
      // A change counts only after a full Newton step, whose length estimates the distance to the root.
      afterFullStep(normChange((state: NewtonSystemState) => state.x, stepAbsTolerance, { name: "x" })),
      afterFullStep(normChange((state: NewtonSystemState) => state.x, stepRelTolerance, { name: "x", relative: true })),
    ),
    divergence: [
      nonFinite((state: NewtonSystemState) => state.x, { name: "x" }),
      nonFinite((state: NewtonSystemState) => state.residualNorm, { name: "||F||" }),
      growsBeyond((state: NewtonSystemState) => state.residualNorm, options.divergenceTolerance ?? 1e8, {
        name: "||F||",
      }),
    ],
    prepare: (problem) => ({ functions: systemFunctions(problem), work: new DenseWorkspace() }),
    init({ functions }) {
      const x = functions.x0.slice();
      const residual = new Float64Array(functions.n);
      functions.f(x, residual);
      if (!allFinite(residual))
        throw new InvalidProblemError("problem.f(x0)", "finite numbers", `(${Array.from(residual).join(", ")})`, false);
      return { x, residual, residualNorm: normInf(residual), stepLength: 0, fEvaluations: 1, jacobianEvaluations: 0 };
    },
    step({ functions, work }, state, context) {
      const n = functions.n;
      work.fit(n);
      const jacobian = work.matrix;
      functions.jacobian.evaluate(state.x, jacobian);
      const cost = functions.jacobian.cost;
      const counted = {
        ...state,
        fEvaluations: state.fEvaluations + cost[0],
        jacobianEvaluations: state.jacobianEvaluations + cost[1],
      };
      if (!allFinite(jacobian)) {
        context.control.diverge(`the Jacobian is not finite at x = ${formatPoint(state.x)}`);
        return { ...counted, stepLength: 0 };
      }
      const residual = state.residual;
      const rightHandSide = work.rightHandSide;
      for (let i = 0; i < n; i++) rightHandSide[i] = -(residual[i] as number);
      const direction = work.solution;
      if (!solveLu(jacobian, n, rightHandSide, direction, work)) {
        context.control.diverge(
          `the Jacobian is singular at x = ${formatPoint(state.x)}: the Newton step is undefined`,
        );
        return { ...counted, stepLength: 0 };
      }

      // The merit phi = ||F||^2 / 2, its gradient J^T F; the last F evaluated is kept, so the accepted point costs nothing more.
      let merit = 0;
      for (let i = 0; i < n; i++) merit += (residual[i] as number) ** 2;
      merit /= 2;
      const meritGradient = work.rightHandSide; // -F is no longer needed: reuse its buffer for J^T F
      for (let j = 0; j < n; j++) {
        let sum = 0;
        for (let i = 0; i < n; i++) sum += (jacobian[i * n + j] as number) * (residual[i] as number);
        meritGradient[j] = sum;
      }
      let evaluatedAt: Float64Array | undefined;
      let evaluated = residual;
      const objective = (point: Float64Array): number => {
        evaluated = new Float64Array(n);
        functions.f(point, evaluated);
        evaluatedAt = point;
        let sum = 0;
        for (let i = 0; i < n; i++) sum += (evaluated[i] as number) ** 2;
        return sum / 2;
      };

      const stepNorm = normInf(direction);
      let x: Float64Array;
      let stepLength = 1;
      let evaluations = 0;
      if (stepNorm <= stepAbsTolerance || stepNorm <= stepRelTolerance * normInf(state.x)) {
        x = new Float64Array(n);
        for (let i = 0; i < n; i++) x[i] = (state.x[i] as number) + (direction[i] as number);
      } else {
        const search = lineSearch({ objective, x: state.x, f: merit, gradient: meritGradient, direction });
        evaluations = search.evaluations;
        if (search.failure !== undefined) {
          // Near a root the step is taken in full (above), so a failure here is a stationary point of ||F||, not rounding.
          context.control.diverge(
            search.nonFiniteValue === undefined
              ? `line search failed: ${search.failure}`
              : `F(x + alpha d) is not finite at the shortest step length tried (merit ${search.nonFiniteValue})`,
          );
          return { ...counted, stepLength: 0, fEvaluations: counted.fEvaluations + evaluations };
        }
        x = search.x;
        stepLength = search.step;
      }
      if (evaluatedAt !== x) {
        objective(x);
        evaluations++;
      }
      return {
        x,
        residual: evaluated,
        residualNorm: normInf(evaluated),
        stepLength,
        fEvaluations: counted.fEvaluations + evaluations,
        jacobianEvaluations: counted.jacobianEvaluations,
      };
    },
    record: ({ x, residualNorm, stepLength, fEvaluations, jacobianEvaluations }) => ({
      x: new Float64Array(x),
      residualNorm,
      stepLength,
      fEvaluations,
      jacobianEvaluations,
    }),
    recordKeepsNoState: true,
  };
}

/** A change test confirmed by a full Newton step (see `confirmedBy`). */
function afterFullStep(change: Criterion<NewtonSystemState>): Criterion<NewtonSystemState> {
  return confirmedBy(change, damping, 0, { name: "1 - alpha" });
}

/** `1 - alpha` for the last step: 0 after a full Newton step; undefined at iteration 0 (no step yet). */
function damping(state: NewtonSystemState): number | undefined {
  return state.stepLength === 0 ? undefined : 1 - state.stepLength;
}

import { allOf, below, InvalidProblemError, nonFinite } from "../../src/index.js";
import type { Solver } from "../../src/index.js";
import { compileExpression, parseExpression } from "./expression.js";
import type { NelderMeadOptions, NelderMeadRecord, NelderMeadState } from "./nelder-mead-types.js";
import { checkObject, readStart, readVariables } from "./problem-parts.js";
import type { MinimizeProblem } from "./minimize-types.js";
import {
  integerAtLeast,
  isBoolean,
  numberAtLeast,
  optional,
  returnedNumber,
  validateStrictOptions,
} from "../../src/engine/internals.js";
import type { OptionSchemaOf } from "../../src/engine/internals.js";

/** Nelder-Mead's prepared problem: the compiled objective and the checked start. */
export interface PreparedNelderMead {
  /** `f`, compiled once (no derivative is needed or derived). */
  readonly f: (x: Float64Array) => number;
  /** The starting point. */
  readonly x0: Float64Array;
}

/**
 * The Nelder-Mead simplex method for derivative-free minimisation of `f: R^n -> R` (SciPy's
 * `minimize(method="Nelder-Mead")`, the same simplex, moves, order of tests and counts).
 *
 * @remarks
 * Update rule, on the simplex `x_0, ..., x_n` sorted by value with centroid `c` of the best `n`: reflect
 * `x_r = c + rho (c - x_n)`; if `f(x_r) < f(x_0)` expand to `x_e = c + rho chi (c - x_n)` and keep the better
 * of the two; else if `f(x_r) < f(x_{n-1})` keep `x_r`; else contract, outside (`c + psi rho (c - x_n)`,
 * kept if not worse than `x_r`) when `f(x_r) < f(x_n)`, inside (`c - psi (c - x_n)`, kept if better than
 * `x_n`) otherwise; when the contraction fails, shrink every vertex towards `x_0` by `sigma`. Parameters
 * `(rho, chi, psi, sigma) = (1, 2, 1/2, 1/2)`, or Gao and Han's adaptive `(1, 1 + 2/n, 3/4 - 1/(2n), 1 -
 * 1/n)`. The first simplex is SciPy's: `x0` and, per coordinate, `x0` with that coordinate times 1.05 (0.00025
 * where it is 0).
 *
 * Cost per iteration: 1 or 2 evaluations of `f` (`n + 2` with a shrink) and `O(n^2)` arithmetic. Convergence:
 * no general guarantee (McKinnon's examples converge to non-stationary points in 2-D); in practice linear
 * and slow on smooth functions, robust on noisy or non-smooth ones, and poor beyond ten or so dimensions.
 *
 * Stopping, SciPy's: both `max_i ||x_i - x_0||_inf <= stepAbsTolerance` (`simplex size`) and `max_i |f(x_i)
 * - f(x_0)| <= functionAbsTolerance` (`f spread`). Divergence: `f` not finite at the best vertex. One
 * iteration here is one pass of SciPy's loop, so SciPy's `nit` is `iterations + 1`.
 *
 * @param options - Tolerances, adaptive parameters, bound.
 * @returns The solver, to run with `solve`.
 * @throws `InvalidOptionError` for options outside their ranges; when run, `InvalidProblemError` for a
 *   malformed problem (it reads `f`, `x0` and `variables`; a gradient is not needed).
 * @example
 * ```ts
 * const result = solve(nelderMead(), { f: "100 (y - x^2)^2 + (1 - x)^2", x0: [-1.2, 1] });
 * result.iterations; // 84 (SciPy 1.10.1: nit = 85, nfev = 159, as result.state.fEvaluations)
 * ```
 * @see J. A. Nelder and R. Mead, A simplex method for function minimization, Comput. J. 7 (1965) 308-313;
 *   F. Gao and L. Han, Implementing the Nelder-Mead simplex algorithm with adaptive parameters, Comput.
 *   Optim. Appl. 51 (2012) 259-277.
 */
export function nelderMead(
  options: NelderMeadOptions = {},
): Solver<MinimizeProblem, NelderMeadState, NelderMeadRecord, PreparedNelderMead> {
  validateStrictOptions(
    options,
    {
      stepAbsTolerance: optional(numberAtLeast(0)),
      functionAbsTolerance: optional(numberAtLeast(0)),
      adaptive: optional(isBoolean),
      maxIterations: optional(integerAtLeast(0)),
    } satisfies OptionSchemaOf<NelderMeadOptions>,
    "nelderMead",
  );
  const adaptive = options.adaptive ?? false;
  return {
    name: adaptive ? "Nelder-Mead (adaptive)" : "Nelder-Mead",
    // SciPy's default is 200 n (n unknown until the problem comes): 1000 is SciPy's for n = 5.
    maxIterations: options.maxIterations ?? 1000,
    convergence: allOf(
      below((s: NelderMeadState) => s.simplexSize, options.stepAbsTolerance ?? 1e-4, { name: "simplex size" }),
      below((s: NelderMeadState) => s.valueSpread, options.functionAbsTolerance ?? 1e-4, { name: "f spread" }),
    ),
    divergence: nonFinite((s: NelderMeadState) => s.f, { name: "f" }),
    prepare(problem) {
      checkObject(problem, "{ f, x0 }");
      const x0 = readStart(problem.x0, undefined);
      const variables = readVariables(problem.variables, x0.length);
      if (typeof problem.f === "string") {
        const compiled = compileExpression(parseExpression(problem.f, variables, "problem.f"), variables);
        return { f: compiled, x0 };
      }
      const given = problem.f;
      if (typeof given !== "function")
        throw new InvalidProblemError("problem.f", "a function of a Float64Array or an expression string", given);
      return { f: (x) => returnedNumber(given(x), "problem.f(x)"), x0 };
    },
    init({ f, x0 }) {
      const n = x0.length;
      const simplex = new Float64Array((n + 1) * n);
      simplex.set(x0);
      for (let k = 0; k < n; k++) {
        const row = (k + 1) * n;
        simplex.set(x0, row);
        const value = x0[k] as number;
        simplex[row + k] = value !== 0 ? 1.05 * value : 0.00025;
      }
      const values = new Float64Array(n + 1);
      for (let i = 0; i <= n; i++) values[i] = f(simplex.subarray(i * n, (i + 1) * n));
      if (!Number.isFinite(values[0] as number))
        throw new InvalidProblemError("problem.f(x0)", "a finite number", values[0]);
      return sorted(simplex, values, n, undefined, n + 1);
    },
    step({ f }, state) {
      const n = state.x.length;
      const { rho, chi, psi, sigma } = adaptive
        ? { rho: 1, chi: 1 + 2 / n, psi: 0.75 - 1 / (2 * n), sigma: 1 - 1 / n }
        : { rho: 1, chi: 2, psi: 0.5, sigma: 0.5 };
      const simplex = Float64Array.from(state.simplex);
      const values = Float64Array.from(state.values);
      const worst = simplex.subarray(n * n, (n + 1) * n);
      const centroid = new Float64Array(n);
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) centroid[j] = (centroid[j] as number) + (simplex[i * n + j] as number);
      for (let j = 0; j < n; j++) centroid[j] = (centroid[j] as number) / n;
      // c + t (c - x_n), the points on the line through the worst vertex and the centroid.
      const point = (t: number) => {
        const p = new Float64Array(n);
        for (let j = 0; j < n; j++) p[j] = (1 + t) * (centroid[j] as number) - t * (worst[j] as number);
        return p;
      };
      let evaluations = 0;
      const evaluate = (p: Float64Array) => {
        evaluations++;
        return f(p);
      };
      const replaceWorst = (p: Float64Array, value: number) => {
        worst.set(p);
        values[n] = value;
      };
      const reflected = point(rho);
      const fr = evaluate(reflected);
      let operation: NelderMeadState["operation"];
      if (fr < (values[0] as number)) {
        const expanded = point(rho * chi);
        const fe = evaluate(expanded);
        if (fe < fr) replaceWorst(expanded, fe);
        else replaceWorst(reflected, fr);
        operation = fe < fr ? "expand" : "reflect";
      } else if (fr < (values[n - 1] as number)) {
        replaceWorst(reflected, fr);
        operation = "reflect";
      } else {
        let shrink = false;
        if (fr < (values[n] as number)) {
          const outside = point(psi * rho);
          const fc = evaluate(outside);
          if (fc <= fr) replaceWorst(outside, fc);
          else shrink = true;
          operation = "contract outside";
        } else {
          const inside = point(-psi);
          const fcc = evaluate(inside);
          if (fcc < (values[n] as number)) replaceWorst(inside, fcc);
          else shrink = true;
          operation = "contract inside";
        }
        if (shrink) {
          for (let i = 1; i <= n; i++) {
            const vertex = simplex.subarray(i * n, (i + 1) * n);
            for (let j = 0; j < n; j++)
              vertex[j] = (simplex[j] as number) + sigma * ((vertex[j] as number) - (simplex[j] as number));
            values[i] = evaluate(vertex);
          }
          operation = "shrink";
        }
      }
      return sorted(simplex, values, n, operation, state.fEvaluations + evaluations);
    },
    // The state's fields but the simplex arrays, in their order, with a copy of x.
    record: ({ simplex: _simplex, values: _values, ...record }) => ({ ...record, x: new Float64Array(record.x) }),
    recordKeepsNoState: true,
  };
}

/** The state for a simplex, sorted by value with a stable sort (as NumPy's argsort on n + 1 <= 16 values). */
function sorted(
  simplex: Float64Array,
  values: Float64Array,
  n: number,
  operation: NelderMeadState["operation"],
  fEvaluations: number,
): NelderMeadState {
  // NaN sorts last, as in NumPy.
  const key = (i: number) => (Number.isNaN(values[i] as number) ? Infinity : (values[i] as number));
  const order = Array.from({ length: n + 1 }, (_, i) => i).sort((a, b) => key(a) - key(b) || a - b);
  const sortedSimplex = new Float64Array((n + 1) * n);
  const sortedValues = new Float64Array(n + 1);
  order.forEach((from, to) => {
    sortedSimplex.set(simplex.subarray(from * n, (from + 1) * n), to * n);
    sortedValues[to] = values[from] as number;
  });
  let simplexSize = 0;
  let valueSpread = 0;
  for (let i = 1; i <= n; i++) {
    for (let j = 0; j < n; j++)
      simplexSize = Math.max(
        simplexSize,
        Math.abs((sortedSimplex[i * n + j] as number) - (sortedSimplex[j] as number)),
      );
    valueSpread = Math.max(valueSpread, Math.abs((sortedValues[i] as number) - (sortedValues[0] as number)));
  }
  return {
    x: sortedSimplex.slice(0, n),
    f: sortedValues[0] as number,
    simplex: sortedSimplex,
    values: sortedValues,
    simplexSize,
    valueSpread,
    operation,
    fEvaluations,
  };
}

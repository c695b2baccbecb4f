import { integerAtLeast, numberAbove, numberBetween, optional } from "../../src/index.js";
import type { OptionSchemaOf, Solver } from "../../src/index.js";
import type { Bracket } from "./bracketing-solver.js";
import { bracketingRules, bracketingSolver, halvings } from "./bracketing-solver.js";
import type { BracketingProblem, BracketingRecord, BracketingState, ItpOptions } from "./bracketing-types.js";

const goldenRatio = (1 + Math.sqrt(5)) / 2;

/**
 * The ITP method (Interpolate, Truncate, Project) of Oliveira and Takahashi for `f(x) = 0` on a bracket:
 * the regula falsi point, nudged towards the midpoint and kept within a shrinking distance of it, so it
 * never needs more iterations than bisection plus `n0`, and converges superlinearly on smooth `f`.
 *
 * @remarks
 * Update rule, with `eps = stepAbsTolerance / 2`, `n_max = n_{1/2} + n0`, `n_{1/2} = ceil(log2((b - a) / (2
 * eps)))` and iteration `j` from 0: `x_f = (f(b) a - f(a) b) / (f(b) - f(a))` (interpolate); `delta = k1 (b -
 * a)^k2`, `x_t = x_f + sign(x_m - x_f) delta` when `delta <= |x_m - x_f|`, else `x_m` (truncate, `x_m` the
 * midpoint); `r = eps 2^(n_max - j) - (b - a) / 2`, `x = x_t` when `|x_t - x_m| <= r`, else `x_m - sign(x_m -
 * x_f) r` (project); then the bracket shrinks by the sign of `f(x)` as in bisection.
 *
 * Cost: one evaluation of `f` per iteration. Convergence: the bracket width test holds within `n_{1/2} + n0`
 * iterations for every `f` that changes sign (the guaranteed bound, in `state.iterationBound`), and with
 * order `sqrt(k2)` (superlinear) for a simple root of a smooth `f`.
 *
 * Stopping: as {@link bisection}.
 *
 * @param options - Tolerances, bound, and `k1`, `k2`, `n0`.
 * @returns The solver, to run with `solve`.
 * @throws `InvalidOptionError` for an unknown option or one outside its range (`k1 > 0`, `k2` in
 *   `[1, 1 + phi)`, `n0` an integer >= 0). Its `prepare` throws `InvalidProblemError` for a bracket as
 *   {@link bisection} does.
 * @example
 * ```ts
 * const result = solve(itp(), { f: "x^3 - 2x - 5", bracket: [2, 3] });
 * result.state.iterationBound; // 40 = 39 + n0
 * ```
 * @see I. F. D. Oliveira and R. H. C. Takahashi, An enhancement of the bisection method average performance
 *   preserving minmax optimality, ACM Trans. Math. Softw. 47(1), 2020.
 */
export function itp(options: ItpOptions = {}): Solver<BracketingProblem, BracketingState, BracketingRecord, Bracket> {
  const rules = {
    ...bracketingRules,
    k1: optional(numberAbove(0)),
    k2: optional(numberBetween(1, 1 + goldenRatio, "[)")),
    n0: optional(integerAtLeast(0)),
  } satisfies OptionSchemaOf<ItpOptions>;
  const tolerance = options.stepAbsTolerance ?? 2e-12;
  const epsilon = tolerance / 2;
  const k2 = options.k2 ?? 2;
  const n0 = options.n0 ?? 1;
  return bracketingSolver(
    {
      name: "ITP",
      bound: (width) => halvings(width, tolerance) + n0,
      memory: () => undefined,
      next(state, bracket) {
        const { lower: a, upper: b, fLower: fa, fUpper: fb } = state;
        const width = b - a;
        const k1 = options.k1 ?? 0.2 / (bracket.b - bracket.a);
        const j = state.fEvaluations - 2; // the iterations so far: one evaluation each
        const middle = a + width / 2;
        const falsi = (fb * a - fa * b) / (fb - fa);
        const sigma = Math.sign(middle - falsi);
        const delta = k1 * width ** k2;
        const truncated = delta <= Math.abs(middle - falsi) ? falsi + sigma * delta : middle;
        const radius = epsilon * 2 ** (state.iterationBound - j) - width / 2;
        return { x: Math.abs(truncated - middle) <= radius ? truncated : middle - sigma * radius, memory: undefined };
      },
      settle: (state) => state,
    },
    options,
    rules,
    "itp",
  );
}

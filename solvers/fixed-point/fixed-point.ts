import { absChange, anyOf, growsBeyond, InvalidProblemError, nonFinite } from "../../src/index.js";
import {
  formatNumber,
  integerAtLeast,
  isFunction,
  numberAtLeast,
  numberBetween,
  optional,
  returnedNumber,
  validateStrictOptions,
  withFusedCheck,
} from "../../src/engine/internals.js";
import type { Criterion, Solver } from "../../src/index.js";
import type { ChangeMemory, DivergenceMemory, OptionSchemaOf } from "../../src/engine/internals.js";
import type { FixedPointOptions, FixedPointProblem, FixedPointRecord, FixedPointState } from "./types.js";

/**
 * Fixed-point iteration for a scalar map: `x_{k+1} = (1 - omega) x_k + omega g(x_k)`.
 *
 * @remarks
 * Update rule: one evaluation of `g` per iteration. Convergence (Banach): if `g` is a contraction near the
 * fixed point `x*`, that is `|g'(x*)| < 1`, the error shrinks linearly, `e_{k+1} ~ |g'(x*)| e_k` (for
 * `omega = 1`); the record's `stepRatio` estimates that rate. With relaxation the rate is
 * `|1 - omega + omega g'(x*)|`, zero for `omega = 1 / (1 - g'(x*))`.
 *
 * Stopping: `|x_k - x_{k-1}| <= absTolerance` (reported as `|dx|`); divergence when `x` stops being finite
 * or a step exceeds `divergenceTolerance` times the first one.
 *
 * @param options - Tolerance, relaxation, bound, divergence factor.
 * @returns The solver, to run with `solve`.
 * @throws `InvalidOptionError` for options outside their ranges.
 * @example
 * ```ts
 * const result = solve(fixedPoint({ absTolerance: 0 }), { map: Math.cos, x0: 1 });
 * result.state.x; // 0.7390851332151607, the Dottie number
 * ```
 * @see R. L. Burden and J. D. Faires, Numerical Analysis, section 2.2 (fixed-point iteration).
 */
export function fixedPoint(
  options: FixedPointOptions = {},
): Solver<FixedPointProblem, FixedPointState, FixedPointRecord> {
  validateStrictOptions(
    options,
    {
      absTolerance: optional(numberAtLeast(0)),
      relaxation: optional(numberBetween(0, 2, "()")),
      maxIterations: optional(integerAtLeast(0)),
      divergenceTolerance: optional(numberAtLeast(1)),
    } satisfies OptionSchemaOf<FixedPointOptions>,
    "fixedPoint",
  );
  const absTolerance = options.absTolerance ?? 1e-12;
  const omega = options.relaxation ?? 1;
  return {
    name: omega === 1 ? "fixed point" : `fixed point (omega = ${formatNumber(omega)})`,
    maxIterations: options.maxIterations ?? 1000,
    convergence: fixedPointConvergence(absTolerance),
    divergence: fixedPointDivergence(options.divergenceTolerance ?? 1e6),
    // The problem is its own prepared form (a function and a number): prepare only validates it, once.
    prepare(problem) {
      if (problem === null || typeof problem !== "object")
        throw new InvalidProblemError("problem", "an object { map, x0 }", problem);
      if (!isFunction.test(problem.map))
        throw new InvalidProblemError("problem.map", "a function of one number", problem.map);
      if (typeof problem.x0 !== "number" || !Number.isFinite(problem.x0)) {
        throw new InvalidProblemError("problem.x0", "a finite number", problem.x0);
      }
      return problem;
    },
    init: (problem) => ({ x: problem.x0, step: undefined, stepRatio: undefined, evaluations: 0 }),
    step(problem, state, context) {
      const mapped = returnedNumber(problem.map(state.x), "problem.map(x)");
      const x = omega === 1 ? mapped : (1 - omega) * state.x + omega * mapped;
      const step = x - state.x;
      const stepRatio = state.step === undefined || state.step === 0 ? undefined : Math.abs(step / state.step);
      if (context.statesEscape) return { x, step, stepRatio, evaluations: state.evaluations + 1 };
      // Nothing keeps a state (no trace, or the default trace, whose records are new objects): this run's own
      // state object (from init) is updated in place.
      const own = state as { -readonly [K in keyof FixedPointState]: FixedPointState[K] };
      own.x = x;
      own.step = step;
      own.stepRatio = stepRatio;
      own.evaluations = state.evaluations + 1;
      return own;
    },
    // A new object: under the default trace the step updates the run's own state object in place.
    record: ({ x, step, stepRatio, evaluations }) => ({ x, step, stepRatio, evaluations }),
    recordKeepsNoState: true,
  };
}

/** `|x_k - x_{k-1}| <= absTolerance`: `absChange(x)` with one fused check, which runs at every iteration. */
function fixedPointConvergence(absTolerance: number): Criterion<FixedPointState> {
  const reference = absChange((state: FixedPointState) => state.x, absTolerance, { name: "x" });
  return withFusedCheck(reference as Criterion<FixedPointState, ChangeMemory>, (state, context, memory) => {
    const current = state.x;
    const previous = memory.previous;
    // `?? previous !== undefined`: a memory restored from an older checkpoint has no `hasPrevious`.
    const hasPrevious = memory.hasPrevious ?? previous !== undefined;
    memory.previous = current;
    memory.hasPrevious = true;
    if (!hasPrevious) return false;
    const change = Math.abs(current - previous);
    memory.value = change;
    memory.iteration = context.iteration;
    memory.met = change <= absTolerance;
    return memory.met;
  }) as Criterion<FixedPointState>;
}

/**
 * `x` not finite, or a step beyond `divergenceTolerance` times the first: `anyOf(nonFinite(x),
 * growsBeyond(|dx|))` with one fused check, which runs at every iteration.
 */
function fixedPointDivergence(divergenceTolerance: number): Criterion<FixedPointState> {
  const reference = anyOf(
    nonFinite((state: FixedPointState) => state.x, { name: "x" }),
    growsBeyond(
      (state: FixedPointState) => (state.step === undefined ? undefined : Math.abs(state.step)),
      divergenceTolerance,
      { name: "|dx|" },
    ),
  ) as Criterion<FixedPointState, DivergenceMemory[]>;
  // Each field read once, each answer kept in a local: the check runs at every iteration of a short loop.
  return withFusedCheck(reference, (state, context, memory) => {
    const iteration = context.iteration;
    const x = state.x;
    const step = state.step;
    const finite = memory[0] as DivergenceMemory;
    const growth = memory[1] as DivergenceMemory;
    const notFinite = !Number.isFinite(x);
    finite.value = x;
    finite.iteration = iteration;
    finite.met = notFinite;
    if (step === undefined) return growth.met || notFinite;
    const value = Math.abs(step);
    if (!(growth.iteration >= 0)) growth.reference = divergenceTolerance * value; // the first measurement
    const grown = !(value <= growth.reference);
    growth.value = value;
    growth.iteration = iteration;
    growth.met = grown;
    return grown || notFinite;
  }) as Criterion<FixedPointState>;
}

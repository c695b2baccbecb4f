import { InvalidOptionError } from "../engine/errors.js";
import { solve, solveAsync } from "../engine/solver.js";
import type { SolveOptions, SolveResult } from "../engine/solver.js";
import {
  anyValue,
  integerAtLeast,
  isFunction,
  numberAtLeast,
  optional,
  rejectUnknownOptions,
  validateOption,
} from "../engine/validate.js";
import { PreparedMethods } from "./prepared-methods.js";
import { summariseComparison } from "./summarise-comparison.js";
import type { MethodRuns, RunRecord } from "./summarise-comparison.js";
import type { CompareMethod, CompareOptions } from "./types.js";
import type { Comparison } from "./comparison.js";

/** The option names of {@link compare}, of each method, of an error measure and of a cost measure. */
const compareOptionNames = [
  ...["problem", "methods", "error", "tolerances", "seeds"],
  ...["maxIterations", "floor", "warmup", "cost"],
];
const methodOptionNames = ["label", "solver", "options", "settings"];
const measureOptionNames = ["name", "measure", "floor", "tolerances"];
const costOptionNames = { name: anyValue, measure: anyValue };

/**
 * Trace entries kept per run: enough for every iteration of long linear runs (beyond it the trace is
 * thinned and iterations to a tolerance are known to the stride), at about 100 bytes an entry.
 */
const traceLength = 200_000;

/**
 * Runs several methods on the same problem and measures them the same way: iterations and time to each
 * tolerance, final error, stop reason, time per iteration, and the estimated rate and order of
 * convergence. Synchronous: for solvers whose steps return Promises use {@link compareAsync}.
 *
 * @remarks Each method runs once per seed, with the problem built once per seed and shared. The error
 * measure is evaluated on every iteration's state as the run's trace record (so its cost, small next to a
 * step, is inside the measured times). From each run's errors `e_k`:
 *
 * - iterations to a tolerance: the first `k` with `e_k <= tolerance`;
 * - rate rho: `exp` of the least-squares slope of `log e_k` against `k` over the last 10 usable errors
 *   (`e_{k+1} ~ rho e_k`); usable errors are the leading run of finite errors above the rounding floor,
 *   the larger of the `floor` option (else the measure's) and `1e-14 e_0` (the first finite error), since
 *   a residual or gradient norm stalls at a rounding level the measure cannot know;
 * - order q: the slope of `log e_{k+1}` against `log e_k` over the last pairs (see `estimateOrder`): 1 for
 *   linear convergence, about 1.618 for the secant method, 2 for Newton's method.
 *
 * A rate or order is reported only when its fit is trusted (enough usable errors, a good R^2, errors that
 * decrease, an order of at least 0.9); otherwise it is `undefined` and `rateFit`/`orderFit` say why.
 *
 * With several seeds, iterations and time to a tolerance are medians over the seeds that reached it
 * (`reachedBy` counts them), the rate and order medians over the seeds whose fits are trusted, and `spread`
 * the mean, standard deviation, minimum and maximum of the iterations and the final error.
 * Non-convergence is a result (`converged: false` and its stop reason), never an error. Times include the
 * solver's `init` (iteration 0 is stamped after it); one
 * untimed warm-up run per method (`warmup: 1`, the default) leaves one-off compilation out of them. Cost:
 * the runs and the warm-up runs, plus the measure at every iteration.
 * @typeParam P - The problem type.
 * @typeParam S - The state type the error measure reads.
 * @param options - The problem, the methods, the error measure, tolerances, seeds and bound.
 * @returns The comparison: rows for the table, series for the plots.
 * @throws {@link InvalidOptionError} for an unknown option name (with the closest valid one), no methods,
 *   duplicate labels, tolerances that are not finite
 *   numbers > 0, bad seeds, or an error measure returning `NaN` or a negative number (the message names
 *   the method, seed and iteration); what `solve` throws for a bad problem or a failing step.
 * @example
 * ```ts
 * const comparison = compare({
 *   problem: { f: "x^3 - 2x - 5", x0: 2 },
 *   methods: [{ label: "Newton", solver: newton() }, { label: "secant", solver: secant() }],
 *   error: distanceTo(2.0945514815423265),
 * });
 * console.log(formatComparison(comparison));
 * ```
 */
export function compare<P, S>(options: CompareOptions<P, S>): Comparison {
  const plan = planComparison(options);
  const runs: MethodRuns[] = plan.methods.map(() => []);
  const prepared = prepareMethods(plan.methods);
  try {
    for (let round = 0; round < plan.warmup; round++) {
      const problem = plan.problemFor(plan.seeds[0] as number);
      plan.methods.forEach((method, index) => {
        solve(method.solver, prepared.for(index, problem), plan.warmupOptions(method, plan.seeds[0] as number));
      });
    }
    for (const seed of plan.seeds) {
      const problem = plan.problemFor(seed);
      plan.methods.forEach((method, index) => {
        const result = solve(method.solver, prepared.for(index, problem), plan.solveOptions(method, problem, seed));
        (runs[index] as MethodRuns).push({ seed, result: result as SolveResult<unknown, RunRecord> });
      });
    }
  } finally {
    prepared.dispose();
  }
  return summariseComparison(plan, runs);
}

/**
 * {@link compare} with the async driver: for solvers whose steps return Promises (tensor training). Runs
 * one at a time, so that their times do not mix.
 *
 * @typeParam P - The problem type.
 * @typeParam S - The state type the error measure reads.
 * @param options - As for {@link compare}.
 * @returns A Promise of the comparison.
 * @throws As {@link compare} (the Promise rejects).
 */
export async function compareAsync<P, S>(options: CompareOptions<P, S>): Promise<Comparison> {
  const plan = planComparison(options);
  const runs: MethodRuns[] = plan.methods.map(() => []);
  const prepared = prepareMethods(plan.methods);
  try {
    for (let round = 0; round < plan.warmup; round++) {
      const problem = plan.problemFor(plan.seeds[0] as number);
      for (const [index, method] of plan.methods.entries()) {
        const handle = prepared.for(index, problem);
        await solveAsync(method.solver, handle, plan.warmupOptions(method, plan.seeds[0] as number));
      }
    }
    for (const seed of plan.seeds) {
      const problem = plan.problemFor(seed);
      for (const [index, method] of plan.methods.entries()) {
        const handle = prepared.for(index, problem);
        const result = await solveAsync(method.solver, handle, plan.solveOptions(method, problem, seed));
        (runs[index] as MethodRuns).push({ seed, result: result as SolveResult<unknown, RunRecord> });
      }
    }
  } finally {
    prepared.dispose();
  }
  return summariseComparison(plan, runs);
}

/** One prepared-problem cache for the methods, each with its own `threads` run option. */
function prepareMethods<P, S>(methods: readonly CompareMethod<P, S>[]): PreparedMethods<P> {
  return new PreparedMethods(
    methods.map((method) => method.solver),
    methods.map((method) => method.options?.threads),
  );
}

/** A validated comparison: what to run and how to summarise it. */
export interface ComparisonPlan<P, S> {
  readonly methods: readonly CompareMethod<P, S>[];
  readonly errorName: string;
  /** The tolerances given (options or measure); `undefined`: chosen from the errors. */
  readonly tolerances: readonly number[] | undefined;
  readonly tolerancesFrom: "options" | "measure" | "errors";
  readonly costName: string | undefined;
  readonly seeds: readonly number[];
  readonly floor: number;
  readonly warmup: number;
  problemFor(seed: number): P;
  solveOptions(method: CompareMethod<P, S>, problem: P, seed: number): SolveOptions<S, RunRecord>;
  warmupOptions(method: CompareMethod<P, S>, seed: number): SolveOptions<S, unknown>;
}

function planComparison<P, S>(options: CompareOptions<P, S>): ComparisonPlan<P, S> {
  if (options === null || typeof options !== "object") throw new InvalidOptionError("options", "an object", options);
  rejectUnknownOptions(options, compareOptionNames, "compare");
  const { methods, error } = options;
  if (!Array.isArray(methods) || methods.length === 0)
    throw new InvalidOptionError("methods", "a non-empty array of methods", methods);
  const labels = new Set<string>();
  methods.forEach((method: CompareMethod<P, S>, index) => {
    if (method === null || typeof method !== "object") {
      throw new InvalidOptionError(`methods[${index}]`, "an object { label, solver, options? }", method);
    }
    rejectUnknownOptions(method, methodOptionNames, "a compare method", `methods[${index}].`);
    if (typeof method.label !== "string" || method.label.length === 0) {
      throw new InvalidOptionError(`methods[${index}].label`, "a non-empty string", method.label);
    }
    if (labels.has(method.label))
      throw new InvalidOptionError(`methods[${index}].label`, "a label no other method has", method.label);
    labels.add(method.label);
    if (method.solver === null || typeof method.solver !== "object") {
      throw new InvalidOptionError(`methods[${index}].solver`, "a solver object", method.solver);
    }
  });
  if (error === null || typeof error !== "object")
    throw new InvalidOptionError("error", "an error measure such as distanceTo(xStar)", error);
  rejectUnknownOptions(error, measureOptionNames, "an error measure", "error.");
  if (typeof error.name !== "string" || error.name.length === 0)
    throw new InvalidOptionError("error.name", "a non-empty string", error.name);
  validateOption("error.measure", error.measure, isFunction);
  const tolerances = options.tolerances ?? error.tolerances;
  const positive = (value: number) => Number.isFinite(value) && value > 0;
  if (tolerances !== undefined) {
    const name = options.tolerances === undefined ? "error.tolerances" : "tolerances";
    checkNumbers(name, tolerances, positive, "a finite number > 0");
  }
  const { cost } = options;
  if (cost !== undefined) {
    if (cost === null || typeof cost !== "object") {
      throw new InvalidOptionError("cost", "a cost measure { name, measure }", cost);
    }
    rejectUnknownOptions(cost, costOptionNames, "a cost measure", "cost.");
    if (typeof cost.name !== "string" || cost.name.length === 0) {
      throw new InvalidOptionError("cost.name", "a non-empty string", cost.name);
    }
    validateOption("cost.measure", cost.measure, isFunction);
  }
  const seeds = options.seeds ?? [0];
  checkNumbers("seeds", seeds, (value) => integerAtLeast(0, 2 ** 32 - 1).test(value), "an integer in [0, 4294967295]");
  validateOption("maxIterations", options.maxIterations, optional(integerAtLeast(0)));
  validateOption("floor", options.floor, optional(numberAtLeast(0)));
  validateOption("warmup", options.warmup, optional(integerAtLeast(0)));
  validateOption("error.floor", error.floor, optional(numberAtLeast(0)));
  const { problem, maxIterations } = options;
  const measure = error.measure;
  return {
    methods,
    errorName: error.name,
    tolerances: tolerances === undefined ? undefined : [...tolerances],
    tolerancesFrom:
      options.tolerances !== undefined ? "options" : error.tolerances !== undefined ? "measure" : "errors",
    costName: cost?.name,
    seeds: [...seeds],
    floor: options.floor ?? error.floor ?? 0,
    warmup: options.warmup ?? 1,
    problemFor: (seed) => (typeof problem === "function" ? (problem as (seed: number) => P)(seed) : problem),
    solveOptions: (method, runProblem, seed) => {
      // A comparison starts every run afresh, with its own trace of errors and the comparison's seed.
      // threads went to the method's prepared problem.
      const { resumeFrom: _resumeFrom, trace: _trace, seed: _seed, threads: _threads, ...run } = method.options ?? {};
      return {
        ...run,
        maxIterations: run.maxIterations ?? maxIterations,
        seed,
        trace: {
          record:
            cost === undefined
              ? (state: S) => measure(state, runProblem)
              : (state: S) => [measure(state, runProblem), cost.measure(state)],
          maxLength: traceLength,
        },
      };
    },
    warmupOptions: (method, seed) => {
      // threads went to the method's prepared problem.
      const { resumeFrom: _resumeFrom, trace: _trace, seed: _seed, threads: _threads, ...run } = method.options ?? {};
      return { ...run, maxIterations: run.maxIterations ?? maxIterations, seed, trace: false };
    },
  };
}

function checkNumbers(option: string, values: unknown, test: (value: number) => boolean, expected: string): void {
  if (!Array.isArray(values) || values.length === 0)
    throw new InvalidOptionError(option, "a non-empty array of numbers", values);
  values.forEach((value: unknown, index) => {
    if (typeof value !== "number" || !test(value)) throw new InvalidOptionError(`${option}[${index}]`, expected, value);
  });
}

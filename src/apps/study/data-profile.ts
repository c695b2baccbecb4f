import { InvalidOptionError } from "../../index.js";
import { checkResults, runCost, toleranceIndex } from "./performance-profile.js";
import type { ProfileCurve } from "./performance-profile.js";
import type { StudyResults } from "./read-study.js";
import { configurationLabels, instanceOf } from "./summary-support.js";
import { anyValue, oneOf, validateStrictOptions } from "../../engine/internals.js";
import type { OptionSchemaOf } from "../../engine/internals.js";

/** Options of {@link dataProfile}. */
export interface DataProfileOptions {
  /** One of the study's tolerances: an instance is solved once the error is `tolerance x` its initial value. */
  readonly tolerance: number;
  /** The budget's unit: iterations, or evaluations (all kinds added). */
  readonly cost: "iterations" | "evaluations";
  /**
   * Each problem's number of variables `n_p`, by problem name: costs are then divided by `n_p + 1`, Moré and
   * Wild's "simplex gradients" (the evaluations a finite-difference gradient costs), so that problems of
   * different sizes weigh alike. Problems left out are not scaled.
   * @defaultValue `{}` (no scaling)
   */
  readonly dimensions?: Readonly<Record<string, number>> | undefined;
}

/** Moré and Wild's data profiles of a study, from {@link dataProfile}. */
export interface DataProfile {
  /** The budget's unit. */
  readonly cost: "iterations" | "evaluations";
  /** The tolerance that defined "solved". */
  readonly tolerance: number;
  /** Whether costs were divided by `n_p + 1`. */
  readonly scaled: boolean;
  /** The instances: each problem with each seed. */
  readonly instances: number;
  /** One curve per method configuration: the (scaled) costs of the instances it solved, ascending. */
  readonly curves: readonly ProfileCurve[];
}

const dimensionsRule = {
  expected: "an object of problem names to integers >= 1",
  test: (value: unknown) =>
    value === undefined ||
    (value !== null &&
      typeof value === "object" &&
      !Array.isArray(value) &&
      Object.values(value).every((n) => Number.isInteger(n) && (n as number) >= 1)),
};
const rules = {
  tolerance: anyValue,
  cost: oneOf(["iterations", "evaluations"]),
  dimensions: dimensionsRule,
} satisfies OptionSchemaOf<DataProfileOptions>;

/**
 * Moré and Wild's data profiles: for each method configuration, the fraction of instances (problem and
 * seed) it solved within a budget `alpha` of iterations or evaluations.
 *
 * @remarks An instance counts as solved by a run once its error is at most `tolerance` times its initial
 * error: with the error `f(x_k) - f*` this is Moré and Wild's test `f(x_0) - f(x_k) >= (1 - tolerance)(f(x_0) -
 * f_L)` with `f_L = f*`. The study records the first iteration (and evaluations) where each of its tolerances
 * held, exactly, so `d_s(alpha) = |{p : t_{p,s} / (n_p + 1) <= alpha}| / |P|` ({@link profileValue}), where
 * `n_p + 1` is 1 unless `dimensions` gives `n_p`. Unlike a performance profile it does not compare with the
 * best configuration: it says what a budget buys.
 * @param results - What {@link readStudy} returned.
 * @param options - The tolerance, the unit and the problems' dimensions.
 * @returns The costs of every configuration.
 * @throws `InvalidOptionError` for unknown options or a tolerance the study did not record.
 * @example
 * ```ts
 * const profile = dataProfile(readStudy("minimisers.sqlite"), { tolerance: 1e-5, cost: "evaluations" });
 * profileValue(profile, "bfgs", 100); // the fraction solved to 1e-5 within 100 evaluations
 * ```
 * @see J. J. Moré and S. M. Wild, Benchmarking derivative-free optimization algorithms, SIAM Journal on
 *   Optimization 20 (2009) 172-191.
 */
export function dataProfile(results: StudyResults, options: DataProfileOptions): DataProfile {
  checkResults(results);
  if (options === null || typeof options !== "object")
    throw new InvalidOptionError("options", "an object { tolerance, cost }", options);
  validateStrictOptions(options, rules, "dataProfile");
  const index = toleranceIndex(results, options.tolerance) as number;
  const dimensions = options.dimensions ?? {};
  const label = configurationLabels(results.runs);
  const costs = new Map<string, number[]>();
  const instances = new Set<string>();
  for (const run of results.runs) {
    instances.add(instanceOf(run));
    const values = costs.get(label(run)) ?? [];
    costs.set(label(run), values);
    const value = runCost(run, options.cost, index);
    const n = Object.hasOwn(dimensions, run.problem) ? (dimensions[run.problem] as number) : 0;
    if (value !== undefined) values.push(value / (n + 1));
  }
  const curves = [...costs.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, values]) => ({ label: name, values: values.sort((a, b) => a - b) }));
  return {
    cost: options.cost,
    tolerance: options.tolerance,
    scaled: Object.keys(dimensions).length > 0,
    instances: instances.size,
    curves,
  };
}

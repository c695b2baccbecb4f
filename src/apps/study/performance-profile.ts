import { InvalidOptionError } from "../../index.js";
import type { StudyResults } from "./read-study.js";
import { configurationLabels, instanceOf, totalEvaluations } from "./summary-support.js";
import type { StudyRun } from "./types.js";
import { oneOf, optional, validateStrictOptions } from "../../engine/internals.js";
import type { OptionSchemaOf } from "../../engine/internals.js";

/** Options of {@link performanceProfile}. */
export interface PerformanceProfileOptions {
  /** What a run costs: iterations, evaluations (all kinds added) or time in milliseconds. */
  readonly cost: "iterations" | "evaluations" | "time";
  /**
   * What counts as solved: `undefined` for a run that stopped with `converged`, its cost the whole run's;
   * or one of the study's tolerances: the error reduced to `tolerance x` its initial value, its cost the
   * iterations or evaluations until then (not with `cost: "time"`).
   * @defaultValue `undefined` (converged)
   */
  readonly tolerance?: number | undefined;
}

/** One solver's curve in a {@link PerformanceProfile} or {@link DataProfile}. */
export interface ProfileCurve {
  /** The method's name, with its options when the method ran with several configurations. */
  readonly label: string;
  /** The values of the instances it solved (ratios, or costs for data profiles), ascending. */
  readonly values: readonly number[];
}

/** Dolan and Moré's performance profiles of a study, from {@link performanceProfile}. */
export interface PerformanceProfile {
  /** The cost compared. */
  readonly cost: "iterations" | "evaluations" | "time";
  /** The tolerance that defined "solved", or `undefined` for "converged". */
  readonly tolerance: number | undefined;
  /** The instances: each problem with each seed. */
  readonly instances: number;
  /** One curve per method configuration: its performance ratios `r_{p,s}` of the instances it solved. */
  readonly curves: readonly ProfileCurve[];
}

const rules = {
  cost: oneOf(["iterations", "evaluations", "time"]),
  tolerance: optional({ expected: "a number in (0, 1)", test: (v) => typeof v === "number" && v > 0 && v < 1 }),
} satisfies OptionSchemaOf<PerformanceProfileOptions>;

/**
 * Dolan and Moré's performance profiles: for each method configuration `s`, the fraction of instances
 * (problem and seed) it solved within a factor `tau` of the best configuration on that instance.
 *
 * @remarks With `t_{p,s}` the cost of configuration `s` on instance `p` (infinite where it did not solve
 * it), the ratio is `r_{p,s} = t_{p,s} / min_s t_{p,s}` and the profile `rho_s(tau) = |{p : r_{p,s} <=
 * tau}| / |P|` ({@link profileValue}). `rho_s(1)` is the fraction of instances where `s` was the best (ties
 * count for each); `rho_s(tau)` for large `tau` the fraction it solved at all. Every instance counts in `|P|`,
 * also those no configuration solved. Costs below one unit (a run solved at iteration 0; under a microsecond)
 * count as one unit (`1` iteration or evaluation, `0.001` ms), so that ratios stay finite.
 * @param results - What {@link readStudy} returned.
 * @param options - The cost and what counts as solved.
 * @returns The ratios of every configuration.
 * @throws `InvalidOptionError` for unknown options, a tolerance the study did not record, or a
 *   tolerance with `cost: "time"`.
 * @example
 * ```ts
 * const profile = performanceProfile(readStudy("minimisers.sqlite"), { cost: "evaluations" });
 * profileValue(profile, "bfgs", 2); // the fraction of instances BFGS solved within twice the fewest evaluations
 * ```
 * @see E. D. Dolan and J. J. Moré, Benchmarking optimization software with performance profiles,
 *   Mathematical Programming 91 (2002) 201-213.
 */
export function performanceProfile(results: StudyResults, options: PerformanceProfileOptions): PerformanceProfile {
  checkResults(results);
  if (options === null || typeof options !== "object")
    throw new InvalidOptionError("options", "an object { cost, tolerance? }", options);
  validateStrictOptions(options, rules, "performanceProfile");
  const { cost, tolerance } = options;
  const index = toleranceIndex(results, tolerance);
  if (index !== undefined && cost === "time")
    throw new InvalidOptionError("cost", '"iterations" or "evaluations" with a tolerance', cost);
  const label = configurationLabels(results.runs);
  const costs = new Map<string, Map<string, number>>();
  const instances = new Set<string>();
  for (const run of results.runs) {
    instances.add(instanceOf(run));
    const value = runCost(run, cost, index);
    const byInstance = costs.get(label(run)) ?? new Map<string, number>();
    costs.set(label(run), byInstance);
    if (value !== undefined) byInstance.set(instanceOf(run), Math.max(value, cost === "time" ? 1e-3 : 1));
  }
  const best = new Map<string, number>();
  for (const byInstance of costs.values())
    for (const [instance, value] of byInstance) best.set(instance, Math.min(best.get(instance) ?? Infinity, value));
  const curves = [...costs.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, byInstance]) => ({
      label: name,
      values: [...byInstance.entries()]
        .map(([instance, value]) => value / (best.get(instance) as number))
        .sort((a, b) => a - b),
    }));
  return { cost, tolerance, instances: instances.size, curves };
}

/**
 * A profile's value for one configuration: `rho_s(tau)` of a {@link PerformanceProfile} (the fraction of
 * instances solved within a factor `tau` of the best), or `d_s(alpha)` of a {@link DataProfile} (the fraction
 * solved within a budget `alpha`).
 *
 * @param profile - The profile.
 * @param label - The configuration's label, as in `profile.curves`.
 * @param at - `tau >= 1` or the budget `alpha >= 0`.
 * @returns A fraction in [0, 1].
 * @throws `InvalidOptionError` for a label the profile does not have.
 */
export function profileValue(
  profile: { readonly instances: number; readonly curves: readonly ProfileCurve[] },
  label: string,
  at: number,
): number {
  const curve = profile.curves.find((candidate) => candidate.label === label);
  if (curve === undefined)
    throw new InvalidOptionError("label", `one of ${profile.curves.map((c) => c.label).join(", ")}`, label);
  let count = 0;
  for (const value of curve.values) if (value <= at * (1 + 1e-12)) count++;
  return profile.instances === 0 ? 0 : count / profile.instances;
}

/** A run's cost for a profile, `undefined` where it did not solve its instance. */
export function runCost(
  run: StudyRun,
  cost: "iterations" | "evaluations" | "time",
  index: number | undefined,
): number | undefined {
  if (run.status !== "done") return undefined;
  if (index !== undefined) return cost === "iterations" ? run.reached[index] : run.reachedEvaluations[index];
  if (run.stopKind !== "converged") return undefined;
  return cost === "iterations" ? run.iterations : cost === "time" ? run.timeMs : totalEvaluations(run);
}

/** The index of a tolerance among the study's, checked. */
export function toleranceIndex(results: StudyResults, tolerance: number | undefined): number | undefined {
  if (tolerance === undefined) return undefined;
  const index = results.tolerances.findIndex((candidate) => Math.abs(candidate - tolerance) <= 1e-12 * tolerance);
  if (index < 0)
    throw new InvalidOptionError(
      "tolerance",
      `one of the study's tolerances ${results.tolerances.join(", ")}`,
      tolerance,
    );
  return index;
}

/** Checks that a summary got study results. */
export function checkResults(results: StudyResults): void {
  if (results === null || typeof results !== "object" || !Array.isArray(results.runs))
    throw new InvalidOptionError("results", "study results from readStudy", results);
}

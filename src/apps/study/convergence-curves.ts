import { InvalidOptionError } from "../../index.js";
import { checkResults } from "./performance-profile.js";
import type { StudyResults } from "./read-study.js";
import { configurationLabels, quantile } from "./summary-support.js";
import type { StudyRun } from "./types.js";
import { integerAtLeast, optional, validateStrictOptions } from "../../engine/internals.js";
import type { OptionRule, OptionSchemaOf } from "../../engine/internals.js";

/** Options of {@link convergenceCurves}. */
export interface ConvergenceCurvesOptions {
  /**
   * The band's lower and upper quantiles over the seeds, `0 <= low <= 0.5 <= high <= 1`.
   * @defaultValue `[0.25, 0.75]` (the interquartile range)
   */
  readonly band?: readonly [number, number] | undefined;
  /**
   * Points per curve at most, an integer >= 2.
   * @defaultValue `100`
   */
  readonly points?: number | undefined;
}

/** One point of a {@link ConvergenceCurve}: the error over the seeds at one iteration. */
export interface CurvePoint {
  /** The iteration. */
  readonly iteration: number;
  /** The median error over the seeds. */
  readonly median: number;
  /** The band's lower quantile. */
  readonly low: number;
  /** The band's upper quantile. */
  readonly high: number;
}

/** The error of one method configuration on one problem against the iteration, over the seeds. */
export interface ConvergenceCurve {
  /** The problem's name. */
  readonly problem: string;
  /** The configuration's label. */
  readonly label: string;
  /** How many runs (seeds) it summarises. */
  readonly seeds: number;
  /** The points, by increasing iteration. */
  readonly points: readonly CurvePoint[];
}

const bandRule: OptionRule = {
  expected: "a pair [low, high] with 0 <= low <= 0.5 <= high <= 1",
  test: (value) =>
    Array.isArray(value) &&
    value.length === 2 &&
    typeof value[0] === "number" &&
    typeof value[1] === "number" &&
    value[0] >= 0 &&
    value[0] <= 0.5 &&
    value[1] >= 0.5 &&
    value[1] <= 1,
};
const rules = {
  band: optional(bandRule),
  points: optional(integerAtLeast(2)),
} satisfies OptionSchemaOf<ConvergenceCurvesOptions>;

/**
 * Convergence curves of a study: for each problem and method configuration, the median error over the seeds
 * against the iteration, with a quantile band.
 *
 * @remarks The curves are built from the runs' thinned error traces: at each iteration of a common grid (the
 * traces' iterations, thinned to `points`), a run's error is that of its last trace point at or before the
 * iteration, and a run that has stopped keeps its final error (a converged run stays converged). Failed runs
 * and errors that were not measured are left out.
 * @param results - What {@link readStudy} returned.
 * @param options - The band's quantiles and the points per curve.
 * @returns One curve per problem and configuration with a measured error, ordered by problem then label.
 * @throws `InvalidOptionError` for unknown options or a band out of range.
 * @example
 * ```ts
 * for (const curve of convergenceCurves(readStudy("minimisers.sqlite"))) console.log(curve.label, curve.points.at(-1));
 * ```
 */
export function convergenceCurves(results: StudyResults, options: ConvergenceCurvesOptions = {}): ConvergenceCurve[] {
  checkResults(results);
  if (options === null || typeof options !== "object")
    throw new InvalidOptionError("options", "an object { band?, points? }", options);
  validateStrictOptions(options, rules, "convergenceCurves");
  const [lowQ, highQ] = options.band ?? [0.25, 0.75];
  const maxPoints = options.points ?? 100;
  const label = configurationLabels(results.runs);
  const groups = new Map<string, { problem: string; label: string; runs: StudyRun[] }>();
  for (const run of results.runs) {
    if (run.status !== "done" || run.trace.error.every((error) => error === null)) continue;
    const key = `${JSON.stringify(run.problem)} ${JSON.stringify(label(run))}`;
    const group = groups.get(key) ?? { problem: run.problem, label: label(run), runs: [] };
    group.runs.push(run);
    groups.set(key, group);
  }
  return [...groups.values()]
    .sort((a, b) => (a.problem === b.problem ? compareText(a.label, b.label) : compareText(a.problem, b.problem)))
    .map((group) => ({
      problem: group.problem,
      label: group.label,
      seeds: group.runs.length,
      points: curvePoints(group.runs, lowQ, highQ, maxPoints),
    }));
}

function curvePoints(runs: readonly StudyRun[], lowQ: number, highQ: number, maxPoints: number): CurvePoint[] {
  const all = [...new Set(runs.flatMap((run) => run.trace.iteration))].sort((a, b) => a - b);
  const grid = thin(all, maxPoints);
  const cursors = runs.map(() => 0);
  const points: CurvePoint[] = [];
  for (const iteration of grid) {
    const errors: number[] = [];
    runs.forEach((run, r) => {
      const { iteration: iterations, error } = run.trace;
      let cursor = cursors[r] as number;
      while (cursor + 1 < iterations.length && (iterations[cursor + 1] as number) <= iteration) cursor++;
      cursors[r] = cursor;
      const value = error[cursor];
      if (value !== null && value !== undefined && !Number.isNaN(value)) errors.push(value);
    });
    if (errors.length === 0) continue;
    errors.sort((a, b) => a - b);
    points.push({
      iteration,
      median: quantile(errors, 0.5),
      low: quantile(errors, lowQ),
      high: quantile(errors, highQ),
    });
  }
  return points;
}

/** At most `n` values, evenly spread over the list, first and last kept. */
function thin(values: readonly number[], n: number): number[] {
  if (values.length <= n) return [...values];
  return Array.from({ length: n }, (_, i) => values[Math.round((i * (values.length - 1)) / (n - 1))] as number);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

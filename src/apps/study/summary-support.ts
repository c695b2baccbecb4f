import { canonicalJson } from "./plan-study.js";
import type { StudyRun } from "./types.js";

/**
 * The label of a run's configuration in summaries: the method's name, followed by its options where the
 * method was run with more than one configuration (`gradient-descent maxIterations=300`).
 */
export function configurationLabels(runs: readonly StudyRun[]): (run: StudyRun) => string {
  const configurations = new Map<string, Set<string>>();
  for (const run of runs) {
    const set = configurations.get(run.method) ?? new Set<string>();
    set.add(canonicalJson(run.options));
    configurations.set(run.method, set);
  }
  // Options that vary within a method are shown; the others are the same for every configuration.
  const varying = new Map<string, string[]>();
  for (const [method, set] of configurations) {
    const options = [...set].map((text) => JSON.parse(text) as Record<string, unknown>);
    const names = [...new Set(options.flatMap((option) => Object.keys(option)))].sort();
    varying.set(
      method,
      names.filter((name) => new Set(options.map((option) => canonicalJson((option[name] ?? null) as never))).size > 1),
    );
  }
  return (run) => {
    const names = varying.get(run.method) ?? [];
    if (names.length === 0) return run.method;
    const parts = names.map((name) => `${name}=${canonicalJson((run.options[name] ?? null) as never)}`);
    return `${run.method} ${parts.join(" ")}`;
  };
}

/** Total evaluations of a run (all kinds), or `undefined` when its solver counts none. */
export function totalEvaluations(run: StudyRun): number | undefined {
  const counts = Object.values(run.evaluations);
  return counts.length === 0 ? undefined : counts.reduce((sum, count) => sum + count, 0);
}

/** The `q`-quantile of sorted numbers, interpolated linearly between order statistics (R's type 7). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  const low = sorted[below] as number;
  const high = sorted[above] as number;
  return below === above ? low : low + (high - low) * (position - below);
}

/** The instance a run belongs to in profiles: its problem and seed. */
export function instanceOf(run: StudyRun): string {
  return `${JSON.stringify(run.problem)} ${run.seed}`;
}

import type { StudyDefinition, StudyRunSpec, StudyValue } from "./types.js";

/** The default tolerances (error reductions) recorded exactly per run. */
export const defaultStudyTolerances: readonly number[] = [1e-1, 1e-3, 1e-5, 1e-7];

/** The default number of trace points kept per run. */
export const defaultTraceLength = 64;

/**
 * Every run of a study, in a fixed order: methods, then each method's configurations (the grid's names
 * sorted, the values in the order given, the last name varying fastest), then problems, then seeds.
 *
 * @param definition - A study checked by {@link defineStudy}.
 * @returns The runs, each with its unique key.
 */
export function planStudy<P>(definition: StudyDefinition<P>): StudyRunSpec[] {
  const seeds = studySeeds(definition);
  const runs: StudyRunSpec[] = [];
  for (const method of definition.methods) {
    for (const options of gridConfigurations(method.grid ?? {})) {
      for (const problem of definition.problems) {
        for (const seed of seeds) {
          const key = runKey(method.name, problem.name, options, seed);
          runs.push({ key, method: method.name, problem: problem.name, options, seed });
        }
      }
    }
  }
  return runs;
}

/** The study's seeds as a list. */
export function studySeeds<P>(definition: StudyDefinition<P>): readonly number[] {
  const { seeds = 1 } = definition;
  return typeof seeds === "number" ? Array.from({ length: seeds }, (_, index) => index) : seeds;
}

/** Every combination of a grid's values, as option objects with their names sorted. */
function gridConfigurations(grid: Readonly<Record<string, readonly StudyValue[]>>): Record<string, StudyValue>[] {
  let configurations: Record<string, StudyValue>[] = [{}];
  for (const name of Object.keys(grid).sort()) {
    const values = grid[name] ?? [];
    configurations = configurations.flatMap((configuration) =>
      values.map((value) => ({ ...configuration, [name]: value })),
    );
  }
  return configurations;
}

/** A run's key: its method, problem, options in canonical JSON (keys sorted) and seed. */
export function runKey(method: string, problem: string, options: StudyValue, seed: number): string {
  return `${JSON.stringify(method)} ${JSON.stringify(problem)} ${canonicalJson(options)} ${seed}`;
}

/** JSON with object keys sorted at every level, so equal options give equal text. */
export function canonicalJson(value: StudyValue): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((item: StudyValue) => canonicalJson(item)).join(",")}]`;
  const object = value as { readonly [key: string]: StudyValue };
  const entries = Object.keys(object)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson(object[key] as StudyValue)}`);
  return `{${entries.join(",")}}`;
}

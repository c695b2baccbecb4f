/**
 * The studies guide's headline workflow: gradient descent, Newton and BFGS on all 35 Moré-Garbow-Hillstrom
 * functions from 10 starts each (1,050 runs), summarised as a table per problem and Dolan-Moré performance
 * profiles.
 *
 * Starts: seed 0 is the paper's standard start; seed s >= 1 moves every coordinate x0_i by a uniform amount in
 * [-0.1, 0.1] * max(1, |x0_i|), drawn from `new Random(s)` (so a coordinate at 0 moves too, and every run of a
 * seed starts from the same point whatever the method).
 *
 * Run it on all cores, resumable (kill it, run the same command again):
 *   iterlab study examples/mgh-study.ts --export mghStudy --db mgh.sqlite --report mgh-report
 * Or through Redis, with `iterlab worker --redis redis://127.0.0.1:6379` on any number of machines:
 *   iterlab study examples/mgh-study.ts --export mghStudy --db mgh.sqlite --redis redis://127.0.0.1:6379
 * Or in this thread, at a reduced size: npx tsx examples/mgh-study.ts
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Random } from "../src/index.js";
import { mghCollection } from "../src/apps/collections/index.js";
import type { MghProblem } from "../src/apps/collections/index.js";
import {
  defineStudy,
  formatProblemTable,
  performanceProfile,
  problemTable,
  profileValue,
  readStudy,
  study,
  studyProblems,
} from "../src/apps/study/index.js";
import type { StudyProblem } from "../src/apps/study/index.js";
import { gradientDescent } from "../solvers/gradient-descent/index.js";
import { bfgs, newtonMinimize } from "../solvers/newton/index.js";
import { runIfMain } from "./run-if-main.js";

/** The start of seed `seed`: the standard start for 0, else each coordinate moved by up to 10 % (at least 0.1). */
export function movedStart(standard: Float64Array, seed: number): Float64Array {
  if (seed === 0) return Float64Array.from(standard);
  const random = new Random(seed);
  return standard.map((value) => value + 0.1 * Math.max(1, Math.abs(value)) * (2 * random.float() - 1));
}

/** A collection's problems, each a function of the seed that moves its start. */
function withMovedStarts(problems: readonly StudyProblem<MghProblem>[]): StudyProblem<MghProblem>[] {
  return problems.map((entry) => {
    const problem = entry.problem as MghProblem;
    return { ...entry, problem: (seed: number) => ({ ...problem, x0: movedStart(problem.x0, seed) }) };
  });
}

/** The study: 3 minimisers x 35 problems x 10 seeds = 1,050 runs. */
export const mghStudy = defineStudy({
  name: "minimisers on MGH",
  seeds: 10,
  methods: [
    { name: "gradient descent", solver: (options) => gradientDescent(options), grid: { maxIterations: [2000] } },
    { name: "Newton", solver: (options) => newtonMinimize(options) },
    { name: "BFGS", solver: (options) => bfgs(options) },
  ],
  problems: withMovedStarts(studyProblems(mghCollection())),
});

/** Options of {@link main}: a reduced size for a quick run. */
export interface MghStudyExampleOptions {
  /** Seeds per problem (10 in the full study). */
  readonly seeds?: number;
  /** The first this many problems of the 35. */
  readonly problems?: number;
  /** The database (a temporary one, removed afterwards, when absent). */
  readonly database?: string;
}

export async function main(print: (line: string) => void = console.log, options: MghStudyExampleOptions = {}) {
  const { seeds = 2, problems = 35, database } = options;
  const dir = database === undefined ? mkdtempSync(join(tmpdir(), "iterlab-mgh-study-")) : undefined;
  const file = database ?? join(dir as string, "mgh.sqlite");
  try {
    // In this thread (a definition object); the CLI lines above run the module on the pool or through Redis.
    const outcome = await study(
      { ...mghStudy, seeds, problems: mghStudy.problems.slice(0, problems) },
      { database: file, workers: 0 },
    );
    const results = readStudy(file);
    print(formatProblemTable(problemTable(results)));
    const profile = performanceProfile(results, { cost: "evaluations" });
    print("\nperformance profile (evaluations of converged runs): rho(1), rho(4), rho(infinity)");
    const rho: Record<string, readonly number[]> = {};
    for (const curve of profile.curves) {
      rho[curve.label] = [1, 4, Infinity].map((tau) => profileValue(profile, curve.label, tau));
      print(`  ${curve.label.padEnd(18)} ${rho[curve.label]?.map((value) => value.toFixed(3)).join("  ")}`);
    }
    return { outcome, results, rho };
  } finally {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  }
}

runIfMain(import.meta.url, main);

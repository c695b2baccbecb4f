import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { InvalidOptionError, describeStopReason, fixedStep, solve } from "../../../src/index.js";
import { defineStudy, readStudy, study, studyProblems } from "../../../src/apps/study/index.js";
import type { StudyProgress } from "../../../src/apps/study/index.js";
import { planStudy } from "../../../src/apps/study/plan-study.js";
import { gradientDescent } from "../../../solvers/gradient-descent/index.js";
import { newton, secant } from "../../../solvers/newton/index.js";
import { minimiserStudy } from "./fixtures/minimiser-study.js";
import { executions, logLine, minimiserModule, temporaryDirectory } from "./support.js";

const root = 2.0945514815423265; // x^3 - 2x - 5 = 0
const cubic = { f: "x^3 - 2x - 5", x0: 2 };
const rootStudy = defineStudy({
  name: "root finders",
  methods: [
    { name: "newton", solver: (options) => newton(options) as never },
    { name: "secant", solver: (options) => secant(options) as never, grid: { maxIterations: [3, 50] } },
    {
      name: "broken",
      solver: () => {
        throw new Error("no such solver today");
      },
    },
  ],
  problems: [
    { name: "cubic", problem: cubic, solution: root },
    { name: "cubic, from the seed", problem: (seed: number) => ({ f: "x^3 - 2x - 5", x0: 2 + seed }), solution: root },
  ],
  seeds: [0, 1],
});

let dir: ReturnType<typeof temporaryDirectory>;
beforeEach(() => {
  dir = temporaryDirectory();
});
afterEach(() => dir.remove());

describe("study", () => {
  it("records each run as one row with what solve returned", async () => {
    const database = join(dir.path, "roots.sqlite");
    const outcome = await study(rootStudy, { database });
    expect(outcome).toMatchObject({ total: 16, resumed: 0, recorded: 16, done: 12, failed: 4, interrupted: false });
    const results = readStudy(database);
    expect(results).toMatchObject({ name: "root finders", errorName: "||x - x*||", planned: 16 });
    expect(results.runs.map((run) => run.key).sort()).toEqual(
      planStudy(rootStudy)
        .map((spec) => spec.key)
        .sort(),
    );
    const row = results.runs.find((run) => run.method === "newton" && run.problem === "cubic" && run.seed === 1);
    const direct = solve(newton(), cubic, { seed: 1 });
    expect(row).toMatchObject({
      status: "done",
      iterations: direct.iterations,
      evaluations: {
        f: direct.state.fEvaluations,
        derivative: direct.state.derivativeEvaluations,
        secondDerivative: 0,
      },
      initialError: Math.abs(2 - root),
      finalError: Math.abs(direct.state.x - root),
      stopKind: "converged",
      stopMessage: describeStopReason(direct.stopReason),
      attempts: 1,
    });
    // The whole trace of a short run, from iteration 0 to the last; the error reductions at their first iteration.
    expect(row?.trace.iteration).toEqual(Array.from({ length: direct.iterations + 1 }, (_, k) => k));
    const errors = row?.trace.error as number[];
    row?.reached.forEach((iteration, t) => {
      const tolerance = [1e-1, 1e-3, 1e-5, 1e-7][t] as number;
      const first = errors.findIndex((error) => error <= tolerance * Math.abs(2 - root));
      expect(iteration).toBe(first);
    });
    const capped = results.runs.find((run) => run.method === "secant" && run.options.maxIterations === 3);
    expect(capped).toMatchObject({ iterations: 3, stopKind: "maxIterations" });
    const broken = results.runs.filter((run) => run.method === "broken");
    expect(broken.map((run) => [run.status, run.stopKind, run.stopMessage])).toEqual(
      Array(4).fill(["failed", "failed", "Error: no such solver today"]),
    );
  });

  it("thins a long run's error trace to at most traceLength points, first and last included", async () => {
    const database = join(dir.path, "long.sqlite");
    const definition = defineStudy({
      name: "long",
      traceLength: 16,
      methods: [
        {
          name: "gd",
          solver: () => gradientDescent({ lineSearch: fixedStep(0.01), maxIterations: 1000, absTolerance: 0 }) as never,
        },
      ],
      problems: [
        {
          name: "quadratic",
          problem: {
            f: (x: Float64Array) => 0.5 * (x[0] as number) ** 2,
            gradient: (x: Float64Array) => [x[0] as number],
            x0: [1],
          },
          solution: [0],
        },
      ],
    });
    await study(definition, { database });
    const [run] = readStudy(database).runs;
    const { iteration } = run?.trace ?? { iteration: [] };
    expect(iteration.length).toBeLessThanOrEqual(16);
    expect(iteration[0]).toBe(0);
    expect(iteration.at(-1)).toBe(1000);
    expect(run?.iterations).toBe(1000);
    const strides = new Set(iteration.slice(1, -1).map((k, i) => k - (iteration[i] as number)));
    expect(strides.size).toBe(1); // evenly spaced
  });

  it("resumes a stopped study without running a recorded run again", async () => {
    const database = join(dir.path, "stopped.sqlite");
    const log = join(dir.path, "runs.log");
    process.env.ITERLAB_STUDY_LOG = log;
    try {
      const controller = new AbortController();
      const source = { module: minimiserModule, export: "minimiserStudy" };
      const first = await study(source, {
        database,
        workers: 0,
        signal: controller.signal,
        onProgress: (progress: StudyProgress) => {
          if (progress.done + progress.failed >= 50) controller.abort();
        },
      });
      expect(first.interrupted).toBe(true);
      const before = new Set(readStudy(database).runs.map(logLine));
      const progress: StudyProgress[] = [];
      const second = await study(source, { database, workers: 0, onProgress: (p) => progress.push(p) });
      expect(second).toMatchObject({ total: 200, resumed: first.recorded, interrupted: false });
      expect(second.recorded + second.resumed).toBe(200);
      expect(progress.at(-1)).toMatchObject({ total: 200, remaining: 0, etaMs: 0 });
      const runs = readStudy(database).runs;
      expect(runs).toHaveLength(200);
      const counts = executions(log);
      for (const run of runs) expect(counts.get(logLine(run))).toBe(1);
      expect(before.size).toBe(first.recorded);
    } finally {
      delete process.env.ITERLAB_STUDY_LOG;
    }
  });

  it("refuses a pool for a definition object, unknown options and a database of another study", async () => {
    const database = join(dir.path, "roots.sqlite");
    await expect(study(rootStudy, { database, workers: 2 })).rejects.toThrow(
      "workers must be used with a study given as { file } or { module, export } (workers build the solvers themselves), got 2",
    );
    await expect(study(rootStudy, { database, worker: 2 } as never)).rejects.toThrow(InvalidOptionError);
    await study(rootStudy, { database });
    await expect(study({ ...rootStudy, name: "other" }, { database })).rejects.toThrow(
      'the database holds the study "root finders", not "other"',
    );
  });
});

describe("defineStudy", () => {
  it("names the field at fault", () => {
    const method = { name: "m", solver: () => newton() as never };
    const problem = { name: "p", problem: cubic };
    expect(() =>
      defineStudy({ name: "s", methods: [method, method], problems: [problem] }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: methods[1].name must be a name no other entry has, got "m"]`,
    );
    expect(() =>
      defineStudy({
        name: "s",
        methods: [{ ...method, grid: { maxIterations: [() => 1] } }],
        problems: [problem],
      } as never),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: methods[0].grid.maxIterations[0] must be JSON data, got a function]`,
    );
    expect(() => defineStudy({ name: "s", methods: [method], problems: [problem], seed: 3 } as never)).toThrow(
      "seed is not an option of defineStudy; did you mean seeds?",
    );
    expect(() => defineStudy({ name: "s", methods: [method], problems: [] })).toThrow(
      "problems must be a non-empty array, got an array of length 0",
    );
  });

  it("plans methods x configurations x problems x seeds with unique keys", () => {
    const plan = planStudy(minimiserStudy);
    expect(plan).toHaveLength(200);
    expect(new Set(plan.map((spec) => spec.key)).size).toBe(200);
    expect(plan.filter((spec) => spec.method === "gradient-descent").map((spec) => spec.options)).toContainEqual({
      absTolerance: 1e-6,
      maxIterations: 3000,
    });
  });
});

describe("studyProblems", () => {
  it("turns a problem collection into study problems with their known solutions", async () => {
    const { mghCollection } = await import("../../../src/apps/collections/index.js");
    const collection = mghCollection();
    const problems = studyProblems(collection);
    expect(problems).toHaveLength(collection.entries.length);
    const definition = defineStudy({
      name: "MGH",
      methods: [{ name: "bfgs", solver: () => newton() as never }],
      problems,
    });
    expect(planStudy(definition)).toHaveLength(collection.entries.length);
    const rosenbrock = collection.entries.find((entry) => entry.solution !== undefined);
    expect(problems.find((problem) => problem.name === rosenbrock?.name)?.solution).toBe(rosenbrock?.solution);
  });
});

import {
  convergenceCurves,
  curvesChartSpec,
  dataProfile,
  defineStudy,
  performanceProfile,
  profileChartSpec,
  study,
  studyReport,
  studyWorker,
  writeStudyReport,
} from "../../src/apps/study/index.js";
import type { StudyResults } from "../../src/apps/study/index.js";
import { newton } from "../../solvers/newton/index.js";
import type { StrictEntry } from "./strict-options-engine-table.js";

const method = { name: "newton", solver: () => newton() as never };
const problem = { name: "cubic", problem: { f: "x^3 - 2x - 5", x0: 2 }, solution: 2.0945514815423265 };
const definition = { name: "s", methods: [method], problems: [problem] };
const results: StudyResults = { name: "s", errorName: "e", tolerances: [0.1], planned: 0, runs: [] };
// Never opened or written: the option names are checked first.
const nowhere = "/nonexistent/iterlab-strict-options";

/** iterlab/study: the study, its nested objects, the worker, the summaries and the report. */
export const studyTable: readonly StrictEntry[] = [
  {
    export: "defineStudy",
    names: [
      "name",
      "methods",
      "problems",
      "seeds",
      "error",
      "maxIterations",
      "timeLimitMs",
      "traceLength",
      "tolerances",
    ],
    call: (extra) => defineStudy({ ...definition, ...extra } as never),
  },
  {
    export: "defineStudy",
    part: "methods[0]",
    prefix: "methods[0].",
    names: ["name", "solver", "grid"],
    call: (extra) => defineStudy({ ...definition, methods: [{ ...method, ...extra }] } as never),
  },
  {
    export: "defineStudy",
    part: "problems[0]",
    prefix: "problems[0].",
    names: ["name", "problem", "solution"],
    call: (extra) => defineStudy({ ...definition, problems: [{ ...problem, ...extra }] } as never),
  },
  {
    export: "defineStudy",
    part: "error",
    prefix: "error.",
    names: ["name", "measure"],
    call: (extra) => defineStudy({ ...definition, error: { name: "e", measure: () => 0, ...extra } } as never),
  },
  {
    export: "study",
    names: ["database", "workers", "redis", "queue", "maxAttempts", "onProgress", "signal"],
    call: (extra) => study(definition as never, { database: `${nowhere}.sqlite`, ...extra } as never),
  },
  {
    export: "studyWorker",
    names: ["redis", "queue", "concurrency", "lockDurationMs", "stalledIntervalMs", "maxStalls", "signal"],
    call: (extra) => studyWorker({ redis: "redis://127.0.0.1:1", ...extra } as never),
  },
  {
    export: "performanceProfile",
    names: ["cost", "tolerance"],
    call: (extra) => performanceProfile(results, { cost: "iterations", ...extra } as never),
  },
  {
    export: "dataProfile",
    names: ["tolerance", "cost", "dimensions"],
    call: (extra) => dataProfile(results, { tolerance: 0.1, cost: "iterations", ...extra } as never),
  },
  {
    export: "convergenceCurves",
    names: ["band", "points"],
    call: (extra) => convergenceCurves(results, extra as never),
  },
  {
    export: "profileChartSpec",
    names: ["title", "width", "height"],
    call: (extra) => profileChartSpec(performanceProfile(results, { cost: "iterations" }), extra as never),
  },
  {
    export: "curvesChartSpec",
    names: ["title", "width", "height"],
    call: (extra) => curvesChartSpec([], "e", extra as never),
  },
  {
    export: "studyReport",
    names: ["title", "generatedBy", "date"],
    call: (extra) => studyReport(results, extra as never),
  },
  {
    export: "writeStudyReport",
    names: ["title", "generatedBy", "date", "png", "pngScale"],
    call: (extra) => writeStudyReport(nowhere, results, extra as never),
  },
];

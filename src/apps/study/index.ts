/**
 * iterlab/study: convergence studies at scale. Methods x problems x option grids x seeds, each an ordinary
 * `solve` run recorded in SQLite, resumable, run on a local pool or on many machines through Redis, and
 * summarised as performance profiles, data profiles and convergence curves.
 *
 * @module iterlab/study
 */

export { defineStudy } from "./define-study.js";
export { studyProblems } from "./study-problems.js";
export { distanceToSolution } from "./distance-to-solution.js";
export { loadStudyFile } from "./load-study-file.js";
export { studySolvers } from "./study-solvers.js";
export type { StudySolverFactory } from "./study-solvers.js";
export { study } from "./study.js";
export type { StudyOptions, StudyOutcome, StudyProgress } from "./study-options.js";
export type { StudyFileSource, StudyModuleSource, StudySource } from "./study-source.js";
export { studyWorker } from "./study-worker.js";
export type { StudyWorkerOptions } from "./study-worker.js";
export { readStudy } from "./read-study.js";
export type { StudyResults } from "./read-study.js";
export type {
  StudyDefinition,
  StudyErrorMeasure,
  StudyMethod,
  StudyProblem,
  StudyRun,
  StudyRunSpec,
  StudyTrace,
  StudyValue,
} from "./types.js";

// Summaries.
export { performanceProfile, profileValue } from "./performance-profile.js";
export type { PerformanceProfile, PerformanceProfileOptions, ProfileCurve } from "./performance-profile.js";
export { dataProfile } from "./data-profile.js";
export type { DataProfile, DataProfileOptions } from "./data-profile.js";
export { convergenceCurves } from "./convergence-curves.js";
export type { ConvergenceCurve, ConvergenceCurvesOptions, CurvePoint } from "./convergence-curves.js";
export { formatProblemTable, problemTable } from "./problem-table.js";
export type { ProblemTableRow } from "./problem-table.js";
export { curvesChartSpec, profileChartSpec } from "./study-charts.js";
export type { StudyChartOptions } from "./study-charts.js";
export { studyReport, writeStudyReport } from "./study-report.js";
export type { StudyChart, StudyReport, StudyReportOptions, WriteStudyReportOptions } from "./study-report.js";

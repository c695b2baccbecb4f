/**
 * iterlab: one engine for iterative algorithms. This file is the public API list; everything not named
 * here is private.
 *
 * @module iterlab
 */

// The engine and its drivers.
export { iterate, iterateAsync, iterations, iterationsAsync, resume, resumeAsync } from "./iterate.js";
export type { RunOptions, Update } from "./run-options.js";
export type { RunResult } from "./result.js";
export { describeResult } from "./result.js";
export type { IterationContext, RunCounters, StepControl } from "./context.js";
export type { Clock } from "./clock.js";
export { monotonicClock } from "./clock.js";
export { iterationsPerEpoch } from "./epochs.js";
export type { IterationsPerEpochOptions } from "./epochs.js";

// Solvers.
export { solve, solveAsync, solveIterations, solveIterationsAsync } from "./solver.js";
export type { InitContext, SolveOptions, SolveResult, Solver } from "./solver.js";
export { prepareProblem } from "./prepared-problem.js";
export type { PrepareContext, PreparedProblem } from "./prepared-problem.js";
export { bestOf, bestOfAsync } from "./best-of.js";
export type { BestOfOptions, BestOfResult, Restart } from "./best-of.js";
export { backtracking, fixedStep, lineSearchRule, roundingStall, stopAfterFailedSearch } from "./line-search.js";
export type { BacktrackingOptions, LineSearch, LineSearchInput, LineSearchResult } from "./line-search.js";
export { strongWolfe } from "./strong-wolfe.js";
export type { StrongWolfeOptions } from "./strong-wolfe.js";

// Stopping.
export type {
  AbortedReason,
  ConvergedReason,
  DivergedReason,
  MaxEpochsReason,
  MaxIterationsReason,
  StopReason,
  StalledReason,
  StopRequestedReason,
  TimeLimitReason,
} from "./stop-reason.js";
export { describeStopReason } from "./stop-reason.js";
export type { BestValue, Criterion, CriterionRelation, CriterionReport } from "./criterion.js";
export { formatCriterion } from "./criterion.js";
export { absChange, allOf, anyOf, below, normChange, relChange, sustained } from "./convergence.js";
export { confirmedBy } from "./confirmed-by.js";
export type { ConfirmedByOptions } from "./confirmed-by.js";
export type { Measure, NormChangeOptions, ScalarTestOptions, VectorMeasure } from "./convergence.js";
export { patience } from "./patience.js";
export type { PatienceOptions } from "./patience.js";
export { exceeds, growsBeyond, nonFinite } from "./divergence.js";
export type { DivergenceTestOptions } from "./divergence.js";
export { norm1, norm2, normInf } from "./norms.js";
export type { Norm } from "./norms.js";

// Hooks and loggers.
export { every, once } from "./hooks.js";
export type {
  CountedEvent,
  EpochEndEvent,
  HookControl,
  Hooks,
  IterationEvent,
  RunEventBase,
  StartEvent,
  StopEvent,
} from "./hooks.js";
export { lineLogger } from "./loggers/line-logger.js";
export type { LineLoggerOptions } from "./loggers/line-logger.js";
export { jsonLinesLogger } from "./loggers/json-lines-logger.js";
export type { JsonLinesLoggerOptions } from "./loggers/json-lines-logger.js";
export { progressBar } from "./loggers/progress-bar.js";
export type { ProgressBarOptions } from "./loggers/progress-bar.js";
export { silentLogger } from "./loggers/silent-logger.js";
export type { LogOutput } from "./loggers/log-output.js";

// Traces and checkpoints.
export { traceToCSV, traceToJSON } from "./trace.js";
export type { Trace, TraceCsvOptions, TraceEntry, TraceOptions } from "./trace.js";
export { parseCheckpoint, serializeCheckpoint } from "./checkpoint.js";
export type { Checkpoint, CriterionSnapshot, TraceSnapshot } from "./checkpoint.js";
export { checkProblemFingerprint, fingerprintProblem } from "./problem-fingerprint.js";
export type { ProblemFingerprint } from "./problem-fingerprint.js";

// Randomness.
export { deriveSeed, MAX_SEED, Random } from "./random.js";
export type { IndexedCollection, RandomState } from "./random.js";

// Errors and validation.
export {
  CheckpointError,
  describeValue,
  HookError,
  InvalidOptionError,
  InvalidProblemError,
  IterlabError,
  PromiseInSyncDriverError,
  StepError,
} from "./errors.js";
export type { HookName, IterlabErrorCode, StepPhase } from "./errors.js";
export {
  anyValue,
  integerAtLeast,
  isBoolean,
  isFunction,
  numberAbove,
  numberAtLeast,
  numberBetween,
  oneOf,
  optional,
  rejectUnknownOptions,
  validateOption,
  validateOptions,
  validateStrictOptions,
} from "./validate.js";
export { closestName } from "./closest-name.js";
export {
  assertFiniteNested,
  assertFiniteNumbers,
  copyFiniteNumbers,
  finiteNumber,
  finiteRows,
  optionData,
  returnedMatrix,
  returnedNumber,
  returnedVector,
  toFiniteFloat64,
} from "./finite-values.js";
export type { FiniteRows } from "./finite-values.js";
export type { OptionRule, OptionSchema, OptionSchemaOf } from "./validate.js";
export { formatNumber } from "./format-number.js";

// Convergence rates.
export { estimateOrder, estimateRate, estimateRateFit } from "./convergence-order.js";
export type { OrderEstimate, OrderEstimateOptions, RateEstimate, RateEstimateOptions } from "./convergence-order.js";

// WebAssembly kernels (for solver authors).
export { compileWasm, instantiateWasm, MemoryLayout, wasmMinimumSize } from "./wasm-kernels.js";
export type { KernelExports, KernelMemory } from "./wasm-kernels.js";
export { defaultKernelThreads, instantiateSharedWasm, reusableSharedWasm } from "./kernel-threads.js";
export type { SharedKernel } from "./kernel-threads.js";

// Comparing methods.
export { compare, compareAsync } from "./compare/compare.js";
export type {
  CompareMethod,
  CompareOptions,
  Comparison,
  ComparisonRow,
  ComparisonRun,
  ComparisonSeries,
  ComparisonStop,
  ErrorMeasure,
  SeedSpread,
  CostMeasure,
  FitEvidence,
  RowFit,
  Spread,
  StateWithFx,
  StateWithGradientNorm,
  StateWithLogLikelihood,
  StateWithObjective,
  StateWithRelativeResidual,
  StateWithResidual,
  StateWithResidualNorm,
  StateWithX,
} from "./compare/types.js";
export {
  distanceTo,
  errorMeasure,
  gradientNorm,
  logLikelihoodGap,
  objectiveGap,
  relativeResidual,
  residualNorm,
} from "./compare/error-measures.js";
export { formatComparison, formatCount } from "./compare/format-comparison.js";
export type { FormatComparisonOptions } from "./compare/format-comparison.js";
export { comparisonNotes } from "./compare/comparison-notes.js";
export { describeCompareOptions } from "./compare/describe-compare-options.js";
export { comparisonChartSpec } from "./report/chart-spec.js";
export { renderChartPng, renderChartSvg } from "./report/render-chart.js";
export { asciiChart } from "./report/ascii-chart.js";
export { htmlReport, writeHtmlReport } from "./report/html-report.js";
export { toJsonable } from "./report/jsonable.js";
export type {
  AsciiChartOptions,
  ChartSpecOptions,
  PngOptions,
  ReportInput,
  ReportSection,
  TheoryLine,
} from "./report/types.js";

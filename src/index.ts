/**
 * iterlab: one engine for iterative algorithms. This file is the public API list; everything not named
 * here is private, except two documented subpaths: `iterlab/report` (charts and HTML reports, which load the
 * chart libraries on first use) and `iterlab/internals` (what solver authors use: validation helpers, strict
 * data readers, WebAssembly kernel plumbing; no stability promise).
 *
 * @module iterlab
 */

// The engine and its drivers.
export { iterate, iterateAsync, iterations, iterationsAsync, resume, resumeAsync } from "./engine/iterate.js";
export type { RunOptions, Update } from "./engine/run-options.js";
export type { RunResult } from "./engine/result.js";
export { describeResult } from "./engine/result.js";
export type { IterationContext, RunCounters, StepControl } from "./engine/context.js";
export type { Clock } from "./engine/clock.js";
export { monotonicClock } from "./engine/clock.js";
export { iterationsPerEpoch } from "./engine/epochs.js";
export type { IterationsPerEpochOptions } from "./engine/epochs.js";

// Solvers.
export { solve, solveAsync, solveIterations, solveIterationsAsync } from "./engine/solver.js";
export type { InitContext, SolveOptions, SolveResult, Solver } from "./engine/solver.js";
export { prepareProblem } from "./engine/prepared-problem.js";
export { kernelPool } from "./engine/kernel-pool.js";
export type { KernelPool } from "./engine/kernel-pool.js";
export type { PrepareContext, PreparedProblem, PrepareOptions } from "./engine/prepared-problem.js";
export { bestOf, bestOfAsync } from "./engine/best-of.js";
export type { BestOfOptions, BestOfResult, Restart } from "./engine/best-of.js";
export { backtracking, fixedStep } from "./engine/line-search.js";
export type { BacktrackingOptions, LineSearch, LineSearchInput, LineSearchResult } from "./engine/line-search.js";
export { strongWolfe } from "./engine/strong-wolfe.js";
export type { StrongWolfeOptions } from "./engine/strong-wolfe.js";

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
} from "./engine/stop-reason.js";
export { describeStopReason } from "./engine/stop-reason.js";
export type {
  BestValue,
  Criterion,
  CriterionContext,
  CriterionRelation,
  CriterionReport,
} from "./engine/criterion.js";
export { formatCriterion } from "./engine/criterion.js";
export { absChange, below, normChange, relChange } from "./engine/convergence.js";
export { allOf, anyOf } from "./engine/combine-criteria.js";
export { sustained } from "./engine/sustained.js";
export { confirmedBy } from "./engine/confirmed-by.js";
export type { ConfirmedByOptions } from "./engine/confirmed-by.js";
export type { Measure, NormChangeOptions, ScalarTestOptions, VectorMeasure } from "./engine/convergence.js";
export { patience } from "./engine/patience.js";
export type { PatienceOptions } from "./engine/patience.js";
export { exceeds, growsBeyond, nonFinite } from "./engine/divergence.js";
export type { DivergenceTestOptions } from "./engine/divergence.js";
export { norm1, norm2, normInf } from "./engine/norms.js";
export type { Norm } from "./engine/norms.js";

// Hooks and loggers.
export { every, once } from "./engine/hooks.js";
export type {
  CountedEvent,
  EpochEndEvent,
  HookControl,
  Hooks,
  IterationEvent,
  RunEventBase,
  StartEvent,
  StopEvent,
} from "./engine/hooks.js";
export { lineLogger } from "./loggers/line-logger.js";
export type { LineLoggerOptions } from "./loggers/line-logger.js";
export { jsonLinesLogger } from "./loggers/json-lines-logger.js";
export type { JsonLinesLoggerOptions } from "./loggers/json-lines-logger.js";
export { progressBar } from "./loggers/progress-bar.js";
export type { ProgressBarOptions } from "./loggers/progress-bar.js";
export { silentLogger } from "./loggers/silent-logger.js";
export type { LogOutput } from "./loggers/log-output.js";

// Traces and checkpoints.
export { traceToCSV, traceToJSON } from "./engine/trace.js";
export type { Trace, TraceCsvOptions, TraceEntry, TraceOptions } from "./engine/trace.js";
export { parseCheckpoint, serializeCheckpoint } from "./engine/checkpoint.js";
export type { Checkpoint, CriterionSnapshot, TraceSnapshot } from "./engine/checkpoint.js";

export type { ProblemFingerprint } from "./engine/problem-fingerprint.js";

// Randomness.
export { deriveSeed, MAX_SEED, Random } from "./engine/random.js";
export type { IndexedCollection, RandomState } from "./engine/random.js";

// Errors.
export {
  CheckpointError,
  DisposedError,
  HookError,
  InvalidOptionError,
  InvalidProblemError,
  IterlabError,
  PromiseInSyncDriverError,
  StepError,
} from "./engine/errors.js";
export type { HookName, IterlabErrorCode, StepPhase } from "./engine/errors.js";
export {
  installCommand,
  isOptionalPartInstalled,
  OptionalPartMissingError,
  optionalParts,
} from "./engine/optional-part.js";
export type { OptionalPart, OptionalPartInfo } from "./engine/optional-part.js";

// Convergence rates.
export { estimateOrder, estimateRate, estimateRateFit } from "./engine/convergence-order.js";
export type {
  OrderEstimate,
  OrderEstimateOptions,
  RateEstimate,
  RateEstimateOptions,
} from "./engine/convergence-order.js";

// Comparing methods.
export { compare, compareAsync } from "./compare/compare.js";
export type {
  CompareMethod,
  CompareOptions,
  ErrorMeasure,
  CostMeasure,
  StateWithFx,
  StateWithGradientNorm,
  StateWithLogLikelihood,
  StateWithObjective,
  StateWithRelativeResidual,
  StateWithResidual,
  StateWithResidualNorm,
  StateWithX,
} from "./compare/types.js";
export type {
  Comparison,
  ComparisonRow,
  ComparisonRun,
  ComparisonSeries,
  ComparisonStop,
  SeedSpread,
  FitEvidence,
  RowFit,
  Spread,
} from "./compare/comparison.js";
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

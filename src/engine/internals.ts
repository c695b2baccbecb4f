/**
 * iterlab/internals: what solvers are built from, for authors of solvers. The validation helpers every options
 * object goes through, the strict readers of data and of the values user functions return, and the plumbing of
 * WebAssembly kernels (memory layouts, shared memory and worker threads).
 *
 * **No stability promise**: these exports may change in any release, minor ones included. Applications use
 * `iterlab` and the solvers' subpaths; the solvers in this repository import these through
 * `src/engine/internals.ts`.
 *
 * @module iterlab/internals
 */

// Validation of options.
export {
  anyValue,
  integerAtLeast,
  isBoolean,
  isFunction,
  labelledStrategy,
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
export type { OptionRule, OptionSchema, OptionSchemaOf } from "./validate.js";
export { closestName } from "./closest-name.js";

// Strict reading of data and of the values user functions return.
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
export { formatNumber } from "./format-number.js";

// Optional parts, loaded on first use.
export { importOptionalPart, requireOptionalPart } from "./optional-part.js";

// WebAssembly kernels.
export { compileWasm, defaultKernelThreads, MemoryLayout, wasmMinimumSize } from "./wasm-kernels.js";
export type { KernelMemory } from "./wasm-kernels.js";
export { bindKernel, coresFreeFor } from "./kernel-binding.js";
export type { KernelBinding } from "./kernel-binding.js";
export { withKernelThreads } from "./kernel-pool.js";
export type { KernelPlacement, KernelThreads } from "./kernel-pool.js";

// Stopping tests with a fused check (the same label, memory and reports as the composed test).
export { checkFinite, objectiveDivergence, withFusedCheck } from "./fused-criteria.js";
export type { ObjectiveProgress } from "./fused-criteria.js";
export type { DivergenceMemory } from "./divergence.js";
export type { MeasuredMemory } from "./test-memory.js";
export type { ScalarMemory as ChangeMemory } from "./convergence.js";
export { notMeasured } from "./test-memory.js";

// Helpers for authors of line searches and solvers that stop on a failed search.
export { fixedStepLengthOf, roundingStall, stopAfterFailedSearch } from "./line-search.js";

// How a value is named in an error message ("a string", "NaN", "an array of 3").
export { describeValue } from "./errors.js";

// The fingerprint that checkpoints carry of the prepared problem they were taken on.
export { checkProblemFingerprint, fingerprintProblem } from "./problem-fingerprint.js";

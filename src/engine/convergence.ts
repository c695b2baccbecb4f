import type { Criterion, CriterionReport } from "./criterion.js";
import { normInf } from "./norms.js";
import type { Norm } from "./norms.js";
import type { MeasuredMemory } from "./test-memory.js";
import { notMeasured, reportedIteration, reportedValue } from "./test-memory.js";
import type { OptionSchemaOf } from "./validate.js";
import { anyValue, isFunction, numberAtLeast, rejectUnknownOptions, validateOption } from "./validate.js";

/**
 * Reads one number from a state, e.g. `s => s.f` or `s => s.gradientNorm`. Returning `undefined` means
 * "not measured at this iteration" (a validation loss computed once per epoch): the test is skipped and
 * keeps its memory.
 */
export type Measure<S> = (state: S) => number | undefined;

/** Reads a vector from a state, e.g. `s => s.x`. */
export type VectorMeasure<S> = (state: S) => ArrayLike<number>;

/** Options shared by the scalar tests. */
export interface ScalarTestOptions {
  /**
   * What is measured, used to build the label (`|df|`, `|df|/|f|`, `f`).
   * @defaultValue `"x"` for change tests, `"value"` for {@link below}
   */
  readonly name?: string;
}

/** The names of {@link ScalarTestOptions} (checked where the option is read). */
const scalarTestNames = { name: anyValue } satisfies OptionSchemaOf<ScalarTestOptions>;

/** Options of {@link normChange}. */
export interface NormChangeOptions extends ScalarTestOptions {
  /**
   * The norm of the change.
   * @defaultValue {@link normInf}
   */
  readonly norm?: Norm;
  /**
   * Divide by the norm of the new vector: `||x_k - x_{k-1}|| / ||x_k||` (0 / 0 counts as 0).
   * @defaultValue `false`
   */
  readonly relative?: boolean;
}

/** The names of {@link NormChangeOptions} (checked where the option is read). */
const normChangeNames = {
  ...scalarTestNames,
  norm: anyValue,
  relative: anyValue,
} satisfies OptionSchemaOf<NormChangeOptions>;

/**
 * Memory of a scalar test: numbers only, from the start (see `test-memory.ts`). A change test's previous
 * measurement is NaN with `hasPrevious` false before its first.
 */
export interface ScalarMemory extends MeasuredMemory {
  /** The previous measurement (change tests); NaN before the first. */
  previous: number;
  /** Whether `previous` holds a measurement. */
  hasPrevious: boolean;
}

/** Memory of {@link normChange}: the previous vector is copied, so states may reuse their buffers. */
interface VectorMemory extends MeasuredMemory {
  previous: Float64Array | undefined;
  scratch: Float64Array | undefined;
}

/** A scalar test's memory before its first check. */
function scalarMemory(): ScalarMemory {
  return { previous: Number.NaN, hasPrevious: false, value: Number.NaN, met: false, iteration: notMeasured };
}

const toleranceRule = numberAtLeast(0);

/**
 * Converged when a measured scalar changes by at most `tolerance` between consecutive measurements:
 * `|m_k - m_{k-1}| <= tolerance`.
 *
 * @remarks Needs two measurements, so it never holds at iteration 0. Reported as `|d<name>|`.
 * @param measure - Reads the scalar from a state.
 * @param tolerance - A finite number >= 0.
 * @param options - The measured quantity's name.
 * @returns The test.
 * @throws {@link InvalidOptionError} for a non-function measure or a negative or NaN tolerance.
 * @example
 * ```ts
 * absChange((s: { f: number }) => s.f, 1e-12, { name: "f" }); // reported as |df|
 * ```
 */
export function absChange<S>(measure: Measure<S>, tolerance: number, options: ScalarTestOptions = {}): Criterion<S> {
  rejectUnknownOptions(options, scalarTestNames, "absChange");
  validateOption("measure", measure, isFunction);
  validateOption("tolerance", tolerance, toleranceRule);
  return scalarChange(`|d${options.name ?? "x"}|`, measure, tolerance, (current, previous) =>
    Math.abs(current - previous),
  );
}

/**
 * Converged when a measured scalar changes by at most `tolerance` relative to its size:
 * `|m_k - m_{k-1}| / max(|m_k|, |m_{k-1}|) <= tolerance` (two zeros count as no change).
 *
 * @remarks Needs two measurements, so it never holds at iteration 0. Reported as `|d<name>|/|<name>|`.
 * @param measure - Reads the scalar from a state.
 * @param tolerance - A finite number >= 0.
 * @param options - The measured quantity's name.
 * @returns The test.
 * @throws {@link InvalidOptionError} for a non-function measure or a negative or NaN tolerance.
 */
export function relChange<S>(measure: Measure<S>, tolerance: number, options: ScalarTestOptions = {}): Criterion<S> {
  rejectUnknownOptions(options, scalarTestNames, "relChange");
  validateOption("measure", measure, isFunction);
  validateOption("tolerance", tolerance, toleranceRule);
  const name = options.name ?? "x";
  return scalarChange(`|d${name}|/|${name}|`, measure, tolerance, (current, previous) => {
    const scale = Math.max(Math.abs(current), Math.abs(previous));
    return scale === 0 ? 0 : Math.abs(current - previous) / scale;
  });
}

function scalarChange<S>(
  label: string,
  measure: Measure<S>,
  tolerance: number,
  change: (current: number, previous: number) => number,
): Criterion<S, ScalarMemory> {
  return {
    label,
    init: scalarMemory,
    check(state, context, memory) {
      const current = measure(state);
      if (current === undefined) return memory.met;
      const previous = memory.previous;
      // `?? previous !== undefined`: a memory restored from an older checkpoint has no `hasPrevious`.
      const hasPrevious = memory.hasPrevious ?? previous !== undefined;
      memory.previous = current;
      memory.hasPrevious = true;
      if (!hasPrevious) return false;
      return settle(memory, change(current, previous), context.iteration, tolerance);
    },
    report: (memory) => [leafReport(label, memory, "<=", tolerance)],
  };
}

/**
 * Converged when a measured scalar is at most `tolerance`: a residual norm, a gradient norm, a loss.
 *
 * @remarks Checked at iteration 0 too, so a start that already satisfies it takes no step.
 * @param measure - Reads the scalar from a state.
 * @param tolerance - A finite number >= 0.
 * @param options - The measured quantity's name (the label).
 * @returns The test.
 * @throws {@link InvalidOptionError} for a non-function measure or a negative or NaN tolerance.
 * @example
 * ```ts
 * below((s: { gradientNorm: number }) => s.gradientNorm, 1e-8, { name: "|grad|" });
 * ```
 */
export function below<S>(measure: Measure<S>, tolerance: number, options: ScalarTestOptions = {}): Criterion<S> {
  rejectUnknownOptions(options, scalarTestNames, "below");
  validateOption("measure", measure, isFunction);
  validateOption("tolerance", tolerance, toleranceRule);
  const label = options.name ?? "value";
  const criterion: Criterion<S, ScalarMemory> = {
    label,
    init: scalarMemory,
    check(state, context, memory) {
      const value = measure(state);
      return value === undefined ? memory.met : settle(memory, value, context.iteration, tolerance);
    },
    report: (memory) => [leafReport(label, memory, "<=", tolerance)],
  };
  return criterion;
}

/**
 * Converged when a measured vector changes by at most `tolerance` in a chosen norm:
 * `||x_k - x_{k-1}|| <= tolerance`, or relative to `||x_k||` with `relative: true`.
 *
 * @remarks The previous vector is copied into the test's memory, so a solver may overwrite its buffers.
 * Cost: one pass over the vector per check. Never holds at iteration 0.
 * @param measure - Reads the vector from a state.
 * @param tolerance - A finite number >= 0.
 * @param options - Name, norm and whether the change is relative.
 * @returns The test.
 * @throws {@link InvalidOptionError} for a non-function measure or norm, or a negative or NaN tolerance.
 */
export function normChange<S>(
  measure: VectorMeasure<S>,
  tolerance: number,
  options: NormChangeOptions = {},
): Criterion<S> {
  rejectUnknownOptions(options, normChangeNames, "normChange");
  validateOption("measure", measure, isFunction);
  validateOption("tolerance", tolerance, toleranceRule);
  const norm = options.norm ?? normInf;
  validateOption("norm", norm, isFunction);
  const relative = options.relative ?? false;
  const name = options.name ?? "x";
  const label = relative ? `||d${name}||/||${name}||` : `||d${name}||`;
  const criterion: Criterion<S, VectorMemory> = {
    label,
    init: () => ({ previous: undefined, scratch: undefined, value: Number.NaN, met: false, iteration: notMeasured }),
    check(state, context, memory) {
      const current = measure(state);
      const n = current.length;
      const previous = memory.previous;
      if (previous === undefined || previous.length !== n || memory.scratch === undefined) {
        memory.previous = Float64Array.from(current);
        memory.scratch = new Float64Array(n);
        return false;
      }
      const difference = memory.scratch;
      for (let i = 0; i < n; i++) {
        const x = current[i] as number;
        difference[i] = x - (previous[i] as number);
        previous[i] = x;
      }
      let value = norm(difference);
      if (relative) {
        const size = norm(previous);
        value = size === 0 ? (value === 0 ? 0 : Infinity) : value / size;
      }
      return settle(memory, value, context.iteration, tolerance);
    },
    report: (memory) => [leafReport(label, memory, "<=", tolerance)],
  };
  return criterion;
}

/** Records a measured value in a test's memory and whether it is within the tolerance. */
function settle(memory: MeasuredMemory, value: number, iteration: number, tolerance: number): boolean {
  memory.value = value;
  memory.iteration = iteration;
  memory.met = value <= tolerance;
  return memory.met;
}

function leafReport(
  label: string,
  memory: MeasuredMemory,
  relation: CriterionReport["relation"],
  tolerance: number,
): CriterionReport {
  const value = reportedValue(memory);
  return { label, value, relation, tolerance, met: memory.met, iteration: reportedIteration(memory) };
}

import type { Criterion, CriterionReport } from "./criterion.js";
import type { Measure } from "./convergence.js";
import { formatNumber } from "./format-number.js";
import type { MeasuredMemory } from "./test-memory.js";
import { hasMeasured, notMeasured, reportedIteration, reportedValue } from "./test-memory.js";
import type { OptionSchemaOf } from "./validate.js";
import { anyValue, isFunction, numberAtLeast, rejectUnknownOptions, validateOption } from "./validate.js";

/** Options of the divergence tests. */
export interface DivergenceTestOptions {
  /**
   * What is measured, for the label.
   * @defaultValue `"value"`
   */
  readonly name?: string;
}

/** The names of {@link DivergenceTestOptions} (checked where the option is read). */
const divergenceTestNames = { name: anyValue } satisfies OptionSchemaOf<DivergenceTestOptions>;

/**
 * Memory of a divergence test (fused checks in `fused-criteria.ts` write the same fields). Numbers only, from
 * the start (see `test-memory.ts`): nothing measured yet is `iteration === notMeasured`.
 */
export interface DivergenceMemory extends MeasuredMemory {
  /** The bound: fixed (`exceeds`), or from the first measurement (`growsBeyond`; NaN before it). */
  reference: number;
}

/** A divergence test's memory before its first check, with a fixed bound or none yet (NaN). */
export function divergenceMemory(reference: number): DivergenceMemory {
  return { reference, value: Number.NaN, met: false, iteration: notMeasured };
}

/**
 * Diverged when the measured value (a number, or any entry of a vector) is NaN or infinite.
 *
 * @remarks For a vector, the report shows the first non-finite entry, or the largest magnitude while all
 * are finite. Checked at iteration 0 too.
 * @param measure - Reads a number or a vector from a state.
 * @param options - The name for the label.
 * @returns The test.
 * @throws {@link InvalidOptionError} for a non-function measure.
 * @example
 * ```ts
 * nonFinite((s: { f: number }) => s.f, { name: "f" });
 * ```
 */
export function nonFinite<S>(
  measure: (state: S) => number | ArrayLike<number> | undefined,
  options: DivergenceTestOptions = {},
): Criterion<S> {
  rejectUnknownOptions(options, divergenceTestNames, "nonFinite");
  validateOption("measure", measure, isFunction);
  const label = options.name ?? "value";
  const criterion: Criterion<S, DivergenceMemory> = {
    label,
    init: () => divergenceMemory(Number.NaN),
    check(state, context, memory) {
      const measured = measure(state);
      if (measured === undefined) return memory.met;
      let value: number;
      if (typeof measured === "number") {
        value = measured;
      } else {
        value = 0;
        for (let i = 0; i < measured.length; i++) {
          const entry = measured[i] as number;
          if (!Number.isFinite(entry)) {
            value = entry;
            break;
          }
          if (Math.abs(entry) > value) value = Math.abs(entry);
        }
      }
      memory.value = value;
      memory.iteration = context.iteration;
      memory.met = !Number.isFinite(value);
      return memory.met;
    },
    report: (memory) => [
      {
        label,
        value: reportedValue(memory),
        relation: "notFinite",
        tolerance: Infinity,
        met: memory.met,
        iteration: reportedIteration(memory),
      },
    ],
  };
  return criterion;
}

/**
 * Diverged when `|m_k| > divergenceTolerance * |m_0|`, where `m_0` is the first measurement: PETSc's `dtol`
 * test on a residual norm. A NaN or infinite value also counts as divergence.
 *
 * @param measure - Reads the scalar from a state (a residual or gradient norm, a loss).
 * @param divergenceTolerance - A finite number >= 1.
 * @param options - The name for the label.
 * @returns The test.
 * @throws {@link InvalidOptionError} for a non-function measure or a factor below 1 or NaN.
 * @example
 * ```ts
 * growsBeyond((s: { residualNorm: number }) => s.residualNorm, 1e5, { name: "|r|" });
 * ```
 */
export function growsBeyond<S>(
  measure: Measure<S>,
  divergenceTolerance: number,
  options: DivergenceTestOptions = {},
): Criterion<S> {
  rejectUnknownOptions(options, divergenceTestNames, "growsBeyond");
  validateOption("measure", measure, isFunction);
  validateOption("divergenceTolerance", divergenceTolerance, numberAtLeast(1));
  const label = options.name ?? "value";
  return boundTest(
    label,
    measure,
    undefined,
    (value) => divergenceTolerance * Math.abs(value),
    `${formatNumber(divergenceTolerance)} x initial`,
  );
}

/**
 * Diverged when `|m_k| > bound`, or the value is NaN or infinite.
 *
 * @param measure - Reads the scalar from a state.
 * @param bound - A finite number >= 0.
 * @param options - The name for the label.
 * @returns The test.
 * @throws {@link InvalidOptionError} for a non-function measure or a negative or NaN bound.
 */
export function exceeds<S>(measure: Measure<S>, bound: number, options: DivergenceTestOptions = {}): Criterion<S> {
  rejectUnknownOptions(options, divergenceTestNames, "exceeds");
  validateOption("measure", measure, isFunction);
  validateOption("bound", bound, numberAtLeast(0));
  return boundTest(options.name ?? "value", measure, bound, undefined, undefined);
}

function boundTest<S>(
  label: string,
  measure: Measure<S>,
  fixedLimit: number | undefined,
  limitFromFirst: ((first: number) => number) | undefined,
  note: string | undefined,
): Criterion<S, DivergenceMemory> {
  return {
    label,
    init: () => divergenceMemory(fixedLimit ?? Number.NaN),
    check(state, context, memory) {
      const value = measure(state);
      if (value === undefined) return memory.met;
      if (limitFromFirst !== undefined && !hasMeasured(memory)) memory.reference = limitFromFirst(value);
      const limit = memory.reference;
      memory.value = value;
      memory.iteration = context.iteration;
      memory.met = !(Math.abs(value) <= limit);
      return memory.met;
    },
    // Literals, not a spread of `{ note }`: every run's result builds its reports, and a spread costs more than the rest.
    report: (memory): CriterionReport[] => {
      const value = reportedValue(memory);
      const tolerance = memory.reference ?? NaN;
      const iteration = reportedIteration(memory);
      const met = memory.met;
      if (note === undefined) return [{ label, value, relation: ">", tolerance, met, iteration }];
      return [{ label, value, relation: ">", tolerance, met, iteration, note }];
    },
  };
}

import type { IterationContext } from "./context.js";
import { formatNumber } from "./format-number.js";

/**
 * A stopping test: a convergence test when passed as `converged`, a divergence test when passed as
 * `diverged`.
 *
 * @remarks A criterion is an immutable description; everything it remembers between iterations (the
 * previous value, a streak, the best value so far) lives in a `memory` that the engine creates with
 * {@link Criterion.init} for each run, passes to {@link Criterion.check}, and saves in checkpoints. The
 * memory must therefore be plain data: numbers, strings, arrays, typed arrays and plain objects.
 *
 * A test whose threshold depends on the problem (value iteration's sup-norm rule reads the discount) reads
 * it from the {@link CriterionContext} that `init` receives, once per run, and keeps it in its memory: the
 * state holds only the iterate. A resumed run restores the memory from the checkpoint instead of calling
 * `init`; the checkpoint's problem fingerprint makes sure the problem is the same.
 *
 * Write your own by implementing the three methods; the built-in ones are in `convergence.ts`,
 * `patience.ts` and `divergence.ts`.
 *
 * @typeParam S - The state type the criterion reads.
 * @typeParam M - The criterion's memory type.
 */
export interface Criterion<S, M = unknown> {
  /** A short name used in reports and stop reasons, e.g. `|grad|` or `anyOf(|dx|, |grad|)`. */
  readonly label: string;
  /**
   * Creates the memory for one run. The engine passes the run's {@link CriterionContext}; tests that need
   * nothing from the problem ignore it, and a caller describing a test outside a run may omit it.
   */
  init(context?: CriterionContext): M;
  /**
   * Checks the state of iteration `context.iteration`, updating `memory` in place.
   *
   * @returns Whether the criterion holds (converged, or diverged for a divergence test).
   */
  check(state: S, context: IterationContext, memory: M): boolean;
  /** The leaf results, one per elementary test, as of the last check. */
  report(memory: M): readonly CriterionReport[];
}

/**
 * What a stopping test's `init` gets from the run: the prepared problem, so that a threshold that depends on
 * the problem (a discount, a data scale) need not be copied into every state.
 */
export interface CriterionContext {
  /**
   * The solver run's prepared problem: what the solver's `prepare` returned (the problem itself for solvers
   * without `prepare`); `undefined` for runs of `iterate` and its siblings, which have no problem.
   */
  readonly prepared: unknown;
}

/**
 * The comparison a leaf test makes against its tolerance when it holds: `value <= tolerance`,
 * `value >= tolerance`, `value > tolerance`, or `notFinite` (the value is NaN or infinite).
 */
export type CriterionRelation = "<=" | ">=" | ">" | "notFinite";

/**
 * The state of one elementary test after the last check: what it measured, against which tolerance, and
 * whether it held.
 */
export interface CriterionReport {
  /** The test's label, e.g. `|grad|`. */
  readonly label: string;
  /** The last measured value; `undefined` when nothing has been measured yet (a change needs two values). */
  readonly value: number | undefined;
  /** The comparison that holds when the test is met. */
  readonly relation: CriterionRelation;
  /** The tolerance or threshold the value is compared with. */
  readonly tolerance: number;
  /** Whether the test held at its last check. */
  readonly met: boolean;
  /**
   * Whether the comparison of `value` with `tolerance` held, when that differs from `met`: a
   * `sustained` test whose comparison holds but not yet for enough consecutive checks.
   */
  readonly comparisonHeld?: boolean;
  /** The iteration of the last check that measured a value. */
  readonly iteration: number | undefined;
  /** Extra words for the printout, e.g. `held 2 of 3 consecutive checks`. */
  readonly note?: string;
  /** For tests that track a best value (patience): the best value and the iteration it was seen at. */
  readonly best?: BestValue;
}

/** The best value a test has seen, and when. */
export interface BestValue {
  /** The best measured value. */
  readonly value: number;
  /** The iteration at which it was measured. */
  readonly iteration: number;
}

/** Tolerances are printed as written when that is short (`1e-8`, `0.001`), compactly otherwise. */
function formatTolerance(tolerance: number): string {
  const written = String(tolerance);
  if (written.length <= 6) return written;
  const scientific = tolerance.toExponential();
  return scientific.length <= 7 ? scientific : formatNumber(tolerance);
}

const negated: Readonly<Record<CriterionRelation, string>> = {
  "<=": ">",
  ">=": "<",
  ">": "<=",
  notFinite: "finite",
};

/**
 * Formats one report the way a person reads it: `|grad| = 3.1e-9 <= 1e-8 (met)`,
 * `|dx| = 2.0e-5 > 1e-8 (not met)`, `f = NaN (not finite: met)`.
 *
 * @param report - The report to format.
 * @returns One line, without a trailing newline.
 */
export function formatCriterion(report: CriterionReport): string {
  const note = report.note === undefined ? "" : `, ${report.note}`;
  const status = report.met ? "met" : "not met";
  if (report.value === undefined) return `${report.label} = n/a (${status}: not measured yet${note})`;
  const value = formatNumber(report.value);
  if (report.relation === "notFinite") {
    return `${report.label} = ${value} (${report.met ? "not finite" : "finite"}: ${status}${note})`;
  }
  const relation = (report.comparisonHeld ?? report.met) ? report.relation : negated[report.relation];
  return `${report.label} = ${value} ${relation} ${formatTolerance(report.tolerance)} (${status}${note})`;
}

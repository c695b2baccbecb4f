import { compare, describeCompareOptions } from "../../index.js";
import { toJsonable } from "../../report/index.js";
import type { Comparison, CompareOptions, ErrorMeasure } from "../../index.js";
import type { ReportSection } from "../../report/index.js";
import type { TheoryLine } from "../../report/index.js";
import type { AnyCliProblem } from "./problem-kinds.js";
import type { CliSolver, SolverEntry, SolverFlags, SolverSetup } from "./solver-entry.js";
import { UsageError } from "./usage-error.js";

/** One method of a CLI comparison: a registry solver with its flags, under a label. */
export interface PlannedMethod {
  /** The row label. */
  readonly label: string;
  /** The solver. */
  readonly entry: SolverEntry;
  /** Its flags. */
  readonly flags: SolverFlags;
  /** Its iteration bound, if not the solver's. */
  readonly maxIterations?: number | undefined;
}

/** A comparison as the CLI and the tour describe it: a problem, methods, an error measure, seeds. */
export interface ComparisonPlan {
  /** The report section's heading. */
  readonly heading: string;
  /** The stem of the chart files' names, e.g. `root-finders`. */
  readonly fileStem: string;
  /**
   * A paragraph for the report and the terminal, computed from the comparison: every figure and every
   * comparison in it comes from the results, never written ahead of them.
   */
  readonly describe?: ((comparison: Comparison) => string) | undefined;
  /** Theory lines for the plot against the iteration. */
  readonly theory?: readonly TheoryLine[] | undefined;
  /** The problem. */
  readonly problem: AnyCliProblem;
  /** The methods. */
  readonly methods: readonly PlannedMethod[];
  /** The error measure. */
  readonly error: ErrorMeasure<unknown, unknown>;
  /** Seeds; several give means and spreads. */
  readonly seeds?: readonly number[] | undefined;
  /** Tolerances to report iterations and time to. */
  readonly tolerances?: readonly number[] | undefined;
}

/**
 * A comparison ready to print and write up: from {@link runComparisonPlan}, or built by hand around
 * `compare()`/`compareAsync()` for methods outside the CLI's registry (neural training).
 */
export interface PlannedComparison {
  /** The heading, for the terminal and the report. */
  readonly heading: string;
  /** The stem of the chart files' names, e.g. `poisson`. */
  readonly fileStem: string;
  /** A paragraph for the terminal and the report. */
  readonly description?: string | undefined;
  /** The comparison. */
  readonly comparison: Comparison;
  /** The report section (problem and every option used). */
  readonly section: ReportSection;
}

/**
 * A solver bound to its own problem: `compare` hands every method the same problem, but a method may need
 * it in another shape (gradient descent takes the objective compiled to functions), so each method keeps
 * its own and ignores the shared one.
 */
function bound(setup: SolverSetup): CliSolver {
  const { solver, problem } = setup;
  const epochLength = solver.epochLength;
  return {
    name: solver.name,
    prepare: (_problem, context) => (solver.prepare === undefined ? problem : solver.prepare(problem, context)),
    init: (prepared, context) => solver.init(prepared, context),
    step: (prepared, state, context) => solver.step(prepared, state, context),
    dispose: (prepared) => solver.dispose?.(prepared),
    record: (state) => solver.record(state),
    convergence: solver.convergence,
    divergence: solver.divergence,
    maxIterations: solver.maxIterations,
    ...(epochLength === undefined ? {} : { epochLength: () => epochLength.call(solver, problem) }),
  };
}

/** The problem as JSON-able data for the report (the expression, sizes; big arrays are summarised). */
function describeProblem(problem: AnyCliProblem): unknown {
  switch (problem.kind) {
    case "linear-system": {
      const matrix = problem.problem.matrix as { rows?: number; columns?: number; length?: number };
      return {
        kind: problem.kind,
        name: problem.name,
        unknowns: problem.problem.b.length,
        matrix: matrix.rows === undefined ? "dense" : `CSR ${matrix.rows} x ${String(matrix.columns)}`,
      };
    }
    case "clustering": {
      const data = problem.problem.data;
      return { kind: problem.kind, name: problem.name, points: data.length, dimensions: data[0]?.length ?? 0 };
    }
    case "mdp":
      return {
        kind: problem.kind,
        name: problem.name,
        states: problem.problem.states,
        actions: problem.problem.actions,
        discount: problem.problem.discount,
      };
    default:
      return toJsonable({ kind: problem.kind, name: problem.name, ...problem.problem });
  }
}

/** A method's run options: its bound, and `--threads` (the run option `threads`) where given. */
function runOptionsOf(
  maxIterations: number | undefined,
  threads: number | undefined,
): { options?: { maxIterations?: number; threads?: number } } {
  if (maxIterations === undefined && threads === undefined) return {};
  return {
    options: {
      ...(maxIterations === undefined ? {} : { maxIterations }),
      ...(threads === undefined ? {} : { threads }),
    },
  };
}

/**
 * Runs a plan through `compare()`.
 *
 * @param plan - The plan.
 * @returns The comparison and its report section.
 * @throws UsageError when a method does not take the problem's kind.
 */
export function runComparisonPlan(plan: ComparisonPlan): PlannedComparison {
  for (const method of plan.methods) {
    if (method.entry.kind !== plan.problem.kind)
      throw new UsageError(
        `${method.entry.name} solves ${method.entry.kind} problems, but ${plan.problem.name} is a ${plan.problem.kind} problem`,
      );
  }
  const options: CompareOptions<unknown, unknown> = {
    problem: plan.problem.problem,
    methods: plan.methods.map((method) => ({
      label: method.label,
      solver: bound(method.entry.create(method.flags, plan.problem)),
      settings: toJsonable(Object.fromEntries(Object.entries(method.flags).filter(([, value]) => value !== undefined))),
      ...runOptionsOf(method.maxIterations, method.flags.threads),
    })),
    error: plan.error,
    ...(plan.seeds === undefined ? {} : { seeds: plan.seeds }),
    ...(plan.tolerances === undefined ? {} : { tolerances: plan.tolerances }),
  };
  const comparison = compare(options);
  const description = plan.describe?.(comparison);
  const theory = plan.theory === undefined ? {} : { theory: plan.theory };
  return {
    heading: plan.heading,
    fileStem: plan.fileStem,
    description,
    comparison,
    section: {
      heading: plan.heading,
      description,
      problem: describeProblem(plan.problem),
      options: describeCompareOptions(options),
      comparison,
      ...theory,
    },
  };
}

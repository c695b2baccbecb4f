import { toJsonable } from "../report/jsonable.js";
import type { Criterion } from "../engine/criterion.js";
import type { CompareOptions } from "./types.js";

/**
 * Every option of a comparison as JSON-able data, for reports: the error measure, tolerances, seeds and
 * bound, and per method its label, solver name, settings, iteration bound, stopping tests and run options.
 *
 * @remarks A solver keeps its factory options in closures; pass them as the method's `settings` to have
 * them shown. The stopping tests are shown as their elementary tests with tolerances (`|dx| <= 1e-10`).
 * @typeParam P - The problem type.
 * @typeParam S - The state type.
 * @param options - The options given to {@link compare}.
 * @returns Plain data (see {@link toJsonable}).
 */
export function describeCompareOptions<P, S>(options: CompareOptions<P, S>): unknown {
  return toJsonable({
    error: options.error.name,
    tolerances: options.tolerances ?? options.error.tolerances ?? "chosen from the errors reached",
    seeds: options.seeds ?? [0],
    maxIterations: options.maxIterations,
    floor: options.floor ?? options.error.floor ?? 0,
    warmup: options.warmup ?? 1,
    ...(options.cost === undefined ? {} : { cost: options.cost.name }),
    methods: options.methods.map((method) => {
      const { converged, diverged, ...run } = method.options ?? {};
      return {
        label: method.label,
        solver: method.solver.name,
        settings: method.settings,
        maxIterations: method.options?.maxIterations ?? options.maxIterations ?? method.solver.maxIterations,
        convergence: labels(converged ?? method.solver.convergence),
        divergence: labels(diverged ?? method.solver.divergence),
        runOptions: run,
      };
    }),
  });
}

/** Each elementary test with its tolerance, e.g. `|dx| <= 1e-10`, read from a fresh report. */
function labels(criteria: Criterion<never> | readonly Criterion<never>[] | undefined): string[] {
  if (criteria === undefined) return [];
  return (Array.isArray(criteria) ? criteria : [criteria]).flatMap((criterion: Criterion<never>) =>
    criterion.report(criterion.init()).map((report) => {
      if (report.relation === "notFinite") return `${report.label} not finite`;
      // Thresholds relative to the initial state are not known before a run starts.
      return Number.isFinite(report.tolerance)
        ? `${report.label} ${report.relation} ${report.tolerance}`
        : report.label;
    }),
  );
}

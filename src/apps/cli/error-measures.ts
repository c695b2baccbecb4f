import { distanceTo, errorMeasure, gradientNorm, objectiveGap, residualNorm, solve } from "../../index.js";
import type { ErrorMeasure, SolveOptions, Solver } from "../../index.js";
import type { PlannedMethod } from "./comparison-plan.js";
import { fullInertia } from "./full-inertia.js";
import type { AnyCliProblem } from "./problem-kinds.js";
import { UsageError } from "./usage-error.js";

/** The error measures `compare --error` offers. */
export const errorChoices = ["distance", "residual", "gradient", "gap"] as const;

/** An error measure's name for `--error`. */
export type ErrorChoice = (typeof errorChoices)[number];

/** `max |V - V*|` for MDP solvers, whose states hold `values`. */
function valueDistance(solution: readonly number[]): ErrorMeasure<unknown, unknown> {
  return errorMeasure("||V - V*||_inf", (state: unknown) => {
    const values = (state as { values: Float64Array }).values;
    let largest = 0;
    for (let i = 0; i < values.length; i++)
      largest = Math.max(largest, Math.abs((values[i] as number) - (solution[i] as number)));
    return largest;
  });
}

/**
 * The best value of a quantity over every iterate of the runs a comparison makes (each method, each seed,
 * the same bound): the reference for a gap when the optimum is not known (k-means inertia, EM
 * log-likelihood). Taking the best over every iterate, not only the final ones, means no iterate of the
 * comparison lies beyond it, so the gap is never negative and needs no clipping (mini-batch's inertia can
 * dip below its final value).
 */
function bestOver(
  plan: { problem: AnyCliProblem; methods: readonly PlannedMethod[] },
  seeds: readonly number[],
  read: (state: unknown) => number,
  better: (a: number, b: number) => boolean,
): number {
  let best: number | undefined;
  const visit = (state: unknown) => {
    const value = read(state);
    if (best === undefined || better(value, best)) best = value;
  };
  for (const method of plan.methods) {
    for (const seed of seeds) {
      const { solver, problem } = method.entry.create(method.flags, plan.problem);
      const bound = method.maxIterations === undefined ? {} : { maxIterations: method.maxIterations };
      const hooks = { onIteration: (event: { state: unknown }) => visit(event.state) };
      const options = { seed, trace: false, ...bound, hooks };
      solve(solver as Solver<unknown, unknown, unknown>, problem, options as SolveOptions<unknown, unknown>);
    }
  }
  return best ?? 0;
}

/** The centres a clustering state holds: k-means' centroids, or a Gaussian mixture's means. */
function centresOf(state: unknown): { centroids: Float64Array; k: number } {
  const { centroids, means, k } = state as { centroids?: Float64Array; means?: Float64Array; k: number };
  return { centroids: centroids ?? (means as Float64Array), k };
}

/**
 * The error measure for a comparison: the one asked for, or the natural one for the problem (the distance
 * to the known answer when there is one; else the residual, the gradient norm, the inertia or
 * log-likelihood gap to the best run).
 *
 * @param problem - The problem.
 * @param methods - The methods (for gaps whose reference is the best of their runs).
 * @param seeds - The seeds the comparison runs.
 * @param choice - `--error`, if given.
 * @returns The measure.
 * @throws UsageError when the choice does not fit the problem.
 */
export function errorFor(
  problem: AnyCliProblem,
  methods: readonly PlannedMethod[],
  seeds: readonly number[],
  choice?: ErrorChoice,
): ErrorMeasure<unknown, unknown> {
  const solution = problem.solution?.();
  const measure = (value: ErrorMeasure<never, unknown>) => value as unknown as ErrorMeasure<unknown, unknown>;
  const unavailable = (what: string) =>
    new UsageError(`--error ${choice ?? ""} needs ${what}, which ${problem.name} does not have`);
  switch (problem.kind) {
    case "mdp":
      if (choice !== undefined && choice !== "distance")
        throw new UsageError(`--error ${choice} does not apply to MDPs (use distance: ||V - V*||)`);
      return valueDistance(solution ?? []);
    case "clustering": {
      if (choice !== undefined && choice !== "gap")
        throw new UsageError(`--error ${choice} does not apply to clustering (use gap)`);
      if (methods.length > 0 && methods.every((method) => method.entry.name === "gaussian-mixture")) {
        const read = (state: unknown) => (state as { logLikelihood: number }).logLikelihood;
        const best = bestOver({ problem, methods }, seeds, read, (a, b) => a > b);
        const name = "best log-likelihood - log-likelihood, best over every iterate of every run";
        const floor = 1e-12 * Math.max(1, Math.abs(best));
        return errorMeasure(name, (state: unknown) => best - read(state), { floor });
      }
      // One definition for every method: the inertia of the state's centres over all the points (Lloyd's
      // and Hamerly's own inertia is that of the previous centroids; mini-batch's is a smoothed per-point
      // estimate over batches; a Gaussian mixture beside k-means is measured by its means), so the methods
      // are compared on the same quantity. The reference is the best inertia of any iterate of any run.
      const data = problem.problem.data;
      const read = (state: unknown) => fullInertia(data, centresOf(state));
      const best = bestOver({ problem, methods }, seeds, read, (a, b) => a < b);
      const mixed = methods.some((method) => method.entry.name === "gaussian-mixture");
      const centres = mixed ? "centroids (EM: means)" : "centroids";
      const name = `(inertia - best) / best, inertia of the ${centres} over all points, best over every iterate of every run`;
      return errorMeasure(name, (state: unknown) => (read(state) - best) / best, { floor: 1e-14 });
    }
    default: {
      const wanted =
        choice ?? (solution !== undefined ? "distance" : problem.kind === "objective" ? "gradient" : "residual");
      if (wanted === "distance") {
        if (solution === undefined) throw unavailable("a known solution");
        return measure(
          distanceTo(
            solution.length === 1 && problem.kind !== "objective" && problem.kind !== "system"
              ? (solution[0] as number)
              : solution,
          ),
        );
      }
      if (wanted === "gap") {
        if (problem.kind !== "objective" || problem.optimum === undefined) throw unavailable("a known optimum f*");
        return measure(objectiveGap(problem.optimum));
      }
      if (wanted === "gradient") {
        if (problem.kind !== "objective")
          throw new UsageError(`--error gradient applies to objectives, not to ${problem.kind} problems`);
        return measure(gradientNorm());
      }
      if (problem.kind === "objective" || problem.kind === "fixed-point")
        throw new UsageError(`--error residual does not apply to ${problem.kind} problems`);
      return measure(residualNorm());
    }
  }
}

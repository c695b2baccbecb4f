import { estimateOrder, estimateRateFit } from "../engine/convergence-order.js";
import { InvalidOptionError } from "../engine/errors.js";
import type { SolveResult } from "../engine/solver.js";
import { describeStopReason } from "../engine/stop-reason.js";
import type { ComparisonPlan } from "./compare.js";
import { chooseTolerances } from "./choose-tolerances.js";
import { judgeOrder, judgeRate } from "./fit-trust.js";
import type {
  Comparison,
  ComparisonRow,
  ComparisonRun,
  ComparisonSeries,
  FitEvidence,
  RowFit,
  Spread,
} from "./types.js";

/** What a comparison's trace records per iteration: the error, or the error and the cost. */
export type RunRecord = number | readonly number[];

/** One method's runs, one per seed, with the error (and cost) as the trace record. */
export type MethodRuns = { readonly seed: number; readonly result: SolveResult<unknown, RunRecord> }[];

/** How many of the last usable errors the rate is fitted to (as in `estimateRate`). */
const rateTail = 10;

/**
 * Errors at or below this fraction of a run's first finite error count as rounding noise, whatever the
 * measure's own floor: about 45 machine epsilons. A residual or gradient norm has no floor of its own (its
 * rounding level is epsilon times the size of the terms it sums, which the measure cannot know), and once it
 * reaches that level it stops shrinking at the method's rate: Newton's residual on x^2 - 2 from 1 goes
 * 4.5e-12 then 4.4e-16 (rounding) instead of 1e-23, which turns a fitted order of 2 into 0.42.
 */
const relativeFloor = 1e-14;

/** Builds the rows and series of a comparison from its runs. */
export function summariseComparison<P, S>(plan: ComparisonPlan<P, S>, runs: readonly MethodRuns[]): Comparison {
  const curves = plan.methods.map((method, index) =>
    (runs[index] as MethodRuns).map(({ seed, result }) => seriesOf(method.label, seed, result)),
  );
  const floors = curves.map((method) => method.map((curve) => runFloor(curve.error, plan.floor)));
  const tolerances = plan.tolerances ?? chooseTolerances(curves, Math.max(...floors.flat()));
  const rows = plan.methods.map((method, index) => {
    const methodRuns = runs[index] as MethodRuns;
    const summaries = methodRuns.map(({ result }, run) =>
      summariseRun(tolerances, curves[index]?.[run] as ComparisonSeries, floors[index]?.[run] as number, result),
    );
    return rowOf(method.label, methodRuns[0]?.result.solver ?? method.solver.name, summaries);
  });
  return {
    errorName: plan.errorName,
    tolerances,
    tolerancesFrom: plan.tolerancesFrom,
    warmup: plan.warmup,
    ...(plan.costName === undefined ? {} : { costName: plan.costName }),
    seeds: plan.seeds,
    rows,
    series: curves.flat(),
  };
}

function seriesOf(label: string, seed: number, result: SolveResult<unknown, RunRecord>): ComparisonSeries {
  const iteration: number[] = [];
  const timeMs: number[] = [];
  const error: number[] = [];
  const cost: number[] = [];
  for (const entry of result.trace.entries) {
    const record = entry.record;
    const value = typeof record === "number" ? record : record[0];
    if (typeof value !== "number" || Number.isNaN(value) || !(value >= 0)) {
      throw new InvalidOptionError(
        `error.measure (method ${JSON.stringify(label)}, seed ${seed}, iteration ${entry.iteration})`,
        "a number >= 0 (Infinity allowed)",
        value,
      );
    }
    if (typeof record !== "number") {
      const spent = record[1];
      if (typeof spent !== "number" || !Number.isFinite(spent) || spent < 0) {
        throw new InvalidOptionError(
          `cost.measure (method ${JSON.stringify(label)}, seed ${seed}, iteration ${entry.iteration})`,
          "a finite number >= 0",
          spent,
        );
      }
      cost.push(spent);
    }
    iteration.push(entry.iteration);
    timeMs.push(entry.elapsedMs);
    error.push(value);
  }
  return { label, seed, iteration, timeMs, error, ...(cost.length === 0 ? {} : { cost }) };
}

function summariseRun(
  tolerances: readonly number[],
  curve: ComparisonSeries,
  floor: number,
  result: SolveResult<unknown, RunRecord>,
): ComparisonRun {
  const reachedAt = tolerances.map((tolerance) => {
    const at = curve.error.findIndex((error) => error <= tolerance);
    return at < 0 ? undefined : at;
  });
  // An error of +Infinity before the first finite one means "not measured yet" (a training loss before the
  // first epoch ends): the usable run starts after it, not at it.
  const first = curve.error.findIndex((error) => error !== Number.POSITIVE_INFINITY);
  const start = first < 0 ? curve.error.length : first;
  const usable = usablePrefix(curve.error.slice(start), floor);
  const rateFit = judgeRate(estimateRateFit(usable, { tail: rateTail, iterations: curve.iteration.slice(start) }));
  const orderFit = judgeOrder(estimateOrder(usable, { floor }), usable.length);
  return {
    seed: curve.seed,
    iterations: result.iterations,
    converged: result.converged,
    stopReason: { kind: result.stopReason.kind, text: describeStopReason(result.stopReason) },
    finalError: curve.error.at(-1) ?? NaN,
    elapsedMs: result.elapsedMs,
    iterationsTo: reachedAt.map((at) => (at === undefined ? undefined : curve.iteration[at])),
    timeToMs: reachedAt.map((at) => (at === undefined ? undefined : curve.timeMs[at])),
    rate: trusted(rateFit),
    order: trusted(orderFit),
    rateFit,
    orderFit,
  };
}

function trusted(fit: FitEvidence): number | undefined {
  return fit.reason === undefined ? fit.value : undefined;
}

/** The rounding floor of one run: the comparison's floor or `relativeFloor` times the first finite error. */
function runFloor(errors: readonly number[], floor: number): number {
  const first = errors.find((error) => Number.isFinite(error));
  return first === undefined ? floor : Math.max(floor, relativeFloor * first);
}

/** The errors up to the first one at or below the floor (as `estimateOrder` reads them). */
function usablePrefix(errors: readonly number[], floor: number): number[] {
  const end = errors.findIndex((error) => !Number.isFinite(error) || error <= floor);
  return end < 0 ? [...errors] : errors.slice(0, end);
}

function rowOf(label: string, solver: string, runs: readonly ComparisonRun[]): ComparisonRow {
  const first = runs[0] as ComparisonRun;
  const totalIterations = sum(runs.map((run) => run.iterations));
  const reached = (values: readonly (number | undefined)[]) =>
    values.filter((value): value is number => value !== undefined);
  return {
    label,
    solver,
    iterationsTo: first.iterationsTo.map((_, t) => median(reached(runs.map((run) => run.iterationsTo[t])))),
    reachedBy: first.iterationsTo.map((_, t) => reached(runs.map((run) => run.iterationsTo[t])).length),
    timeToMs: first.timeToMs.map((_, t) => median(reached(runs.map((run) => run.timeToMs[t])))),
    finalError: mean(runs.map((run) => run.finalError)),
    stopReason: first.stopReason,
    converged: runs.every((run) => run.converged),
    iterations: mean(runs.map((run) => run.iterations)),
    timePerIterationMs: totalIterations === 0 ? undefined : sum(runs.map((run) => run.elapsedMs)) / totalIterations,
    rate: median(reached(runs.map((run) => run.rate))),
    order: median(reached(runs.map((run) => run.order))),
    rateFit: rowFit(runs.map((run) => run.rateFit)),
    orderFit: rowFit(runs.map((run) => run.orderFit)),
    seeds: runs.length,
    spread:
      runs.length < 2
        ? undefined
        : {
            iterations: spreadOf(runs.map((run) => run.iterations)),
            finalError: spreadOf(runs.map((run) => run.finalError)),
          },
    runs,
  };
}

function rowFit(fits: readonly FitEvidence[]): RowFit {
  const seeds = fits.filter((fit) => fit.reason === undefined).length;
  return { seeds, reason: seeds > 0 ? undefined : fits[0]?.reason };
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

function mean(values: readonly number[]): number {
  return sum(values) / values.length;
}

/** The median (the mean of the two middle values for an even count); `undefined` for no values. */
function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function spreadOf(values: readonly number[]): Spread {
  const average = mean(values);
  const squares = sum(values.map((value) => (value - average) ** 2));
  return {
    mean: average,
    sd: values.length < 2 ? 0 : Math.sqrt(squares / (values.length - 1)),
    min: Math.min(...values),
    max: Math.max(...values),
  };
}

import { estimateOrder } from "../convergence-order.js";
import { InvalidOptionError } from "../errors.js";
import type { SolveResult } from "../solver.js";
import { describeStopReason } from "../stop-reason.js";
import type { ComparisonPlan } from "./compare.js";
import type { Comparison, ComparisonRow, ComparisonRun, ComparisonSeries, Spread } from "./types.js";

/** One method's runs, one per seed, with the error as the trace record. */
export type MethodRuns = { readonly seed: number; readonly result: SolveResult<unknown, number> }[];

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
  const rows: ComparisonRow[] = [];
  const series: ComparisonSeries[] = [];
  plan.methods.forEach((method, index) => {
    const summaries = (runs[index] as MethodRuns).map(({ seed, result }) => {
      const curve = seriesOf(method.label, seed, result);
      series.push(curve);
      return summariseRun(plan, curve, result);
    });
    rows.push(rowOf(method.label, (runs[index] as MethodRuns)[0]?.result.solver ?? method.solver.name, summaries));
  });
  return { errorName: plan.errorName, tolerances: plan.tolerances, seeds: plan.seeds, rows, series };
}

function seriesOf(label: string, seed: number, result: SolveResult<unknown, number>): ComparisonSeries {
  const iteration: number[] = [];
  const timeMs: number[] = [];
  const error: number[] = [];
  for (const entry of result.trace.entries) {
    if (Number.isNaN(entry.record) || !(entry.record >= 0)) {
      throw new InvalidOptionError(
        `error.measure (method ${JSON.stringify(label)}, seed ${seed}, iteration ${entry.iteration})`,
        "a number >= 0 (Infinity allowed)",
        entry.record,
      );
    }
    iteration.push(entry.iteration);
    timeMs.push(entry.elapsedMs);
    error.push(entry.record);
  }
  return { label, seed, iteration, timeMs, error };
}

function summariseRun<P, S>(plan: ComparisonPlan<P, S>, curve: ComparisonSeries, result: SolveResult<unknown, number>): ComparisonRun {
  const floor = runFloor(curve.error, plan.floor);
  const iterationsTo = plan.tolerances.map((tolerance) => {
    const at = curve.error.findIndex((error) => error <= tolerance);
    return at < 0 ? undefined : at;
  });
  return {
    seed: curve.seed,
    iterations: result.iterations,
    converged: result.converged,
    stopReason: { kind: result.stopReason.kind, text: describeStopReason(result.stopReason) },
    finalError: curve.error.at(-1) ?? NaN,
    elapsedMs: result.elapsedMs,
    iterationsTo: iterationsTo.map((at) => (at === undefined ? undefined : curve.iteration[at])),
    timeToMs: iterationsTo.map((at) => (at === undefined ? undefined : curve.timeMs[at])),
    rate: fitRate(curve, floor),
    order: estimateOrder(usablePrefix(curve.error, floor), { floor }).order,
  };
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

/**
 * `exp` of the least-squares slope of `log e` against the iteration over the last usable errors. The
 * iterations are read from the trace, so a thinned trace (every other iteration kept) still gives the rate
 * per iteration.
 */
function fitRate(curve: ComparisonSeries, floor: number): number | undefined {
  const usable = usablePrefix(curve.error, floor).length;
  const start = Math.max(0, usable - rateTail);
  if (usable - start < 2) return undefined;
  let meanX = 0;
  let meanY = 0;
  for (let i = start; i < usable; i++) {
    meanX += curve.iteration[i] as number;
    meanY += Math.log(curve.error[i] as number);
  }
  meanX /= usable - start;
  meanY /= usable - start;
  let covariance = 0;
  let variance = 0;
  for (let i = start; i < usable; i++) {
    const dx = (curve.iteration[i] as number) - meanX;
    covariance += dx * (Math.log(curve.error[i] as number) - meanY);
    variance += dx * dx;
  }
  const rate = Math.exp(covariance / variance);
  return Number.isFinite(rate) ? rate : undefined;
}

function rowOf(label: string, solver: string, runs: readonly ComparisonRun[]): ComparisonRow {
  const first = runs[0] as ComparisonRun;
  const totalIterations = sum(runs.map((run) => run.iterations));
  const allReached = (values: readonly (number | undefined)[]) =>
    values.every((value) => value !== undefined) ? mean(values as number[]) : undefined;
  return {
    label,
    solver,
    iterationsTo: first.iterationsTo.map((_, t) => {
      const value = allReached(runs.map((run) => run.iterationsTo[t]));
      return value === undefined ? undefined : Math.round(value * 10) / 10;
    }),
    timeToMs: first.timeToMs.map((_, t) => allReached(runs.map((run) => run.timeToMs[t]))),
    finalError: mean(runs.map((run) => run.finalError)),
    stopReason: first.stopReason,
    converged: runs.every((run) => run.converged),
    iterations: mean(runs.map((run) => run.iterations)),
    timePerIterationMs: totalIterations === 0 ? undefined : sum(runs.map((run) => run.elapsedMs)) / totalIterations,
    rate: meanOfDefined(runs.map((run) => run.rate)),
    order: meanOfDefined(runs.map((run) => run.order)),
    seeds: runs.length,
    spread:
      runs.length < 2
        ? undefined
        : { iterations: spreadOf(runs.map((run) => run.iterations)), finalError: spreadOf(runs.map((run) => run.finalError)) },
    runs,
  };
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

function mean(values: readonly number[]): number {
  return sum(values) / values.length;
}

function meanOfDefined(values: readonly (number | undefined)[]): number | undefined {
  const defined = values.filter((value): value is number => value !== undefined);
  return defined.length === 0 ? undefined : mean(defined);
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

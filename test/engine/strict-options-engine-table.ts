import {
  absChange,
  backtracking,
  below,
  bestOf,
  bestOfAsync,
  estimateOrder,
  estimateRate,
  estimateRateFit,
  exceeds,
  growsBeyond,
  iterate,
  iterateAsync,
  iterations,
  iterationsAsync,
  iterationsPerEpoch,
  jsonLinesLogger,
  lineLogger,
  nonFinite,
  normChange,
  patience,
  progressBar,
  relChange,
  resume,
  resumeAsync,
  prepareProblem,
  solve,
  solveAsync,
  solveIterations,
  solveIterationsAsync,
  strongWolfe,
  traceToCSV,
} from "../../src/index.js";
import { fixedPoint } from "../../solvers/fixed-point/index.js";

/** Keys merged into the options object under test. */
export type Extra = Readonly<Record<string, unknown>>;

/** One options object of the public API, with the names it takes and a call that passes it. */
export interface StrictEntry {
  /** The public export whose options these are (or that takes the nested object). */
  readonly export: string;
  /** The nested object checked, e.g. `trace`; absent for the export's own options. */
  readonly part?: string;
  /** Every valid name at this level, as the API documents it. */
  readonly names: readonly string[];
  /** Prepended to names in messages, e.g. `trace.`. */
  readonly prefix?: string;
  /** Calls the export with `extra` merged into the options object under test. */
  readonly call: (extra: Extra) => unknown;
}

const runNames = [
  "update",
  "maxIterations",
  "maxEpochs",
  "epochLength",
  "timeLimitMs",
  "clock",
  "seed",
  "yieldEveryMs",
  "converged",
  "diverged",
  "signal",
  "hooks",
  "trace",
];
const solveNames = [...runNames.filter((name) => name !== "update"), "resumeFrom", "threads", "kernelPool"];
const hookNames = ["onStart", "onIteration", "onEpochEnd", "onStop"];
const traceNames = ["record", "every", "maxLength"];
const run = (extra: Extra): never => ({ update: (x: number) => x, maxIterations: 0, ...extra }) as never;
const checkpoint = {} as never;
const measure = (x: number): number => x;
const trace = { entries: [], stride: 1, thinned: false };

/** The engine's options objects (compare and report are in strict-options-compare-table.ts). */
export const engineTable: readonly StrictEntry[] = [
  { export: "iterate", names: runNames, call: (extra) => iterate(0, run(extra)) },
  { export: "iterateAsync", names: runNames, call: (extra) => iterateAsync(0, run(extra)) },
  { export: "iterations", names: runNames, call: (extra) => iterations(0, run(extra)) },
  { export: "iterationsAsync", names: runNames, call: (extra) => iterationsAsync(0, run(extra)) },
  { export: "resume", names: runNames, call: (extra) => resume(checkpoint, run(extra)) },
  { export: "resumeAsync", names: runNames, call: (extra) => resumeAsync(checkpoint, run(extra)) },
  {
    export: "iterate",
    part: "hooks",
    names: hookNames,
    prefix: "hooks.",
    call: (extra) => iterate(0, run({ hooks: { onStart() {}, ...extra } })),
  },
  {
    export: "iterate",
    part: "hooks[1]",
    names: hookNames,
    prefix: "hooks[1].",
    call: (extra) => iterate(0, run({ hooks: [{}, { onStop() {}, ...extra }] })),
  },
  {
    export: "iterate",
    part: "trace",
    names: traceNames,
    prefix: "trace.",
    call: (extra) => iterate(0, run({ trace: { every: 1, ...extra } })),
  },
  {
    export: "solve",
    names: solveNames,
    call: (extra) => solve(fixedPoint(), { map: Math.cos, x0: 1 }, extra as never),
  },
  {
    export: "solveAsync",
    names: solveNames,
    call: (extra) => solveAsync(fixedPoint(), { map: Math.cos, x0: 1 }, extra as never),
  },
  {
    export: "solveIterations",
    names: solveNames,
    call: (extra) => solveIterations(fixedPoint(), { map: Math.cos, x0: 1 }, extra as never),
  },
  {
    export: "solveIterationsAsync",
    names: solveNames,
    call: (extra) => solveIterationsAsync(fixedPoint(), { map: Math.cos, x0: 1 }, extra as never),
  },
  {
    export: "prepareProblem",
    names: ["threads", "kernelPool"],
    call: (extra) => prepareProblem(fixedPoint(), { map: Math.cos, x0: 1 }, extra as never).dispose(),
  },
  {
    export: "solve",
    part: "trace",
    names: traceNames,
    prefix: "trace.",
    call: (extra) => solve(fixedPoint(), { map: Math.cos, x0: 1 }, { trace: extra as never }),
  },
  {
    export: "iterationsPerEpoch",
    names: ["dropLast", "accumulationSteps"],
    call: (extra) => iterationsPerEpoch(10, 2, extra),
  },
  { export: "bestOf", names: ["seed", "direction"], call: (extra) => bestOf(2, () => 1, measure, extra) },
  {
    export: "bestOfAsync",
    names: ["seed", "direction"],
    call: (extra) => bestOfAsync(2, async () => 1, measure, extra),
  },
  { export: "backtracking", names: ["initialStep", "shrink", "c1", "maxSteps"], call: (extra) => backtracking(extra) },
  {
    export: "strongWolfe",
    names: ["initialStep", "c1", "c2", "largestStep", "maxSteps"],
    call: (extra) => strongWolfe(extra),
  },
  { export: "absChange", names: ["name"], call: (extra) => absChange(measure, 1e-6, extra) },
  { export: "relChange", names: ["name"], call: (extra) => relChange(measure, 1e-6, extra) },
  { export: "below", names: ["name"], call: (extra) => below(measure, 1e-6, extra) },
  {
    export: "normChange",
    names: ["name", "norm", "relative"],
    call: (extra) => normChange((x: number[]) => x, 1e-6, extra),
  },
  {
    export: "patience",
    names: ["patience", "minDelta", "direction", "name", "onImprovement", "onHold"],
    call: (extra) => patience(measure, { patience: 2, ...extra }),
  },
  { export: "nonFinite", names: ["name"], call: (extra) => nonFinite(measure, extra) },
  { export: "growsBeyond", names: ["name"], call: (extra) => growsBeyond(measure, 10, extra) },
  { export: "exceeds", names: ["name"], call: (extra) => exceeds(measure, 10, extra) },
  { export: "lineLogger", names: ["every", "fields", "output"], call: (extra) => lineLogger(extra) },
  { export: "jsonLinesLogger", names: ["every", "fields", "output"], call: (extra) => jsonLinesLogger(extra) },
  { export: "progressBar", names: ["output", "force", "intervalMs"], call: (extra) => progressBar(extra) },
  { export: "traceToCSV", names: ["separator"], call: (extra) => traceToCSV(trace, extra) },
  { export: "estimateOrder", names: ["floor", "tail"], call: (extra) => estimateOrder([1, 0.1, 0.01], extra) },
  {
    export: "estimateRate",
    names: ["floor", "tail", "iterations"],
    call: (extra) => estimateRate([1, 0.1, 0.01], extra),
  },
  {
    export: "estimateRateFit",
    names: ["floor", "tail", "iterations"],
    call: (extra) => estimateRateFit([1, 0.1, 0.01], extra),
  },
];

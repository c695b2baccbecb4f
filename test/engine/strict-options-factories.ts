import type { ConformanceCase, SolverFactory } from "../conformance/case.js";
import { conformanceCases } from "../conformance/cases/index.js";
import { neuralCase } from "../conformance/cases/neural.js";
import type { StrictEntry } from "./strict-options-engine-table.js";

// The solver factories' rows of the strict-options table are not written here: each conformance case names
// its factory, a valid options object and the option names (`madeBy` in test/conformance/case.ts), and the
// rows are made from them. So a new solver is a conformance case, and no row can be forgotten.

/** Every conformance case, the async-only one (neural) included. */
export const everyConformanceCase: readonly ConformanceCase[] = [...conformanceCases, neuralCase];

/** A solver factory with the conformance cases that make their solver with it. */
export interface CoveredFactory {
  /** Its name in the public modules; undefined when no public module exports it. */
  readonly exportName: string | undefined;
  readonly factory: SolverFactory;
  readonly cases: readonly ConformanceCase[];
}

/** The factories of the conformance cases, each once, with its public name (found by identity). */
export function coveredFactories(modules: Readonly<Record<string, object>>): readonly CoveredFactory[] {
  const byFactory = new Map<SolverFactory, ConformanceCase[]>();
  for (const solverCase of everyConformanceCase) {
    const cases = byFactory.get(solverCase.factory) ?? [];
    cases.push(solverCase);
    byFactory.set(solverCase.factory, cases);
  }
  const exports = Object.values(modules).flatMap((api) => Object.entries(api));
  return [...byFactory].map(([factory, cases]) => ({
    exportName: exports.find(([, value]) => value === factory)?.[0],
    factory,
    cases,
  }));
}

/** The strict-options row of a factory: its first case's options, with the keys under test added. */
export function factoryEntry({ exportName, factory, cases }: CoveredFactory): StrictEntry {
  const [first] = cases as [ConformanceCase];
  return {
    export: exportName ?? factory.name,
    names: first.optionNames,
    call: (extra) => factory({ ...first.options, ...extra }),
  };
}

/** Whether a value has the shape of a `Solver` (a name, `init`, `step`, `record` and a default bound). */
export function isSolver(value: unknown): boolean {
  if (value === null || typeof value !== "object") return false;
  const solver = value as Record<string, unknown>;
  return (
    typeof solver["name"] === "string" &&
    typeof solver["init"] === "function" &&
    typeof solver["step"] === "function" &&
    typeof solver["record"] === "function" &&
    typeof solver["maxIterations"] === "number"
  );
}

/**
 * What a public function returns when called as its table row calls it (a valid call) or, without a row,
 * with no arguments; undefined when it throws or is async (a Promise is never a solver). Every such call is
 * cheap and harmless today (`useFastMatMulGradient()` registers its gradient, in this test's process only).
 */
export function probe(fn: (...args: never[]) => unknown, entry: StrictEntry | undefined): unknown {
  if (fn.constructor.name === "AsyncFunction") return undefined;
  try {
    const value = entry === undefined ? fn() : entry.call({});
    if (value instanceof Promise) {
      value.catch(() => undefined);
      return undefined;
    }
    return value;
  } catch {
    return undefined;
  }
}

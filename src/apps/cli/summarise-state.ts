import { norm2, normInf } from "../../index.js";
import type { AnyCliProblem } from "./problem-kinds.js";

/** A solution summary: named numbers and vectors, JSON-able. */
export type StateSummary = Record<string, number | readonly number[] | readonly (readonly number[])[]>;

// The fields worth showing, in the order shown; a solver's state has some of them.
const scalarFields = [
  "x",
  "fx",
  "f",
  "gradientNorm",
  "residualNorm",
  "relativeResidual",
  "inertia",
  "smoothedInertia",
  "logLikelihood",
  "bellmanResidual",
] as const;
const vectorFields = ["x", "weights", "values", "policy"] as const;

function asNumbers(value: unknown): number[] | undefined {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView))
    return Array.from(value as unknown as ArrayLike<number>);
  if (Array.isArray(value) && value.every((entry) => typeof entry === "number")) return value as number[];
  return undefined;
}

function rows(values: readonly number[], k: number): number[][] {
  const width = values.length / k;
  return Array.from({ length: k }, (_, j) => values.slice(j * width, (j + 1) * width));
}

/**
 * Summarises a final state: the solution (`x`, centroids, means, values and policy) and the quantities
 * that say how good it is (`f(x)`, residual, inertia, log-likelihood), plus the error against the known
 * answer when the problem has one.
 *
 * @param state - The solver's final state.
 * @param problem - The problem, for its known answer.
 * @returns The summary.
 */
export function summariseState(state: unknown, problem: AnyCliProblem): StateSummary {
  const record = (state ?? {}) as Record<string, unknown>;
  const summary: StateSummary = {};
  for (const field of scalarFields) {
    const value = record[field];
    if (typeof value === "number") summary[field] = value;
  }
  for (const field of vectorFields) {
    const values = asNumbers(record[field]);
    if (values !== undefined) summary[field] = values;
  }
  const k = record["k"];
  for (const field of ["centroids", "means"] as const) {
    const values = asNumbers(record[field]);
    if (values !== undefined && typeof k === "number" && k > 0) summary[field] = rows(values, k);
  }
  const solution = problem.solution?.();
  const reached = summary["x"] ?? summary["values"];
  if (solution !== undefined && reached !== undefined) {
    const approximate = typeof reached === "number" ? [reached] : (reached as readonly number[]);
    if (approximate.length === solution.length) {
      const differences = Float64Array.from(approximate, (value, i) => value - (solution[i] as number));
      // Value functions are compared in the sup norm (the norm of their contraction), vectors in the 2-norm.
      summary["error"] = problem.kind === "mdp" ? normInf(differences) : norm2(differences);
    }
  }
  return summary;
}

/**
 * Formats a summary for the terminal: one `name = value` line per entry; long vectors show their first
 * entries and their length.
 *
 * @param summary - The summary.
 * @returns The lines, joined with newlines.
 */
export function formatSummary(summary: StateSummary): string {
  const number = (value: number) => {
    if (Number.isInteger(value)) return String(value);
    // Ten significant digits, without trailing zeros in the mantissa (1.5e-10, not 1.500000000e-10).
    const [mantissa = "", exponent] = value.toPrecision(10).split("e");
    const trimmed = mantissa.includes(".") ? mantissa.replace(/\.?0+$/, "") : mantissa;
    return exponent === undefined ? trimmed : `${trimmed}e${exponent}`;
  };
  const vector = (values: readonly number[]) => {
    const shown = values.slice(0, 8).map(number).join(", ");
    return values.length > 8 ? `[${shown}, ...] (${values.length} entries)` : `[${shown}]`;
  };
  return Object.entries(summary)
    .map(([name, value]) => {
      const label = name === "error" ? "error vs known answer" : name;
      if (typeof value === "number") return `${label} = ${number(value)}`;
      if (value.length > 0 && Array.isArray(value[0]))
        return `${label} = [${(value as readonly (readonly number[])[]).slice(0, 8).map(vector).join(", ")}${value.length > 8 ? ", ..." : ""}]`;
      return `${label} = ${vector(value as readonly number[])}`;
    })
    .join("\n");
}

import { InvalidProblemError } from "../../src/index.js";
import { returnedMatrix, returnedVector, toFiniteFloat64, describeValue } from "../../src/engine/internals.js";
import { defaultVariables } from "./expression.js";
import type { FiniteDifferences } from "./finite-differences.js";

// Validation and reading of problem parts shared by the Newton family.

/**
 * What one evaluation of a derived function costs, in calls of the problem's own functions:
 * `[f, first derivative, second derivative]` (for systems `[F, Jacobian, 0]`; for objectives
 * `[f, gradient, Hessian]`).
 */
export type Cost = readonly [number, number, number];

/** A derived function and its cost per call. */
export interface Costed<F> {
  readonly evaluate: F;
  readonly cost: Cost;
}

/** Whether a problem part is the finite-difference strategy. */
export function isFiniteDifferences(value: unknown): value is FiniteDifferences {
  return value !== null && typeof value === "object" && (value as { kind?: unknown }).kind === "finiteDifferences";
}

/** The words for a derivative slot's allowed values. */
export const derivativeSlot = "a function, an expression string or finiteDifferences()";

/** Checks `problem` is an object. */
export function checkObject(problem: unknown, shape: string): void {
  if (problem === null || typeof problem !== "object")
    throw new InvalidProblemError("problem", `an object ${shape}`, problem);
}

/** `problem.x0` as a new Float64Array. */
export function readStart(x0: unknown, length?: number, why = ""): Float64Array {
  const valid = x0 !== null && typeof x0 === "object" && (x0 as ArrayLike<unknown>).length > 0;
  if (!valid) throw new InvalidProblemError("problem.x0", "a non-empty array of finite numbers", x0);
  const start = toFiniteFloat64(x0, "problem.x0");
  if (length !== undefined && start.length !== length) {
    throw new InvalidProblemError("problem.x0", `an array of length ${length}${why}`, x0);
  }
  return start;
}

/** `problem.variables`, or the defaults for n unknowns. */
export function readVariables(variables: unknown, n: number): readonly string[] {
  if (variables === undefined) return defaultVariables(n);
  const valid =
    Array.isArray(variables) &&
    variables.length === n &&
    variables.every((name) => typeof name === "string" && /^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) &&
    new Set(variables).size === n;
  if (!valid)
    throw new InvalidProblemError(
      "problem.variables",
      `an array of ${n} distinct names (one per entry of x0)`,
      variables,
    );
  return variables as readonly string[];
}

/** Copies a function's vector result into `out`, checking its length. */
export function copyVector(value: unknown, n: number, out: Float64Array, part: string): void {
  returnedVector(value, out.length === n ? out : out.subarray(0, n), part);
}

/** Copies a function's n x n matrix result (n rows of n, or n * n row-major) into `out`. */
export function copyMatrix(value: unknown, n: number, out: Float64Array, part: string): void {
  returnedMatrix(value, n, out, part);
}

/** Checks a matrix of expression strings is n x n. */
export function checkStringMatrix(value: readonly (readonly string[])[], n: number, part: string): void {
  const expected = `a ${n} x ${n} array of expression strings`;
  if (value.length !== n) throw new InvalidProblemError(part, expected, value);
  value.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== n || !row.every((entry) => typeof entry === "string")) {
      throw new InvalidProblemError(part, expected, `${n} rows, row ${i} being ${describeValue(row)}`, false);
    }
  });
}

/** Checks an array of expression strings has n entries. */
export function checkStringVector(value: readonly unknown[], n: number, part: string, why: string): void {
  if (value.length !== n || !value.every((entry) => typeof entry === "string")) {
    throw new InvalidProblemError(part, `an array of ${n} expression strings${why}`, value);
  }
}

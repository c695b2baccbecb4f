// The shape of the strict-data property tests' table: a valid fixture builder per solver family's numeric
// input, the positions a bad entry may take, and how the entry is named in the error.
import fc from "fast-check";
import { solve } from "../../src/index.js";
import type { InvalidOptionError, InvalidProblemError } from "../../src/index.js";

/** One place a bad entry can go: `container[key]`, named `path` in the message. */
export interface Slot {
  readonly container: Record<string | number, unknown>;
  readonly key: string | number;
  readonly path: string;
}

/** A valid input, and every slot of it that holds numeric data. */
export interface Fixture {
  readonly input: Record<string, unknown>;
  readonly slots: readonly Slot[];
}

/** A row of the table. */
export interface DataCase {
  readonly name: string;
  readonly error: typeof InvalidProblemError | typeof InvalidOptionError;
  /** The data lives in typed arrays, which can only hold NaN and infinities. */
  readonly typedOnly?: boolean;
  /** The slot is an optional scalar: leaving it out (undefined) is valid. */
  readonly optional?: boolean;
  readonly build: () => Fixture;
  readonly run: (input: Record<string, unknown>) => unknown;
}

/** Every entry of a 1-D array as a slot. */
export function entries(array: ArrayLike<unknown>, path: string): Slot[] {
  return Array.from({ length: array.length }, (_, i) => ({ container: array as never, key: i, path: `${path}[${i}]` }));
}

/** Every entry of nested arrays (any depth) as a slot. */
export function nested(value: readonly unknown[], path: string): Slot[] {
  return value.flatMap((entry, i) =>
    Array.isArray(entry) ? nested(entry, `${path}[${i}]`) : entries(value, path).slice(i, i + 1),
  );
}

/** Runs `solve` with a fresh solver on the fixture's input. */
export function solveWith(solver: () => unknown): (input: Record<string, unknown>) => unknown {
  return (input) => solve(solver() as never, input as never);
}

/** A hole (`delete array[i]`), as `[1, , 3]` writes it. */
export const hole = Symbol("hole");

/** Every kind of non-number: what JSON files hold (null), booleans, strings, NaN, infinities, holes. */
export const anyBad = fc.constantFrom<unknown>(
  ...[null, true, false, "3", "", Number.NaN, Infinity, -Infinity, undefined, {}, [], hole],
);

import { describeValue, InvalidOptionError, InvalidProblemError } from "./errors.js";

/**
 * Strict reading of numeric data: every entry must be a number that is finite. `null` (what
 * `JSON.stringify(NaN)` writes), booleans and numeric strings are never read as numbers: each is a typed
 * error naming its path, e.g. `problem.data[1][0] must be a finite number, got null`.
 *
 * These helpers are the one place where iterlab reads user arrays into typed arrays; a `Float64Array`
 * would otherwise turn `null` into 0 and `"3"` into 3 without a word.
 */

/**
 * Returns `value` when it is a finite number.
 *
 * @param value - The entry.
 * @param path - Its path in messages, e.g. `problem.b[3]`.
 * @returns The number.
 * @throws `InvalidProblemError` `<path> must be a finite number, got <value>`.
 */
export function finiteNumber(value: unknown, path: string): number {
  if (typeof value !== "number" || !Number.isFinite(value))
    throw new InvalidProblemError(path, "a finite number", value);
  return value;
}

/**
 * Copies an array or typed array of finite numbers into a new `Float64Array`.
 *
 * @param values - The entries: a plain array or any typed array.
 * @param path - The array's path in messages; entries are named `path[i]`.
 * @param length - The required length, when it is known.
 * @returns A fresh copy.
 * @throws `InvalidProblemError` for something that is not an array, a wrong length, or an entry that is not
 *   a finite number (naming its index).
 */
export function toFiniteFloat64(values: unknown, path: string, length?: number): Float64Array {
  if (!isArrayLike(values)) {
    throw new InvalidProblemError(
      path,
      length === undefined ? "an array of finite numbers" : `an array of ${length} finite numbers`,
      values,
    );
  }
  if (length !== undefined && values.length !== length) {
    throw new InvalidProblemError(path, `an array of ${length} finite numbers`, values);
  }
  const result = new Float64Array(values.length);
  copyFiniteNumbers(values, result, 0, path);
  return result;
}

/**
 * Copies `source` into `target` from `offset`, checking every entry: the hot path of the strict readers,
 * one `typeof` test per entry. The path is built only for the error, so copying a million rows builds no
 * string.
 *
 * @param source - A plain array or a typed array.
 * @param target - Where to write (a `Float32Array` for data that is trained in single precision).
 * @param offset - The first index written in `target`.
 * @param path - The source's path in messages; entries are named `path[i]`, or `path[row][i]` with `row`.
 * @param row - The source's index when it is one row of `path`.
 * @throws `InvalidProblemError` naming the first entry that is not a finite number.
 * @example
 * ```ts
 * copyFiniteNumbers([1, null], new Float64Array(4), 2, "problem.data", 1);
 * // InvalidProblemError: problem.data[1][1] must be a finite number, got null
 * ```
 */
export function copyFiniteNumbers(
  source: ArrayLike<unknown>,
  target: Float64Array | Float32Array,
  offset: number,
  path: string,
  row?: number,
): void {
  const n = source.length;
  for (let i = 0; i < n; i++) {
    const value = source[i];
    if (typeof value !== "number" || value - value !== 0) {
      const part = row === undefined ? `${path}[${i}]` : `${path}[${row}][${i}]`;
      throw new InvalidProblemError(part, "a finite number", value);
    }
    target[offset + i] = value;
  }
}

/**
 * Checks that every entry of a numeric array is finite, without copying.
 *
 * @param values - A typed array or an array of numbers.
 * @param path - The array's path in messages; entries are named `path[i]`.
 * @throws `InvalidProblemError` naming the first entry that is not a finite number.
 */
export function assertFiniteNumbers(values: ArrayLike<unknown>, path: string): void {
  const n = values.length;
  for (let i = 0; i < n; i++) {
    const value = values[i];
    if (typeof value !== "number" || value - value !== 0)
      throw new InvalidProblemError(`${path}[${i}]`, "a finite number", value);
  }
}

/** Rows read by {@link finiteRows}: one flat row-major copy and its shape. */
export interface FiniteRows {
  /** The entries, row after row. */
  readonly values: Float64Array;
  /** The number of rows. */
  readonly rows: number;
  /** The number of entries in each row. */
  readonly columns: number;
}

/**
 * Copies rows of finite numbers into one flat row-major `Float64Array`.
 *
 * @param rows - An array of rows (plain arrays or typed arrays), all of one length.
 * @param path - The data's path in messages; entries are named `path[i][j]`.
 * @param columns - The required row length, when it is known.
 * @returns The flat copy and its shape.
 * @throws `InvalidProblemError` for no rows, a row that is not an array, ragged rows, or an entry that is
 *   not a finite number.
 */
export function finiteRows(rows: unknown, path: string, columns?: number): FiniteRows {
  if (!Array.isArray(rows) || rows.length === 0)
    throw new InvalidProblemError(path, "a non-empty array of rows of finite numbers", rows);
  const first: unknown = rows[0];
  if (!isArrayLike(first)) throw new InvalidProblemError(`${path}[0]`, "an array of finite numbers", first);
  const width = columns ?? first.length;
  const values = new Float64Array(rows.length * width);
  for (let i = 0; i < rows.length; i++) {
    const row: unknown = rows[i];
    if (!isArrayLike(row) || row.length !== width) {
      throw new InvalidProblemError(`${path}[${i}]`, `a row of ${width} finite numbers`, row);
    }
    copyFiniteNumbers(row, values, i * width, path, i);
  }
  return { values, rows: rows.length, columns: width };
}

/**
 * Checks a number returned by user code (an objective, a derivative, a map). Non-finite numbers pass, so
 * that the run can stop as `diverged` with the value; anything that is not a number at all is a typed
 * error, a Promise with a hint (solvers call problem functions synchronously, so `solveAsync` would not help).
 *
 * @param value - What the user function returned.
 * @param path - What returned it, in messages, e.g. `problem.f(x)`.
 * @returns The number.
 * @throws `InvalidProblemError` `<path> must be a number, got null`.
 */
export function returnedNumber(value: unknown, path: string): number {
  if (typeof value === "number") return value;
  if (isThenable(value)) throw promiseReturned(path, "a number");
  throw new InvalidProblemError(path, "a number", describeValue(value), false);
}

/**
 * Copies a vector returned by user code (a gradient, a system's residual `F(x)`) into `out`. As for
 * {@link returnedNumber}, NaN and infinite entries pass (the run then stops as `diverged`); anything that
 * is not an array of `out.length` numbers is a typed error naming the entry.
 *
 * @param value - What the user function returned: a plain array or a typed array.
 * @param out - Where to copy it; its length is the required length.
 * @param path - What returned it, e.g. `problem.gradient(x)`; entries are named `path[i]`.
 * @throws `InvalidProblemError` `problem.f(x)[0] must be a number, got null`, or
 *   `problem.gradient(x) must be an array of 2 numbers, got an array of length 3`.
 */
export function returnedVector(value: unknown, out: Float64Array, path: string): void {
  const n = out.length;
  if (!isArrayLike(value) || value.length !== n) {
    if (isThenable(value)) throw promiseReturned(path, `an array of ${n} numbers`);
    throw new InvalidProblemError(path, `an array of ${n} numbers`, value);
  }
  for (let i = 0; i < n; i++) {
    const entry = value[i];
    if (typeof entry !== "number") throw new InvalidProblemError(`${path}[${i}]`, "a number", entry);
    out[i] = entry;
  }
}

/**
 * Copies an `n x n` matrix returned by user code (a Jacobian, a Hessian) into `out` (row-major, length
 * `n * n`): `n` rows of `n` numbers, or `n * n` numbers row-major. NaN and infinite entries pass; anything
 * else is a typed error naming the entry.
 *
 * @param value - What the user function returned.
 * @param n - The matrix order.
 * @param out - Where to copy it, row-major.
 * @param path - What returned it, e.g. `problem.hessian(x)`; entries are named `path[i][j]` (or `path[k]`).
 * @throws `InvalidProblemError` for another shape, a Promise, or an entry that is not a number.
 */
export function returnedMatrix(value: unknown, n: number, out: Float64Array, path: string): void {
  if (!isArrayLike(value)) {
    if (isThenable(value)) throw promiseReturned(path, matrixShape(n));
    throw new InvalidProblemError(path, matrixShape(n), value);
  }
  if (value.length === n * n && !isArrayLike(value[0])) {
    for (let k = 0; k < n * n; k++) {
      const entry = value[k];
      if (typeof entry !== "number") throw new InvalidProblemError(`${path}[${k}]`, "a number", entry);
      out[k] = entry;
    }
    return;
  }
  if (value.length !== n) throw new InvalidProblemError(path, matrixShape(n), value);
  for (let i = 0; i < n; i++) {
    const row = value[i];
    if (!isArrayLike(row) || row.length !== n) {
      throw new InvalidProblemError(`${path}[${i}]`, `a row of ${n} numbers`, row);
    }
    for (let j = 0; j < n; j++) {
      const entry = row[j];
      if (typeof entry !== "number") throw new InvalidProblemError(`${path}[${i}][${j}]`, "a number", entry);
      out[i * n + j] = entry;
    }
  }
}

/**
 * The shapes {@link returnedMatrix} accepts, for its messages: made only when one is thrown (a closure per call
 * would cost every Newton step an allocation).
 */
function matrixShape(n: number): string {
  return `a ${n} x ${n} matrix (${n} rows of ${n} numbers, or ${n * n} numbers row-major)`;
}

function isThenable(value: unknown): boolean {
  if (value instanceof Promise) return true;
  return typeof value === "object" && value !== null && typeof (value as { then?: unknown }).then === "function";
}

function promiseReturned(path: string, expected: string): InvalidProblemError {
  // solveAsync would not help: solvers call problem functions synchronously, whatever the driver.
  const hint =
    "it returned a Promise: solvers call problem functions synchronously, so await the values first " +
    "or write the update yourself and run it with iterateAsync";
  return new InvalidProblemError(path, `${expected} (${hint})`, "a Promise", false);
}

/**
 * Runs a strict reader on data held by an option (given centroids, given mixture parameters, sample weights
 * passed as an option) and reports a bad entry as an `InvalidOptionError` with the same message.
 *
 * @param read - The reading, e.g. `() => finiteRows(centroids, "centroids")`.
 * @returns What `read` returns.
 * @throws `InvalidOptionError` `centroids[1][0] must be a finite number, got null`, where `read` throws an
 *   `InvalidProblemError` (its `received` is the description of the value); any other error unchanged.
 * @example
 * ```ts
 * const flat = optionData(() => finiteRows(centroids, "centroids")).values;
 * ```
 */
export function optionData<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof InvalidProblemError)) throw error;
    throw new InvalidOptionError(error.part, error.expected, error.receivedDescription, error.message);
  }
}

/**
 * Checks that nested arrays of a known depth hold finite numbers only, without copying: for data read from
 * a file before it is given to a solver, so that the message names the entry as the file writes it.
 *
 * @param value - Nested arrays of numbers (typed arrays included), `depth` levels deep.
 * @param path - Their path in messages; entries are named `path[i][j]...`.
 * @param depth - The number of levels: 1 for a vector, 2 for rows, 3 for a stack of matrices.
 * @throws `InvalidProblemError` naming the first entry that is not an array where a level is expected, or
 *   not a finite number at the last level.
 * @example
 * ```ts
 * assertFiniteNested([[0.5, 0.5], [1, null]], "transitions[0]", 2);
 * // InvalidProblemError: transitions[0][1][1] must be a finite number, got null
 * ```
 */
export function assertFiniteNested(value: unknown, path: string, depth: number): void {
  if (depth <= 1) {
    if (!isArrayLike(value)) throw new InvalidProblemError(path, "an array of finite numbers", value);
    assertFiniteNumbers(value, path);
    return;
  }
  if (!Array.isArray(value)) {
    throw new InvalidProblemError(path, depth === 2 ? "an array of rows" : `arrays nested ${depth} deep`, value);
  }
  for (let i = 0; i < value.length; i++) assertFiniteNested(value[i], `${path}[${i}]`, depth - 1);
}

function isArrayLike(value: unknown): value is ArrayLike<unknown> {
  return Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
}

import { InvalidArgumentError } from "commander";

// Parsers for commander option arguments: a bad value becomes commander's own one-line usage error.

/**
 * Parses a finite number.
 *
 * @param text - The argument.
 * @returns The number.
 * @throws InvalidArgumentError when the text is not a finite number.
 */
export function parseNumber(text: string): number {
  const value = text.trim() === "" ? Number.NaN : Number(text);
  if (!Number.isFinite(value)) throw new InvalidArgumentError("expected a number.");
  return value;
}

/**
 * Parses an integer >= 0.
 *
 * @param text - The argument.
 * @returns The integer.
 * @throws InvalidArgumentError when the text is not an integer >= 0.
 */
export function parseCount(text: string): number {
  const value = /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value)) throw new InvalidArgumentError("expected an integer >= 0.");
  return value;
}

/**
 * Parses an integer >= 1 (a count of runs, seeds or restarts, where 0 would mean nothing to do).
 *
 * @param text - The argument.
 * @returns The integer.
 * @throws InvalidArgumentError when the text is not an integer >= 1.
 */
export function parsePositiveCount(text: string): number {
  const value = /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < 1) throw new InvalidArgumentError("expected an integer >= 1.");
  return value;
}

/**
 * Parses a comma-separated list of finite numbers, e.g. `-1.2,1`.
 *
 * @param text - The argument.
 * @returns The numbers.
 * @throws InvalidArgumentError when an entry is not a finite number.
 */
export function parseNumberList(text: string): number[] {
  const values = text.split(",").map((part) => (part.trim() === "" ? Number.NaN : Number(part)));
  if (values.some((value) => !Number.isFinite(value)))
    throw new InvalidArgumentError("expected numbers separated by commas, e.g. -1.2,1.");
  return values;
}

/**
 * Parses a comma-separated list of names, e.g. `newton,secant`.
 *
 * @param text - The argument.
 * @returns The names, trimmed, empty entries dropped.
 */
export function parseNameList(text: string): string[] {
  return text
    .split(",")
    .map((name) => name.trim())
    .filter((name) => name !== "");
}

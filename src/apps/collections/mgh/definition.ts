import type { OptionRule } from "../../../index.js";
import type { LeastSquaresFunction } from "./least-squares.js";

/** One Moré-Garbow-Hillstrom function: its number in the paper, its sizes, and what the paper says of its minimum. */
export interface MghDefinition {
  /** The function's number in the paper (1 to 35). */
  readonly number: number;
  /** A kebab-case name, e.g. `freudenstein-roth`. */
  readonly id: string;
  /** The paper's title, e.g. `Freudenstein and Roth function`. */
  readonly title: string;
  /** The default number of unknowns. */
  readonly n: number;
  /** The default number of residuals. */
  readonly m: number;
  /** The allowed `n`. */
  readonly nRule: OptionRule;
  /** The allowed `m` for a given `n`, where the caller may choose it; absent when `m` follows from `n`. */
  readonly mRule?: (n: number) => OptionRule;
  /** `m` as a function of `n`, where it follows from it. */
  readonly mOf?: (n: number) => number;
  /** The default `m` for a given `n`, where the caller may choose `m` (else the default `m`). */
  readonly mDefault?: (n: number) => number;
  /** Builds the function at a valid size. */
  build(n: number, m: number): LeastSquaresFunction;
  /** The paper's minimum value at this size, where it gives one. */
  optimum(n: number, m: number): number | undefined;
  /** A minimiser known in closed form, where there is one. */
  solution(n: number, m: number): Float64Array | undefined;
  /** What else the paper says of the minimum (other minima, the reported digits). */
  readonly note?: string;
}

/** The rule for one fixed value. */
export function exactly(value: number): OptionRule {
  return { expected: `${value} (fixed for this function)`, test: (x) => x === value };
}

/** An integer in `[min, max]` that is a multiple of `step`. */
export function integerMultiple(step: number, min: number, max = Number.POSITIVE_INFINITY): OptionRule {
  const range = max === Number.POSITIVE_INFINITY ? `>= ${min}` : `in [${min}, ${max}]`;
  return {
    expected: step === 1 ? `an integer ${range}` : `a multiple of ${step} ${range}`,
    test: (x) => typeof x === "number" && Number.isInteger(x) && x >= min && x <= max && x % step === 0,
  };
}

/** The constant optimum `value` whatever the size. */
export const always = (value: number) => (): number => value;

/** No closed-form minimiser. */
export const none = (): undefined => undefined;

/** `n` copies of `value`. */
export function filled(n: number, value: number): Float64Array {
  return new Float64Array(n).fill(value);
}

/** Reads entry `i` of a typed array (the index is known to be in range). */
export function at(x: Float64Array, i: number): number {
  return x[i] as number;
}

import { compare, describeCompareOptions, distanceTo } from "../../src/index.js";
import type { Comparison } from "../../src/index.js";
import { newton, secant } from "../../solvers/newton/index.js";

/** The real root of Wallis's equation x^3 - 2x - 5 = 0. */
export const wallis = 2.0945514815423265;

/** The problem of {@link rootFinders}. */
export const cubic = { f: "x^3 - 2x - 5", x0: 2 };

/** The options of Newton versus the secant method on {@link cubic}. */
function rootFinderOptions(labels: readonly [string, string]) {
  return {
    problem: cubic,
    methods: [
      { label: labels[0], solver: newton() },
      { label: labels[1], solver: secant() },
    ],
    error: distanceTo(wallis),
  };
}

/** Newton versus the secant method on x^3 - 2x - 5 from 2: two short curves that reach an error of 0. */
export function rootFinders(labels: readonly [string, string] = ["Newton", "secant"]): Comparison {
  return compare(rootFinderOptions(labels));
}

/** Every option of {@link rootFinders}, as reports show them. */
export function rootFinderOptionsDescribed(): unknown {
  return describeCompareOptions(rootFinderOptions(["Newton", "secant"]));
}

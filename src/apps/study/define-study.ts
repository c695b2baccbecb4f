import { InvalidOptionError } from "../../index.js";
import type { StudyDefinition, StudyErrorMeasure, StudyMethod, StudyProblem } from "./types.js";
import {
  anyValue,
  integerAtLeast,
  isFunction,
  numberAbove,
  numberBetween,
  optional,
  validateOption,
  validateStrictOptions,
} from "../../engine/internals.js";
import type { OptionRule, OptionSchemaOf } from "../../engine/internals.js";

const nonEmptyString: OptionRule = {
  expected: "a non-empty string",
  test: (value) => typeof value === "string" && value.length > 0,
};
const nonEmptyArray: OptionRule = {
  expected: "a non-empty array",
  test: (value) => Array.isArray(value) && value.length > 0,
};
const seedRule: OptionRule = {
  expected: "an integer count >= 1 or a non-empty list of integers in [0, 4294967295]",
  test: (value) =>
    (typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= 100_000) ||
    (Array.isArray(value) &&
      value.length > 0 &&
      value.every((seed) => integerAtLeast(0, 2 ** 32 - 1).test(seed)) &&
      new Set(value).size === value.length),
};
const tolerancesRule: OptionRule = {
  expected: "a non-empty list of numbers in (0, 1)",
  test: (value) => Array.isArray(value) && value.length > 0 && value.every(numberBetween(0, 1, "()").test),
};

const definitionRules = {
  name: nonEmptyString,
  methods: nonEmptyArray,
  problems: nonEmptyArray,
  seeds: optional(seedRule),
  error: anyValue,
  maxIterations: optional(integerAtLeast(0)),
  timeLimitMs: optional(numberAbove(0)),
  traceLength: optional(integerAtLeast(2)),
  tolerances: optional(tolerancesRule),
} satisfies OptionSchemaOf<StudyDefinition>;
const methodRules = { name: nonEmptyString, solver: isFunction, grid: anyValue } satisfies OptionSchemaOf<StudyMethod>;
const problemRules = {
  name: nonEmptyString,
  problem: anyValue,
  solution: anyValue,
} satisfies OptionSchemaOf<StudyProblem>;
const errorRules = { name: nonEmptyString, measure: isFunction } satisfies OptionSchemaOf<StudyErrorMeasure>;

/**
 * Checks a study declared in code and returns it unchanged: methods x problems x seeds, each combination
 * one ordinary `solve` run (see {@link study}).
 *
 * @remarks Every name is checked strictly (an unknown or misspelt name is an error naming the closest
 * valid one), method and problem names must be unique, and each grid value must be JSON data (it is part
 * of the run's key in the database and travels to worker processes).
 * @typeParam P - The problem type.
 * @param definition - The study.
 * @returns The same definition.
 * @throws `InvalidOptionError` for an unknown name, a missing or malformed field, a duplicate name, or
 *   a grid value that is not JSON data.
 * @example
 * ```ts
 * export const rootStudy = defineStudy({
 *   name: "root finders",
 *   methods: [{ name: "newton", solver: (options) => newton(options) }, { name: "secant", solver: (options) => secant(options) }],
 *   problems: [{ name: "cubic", problem: { f: "x^3 - 2x - 5", x0: 2 }, solution: 2.0945514815423265 }],
 * });
 * ```
 */
export function defineStudy<P>(definition: StudyDefinition<P>): StudyDefinition<P> {
  if (definition === null || typeof definition !== "object" || Array.isArray(definition))
    throw new InvalidOptionError("definition", "a study { name, methods, problems }", definition);
  validateStrictOptions(definition, definitionRules, "defineStudy");
  uniqueNames(definition.methods, "methods", (method, prefix) => {
    validateStrictOptions(method, methodRules, "a study method", prefix);
    checkGrid(method.grid, `${prefix}grid`);
  });
  uniqueNames(definition.problems, "problems", (problem, prefix) =>
    validateStrictOptions(problem, problemRules, "a study problem", prefix),
  );
  if (definition.error !== undefined) {
    if (definition.error === null || typeof definition.error !== "object")
      throw new InvalidOptionError("error", "an error measure { name, measure }", definition.error);
    validateStrictOptions(definition.error, errorRules, "a study error measure", "error.");
  }
  return definition;
}

function uniqueNames<T extends { readonly name: string }>(
  entries: readonly T[],
  option: string,
  check: (entry: T, prefix: string) => void,
): void {
  const names = new Set<string>();
  entries.forEach((entry, index) => {
    const prefix = `${option}[${index}].`;
    if (entry === null || typeof entry !== "object" || Array.isArray(entry))
      throw new InvalidOptionError(`${option}[${index}]`, "an object with a name", entry);
    check(entry, prefix);
    if (names.has(entry.name)) throw new InvalidOptionError(`${prefix}name`, "a name no other entry has", entry.name);
    names.add(entry.name);
  });
}

function checkGrid(grid: unknown, option: string): void {
  if (grid === undefined) return;
  if (grid === null || typeof grid !== "object" || Array.isArray(grid))
    throw new InvalidOptionError(option, "an object of option names to lists of values", grid);
  for (const [name, values] of Object.entries(grid)) {
    validateOption(`${option}.${name}`, values, nonEmptyArray);
    (values as readonly unknown[]).forEach((value, index) => {
      if (!isJsonData(value)) throw new InvalidOptionError(`${option}.${name}[${index}]`, "JSON data", value);
    });
  }
}

function isJsonData(value: unknown): boolean {
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isJsonData);
  if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype)
    return Object.values(value as object).every(isJsonData);
  return false;
}

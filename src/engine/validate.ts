import { closestName } from "./closest-name.js";
import { InvalidOptionError } from "./errors.js";
import { renamedOption } from "./renamed-options.js";

/**
 * One allowed range for an option: a predicate and the words that describe it in error messages.
 *
 * @remarks Build rules with {@link integerAtLeast}, {@link numberAtLeast}, {@link numberAbove},
 * {@link numberBetween} and {@link isFunction}; check them with {@link validateOption} or a whole
 * {@link OptionSchema} with {@link validateOptions}.
 */
export interface OptionRule {
  /** The allowed values in words, completing "must be ...", e.g. `an integer >= 0`. */
  readonly expected: string;
  /** Whether `value` is allowed. */
  test(value: unknown): boolean;
}

/**
 * A declarative list of rules by option name. An option whose rule is wrapped in {@link optional} may be
 * `undefined`.
 */
export type OptionSchema = Readonly<Record<string, OptionRule>>;

/**
 * A schema with exactly the option names of `T`: write `const rules = { ... } satisfies OptionSchemaOf<XOptions>`
 * and a name missing from the rules, or a rule for a name `XOptions` lacks, is a compile error, so the
 * names checked at run time (by {@link rejectUnknownOptions}) and the type stay in step.
 *
 * @typeParam T - The options type.
 */
export type OptionSchemaOf<T> = { readonly [K in keyof T]-?: OptionRule };

/**
 * An integer `>= min` (and `<= max` when given).
 *
 * @param min - The smallest allowed value.
 * @param max - The largest allowed value.
 * @returns The rule.
 */
export function integerAtLeast(min: number, max?: number): OptionRule {
  const expected = max === undefined ? `an integer >= ${min}` : `an integer in [${min}, ${max}]`;
  return {
    expected,
    test: (value) =>
      typeof value === "number" && Number.isInteger(value) && value >= min && (max === undefined || value <= max),
  };
}

/**
 * A number (not NaN) `>= min`. Infinity is allowed only when `allowInfinity` is true.
 *
 * @param min - The smallest allowed value.
 * @param allowInfinity - Whether `Infinity` is allowed.
 * @returns The rule.
 */
export function numberAtLeast(min: number, allowInfinity = false): OptionRule {
  return {
    expected: allowInfinity ? `a number >= ${min} or Infinity` : `a finite number >= ${min}`,
    test: (value) => typeof value === "number" && value >= min && (allowInfinity || Number.isFinite(value)),
  };
}

/**
 * A finite number strictly greater than `min`.
 *
 * @param min - The exclusive lower bound.
 * @returns The rule.
 */
export function numberAbove(min: number): OptionRule {
  return {
    expected: `a finite number > ${min}`,
    test: (value) => typeof value === "number" && Number.isFinite(value) && value > min,
  };
}

/**
 * A finite number in a range, with each end open or closed.
 *
 * @param min - Lower end.
 * @param max - Upper end.
 * @param ends - Which ends are included: `"[]"` (default), `"[)"`, `"(]"` or `"()"`.
 * @returns The rule.
 */
export function numberBetween(min: number, max: number, ends: "[]" | "[)" | "(]" | "()" = "[]"): OptionRule {
  const lowClosed = ends[0] === "[";
  const highClosed = ends[1] === "]";
  return {
    expected: `a number in ${ends[0]}${min}, ${max}${ends[1]}`,
    test: (value) =>
      typeof value === "number" &&
      (lowClosed ? value >= min : value > min) &&
      (highClosed ? value <= max : value < max),
  };
}

/**
 * One of a few allowed values, compared with `===`.
 *
 * @param values - The allowed values.
 * @returns The rule.
 */
export function oneOf(values: readonly (string | number | boolean)[]): OptionRule {
  return {
    expected: `one of ${values.map((value) => JSON.stringify(value)).join(", ")}`,
    test: (value) => values.includes(value as string | number | boolean),
  };
}

/** A function. */
export const isFunction: OptionRule = {
  expected: "a function",
  test: (value) => typeof value === "function",
};

/**
 * A strategy: a function carrying a string `label` (what names it in a solver's name), such as
 * `backtracking()`, `kmeansPlusPlus()` or `fromKMeans()`.
 *
 * @param expected - The allowed values in words, e.g. `a line search such as backtracking()`.
 * @returns The rule.
 */
export function labelledStrategy(expected: string): OptionRule {
  return {
    expected,
    test: (value) => typeof value === "function" && typeof (value as { label?: unknown }).label === "string",
  };
}

/** `true` or `false`. */
export const isBoolean: OptionRule = {
  expected: "a boolean",
  test: (value) => typeof value === "boolean",
};

/**
 * The same rule, but `undefined` is also allowed (the option was not given).
 *
 * @param rule - The rule for a given value.
 * @returns The relaxed rule.
 */
export function optional(rule: OptionRule): OptionRule {
  return { expected: rule.expected, test: (value) => value === undefined || rule.test(value) };
}

/**
 * Throws {@link iterlab!InvalidOptionError} unless `value` satisfies `rule`.
 *
 * @param option - The option's name as the caller wrote it.
 * @param value - The received value.
 * @param rule - The allowed range.
 * @throws {@link iterlab!InvalidOptionError} with the message `<option> must be <expected>, got <value>`.
 * @example
 * ```ts
 * validateOption("maxIterations", -1, integerAtLeast(0));
 * // throws: maxIterations must be an integer >= 0, got -1
 * ```
 */
export function validateOption(option: string, value: unknown, rule: OptionRule): void {
  if (!rule.test(value)) throw new InvalidOptionError(option, rule.expected, value);
}

/**
 * Checks every option named in `schema`, in the schema's order, and throws for the first that fails.
 *
 * @param options - The options object (only the properties named in the schema are read).
 * @param schema - The rule for each option.
 * @param prefix - Prepended to option names in messages, e.g. `"trace."`.
 * @throws {@link iterlab!InvalidOptionError} for the first option that does not satisfy its rule.
 */
export function validateOptions(options: object, schema: OptionSchema, prefix = ""): void {
  const values = options as Readonly<Record<string, unknown>>;
  for (const name in schema) {
    const rule = schema[name] as OptionRule;
    if (!rule.test(values[name])) throw new InvalidOptionError(prefix + name, rule.expected, values[name]);
  }
}

/** The names of each list that `rejectUnknownOptions` was given, as a set. */
const nameSets = new WeakMap<readonly string[], ReadonlySet<string>>();

function setOf(names: readonly string[]): ReadonlySet<string> {
  let set = nameSets.get(names);
  if (set === undefined) {
    set = new Set(names);
    nameSets.set(names, set);
  }
  return set;
}

/** Any value: for options that are checked elsewhere (by the code that uses them) but must still be named. */
export const anyValue: OptionRule = { expected: "any value", test: () => true };

/**
 * The usual symbols of textbooks and other libraries for options that iterlab spells out, offered as the
 * suggestion when the spelt-out name is an option of the function: `omega` finds `relaxation`.
 */
const conventionalNames: Readonly<Record<string, readonly string[]>> = {
  omega: ["relaxation"],
  lr: ["learningRate"],
  gamma: ["discount"],
  // SciPy's and PETSc's tolerances: rtol is relTolerance for the linear solvers, SciPy's brentq rtol otherwise.
  xtol: ["stepAbsTolerance"],
  rtol: ["relTolerance", "stepRelTolerance"],
  atol: ["absTolerance"],
  dtol: ["divergenceTolerance"],
};

/** Options that moved out of the functions that once took them, with where they went. */
const movedOptions: Readonly<Record<string, string>> = {
  threads:
    "threads is a run option now: solve(solver, problem, { threads }) or prepareProblem(solver, problem, { threads })",
};

/**
 * Throws {@link iterlab!InvalidOptionError} for the first property of `options` that is not a known option name,
 * naming the closest valid name. This is what makes every options object of the public API strict: a
 * misspelt name (`maxIteration`) in JavaScript, a JSON config or a spread object is an error, never a
 * silently ignored setting.
 *
 * @remarks Own enumerable string keys are checked; a key whose value is `undefined` is checked too (a
 * misspelt key is wrong whatever its value). The suggestion is the closest name ({@link closestName}), or
 * the option a conventional symbol stands for (`omega` for `relaxation`, `lr` for `learningRate`, `gamma`
 * for `discount`, SciPy's and PETSc's `xtol`, `rtol`, `atol`, `dtol` for the tolerances) when the function
 * takes it. A name of an earlier version says what it became: `epsilon is not an option of supNormRule;
 * epsilon was renamed absTolerance (the same epsilon-optimality)`. `undefined` or `null` options are allowed (no options);
 * anything else that is not a plain object is an error.
 * @param options - The options object as the caller passed it.
 * @param known - The valid names: a list, or a schema whose keys are the names.
 * @param owner - What the options are for, in messages, e.g. `iterate` or `sor`.
 * @param prefix - Prepended to names in messages, e.g. `"trace."`.
 * @throws {@link iterlab!InvalidOptionError} `maxIteration is not an option of iterate; did you mean maxIterations?
 *   (options: ...)`.
 * @example
 * ```ts
 * rejectUnknownOptions({ maxIteration: 5 }, ["maxIterations", "timeLimitMs"], "iterate");
 * // throws: maxIteration is not an option of iterate; did you mean maxIterations? (options: maxIterations, timeLimitMs)
 * ```
 */
export function rejectUnknownOptions(
  options: unknown,
  known: readonly string[] | OptionSchema,
  owner: string,
  prefix = "",
): void {
  if (options === undefined || options === null) return;
  if (typeof options !== "object" || Array.isArray(options)) {
    const what = prefix === "" ? `the options of ${owner}` : prefix.replace(/\.$/, "");
    throw new InvalidOptionError(what, "an object of named options", options);
  }
  // Every run checks its options here: a list's names are looked up in a set made once per list.
  const listed = Array.isArray(known) ? setOf(known as readonly string[]) : undefined;
  for (const key of Object.keys(options)) {
    if (listed === undefined ? Object.hasOwn(known, key) : listed.has(key)) continue;
    const names: readonly string[] = Array.isArray(known) ? known : Object.keys(known);
    if (Object.hasOwn(movedOptions, key)) {
      const message = `${prefix}${key} is not an option of ${owner}: ${movedOptions[key]}`;
      throw new InvalidOptionError(prefix + key, "a known option name", key, message);
    }
    const renamed = renamedOption(key, names, owner);
    const conventional = Object.hasOwn(conventionalNames, key) ? conventionalNames[key] : undefined;
    const suggestion = renamed?.to ?? conventional?.find((name) => names.includes(name)) ?? closestName(key, names);
    const hint =
      renamed !== undefined
        ? `; ${prefix}${renamed.hint}`
        : suggestion === undefined
          ? ""
          : `; did you mean ${prefix}${suggestion}?`;
    const list = names.length === 0 ? "it takes none" : `options: ${names.join(", ")}`;
    throw new InvalidOptionError(
      prefix + key,
      "a known option name",
      key,
      `${prefix}${key} is not an option of ${owner}${hint} (${list})`,
      suggestion,
    );
  }
}

/**
 * {@link rejectUnknownOptions} and then {@link validateOptions}: the one call for an options object whose
 * schema names every option.
 *
 * @param options - The options object.
 * @param schema - The rule for each option; names not in it are errors.
 * @param owner - What the options are for, in messages.
 * @param prefix - Prepended to option names in messages.
 * @throws {@link iterlab!InvalidOptionError} for an unknown name or the first option outside its range.
 */
export function validateStrictOptions(options: unknown, schema: OptionSchema, owner: string, prefix = ""): void {
  rejectUnknownOptions(options, schema, owner, prefix);
  validateOptions((options ?? {}) as object, schema, prefix);
}

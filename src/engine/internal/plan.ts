import type { Clock } from "../clock.js";
import { monotonicClock } from "../clock.js";
import { anyOf } from "../combine-criteria.js";
import type { Criterion } from "../criterion.js";
import { InvalidOptionError } from "../errors.js";
import type { Hooks } from "../hooks.js";
import { MAX_SEED } from "../random.js";
import type { RunOptions, Update } from "../run-options.js";
import type { TraceOptions } from "../trace.js";
import type { OptionRule, OptionSchema, OptionSchemaOf } from "../validate.js";
import {
  anyValue,
  integerAtLeast,
  isFunction,
  numberAtLeast,
  optional,
  rejectUnknownOptions,
  validateOption,
  validateOptions,
} from "../validate.js";

/** Run options after validation and defaults: what the run core reads. */
export interface RunPlan<S, R> {
  readonly update: Update<S>;
  readonly maxIterations: number;
  readonly maxEpochs: number | undefined;
  readonly epochLength: number | undefined;
  readonly convergence: Criterion<S> | undefined;
  readonly divergence: Criterion<S> | undefined;
  readonly timeLimitMs: number | undefined;
  readonly signal: AbortSignal | undefined;
  readonly hooks: readonly Hooks<S>[];
  readonly trace: { readonly record: (state: S) => R; readonly every: number; readonly maxLength: number } | undefined;
  readonly clock: Clock;
  readonly seed: number;
  readonly yieldEveryMs: number;
}

/** The defaults a trace gets when the caller gives none. */
export const defaultTraceMaxLength = 10_000;

/** The one declarative list of run option rules; every message in the docs comes from here. */
const runOptionRules = {
  update: isFunction,
  maxIterations: integerAtLeast(0),
  maxEpochs: optional(integerAtLeast(0)),
  epochLength: optional(integerAtLeast(1)),
  timeLimitMs: optional(numberAtLeast(0)),
  clock: optional(isFunction),
  seed: optional(integerAtLeast(0, MAX_SEED)),
  yieldEveryMs: optional(numberAtLeast(0)),
} satisfies OptionSchema;

/**
 * Checks every rule of {@link runOptionRules}, in its order, each option read by name: every run checks them,
 * and reads by a variable name (a loop over the rules) are megamorphic lookups, several times dearer.
 */
function checkRunOptionRules<S, R>(options: RunOptions<S, R>): void {
  const rules = runOptionRules;
  validateOption("update", options.update, rules.update);
  validateOption("maxIterations", options.maxIterations, rules.maxIterations);
  validateOption("maxEpochs", options.maxEpochs, rules.maxEpochs);
  validateOption("epochLength", options.epochLength, rules.epochLength);
  validateOption("timeLimitMs", options.timeLimitMs, rules.timeLimitMs);
  validateOption("clock", options.clock, rules.clock);
  validateOption("seed", options.seed, rules.seed);
  validateOption("yieldEveryMs", options.yieldEveryMs, rules.yieldEveryMs);
}

/** The hooks of a run without any (frozen: shared by every such run). */
const noHooks: readonly Hooks<never>[] = Object.freeze([]);

const traceRules = {
  record: optional(isFunction),
  every: optional(integerAtLeast(1)),
  maxLength: optional(integerAtLeast(2)),
} satisfies OptionSchemaOf<TraceOptions<unknown, unknown>>;

const hookRules = {
  onStart: optional(isFunction),
  onIteration: optional(isFunction),
  onEpochEnd: optional(isFunction),
  onStop: optional(isFunction),
} satisfies OptionSchemaOf<Hooks<unknown>>;

const criterionRule: OptionRule = {
  expected: "a criterion (an object with init, check and report methods) or a non-empty array of them",
  test: (value) =>
    value === undefined || (Array.isArray(value) ? value.length > 0 && value.every(isCriterion) : isCriterion(value)),
};

const signalRule: OptionRule = {
  expected: "an AbortSignal",
  test: (value) =>
    value === undefined ||
    (typeof value === "object" &&
      value !== null &&
      typeof (value as AbortSignal).aborted === "boolean" &&
      typeof (value as AbortSignal).addEventListener === "function"),
};

/**
 * Every run option name, in the order the error message lists them; the mapped type makes a missing or
 * extra name a compile error, so the runtime list and {@link RunOptions} stay in step.
 */
const runOptionNames = Object.keys({
  ...runOptionRules,
  converged: anyValue,
  diverged: anyValue,
  signal: anyValue,
  hooks: anyValue,
  trace: anyValue,
} satisfies OptionSchemaOf<RunOptions<unknown, unknown>>);

/**
 * The run option names that {@link solve} takes: those of `iterate` without `update`, plus `resumeFrom` and
 * `threads` and `kernelPool` (for the solver's `prepare`).
 */
export const solveOptionNames: readonly string[] = [
  ...runOptionNames.filter((name) => name !== "update"),
  "resumeFrom",
  "threads",
  "kernelPool",
];

/**
 * Validates run options and fills in defaults.
 *
 * @param options - What the caller passed.
 * @param defaultRecord - The trace record when the caller gives none.
 * @param owner - The function the options were passed to, for messages (`iterate`, `solve`, ...).
 * @param namesChecked - Whether `options` can only hold run option names: a solver run builds it itself from
 *   options whose names `solve` already checked, so the names are not checked again.
 * @throws {@link InvalidOptionError} for the first invalid option.
 */
export function planRun<S, R>(
  options: RunOptions<S, R>,
  defaultRecord: (state: S) => R,
  owner: string,
  namesChecked = false,
): RunPlan<S, R> {
  if (options === null || typeof options !== "object") throw new InvalidOptionError("options", "an object", options);
  if (!namesChecked) rejectUnknownOptions(options, runOptionNames, owner);
  checkRunOptionRules(options);
  if (options.maxEpochs !== undefined && options.epochLength === undefined) {
    throw new InvalidOptionError("epochLength", "an integer >= 1 when maxEpochs is given", undefined);
  }
  validateOption("converged", options.converged, criterionRule);
  validateOption("diverged", options.diverged, criterionRule);
  validateOption("signal", options.signal, signalRule);
  const hooks =
    options.hooks === undefined
      ? (noHooks as readonly Hooks<S>[])
      : Array.isArray(options.hooks)
        ? options.hooks
        : [options.hooks as Hooks<S>];
  for (let index = 0; index < hooks.length; index++) {
    const hook = hooks[index];
    const name = Array.isArray(options.hooks) ? `hooks[${index}]` : "hooks";
    if (hook === null || typeof hook !== "object")
      throw new InvalidOptionError(name, "an object of hook functions", hook);
    rejectUnknownOptions(hook, hookRules, owner, `${name}.`);
    validateOptions(hook, hookRules, `${name}.`);
  }

  const trace = options.trace;
  if (trace !== undefined && trace !== false) {
    if (trace === null || typeof trace !== "object") throw new InvalidOptionError("trace", "an object or false", trace);
    rejectUnknownOptions(trace, traceRules, owner, "trace.");
    validateOptions(trace, traceRules, "trace.");
  }
  return {
    update: options.update,
    maxIterations: options.maxIterations,
    maxEpochs: options.maxEpochs,
    epochLength: options.epochLength,
    convergence: combined(options.converged),
    divergence: combined(options.diverged),
    timeLimitMs: options.timeLimitMs,
    signal: options.signal,
    hooks,
    trace:
      trace === false
        ? undefined
        : {
            record: (trace as TraceOptions<S, R> | undefined)?.record ?? defaultRecord,
            every: trace?.every ?? 1,
            maxLength: trace?.maxLength ?? defaultTraceMaxLength,
          },
    clock: options.clock ?? monotonicClock,
    seed: options.seed ?? 0,
    yieldEveryMs: options.yieldEveryMs ?? 10,
  };
}

function combined<S>(tests: Criterion<S> | readonly Criterion<S>[] | undefined): Criterion<S> | undefined {
  if (tests === undefined) return undefined;
  if (!Array.isArray(tests)) return tests as Criterion<S>;
  return tests.length === 1 ? tests[0] : anyOf(...(tests as readonly Criterion<S>[]));
}

function isCriterion(value: unknown): boolean {
  const candidate = value as Criterion<unknown> | null;
  return (
    typeof candidate === "object" &&
    candidate !== null &&
    typeof candidate.init === "function" &&
    typeof candidate.check === "function" &&
    typeof candidate.report === "function"
  );
}

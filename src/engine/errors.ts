/**
 * The errors iterlab throws. Every one extends {@link IterlabError} and carries a `code`, so callers can
 * `switch (error.code)` instead of testing classes.
 *
 * Non-convergence is never an error: it is a {@link StopReason} on the result.
 */

/** The code of each error class, one per class. */
export type IterlabErrorCode =
  | "invalidOption"
  | "invalidProblem"
  | "step"
  | "hook"
  | "promiseInSyncDriver"
  | "checkpoint"
  | "backendUnavailable"
  | "disposed"
  | "optionalPartMissing";

/**
 * Base class of every error iterlab throws.
 *
 * @remarks Narrow with `error instanceof IterlabError` and then on `error.code`.
 */
export abstract class IterlabError extends Error {
  /** Which kind of error this is; one value per subclass. */
  abstract readonly code: IterlabErrorCode;
}

/**
 * Describes a received value for an error message: numbers as written (`NaN`, `-1`), strings quoted,
 * arrays and typed arrays by their kind and length, everything else by its type.
 *
 * @param value - The value the caller passed.
 * @returns A short, human-readable description.
 */
export function describeValue(value: unknown): string {
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
  if (value === undefined || value === null) return String(value);
  if (typeof value === "function") return "a function";
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) {
    const length = (value as unknown as { length?: number }).length ?? value.byteLength;
    return `a ${value.constructor.name} of length ${length}`;
  }
  if (value instanceof Promise) return "a Promise";
  return `an object (${Object.prototype.toString.call(value).slice(8, -1)})`;
}

/**
 * An option is missing, has the wrong type, or is outside its allowed range.
 *
 * @remarks The message always reads `<option> must be <expected>, got <received>`, for example
 * `maxIterations must be an integer >= 0, got -1`. Options are validated before the first step.
 */
export class InvalidOptionError extends IterlabError {
  /** Always `"invalidOption"`. */
  readonly code = "invalidOption" as const;
  /** The option's name as the caller wrote it, e.g. `maxIterations` or `trace.every`. */
  readonly option: string;
  /** The allowed values, in words, e.g. `an integer >= 0`. */
  readonly expected: string;
  /** The value that was received. */
  readonly received: unknown;

  /**
   * @param option - The option's name.
   * @param expected - The allowed values, in words.
   * @param received - The value that was received.
   */
  /** For an unknown option name: the closest valid name, when one is close enough to be a likely typo. */
  readonly suggestion: string | undefined;

  /**
   * @param option - The option's name.
   * @param expected - The allowed values, in words.
   * @param received - The value that was received.
   * @param message - The whole message, when it is not of the usual shape (unknown option names).
   * @param suggestion - The closest valid option name, for unknown names.
   */
  constructor(option: string, expected: string, received: unknown, message?: string, suggestion?: string) {
    super(message ?? `${option} must be ${expected}, got ${describeValue(received)}`);
    this.name = "InvalidOptionError";
    this.option = option;
    this.expected = expected;
    this.received = received;
    this.suggestion = suggestion;
  }
}

/**
 * A problem passed to a solver does not have the expected shape or content.
 *
 * @remarks Solvers throw it from `init`. The message names the offending part and reads
 * `<part> must be <expected>, got <received>`, for example `problem.x0 must be a non-empty array of finite
 * numbers, got an array of length 0`.
 */
export class InvalidProblemError extends IterlabError {
  /** Always `"invalidProblem"`. */
  readonly code = "invalidProblem" as const;
  /** The offending part of the problem, e.g. `problem.x0`. */
  readonly part: string;
  /** The expected shape, in words. */
  readonly expected: string;
  /** A description of what was received. */
  readonly receivedDescription: string;

  /**
   * @param part - The offending part of the problem.
   * @param expected - The expected shape, in words.
   * @param received - What was received: a value (described for you) or, with `describe: false`, a
   *   description already written.
   * @param describe - Whether `received` is a raw value to describe; `false` when it is a description.
   */
  constructor(part: string, expected: string, received: unknown, describe = true) {
    const description = describe ? describeValue(received) : String(received);
    super(`${part} must be ${expected}, got ${description}`);
    this.name = "InvalidProblemError";
    this.part = part;
    this.expected = expected;
    this.receivedDescription = description;
  }
}

/**
 * Where in a run user-supplied code failed: `init` (the solver's `init` or `prepare`), `update`, the
 * `divergence` and `convergence` tests, the `trace` record, or `settle` (the solver's `Solver.settle`, called
 * once on the last state).
 */
export type StepPhase = "init" | "update" | "divergence" | "convergence" | "trace" | "settle";

/**
 * User code called by the engine (the update rule, a solver's `init` or `settle`, a convergence or
 * divergence measure, a trace record) threw or rejected.
 *
 * @remarks The original error is `cause`. `iteration` is the index of the state the code was working on:
 * for `update` the state it was given, for the checks the state being checked.
 */
export class StepError extends IterlabError {
  /** Always `"step"`. */
  readonly code = "step" as const;
  /** Which part of the iteration failed. */
  readonly phase: StepPhase;
  /** The iteration being worked on. */
  readonly iteration: number;

  /**
   * @param phase - Which part of the iteration failed.
   * @param iteration - The iteration being worked on.
   * @param cause - What was thrown.
   */
  constructor(phase: StepPhase, iteration: number, cause: unknown) {
    super(`${phase} failed at iteration ${iteration}: ${messageOf(cause)}`, { cause });
    this.name = "StepError";
    this.phase = phase;
    this.iteration = iteration;
  }
}

/** The hook names, as they appear in {@link HookError.hook}. */
export type HookName = "onStart" | "onIteration" | "onEpochEnd" | "onStop";

/**
 * A hook threw or rejected. The run stops, `onStop` hooks still run, and then this error is thrown.
 */
export class HookError extends IterlabError {
  /** Always `"hook"`. */
  readonly code = "hook" as const;
  /** Which hook failed. */
  readonly hook: HookName;
  /** The iteration at which it failed. */
  readonly iteration: number;

  /**
   * @param hook - Which hook failed.
   * @param iteration - The iteration at which it failed.
   * @param cause - What was thrown.
   */
  constructor(hook: HookName, iteration: number, cause: unknown) {
    super(`hook ${hook} failed at iteration ${iteration}: ${messageOf(cause)}`, { cause });
    this.name = "HookError";
    this.hook = hook;
    this.iteration = iteration;
  }
}

/**
 * A Promise reached a synchronous driver (`iterate`, `solve`, `iterations`): the update rule or a hook is
 * asynchronous. Use the async driver (`iterateAsync`, `solveAsync`, `iterationsAsync`) instead.
 */
export class PromiseInSyncDriverError extends IterlabError {
  /** Always `"promiseInSyncDriver"`. */
  readonly code = "promiseInSyncDriver" as const;
  /** What returned the Promise: `update` or a hook name. */
  readonly source: "update" | HookName;
  /** The iteration at which it happened. */
  readonly iteration: number;

  /**
   * @param source - What returned the Promise.
   * @param iteration - The iteration at which it happened.
   */
  constructor(source: "update" | HookName, iteration: number) {
    const what = source === "update" ? "update" : `hook ${source}`;
    super(
      `${what} returned a Promise at iteration ${iteration}, which a synchronous driver cannot await; ` +
        "use the async driver (iterateAsync, solveAsync or iterationsAsync)",
    );
    this.name = "PromiseInSyncDriverError";
    this.source = source;
    this.iteration = iteration;
  }
}

/**
 * A checkpoint cannot be read, or does not match the run it is resumed into (different convergence tests,
 * epoch length or trace settings).
 */
export class CheckpointError extends IterlabError {
  /** Always `"checkpoint"`. */
  readonly code = "checkpoint" as const;

  /** @param message - What is wrong with the checkpoint. */
  constructor(message: string) {
    super(message);
    this.name = "CheckpointError";
  }
}

/**
 * Something that was disposed was used: a kernel binding after its prepared problem's `dispose` (its
 * workers ended and its memory dropped). Prepare the problem again (`prepareProblem`) to run it.
 */
export class DisposedError extends IterlabError {
  /** Always `"disposed"`. */
  readonly code = "disposed" as const;
  /** What was used after it was disposed, e.g. `kernel binding`. */
  readonly what: string;

  /** @param what - What was used after it was disposed. */
  constructor(what: string) {
    super(`the ${what} was disposed (its prepared problem's dispose ran); prepare the problem again to run it`);
    this.name = "DisposedError";
    this.what = what;
  }
}

/** The `message` of an Error, or the value as a string. */
function messageOf(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}

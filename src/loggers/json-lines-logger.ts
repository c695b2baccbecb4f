import type { CriterionReport } from "../engine/criterion.js";
import type { Hooks } from "../engine/hooks.js";
import type { OptionSchemaOf } from "../engine/validate.js";
import { anyValue, integerAtLeast, isFunction, optional, validateStrictOptions } from "../engine/validate.js";
import type { LogOutput } from "./log-output.js";

/** Options of {@link jsonLinesLogger}. */
export interface JsonLinesLoggerOptions<S> {
  /**
   * Log every `every`-th iteration (iteration 0 always), an integer >= 1.
   * @defaultValue `1`
   */
  readonly every?: number;
  /**
   * Extra quantities to include under `fields`.
   * @defaultValue none
   */
  readonly fields?: (state: S) => Readonly<Record<string, unknown>>;
  /**
   * Where to write.
   * @defaultValue `process.stdout`
   */
  readonly output?: LogOutput;
}

/**
 * A logger that writes one JSON object per line, for machines: a `start` line, an `iteration` line per
 * logged iteration, an `epochEnd` line per epoch and a `stop` line with the stop reason.
 *
 * @remarks Each iteration line has `iteration`, `epoch`, `elapsedMs`, `criteria` (label, value, tolerance,
 * met) and `fields`. Non-finite numbers are written as `null`, as JSON requires.
 * @typeParam S - The state type.
 * @param options - Period, extra fields, output.
 * @returns Hooks to pass as the `hooks` run option.
 * @throws {@link InvalidOptionError} for an invalid period or fields.
 */
export function jsonLinesLogger<S>(options: JsonLinesLoggerOptions<S> = {}): Hooks<S> {
  const rules = { every: optional(integerAtLeast(1)), fields: optional(isFunction), output: anyValue };
  validateStrictOptions(options, rules satisfies OptionSchemaOf<JsonLinesLoggerOptions<S>>, "jsonLinesLogger");
  const every = options.every ?? 1;
  const output = options.output ?? process.stdout;
  const write = (object: Record<string, unknown>): void => {
    output.write(
      `${JSON.stringify(object, (_key, value: unknown) => (ArrayBuffer.isView(value) ? Array.from(value as unknown as ArrayLike<number>) : value))}\n`,
    );
  };
  const criteria = (reports: readonly CriterionReport[]) =>
    reports.map(({ label, value, tolerance, met }) => ({ label, value: value ?? null, tolerance, met }));
  return {
    onStart(event) {
      write({
        event: "start",
        iteration: event.iteration,
        maxIterations: event.maxIterations,
        epochLength: event.epochLength ?? null,
        resumed: event.resumed,
      });
    },
    onIteration(event) {
      if (event.iteration % every !== 0 && event.stopReason === undefined) return;
      write({
        event: "iteration",
        iteration: event.iteration,
        epoch: event.epoch,
        elapsedMs: event.elapsedMs,
        criteria: criteria(event.criteria()),
        fields: options.fields?.(event.state) ?? {},
      });
    },
    onEpochEnd(event) {
      write({ event: "epochEnd", epoch: event.epoch, iteration: event.iteration, elapsedMs: event.elapsedMs });
    },
    onStop(event) {
      write({
        event: "stop",
        iteration: event.iteration,
        elapsedMs: event.elapsedMs,
        stopReason: event.stopReason ?? null,
        error:
          event.error === undefined ? null : event.error instanceof Error ? event.error.message : String(event.error),
        criteria: criteria(event.criteria()),
      });
    },
  };
}

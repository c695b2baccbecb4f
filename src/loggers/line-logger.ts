import { formatCriterion } from "../engine/criterion.js";
import { formatNumber } from "../engine/format-number.js";
import type { Hooks, IterationEvent } from "../engine/hooks.js";
import { describeStopReason } from "../engine/stop-reason.js";
import type { OptionSchemaOf } from "../engine/validate.js";
import { anyValue, integerAtLeast, isFunction, optional, validateStrictOptions } from "../engine/validate.js";
import type { LogOutput } from "./log-output.js";
import { standardError } from "./log-output.js";

/** Options of {@link lineLogger}. */
export interface LineLoggerOptions<S> {
  /**
   * Print every `every`-th iteration (iteration 0 always, and the iteration at which a test, the solver or
   * a hook stops the run); the summary line on stop covers a run that ends on a bound.
   * @defaultValue `1`
   */
  readonly every?: number;
  /**
   * Extra quantities to print, e.g. `s => ({ f: s.f })`.
   * @defaultValue none
   */
  readonly fields?: (state: S) => Readonly<Record<string, number | string>>;
  /**
   * Where to write.
   * @defaultValue `process.stderr`
   */
  readonly output?: LogOutput;
}

/**
 * A logger that prints one compact line per logged iteration and a summary when the run stops:
 *
 * ```text
 * iter     10  |grad| = 3.4e-3  f = 1.2e-5  (0.4 ms)
 * stop at 23: converged: |grad| = 3.1e-9 <= 1e-8 (met)
 * ```
 *
 * @typeParam S - The state type.
 * @param options - Period, extra fields, output.
 * @returns Hooks to pass as the `hooks` run option.
 * @throws {@link InvalidOptionError} for an invalid period or fields.
 */
export function lineLogger<S>(options: LineLoggerOptions<S> = {}): Hooks<S> {
  const rules = { every: optional(integerAtLeast(1)), fields: optional(isFunction), output: anyValue };
  validateStrictOptions(options, rules satisfies OptionSchemaOf<LineLoggerOptions<S>>, "lineLogger");
  const every = options.every ?? 1;
  const output = options.output ?? standardError();
  let lastLogged = -1;
  const line = (event: IterationEvent<S>): string => {
    const criteria = event
      .criteria()
      .map((report) =>
        report.value === undefined ? `${report.label} = n/a` : `${report.label} = ${formatNumber(report.value)}`,
      );
    const fields = Object.entries(options.fields?.(event.state) ?? {}).map(
      ([name, value]) => `${name} = ${typeof value === "number" ? formatNumber(value) : value}`,
    );
    const epoch = event.epochLength === undefined ? "" : ` (epoch ${event.epoch})`;
    return `iter ${String(event.iteration).padStart(6)}${epoch}  ${[...criteria, ...fields].join("  ")}  (${event.elapsedMs.toFixed(1)} ms)\n`;
  };
  return {
    onIteration(event) {
      if (event.iteration % every === 0 || event.stopReason !== undefined) {
        output.write(line(event));
        lastLogged = event.iteration;
      }
    },
    onStop(event) {
      if (event.stopReason === undefined) {
        output.write(
          `stop at ${event.iteration}: error: ${event.error instanceof Error ? event.error.message : String(event.error)}\n`,
        );
        return;
      }
      const unmet =
        lastLogged === event.iteration ? [] : event.criteria().map((report) => `  ${formatCriterion(report)}\n`);
      output.write(
        `stop at ${event.iteration}: ${describeStopReason(event.stopReason)} (${event.elapsedMs.toFixed(1)} ms)\n${unmet.join("")}`,
      );
    },
  };
}

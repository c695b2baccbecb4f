import type { SingleBar } from "cli-progress";
import { createRequire } from "node:module";
import { formatNumber } from "../engine/format-number.js";
import type { Hooks } from "../engine/hooks.js";
import { describeStopReason } from "../engine/stop-reason.js";
import type { OptionSchemaOf } from "../engine/validate.js";
import { anyValue, isBoolean, numberAtLeast, optional, validateStrictOptions } from "../engine/validate.js";
import type { LogOutput } from "./log-output.js";
import { standardError } from "./log-output.js";

/** Options of {@link progressBar}. */
export interface ProgressBarOptions {
  /**
   * Where to draw.
   * @defaultValue `process.stderr`
   */
  readonly output?: LogOutput;
  /**
   * Draw even when the output is not a terminal (then each redraw is a new line).
   * @defaultValue `false`
   */
  readonly force?: boolean;
  /**
   * The least time between redraws, in milliseconds.
   * @defaultValue `100`
   */
  readonly intervalMs?: number;
}

/** Loads cli-progress when a bar is first drawn, so importing the engine does not load it. */
const loadCliProgress = (): typeof import("cli-progress") =>
  createRequire(import.meta.url)("cli-progress") as typeof import("cli-progress");

const progressBarRules = {
  output: anyValue,
  force: optional(isBoolean),
  intervalMs: optional(numberAtLeast(0)),
} satisfies OptionSchemaOf<ProgressBarOptions>;

/**
 * A terminal progress bar (cli-progress) over the iteration bound, with the elapsed time, an ETA and the
 * first convergence test's current value; on stop it prints the stop reason.
 *
 * @remarks It draws only when the output is a terminal (or with `force`), and redraws at most every
 * `intervalMs`, so it costs one clock read per iteration. The ETA assumes the run goes to its bound; a run
 * that converges earlier simply ends sooner.
 * @typeParam S - The state type.
 * @param options - Output, forcing, redraw interval.
 * @returns Hooks to pass as the `hooks` run option.
 * @throws {@link InvalidOptionError} for an invalid option.
 */
export function progressBar<S>(options: ProgressBarOptions = {}): Hooks<S> {
  validateStrictOptions(options, progressBarRules, "progressBar");
  const output = options.output ?? standardError();
  const intervalMs = options.intervalMs ?? 100;
  let bar: SingleBar | undefined;
  let lastDraw = 0;
  return {
    onStart(event) {
      if (output.isTTY !== true && options.force !== true) return;
      bar = new (loadCliProgress().SingleBar)({
        stream: output as NodeJS.WritableStream,
        format:
          "{bar} {percentage}% | {value}/{total} iterations | {duration_formatted} elapsed, ETA {eta_formatted} | {criterion}",
        noTTYOutput: options.force === true,
        hideCursor: null,
        fps: 1000 / Math.max(intervalMs, 1),
        etaBuffer: 50,
      });
      bar.start(event.maxIterations, event.iteration, { criterion: "" });
      lastDraw = Date.now();
    },
    onIteration(event) {
      if (bar === undefined) return;
      const now = Date.now();
      if (now - lastDraw < intervalMs && event.stopReason === undefined) return;
      lastDraw = now;
      const first = event.criteria()[0];
      const criterion =
        first === undefined || first.value === undefined ? "" : `${first.label} = ${formatNumber(first.value)}`;
      bar.update(event.iteration, { criterion });
    },
    onStop(event) {
      if (bar === undefined) return;
      bar.update(event.iteration);
      bar.stop();
      bar = undefined;
      output.write(
        `${event.stopReason === undefined ? "stopped by an error" : describeStopReason(event.stopReason)}\n`,
      );
    },
  };
}

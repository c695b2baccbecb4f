import type { Hooks } from "../engine/hooks.js";

/**
 * A logger that logs nothing: the explicit choice where a logger is expected (the CLI's `--quiet`).
 *
 * @typeParam S - The state type.
 * @returns Empty hooks.
 */
export function silentLogger<S>(): Hooks<S> {
  return {};
}

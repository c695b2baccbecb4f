/**
 * A mistake in how the CLI was called (unknown solver or problem, a flag that does not apply, an unreadable
 * or malformed file): the CLI prints its one-line message with the usage and exits with code 2.
 */
export class UsageError extends Error {
  /** Always `"UsageError"`. */
  override readonly name = "UsageError";
}

import { closestName } from "../../index.js";
import { UsageError } from "./usage-error.js";

/**
 * The usage error for a name the CLI does not know (a solver, a problem, a data set): with the closest
 * known name when one is a likely typo (`unknown solver "gaus-seidel"; did you mean "gauss-seidel"?`),
 * else with the known names.
 *
 * @param what - What the name names, e.g. `solver`.
 * @param name - What the user typed.
 * @param known - The names that would have been accepted.
 * @returns The error, to throw.
 */
export function unknownNameError(what: string, name: string, known: readonly string[]): UsageError {
  const suggestion = closestName(name, known);
  if (suggestion !== undefined) return new UsageError(`unknown ${what} "${name}"; did you mean "${suggestion}"?`);
  return new UsageError(`unknown ${what} "${name}" (known: ${known.join(", ")})`);
}

import { equiprobablePolicy } from "../../../solvers/mdp/index.js";
import type { MdpProblem } from "../../../solvers/mdp/index.js";
import { InvalidProblemError } from "../../index.js";
import { UsageError } from "./usage-error.js";

/**
 * Checks an MDP as the solvers will (probabilities in [0, 1], rows summing to 1, terminal states and
 * allowed actions in range, the discount) before any solver runs, so that what is wrong is said in the
 * user's words: the discount as `--gamma` when the flag set it, anything else as the JSON key of the
 * `--input` file (`mdp.json: transitions[0][0][0] must be ...`), never as the solver's `problem.` path.
 *
 * @param problem - The MDP, with `--gamma` already applied.
 * @param source - Where it came from: the `--input` file, or `undefined` for a built-in problem.
 * @param gamma - `--gamma`, if given.
 * @throws UsageError naming the flag or the file's key.
 */
export function checkMdp(problem: MdpProblem, source: string | undefined, gamma: number | undefined): void {
  try {
    equiprobablePolicy(problem);
  } catch (error) {
    if (!(error instanceof InvalidProblemError) || !error.part.startsWith("problem")) throw error;
    const part = error.part.replace(/^problem\.?/, "");
    const what = `must be ${error.expected}, got ${error.receivedDescription}`;
    if (gamma !== undefined && part === "discount") throw new UsageError(`--gamma ${what}`);
    if (source === undefined) throw error;
    throw new UsageError(`${source}: ${part === "" ? "the MDP" : part} ${what}`);
  }
}

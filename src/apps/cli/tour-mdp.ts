import { solve } from "../../index.js";
import type { SolveResult } from "../../index.js";
import {
  frozenLake,
  frozenLakeMap8x8,
  gridworld5x5,
  inPlaceSweep,
  modifiedEvaluation,
  policyIteration,
  valueIteration,
} from "../../../solvers/mdp/index.js";
import type { MdpProblem } from "../../../solvers/mdp/index.js";
import type { TourEntry } from "./tour-entries.js";

/** `||V - V*||_inf`, with V* from exact policy iteration. */
function valueError(problem: MdpProblem, values: Float64Array): number {
  const star = solve(policyIteration(), problem).state.values;
  return Math.max(...Array.from(values, (value, s) => Math.abs(value - (star[s] as number))));
}

function entry(
  problemName: string,
  problem: () => MdpProblem,
  run: (problem: MdpProblem) => SolveResult<{ values: Float64Array }, unknown>,
): TourEntry {
  return {
    family: "MDP",
    problem: problemName,
    errorMeasure: "||V - V*||",
    run() {
      const mdp = problem();
      const result = run(mdp);
      return { result: result as SolveResult<unknown, unknown>, error: valueError(mdp, result.state.values) };
    },
  };
}

const lake = () => frozenLake({ map: frozenLakeMap8x8 });
const lakeName = "FrozenLake 8 x 8, gamma = 0.99";

/**
 * The MDP tour runs: value iteration (synchronous and in-place), policy iteration and modified policy
 * iteration on FrozenLake 8 x 8, so the table shows hundreds of sweeps against ten exact improvements; and
 * value iteration on Sutton & Barto's 5 x 5 gridworld (V* first row 22.0 24.4 22.0 19.4 17.5). Each run takes a
 * few tens of milliseconds.
 */
export const mdpTourEntries: readonly TourEntry[] = [
  entry(lakeName, lake, (mdp) => solve(valueIteration(), mdp)),
  entry(lakeName, lake, (mdp) => solve(valueIteration({ sweep: inPlaceSweep() }), mdp)),
  entry(lakeName, lake, (mdp) => solve(policyIteration(), mdp)),
  entry(lakeName, lake, (mdp) => solve(policyIteration({ evaluation: modifiedEvaluation({ sweeps: 20 }) }), mdp)),
  entry(
    "gridworld 5 x 5 (S & B Ex. 3.5)",
    () => gridworld5x5(),
    (mdp) => solve(valueIteration(), mdp),
  ),
];

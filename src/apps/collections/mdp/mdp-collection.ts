import {
  forestManagement,
  gridworld4x4,
  gridworld5x5,
  type MdpProblem,
  randomMdp,
} from "../../../../solvers/mdp/index.js";
import type { CollectionEntry, ProblemCollection } from "../types.js";
import { frozenLakeVariant } from "./frozen-lake-variant.js";

function entry(
  name: string,
  problem: MdpProblem,
  metadata: Readonly<Record<string, string | number | boolean>>,
): CollectionEntry<MdpProblem> {
  return {
    name,
    problem,
    dimension: problem.states,
    metadata: { states: problem.states, actions: problem.actions, discount: problem.discount, ...metadata },
  };
}

/**
 * Finite MDP families for value iteration, policy iteration and policy evaluation: Sutton and Barto's
 * gridworlds, FrozenLake at three sizes and three slip probabilities, pymdptoolbox's forest management at
 * three sizes, and seeded random MDPs from 100 to 10,000 states, dense and sparse.
 *
 * @remarks The entries (`metadata` gives states, actions, discount and each family's parameters):
 * - `gridworld-4x4` (episodic, discount 1, with a terminating `initialPolicy` for policy iteration) and
 *   `gridworld-5x5` (discount 0.9): Sutton and Barto, examples 4.1 and 3.5.
 * - `frozen-lake-<size>-slip<q>`: sizes 4 and 8 (Gymnasium's maps) with slip probabilities 0, 0.2 and 2/3
 *   (Gymnasium's slippery ice), and a 16 x 16 random map (seed 0) with 0.2; discount 0.99
 *   ({@link frozenLakeVariant}).
 * - `forest-<states>-p<p>`: 3 states (pymdptoolbox's default), 10 and 100 states, fire probability 0.1, and
 *   100 states with 0.01; discount 0.9.
 * - `random-<states>-<successors>`: 100 states dense, 1,000 states with 10 successors, 10,000 states with
 *   10 successors in a window of 100 (local), 4 actions, discount 0.9; and 1,000 states with 10 successors at
 *   discount 0.99, where value iteration needs about ten times the sweeps. Seed 1.
 *
 * No entry has a `solution`: optimal values have no closed form here; compare methods with each other (value
 * against policy iteration), as the MDP tests do.
 * @returns The collection (new problems each call).
 * @example
 * ```ts
 * for (const entry of mdpCollection().entries) solve(policyIteration(), entry.problem);
 * ```
 */
export function mdpCollection(): ProblemCollection<MdpProblem> {
  const lakes = [4, 8].flatMap((size) =>
    [0, 0.2, 2 / 3].map((slip) => {
      const label = slip === 2 / 3 ? "0.667" : String(slip);
      const { problem } = frozenLakeVariant({ size, slipProbability: slip });
      return entry(`frozen-lake-${size}-slip${label}`, problem, { family: "frozen-lake", size, slipProbability: slip });
    }),
  );
  const bigLake = frozenLakeVariant({ size: 16, slipProbability: 0.2, seed: 0 }).problem;
  return {
    name: "mdp-families",
    description:
      "Gridworlds, FrozenLake sizes and slip probabilities, forest management and random MDPs of given size and sparsity.",
    entries: [
      // Undiscounted: policy iteration needs a first policy that terminates. Up in column 0, left elsewhere
      // (actions left, down, right, up) reaches the terminal corner 0 from every state.
      entry(
        "gridworld-4x4",
        { ...gridworld4x4(), initialPolicy: Array.from({ length: 16 }, (_, s) => (s % 4 === 0 ? 3 : 0)) },
        { family: "gridworld" },
      ),
      entry("gridworld-5x5", gridworld5x5(), { family: "gridworld" }),
      ...lakes,
      entry("frozen-lake-16-slip0.2", bigLake, { family: "frozen-lake", size: 16, slipProbability: 0.2, seed: 0 }),
      ...[
        [3, 0.1],
        [10, 0.1],
        [100, 0.1],
        [100, 0.01],
      ].map(([states, p]) =>
        entry(`forest-${states}-p${p}`, forestManagement({ states: states as number, p: p as number }), {
          family: "forest",
          fireProbability: p as number,
        }),
      ),
      entry("random-100-dense", randomMdp({ states: 100, actions: 4, seed: 1 }), { family: "random", successors: 100 }),
      entry("random-1000-10", randomMdp({ states: 1000, actions: 4, successors: 10, seed: 1 }), {
        family: "random",
        successors: 10,
      }),
      entry(
        "random-10000-10-local",
        randomMdp({ states: 10_000, actions: 4, successors: 10, successorWindow: 100, seed: 1 }),
        { family: "random", successors: 10, successorWindow: 100 },
      ),
      entry(
        "random-1000-10-discount0.99",
        randomMdp({ states: 1000, actions: 4, successors: 10, discount: 0.99, seed: 1 }),
        { family: "random", successors: 10 },
      ),
    ],
  };
}

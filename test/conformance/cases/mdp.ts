import { expect } from "vitest";
import { prepareProblem } from "../../../src/index.js";
import {
  equiprobablePolicy,
  evaluatePolicy,
  forestManagement,
  frozenLake,
  gridworld4x4,
  gridworld5x5,
  inPlaceSweep,
  modifiedEvaluation,
  policyEvaluation,
  policyIteration,
  valueIteration,
} from "../../../solvers/mdp/index.js";
import type { MdpProblem } from "../../../solvers/mdp/index.js";
import type { ConformanceCase } from "../case.js";
import { madeBy } from "../case.js";
import { deepFreeze } from "../../fixtures/problems.js";

// The option names each factory documents (the strict-options test checks its error lists exactly these).
const valueIterationNames = ["sweep", "stoppingRule", "maxIterations"] as const;
const policyIterationNames = ["evaluation", "absTolerance", "maxIterations"] as const;
const policyEvaluationNames = ["inPlace", "stoppingRule", "maxIterations"] as const;

// Fixtures: the environments' plain nested arrays, frozen all the way down. The reference V* is policy
// iteration's exact solve, computed on an unfrozen copy.

const supDistance = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  Math.max(...Array.from(a, (x, i) => Math.abs(x - (b[i] as number))));
const grid = deepFreeze(gridworld5x5());
const lake = deepFreeze(frozenLake());
const forest = deepFreeze(forestManagement({ states: 6, discount: 0.95 }));
const small = gridworld4x4();
const evaluation = deepFreeze({ mdp: small, policy: equiprobablePolicy(small) });

/** V* of each fixture, from unfrozen copies, by the direct solve of the optimal policy. */
const optimalValues = (problem: MdpProblem) => {
  const copy = structuredClone(problem) as MdpProblem;
  const policy = prepareProblem(policyIteration(), copy).prepared.initialPolicy;
  let current = Array.from(policy);
  for (let k = 0; k < 50; k++) {
    // Improvement by exhaustive comparison of action values, written out independently of the solver.
    const values = evaluatePolicy(copy, current);
    const next = current.map((action, s) => {
      if (action < 0) return action;
      let best = action;
      let bestValue = -Infinity;
      for (let a = 0; a < copy.actions; a++) {
        const row = (copy.transitions as number[][][])[a]?.[s] as number[];
        const q =
          ((copy.rewards as number[][])[s]?.[a] as number) +
          copy.discount * row.reduce((sum, p, t) => sum + p * (values[t] as number), 0);
        if (q > bestValue + 1e-12) [best, bestValue] = [a, q];
      }
      return best;
    });
    if (next.every((a, s) => a === current[s])) return values;
    current = next;
  }
  throw new Error("reference policy iteration did not converge");
};
const gridStar = optimalValues(grid);
const lakeStar = optimalValues(lake);
const forestStar = optimalValues(forest);

/** Conformance cases of the MDP solvers: each on a frozen plain-array fixture with a known V*. */
export const mdpCases: readonly ConformanceCase[] = [
  {
    name: "value iteration (synchronous) on Sutton & Barto's 5 x 5 gridworld",
    ...madeBy(valueIteration, {}, valueIterationNames),
    problem: grid,
    check: (result) => {
      expect(supDistance(result.state.values, gridStar)).toBeLessThanOrEqual(0.005);
      expect(result.state.values[0]).toBeCloseTo(22.0, 1);
    },
  },
  {
    name: "value iteration (in-place) on FrozenLake 4 x 4",
    ...madeBy(valueIteration, { sweep: inPlaceSweep() }, valueIterationNames),
    problem: lake,
    check: (result) => expect(supDistance(result.state.values, lakeStar)).toBeLessThanOrEqual(0.005),
  },
  {
    name: "policy iteration (exact) on the forest problem",
    ...madeBy(policyIteration, {}, policyIterationNames),
    problem: forest,
    check: (result) => expect(supDistance(result.state.values, forestStar)).toBeLessThan(1e-9),
  },
  {
    name: "modified policy iteration (m = 5) on FrozenLake 4 x 4",
    ...madeBy(policyIteration, { evaluation: modifiedEvaluation() }, policyIterationNames),
    problem: lake,
    check: (result) => expect(supDistance(result.state.values, lakeStar)).toBeLessThanOrEqual(0.01),
  },
  {
    name: "policy evaluation of the equiprobable policy on the 4 x 4 gridworld",
    ...madeBy(policyEvaluation, {}, policyEvaluationNames),
    problem: evaluation,
    check: (result) =>
      expect(
        supDistance(result.state.values, [0, -14, -20, -22, -14, -18, -20, -20, -20, -20, -18, -14, -22, -20, -14, 0]),
      ).toBeLessThan(1e-6),
  },
];

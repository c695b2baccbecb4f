/**
 * Iterative policy evaluation on Sutton & Barto's 4 x 4 gridworld (Example 4.1), sweep by sweep, with the
 * step-through iterator: the equiprobable random policy's values at k = 0, 1, 2, 3, 10 and at convergence
 * (Figure 4.1), and the greedy policy of each.
 *
 * Run: npx tsx examples/gridworld-policy-evaluation.ts
 *
 * Already at k = 3 the greedy policy with respect to the random policy's values is optimal, long before the
 * values themselves have converged: why policy iteration needs so few steps.
 */
import { solveIterations } from "../src/index.js";
import { formatNumber } from "../src/engine/internals.js";
import { equiprobablePolicy, greedyPolicy, gridworld4x4, policyEvaluation, renderGrid } from "../solvers/mdp/index.js";
import { runIfMain } from "./run-if-main.js";

export function main(print: (line: string) => void = console.log) {
  const mdp = gridworld4x4();
  const policy = equiprobablePolicy(mdp);
  const shown = new Set([0, 1, 2, 3, 10]);
  const snapshots = new Map<number, number[]>();
  let final: number[] = [];
  let iterations = 0;
  for (const event of solveIterations(policyEvaluation(), { mdp, policy })) {
    const values = Array.from(event.state.values);
    if (shown.has(event.iteration) || event.stopReason !== undefined) {
      snapshots.set(event.iteration, values);
      const title =
        event.stopReason === undefined
          ? `k = ${event.iteration}`
          : `k = ${event.iteration} (converged, ||dV|| = ${formatNumber(event.state.change)})`;
      print(title);
      print(renderGrid({ rows: 4, columns: 4, values, policy: greedyPolicy(mdp, values), digits: 1 }));
      print("");
    }
    final = values;
    iterations = event.iteration;
  }
  return { snapshots, final, iterations };
}

runIfMain(import.meta.url, main);

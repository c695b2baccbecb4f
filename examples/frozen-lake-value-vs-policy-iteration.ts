/**
 * Value iteration against policy iteration and modified policy iteration on FrozenLake 8 x 8 (slippery,
 * gamma = 0.99): iterations, sweeps over the transitions, time and the distance to V*.
 *
 * Run: npx tsx examples/frozen-lake-value-vs-policy-iteration.ts
 *
 * Value iteration contracts by gamma per sweep, so it needs hundreds of cheap sweeps; policy iteration solves
 * each policy's values exactly and stops after a handful of improvements; modified policy iteration sits in
 * between, with m evaluation sweeps per improvement.
 */
import { formatNumber, solve } from "../src/index.js";
import type { SolveResult } from "../src/index.js";
import {
  evaluatePolicy,
  frozenLake,
  frozenLakeMap8x8,
  greedyPolicy,
  inPlaceSweep,
  iterativeEvaluation,
  modifiedEvaluation,
  policyIteration,
  renderGrid,
  valueIteration,
} from "../solvers/mdp/index.js";
import { runIfMain } from "./run-if-main.js";

/** One row of the comparison. */
export interface ComparisonRow {
  readonly method: string;
  readonly iterations: number;
  /** Passes over the transitions: value-iteration sweeps, or improvements plus evaluation sweeps. */
  readonly sweeps: number;
  readonly milliseconds: number;
  /** `||V - V*||_inf`. */
  readonly valueError: number;
  /** `||V^pi - V*||_inf` for the returned (greedy) policy. */
  readonly policyLoss: number;
}

export function main(print: (line: string) => void = console.log) {
  const problem = frozenLake({ map: frozenLakeMap8x8 });
  const absTolerance = 1e-4;
  const runs: [
    string,
    () => SolveResult<{ values: Float64Array }, unknown>,
    (r: SolveResult<never, unknown>) => number,
  ][] = [
    ["value iteration (synchronous)", () => solve(valueIteration(), problem), (r) => r.iterations],
    [
      "value iteration (in-place)",
      () => solve(valueIteration({ sweep: inPlaceSweep() }), problem),
      (r) => r.iterations,
    ],
    ["policy iteration (exact, LU)", () => solve(policyIteration(), problem), (r) => r.iterations],
    [
      "policy iteration (iterative, 1e-8)",
      () => solve(policyIteration({ evaluation: iterativeEvaluation(), absTolerance }), problem),
      (r) => r.iterations + (r.state as { totalSweeps: number }).totalSweeps,
    ],
    [
      "modified policy iteration (m = 5)",
      () => solve(policyIteration({ evaluation: modifiedEvaluation({ sweeps: 5 }), absTolerance }), problem),
      (r) => r.iterations + (r.state as { totalSweeps: number }).totalSweeps,
    ],
    [
      "modified policy iteration (m = 20)",
      () => solve(policyIteration({ evaluation: modifiedEvaluation({ sweeps: 20 }), absTolerance }), problem),
      (r) => r.iterations + (r.state as { totalSweeps: number }).totalSweeps,
    ],
  ];
  const star = solve(policyIteration(), problem).state.values;
  const distance = (values: ArrayLike<number>) =>
    Math.max(...Array.from(values, (v, s) => Math.abs(v - (star[s] as number))));
  const rows: ComparisonRow[] = runs.map(([method, run, sweeps]) => {
    const started = performance.now();
    const result = run();
    const milliseconds = performance.now() - started;
    const policy = greedyPolicy(problem, result.state.values);
    return {
      method,
      iterations: result.iterations,
      sweeps: sweeps(result as SolveResult<never, unknown>),
      milliseconds,
      valueError: distance(result.state.values),
      policyLoss: distance(evaluatePolicy(problem, policy)),
    };
  });
  print("FrozenLake 8 x 8, slippery, gamma = 0.99 (sup-norm rule eps = 0.01 for value iteration)");
  print(
    `${"method".padEnd(36)} ${"iterations".padStart(10)} ${"sweeps".padStart(7)} ${"time".padStart(9)}  ||V - V*||  policy loss`,
  );
  for (const row of rows) {
    print(
      `${row.method.padEnd(36)} ${String(row.iterations).padStart(10)} ${String(row.sweeps).padStart(7)} ${`${row.milliseconds.toFixed(1)} ms`.padStart(9)}  ${formatNumber(row.valueError).padStart(10)}  ${formatNumber(row.policyLoss)}`,
    );
  }
  const labels = frozenLakeMap8x8
    .join("")
    .split("")
    .map((c) => (c === "H" || c === "G" ? c : ""));
  const optimalPolicy = solve(policyIteration(), problem).state.policy;
  print("");
  print("V* and the optimal policy (H holes, G goal):");
  print(renderGrid({ rows: 8, columns: 8, values: star, policy: optimalPolicy, labels, digits: 2 }));
  return { rows, start: star[0] as number };
}

runIfMain(import.meta.url, main);

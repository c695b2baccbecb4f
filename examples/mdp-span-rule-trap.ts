/**
 * pymdptoolbox's value-iteration trap, reproduced: its span stopping rule certifies the policy but not the
 * values. On its forest problem (gamma = 0.96) the span rule stops after 4 sweeps with values 5.9 to 13.4,
 * while V* is 74.6 to 82.1; the sup-norm rule (iterlab's default) runs until the values are within eps / 2.
 *
 * Run: npx tsx examples/mdp-span-rule-trap.ts
 */
import { describeStopReason, formatNumber, solve } from "../src/index.js";
import {
  forestManagement,
  greedyPolicy,
  policyIteration,
  spanRule,
  supNormRule,
  valueIteration,
  valueIterationBound,
} from "../solvers/mdp/index.js";
import { runIfMain } from "./run-if-main.js";

export function main(print: (line: string) => void = console.log) {
  const forest = forestManagement({ discount: 0.96 });
  const star = solve(policyIteration(), forest).state.values;
  const error = (values: Float64Array) => Math.max(...Array.from(values, (v, s) => Math.abs(v - (star[s] as number))));
  const span = solve(valueIteration({ stoppingRule: spanRule({ absTolerance: 0.01 }) }), forest);
  const sup = solve(valueIteration({ stoppingRule: supNormRule({ absTolerance: 0.01 }) }), forest);
  const bound = valueIterationBound(0.96, 0.01, 4);
  const format = (values: Float64Array) => Array.from(values, (v) => v.toFixed(2)).join(", ");
  print(`V* (policy iteration):        (${format(star)})`);
  print(
    `span rule:     ${String(span.iterations).padStart(3)} sweeps, V = (${format(span.state.values)}), ||V - V*|| = ${formatNumber(error(span.state.values))}  [${describeStopReason(span.stopReason)}]`,
  );
  print(
    `sup-norm rule: ${String(sup.iterations).padStart(3)} sweeps, V = (${format(sup.state.values)}), ||V - V*|| = ${formatNumber(error(sup.state.values))}  [${describeStopReason(sup.stopReason)}]`,
  );
  print(
    `valueIterationBound(0.96, 0.01, 4) = ${bound} sweeps guarantee the sup-norm rule; both greedy policies: ${Array.from(greedyPolicy(forest, span.state.values)).join(" ")} / ${Array.from(greedyPolicy(forest, sup.state.values)).join(" ")}`,
  );
  return {
    span: {
      iterations: span.iterations,
      error: error(span.state.values),
      policy: Array.from(greedyPolicy(forest, span.state.values)),
    },
    sup: {
      iterations: sup.iterations,
      error: error(sup.state.values),
      policy: Array.from(greedyPolicy(forest, sup.state.values)),
    },
    optimalPolicy: Array.from(solve(policyIteration(), forest).state.policy),
    bound,
  };
}

runIfMain(import.meta.url, main);

/**
 * Stepping through a run one iteration at a time, the way a lecture does it on the board.
 *
 * Run: npx tsx examples/step-through.ts
 *
 * `iterations()` (and `solveIterations()` for solvers) is a generator: each `next()` computes one more
 * iteration and hands you its event (state, counters, stopping tests). Breaking out of the loop ends the run
 * cleanly (reason `stopRequested`, source `consumer`, and the `onStop` hooks still run).
 */
import { formatCriterion, solveIterations } from "../src/index.js";
import { formatNumber } from "../src/engine/internals.js";
import { fixedPoint } from "../solvers/fixed-point/index.js";
import { runIfMain } from "./run-if-main.js";

export function main(print: (line: string) => void = console.log) {
  // Heron's method for sqrt(2) is the fixed-point iteration x = (x + 2 / x) / 2: quadratic convergence.
  const steps = solveIterations(fixedPoint({ absTolerance: 0 }), { map: (x: number) => (x + 2 / x) / 2, x0: 1 });
  const seen: number[] = [];
  for (const event of steps) {
    const error = Math.abs(event.state.x - Math.SQRT2);
    const tests = event.criteria().map(formatCriterion).join("; ");
    print(
      `iteration ${event.iteration}: x = ${event.state.x.toFixed(16)}, |x - sqrt 2| = ${formatNumber(error)}  [${tests}]`,
    );
    seen.push(event.state.x);
    if (event.stopReason !== undefined) print(`stop: ${event.stopReason.kind}`);
  }

  // Leaving early: the run ends with stopRequested, as if a hook had asked.
  const early = solveIterations(fixedPoint(), { map: Math.cos, x0: 1 });
  for (const event of early) if (event.iteration === 3) break;
  return { iterates: seen };
}

runIfMain(import.meta.url, main);

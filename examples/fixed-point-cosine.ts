/**
 * Fixed-point iteration on x = cos x: watch a linear rate appear, then remove it with relaxation.
 *
 * Run: npx tsx examples/fixed-point-cosine.ts
 *
 * Banach's theorem says x_{k+1} = g(x_k) converges when |g'(x*)| < 1, with e_{k+1} ~ |g'(x*)| e_k. For
 * g = cos the rate is sin(x*) = 0.674: each step gains 0.17 decimal digits. Relaxing the step,
 * x_{k+1} = (1 - w) x_k + w g(x_k), changes the rate to |1 - w + w g'(x*)|, which is 0 for
 * w = 1 / (1 - g'(x*)): the linear term cancels and convergence becomes quadratic.
 */
import { solve } from "../src/index.js";
import { formatNumber } from "../src/engine/internals.js";
import { fixedPoint } from "../solvers/fixed-point/index.js";
import { runIfMain } from "./run-if-main.js";

export function main(print: (line: string) => void = console.log) {
  const dottie = 0.7390851332151607; // the solution of x = cos x
  const problem = { map: Math.cos, x0: 1 };

  const plain = solve(fixedPoint({ absTolerance: 1e-15 }), problem);
  print(`plain iteration: ${plain.iterations} iterations to x = ${plain.state.x}`);
  print("  k   x_k                   |x_k - x*|   step ratio (-> sin x* = 0.674)");
  for (const { iteration, record } of plain.trace.entries.filter((entry) => entry.iteration % 10 === 0)) {
    const ratio = record.stepRatio === undefined ? "" : record.stepRatio.toFixed(4);
    print(
      `  ${String(iteration).padStart(2)}  ${record.x.toFixed(16)}  ${formatNumber(Math.abs(record.x - dottie)).padEnd(10)}  ${ratio}`,
    );
  }

  const omega = 1 / (1 + Math.sin(dottie));
  const relaxed = solve(fixedPoint({ absTolerance: 1e-15, relaxation: omega }), problem);
  print(`\nrelaxed with omega = 1 / (1 + sin x*) = ${omega.toFixed(4)}: ${relaxed.iterations} iterations`);
  for (const { iteration, record } of relaxed.trace.entries) {
    print(`  ${String(iteration).padStart(2)}  ${record.x.toFixed(16)}  ${formatNumber(Math.abs(record.x - dottie))}`);
  }
  return { plainIterations: plain.iterations, relaxedIterations: relaxed.iterations, x: relaxed.state.x };
}

runIfMain(import.meta.url, main);

/**
 * Writing your own solver: power iteration for the dominant eigenvalue, in 25 lines.
 *
 * Run: npx tsx examples/custom-solver.ts
 *
 * A solver is data plus pure functions: `init` builds iteration 0 from the problem, `step` computes the
 * next state, `record` says what the trace keeps, and `convergence` is its default stopping test. The
 * engine does the rest: counting, stopping, hooks, traces, checkpoints, the same way as for every
 * built-in solver. Power iteration converges linearly at the rate |lambda_2 / lambda_1|.
 */
import { absChange, solve } from "../src/index.js";
import type { Solver } from "../src/index.js";
import { runIfMain } from "./run-if-main.js";

interface EigenProblem {
  readonly matrix: readonly (readonly number[])[];
}
interface EigenState {
  readonly vector: Float64Array;
  readonly eigenvalue: number;
}

function multiply(matrix: EigenProblem["matrix"], vector: Float64Array): Float64Array {
  return Float64Array.from(matrix, (row) => row.reduce((sum, entry, j) => sum + entry * (vector[j] as number), 0));
}

export const powerIteration: Solver<EigenProblem, EigenState, number> = {
  name: "power iteration",
  maxIterations: 1000,
  convergence: absChange((state: EigenState) => state.eigenvalue, 1e-12, { name: "lambda" }),
  init: (problem) => ({ vector: Float64Array.from(problem.matrix, (_, i) => (i === 0 ? 1 : 0)), eigenvalue: 0 }),
  step(problem, state) {
    const next = multiply(problem.matrix, state.vector);
    const eigenvalue = next.reduce((sum, value, i) => sum + value * (state.vector[i] as number), 0) / state.vector.reduce((sum, v) => sum + v * v, 0);
    const scale = Math.hypot(...next);
    return { vector: next.map((value) => value / scale), eigenvalue };
  },
  record: (state) => state.eigenvalue,
};

export function main(print: (line: string) => void = console.log) {
  // Eigenvalues 4, 2 and 1. From e1 the vector's error shrinks by |2 / 4| per iteration, and for a
  // symmetric matrix the Rayleigh quotient's error by its square, 1/4.
  const matrix = [
    [3, 1, 0],
    [1, 3, 0],
    [0, 0, 1],
  ];
  const result = solve(powerIteration, { matrix });
  print(`${result.solver}: lambda = ${result.state.eigenvalue} after ${result.iterations} iterations (${result.stopReason.kind})`);
  const errors = result.trace.entries.map((entry) => Math.abs(entry.record - 4)).filter((error) => error > 1e-14);
  const ratios = errors.slice(1).map((error, k) => error / (errors[k] as number));
  print(`error ratio in the last steps: ${ratios.slice(-3).map((ratio) => ratio.toFixed(3)).join(", ")} (theory: (2/4)^2 = 0.25)`);
  return { eigenvalue: result.state.eigenvalue, iterations: result.iterations, lastRatio: ratios.at(-1) };
}

runIfMain(import.meta.url, main);

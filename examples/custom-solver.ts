/**
 * Writing your own solver: power iteration for the dominant eigenvalue, in 35 lines.
 *
 * Run: npx tsx examples/custom-solver.ts
 *
 * A solver is data plus pure functions: `prepare` does the work needed once per problem (here: check that
 * the matrix is square and flatten it to a typed array), `init` builds iteration 0 from the prepared
 * problem, `step` computes the next state, `record` says what the trace keeps, and `convergence` is its
 * default stopping test. The engine does the rest: counting, stopping, hooks, traces, checkpoints, the same
 * way as for every built-in solver. One run goes problem -> prepare -> init -> step ... -> (dispose, for a
 * solver whose prepare acquires kernels or workers; this one has nothing to free). `prepareProblem` keeps a
 * prepared problem for many runs. Power iteration converges linearly at the rate |lambda_2 / lambda_1|.
 */
import { absChange, InvalidProblemError, prepareProblem, solve } from "../src/index.js";
import type { Solver } from "../src/index.js";
import { runIfMain } from "./run-if-main.js";

interface EigenProblem {
  readonly matrix: readonly (readonly number[])[];
}
interface EigenState {
  readonly vector: Float64Array;
  readonly eigenvalue: number;
}

/** The matrix once per problem: n and its entries, row-major (never part of a state or a checkpoint). */
interface PreparedEigen {
  readonly n: number;
  readonly entries: Float64Array;
}

function multiply({ n, entries }: PreparedEigen, vector: Float64Array): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let j = 0; j < n; j++) sum += (entries[i * n + j] as number) * (vector[j] as number);
    out[i] = sum;
  }
  return out;
}

export const powerIteration: Solver<EigenProblem, EigenState, number, PreparedEigen> = {
  name: "power iteration",
  maxIterations: 1000,
  convergence: absChange((state: EigenState) => state.eigenvalue, 1e-12, { name: "lambda" }),
  prepare({ matrix }) {
    const n = matrix.length;
    const row = matrix.findIndex((entries) => entries.length !== n);
    if (row >= 0) throw new InvalidProblemError(`problem.matrix[${row}]`, `a row of ${n} numbers`, matrix[row]);
    return { n, entries: Float64Array.from(matrix.flat()) };
  },
  init: ({ n }) => ({ vector: Float64Array.from({ length: n }, (_, i) => (i === 0 ? 1 : 0)), eigenvalue: 0 }),
  step(prepared, state) {
    const next = multiply(prepared, state.vector);
    const eigenvalue =
      next.reduce((sum, value, i) => sum + value * (state.vector[i] as number), 0) /
      state.vector.reduce((sum, v) => sum + v * v, 0);
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
  print(
    `${result.solver}: lambda = ${result.state.eigenvalue} after ${result.iterations} iterations (${result.stopReason.kind})`,
  );
  const errors = result.trace.entries.map((entry) => Math.abs(entry.record - 4)).filter((error) => error > 1e-14);
  const ratios = errors.slice(1).map((error, k) => error / (errors[k] as number));
  print(
    `error ratio in the last steps: ${ratios
      .slice(-3)
      .map((ratio) => ratio.toFixed(3))
      .join(", ")} (theory: (2/4)^2 = 0.25)`,
  );
  // One problem, many runs: prepare once, then solve with the handle (here: several tolerances).
  using prepared = prepareProblem(powerIteration, { matrix });
  const loose = solve(powerIteration, prepared, { converged: absChange((s: EigenState) => s.eigenvalue, 1e-4) });
  const looseLambda = loose.state.eigenvalue.toFixed(4);
  print(`the same prepared problem to 1e-4: lambda = ${looseLambda} after ${loose.iterations} iterations`);
  return { eigenvalue: result.state.eigenvalue, iterations: result.iterations, lastRatio: ratios.at(-1) };
}

runIfMain(import.meta.url, main);

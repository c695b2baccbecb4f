/**
 * L-BFGS, BFGS and Newton's method on one objective, in one compare() call each: Rosenbrock's function in
 * 2-D, then the extended Rosenbrock function with 500 unknowns.
 *
 * Run: npx tsx examples/rosenbrock-lbfgs-bfgs-newton.ts
 *
 * Newton's method needs the Hessian and an O(n^3) factorisation per iteration and takes the fewest
 * iterations. BFGS builds an n x n inverse-Hessian approximation from gradients (O(n^2) per iteration);
 * L-BFGS keeps only the last m = 10 pairs (s, y) (O(m n) per iteration, 2 m n numbers) and takes about as
 * many iterations as BFGS here. Both quasi-Newton methods run with the strong Wolfe line search, which
 * guarantees the curvature s . y > 0 their updates need. With n = 500, BFGS's matrix has 250,000 entries;
 * L-BFGS's memory 10,000 numbers: that is the difference the per-iteration times show.
 */
import { compare, distanceTo, formatComparison, strongWolfe } from "../src/index.js";
import type { MinimizeProblem } from "../solvers/newton/index.js";
import { bfgs, lbfgs, newtonMinimize } from "../solvers/newton/index.js";
import { runIfMain } from "./run-if-main.js";

/** The extended Rosenbrock function (More, Garbow and Hillstrom's problem 21) from (-1.2, 1, -1.2, 1, ...). */
function extendedRosenbrock(n: number): MinimizeProblem {
  return {
    f: (x) => {
      let sum = 0;
      for (let i = 0; i < n; i += 2) {
        const a = (x[i + 1] as number) - (x[i] as number) ** 2;
        sum += 100 * a * a + (1 - (x[i] as number)) ** 2;
      }
      return sum;
    },
    gradient: (x) => {
      const g = new Float64Array(n);
      for (let i = 0; i < n; i += 2) {
        const xi = x[i] as number;
        const a = (x[i + 1] as number) - xi * xi;
        g[i] = -400 * xi * a - 2 * (1 - xi);
        g[i + 1] = 200 * a;
      }
      return g;
    },
    x0: Array.from({ length: n }, (_, i) => (i % 2 === 0 ? -1.2 : 1)),
  };
}

export function main(print: (line: string) => void = console.log, n = 500) {
  const small = compare({
    problem: { f: "100 (y - x^2)^2 + (1 - x)^2", x0: [-1.2, 1] },
    methods: [
      { label: "L-BFGS (m = 10)", solver: lbfgs({ memory: 10, lineSearch: strongWolfe() }) },
      { label: "BFGS (strong Wolfe)", solver: bfgs({ lineSearch: strongWolfe() }) },
      { label: "Newton", solver: newtonMinimize() },
    ],
    error: distanceTo([1, 1]),
    tolerances: [1e-2, 1e-4, 1e-6],
  });
  print("Rosenbrock's function from (-1.2, 1): the minimum is (1, 1)");
  print(formatComparison(small));
  const large = compare({
    problem: extendedRosenbrock(n),
    methods: [
      { label: "L-BFGS (m = 10)", solver: lbfgs() },
      { label: "BFGS (strong Wolfe)", solver: bfgs({ lineSearch: strongWolfe() }) },
    ],
    error: distanceTo(new Array<number>(n).fill(1)),
    tolerances: [1e-2, 1e-4, 1e-6],
  });
  print(`\nThe extended Rosenbrock function, n = ${n}: the minimum is (1, ..., 1)`);
  print(formatComparison(large));
  const rowsOf = (comparison: typeof small) =>
    comparison.rows.map((row) => ({ label: row.label, iterations: row.iterations, converged: row.converged }));
  return { small: rowsOf(small), large: rowsOf(large), largeComparison: large };
}

runIfMain(import.meta.url, main);

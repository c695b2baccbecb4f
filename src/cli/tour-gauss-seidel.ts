import { norm2, solve } from "../index.js";
import type { Solver } from "../index.js";
import { gaussSeidel, jacobi, optimalRelaxation, poisson2d, poissonJacobiRadius, sor } from "../../solvers/gauss-seidel/index.js";
import type { GaussSeidelProblem, GaussSeidelRecord, GaussSeidelState } from "../../solvers/gauss-seidel/index.js";
import type { TourEntry } from "./tour-entries.js";

/** Grid points per side of the tour's Poisson problem: h = 1/16, 225 unknowns. */
const gridSize = 15;

/**
 * The 2-D Poisson matrix (5-point, unscaled) on a 15 x 15 grid with a known solution: `x*` is the bump
 * `16 s (1 - s) t (1 - t)` at the grid points `(s, t) = ((i + 1) h, (j + 1) h)`, and `b = A x*`.
 */
function poissonWithSolution(): { problem: GaussSeidelProblem; solution: Float64Array } {
  const n = gridSize;
  const h = 1 / (n + 1);
  const matrix = poisson2d(n);
  const solution = Float64Array.from({ length: n * n }, (_, p) => {
    const s = ((p % n) + 1) * h;
    const t = (Math.floor(p / n) + 1) * h;
    return 16 * s * (1 - s) * t * (1 - t);
  });
  const b = new Float64Array(n * n);
  for (let i = 0; i < n * n; i++) {
    for (let k = matrix.rowPointers[i] as number; k < (matrix.rowPointers[i + 1] as number); k++) {
      b[i] = (b[i] as number) + (matrix.values[k] as number) * (solution[matrix.columnIndices[k] as number] as number);
    }
  }
  return { problem: { matrix, b }, solution };
}

const distance = (x: Float64Array, solution: Float64Array) => norm2(x.map((value, i) => value - (solution[i] as number)));

/** One stationary method on the tour's Poisson problem, with its error against the known solution. */
function onPoisson(makeSolver: () => Solver<GaussSeidelProblem, GaussSeidelState, GaussSeidelRecord>): TourEntry {
  return {
    family: "Gauss-Seidel",
    problem: `2-D Poisson ${gridSize} x ${gridSize}, b = A x*`,
    errorMeasure: "||x - x*||",
    run() {
      const { problem, solution } = poissonWithSolution();
      const result = solve(makeSolver(), problem);
      return { result, error: distance(result.state.x, solution) };
    },
  };
}

/**
 * The Gauss-Seidel family's tour runs: Jacobi, Gauss-Seidel and SOR with Young's optimal omega on the same
 * 2-D Poisson problem, so the table shows the iteration counts falling as rho_J = cos(pi h) = 0.981,
 * rho_GS = rho_J^2 = 0.962 and rho_SOR = omega - 1 = 0.674 predict (about 950, 475 and 60).
 */
export const gaussSeidelTourEntries: readonly TourEntry[] = [
  onPoisson(() => jacobi()),
  onPoisson(() => gaussSeidel()),
  onPoisson(() => sor({ relaxation: optimalRelaxation(poissonJacobiRadius(gridSize)) })),
];

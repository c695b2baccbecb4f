import { norm2, solve } from "../../index.js";
import type { Solver } from "../../index.js";
import {
  gaussSeidel,
  jacobi,
  optimalRelaxation,
  poissonJacobiRadius,
  sor,
} from "../../../solvers/gauss-seidel/index.js";
import type {
  GaussSeidelProblem,
  GaussSeidelRecord,
  GaussSeidelState,
  PreparedGaussSeidel,
} from "../../../solvers/gauss-seidel/index.js";
import { poisson2dWithSolution } from "./registry-problems.js";
import type { TourEntry } from "./tour-entries.js";

/** Grid points per side of the tour's Poisson problem: h = 1/16, 225 unknowns. */
const gridSize = 15;

const distance = (x: Float64Array, solution: Float64Array) =>
  norm2(x.map((value, i) => value - (solution[i] as number)));

/** One stationary method on the tour's Poisson problem, with its error against the known solution. */
function onPoisson(
  makeSolver: () => Solver<GaussSeidelProblem, GaussSeidelState, GaussSeidelRecord, PreparedGaussSeidel>,
): TourEntry {
  return {
    family: "Gauss-Seidel",
    problem: `2-D Poisson ${gridSize} x ${gridSize}, b = A x*`,
    errorMeasure: "||x - x*||",
    run() {
      const { problem, solution } = poisson2dWithSolution(gridSize);
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

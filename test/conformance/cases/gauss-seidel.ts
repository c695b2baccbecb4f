import { expect } from "vitest";
import { prepareProblem } from "../../../src/index.js";
import {
  gaussSeidel,
  jacobi,
  optimalRelaxation,
  poisson1d,
  poisson2d,
  poissonJacobiRadius,
  redBlackGaussSeidel,
  sor,
  ssor,
} from "../../../solvers/gauss-seidel/index.js";
import type { CsrMatrix, GaussSeidelProblem } from "../../../solvers/gauss-seidel/index.js";
import type { ConformanceCase } from "../case.js";
import { madeBy } from "../case.js";
import { deepFreeze } from "../../fixtures/problems.js";

// The option names each factory documents (the strict-options test checks its error lists exactly these).
const stationaryNames = [
  "relTolerance",
  "absTolerance",
  "divergenceTolerance",
  "maxIterations",
  "spectralRadiusWindow",
  "stencilKernel",
  "checkInterval",
] as const;
const relaxedStationaryNames = [...stationaryNames, "relaxation"] as const;

// Fixtures: b = A x* for x*(i) = sin(i + 1), so the check compares with a known solution. Dense fixtures are
// plain arrays, frozen all the way down; in CSR fixtures the typed arrays cannot be frozen (the object is),
// and test/solvers/gauss-seidel.test.ts checks by comparing copies that the solvers never write them.

const solution = (n: number) => Array.from({ length: n }, (_, i) => Math.sin(i + 1));

function denseProblem(matrix: number[][]): { problem: GaussSeidelProblem; solution: number[] } {
  const x = solution(matrix.length);
  const b = matrix.map((row) => row.reduce((sum, value, j) => sum + value * (x[j] as number), 0));
  return { problem: deepFreeze({ matrix, b }), solution: x };
}

function csrProblem(matrix: CsrMatrix): { problem: GaussSeidelProblem; solution: number[] } {
  const x = solution(matrix.rows);
  const b = Array.from({ length: matrix.rows }, (_, i) => {
    let sum = 0;
    for (let k = matrix.rowPointers[i] as number; k < (matrix.rowPointers[i + 1] as number); k++)
      sum += (matrix.values[k] as number) * (x[matrix.columnIndices[k] as number] as number);
    return sum;
  });
  return { problem: deepFreeze({ matrix, b }), solution: x };
}

/** ||x - x*||_inf <= tolerance. */
const closeTo = (expected: readonly number[], tolerance: number) => (x: Float64Array) =>
  expect(Math.max(...Array.from(x, (value, i) => Math.abs(value - (expected[i] as number))))).toBeLessThan(tolerance);

const dominant = denseProblem([
  [10, -1, 2, 0, 1],
  [-1, 11, -1, 3, 0],
  [2, -1, 10, -1, 0],
  [0, 3, -1, 8, 2],
  [1, 0, 0, 2, 9],
]);
const spd = denseProblem([
  [4, 1, 0, 1],
  [1, 5, 2, 0],
  [0, 2, 6, 1],
  [1, 0, 1, 3],
]);
const chain = csrProblem(poisson1d(8));
const grid = csrProblem(poisson2d(6)); // lambda_min = 4 - 4 cos(pi / 7) = 0.40, ||b|| <= 8 ||x*|| = 34: error <= 8.6e-7
const omega = optimalRelaxation(poissonJacobiRadius(6));

/** Conformance cases of the Gauss-Seidel family: each method on a frozen fixture with a known solution. */
export const gaussSeidelCases: readonly ConformanceCase[] = [
  {
    name: "Jacobi on 1-D Poisson (CSR, stencil kernel)",
    ...madeBy(jacobi, {}, relaxedStationaryNames),
    problem: chain.problem,
    // ||x - x*|| <= ||r|| / lambda_min <= 1e-8 ||b|| / lambda_min, lambda_min = 2 - 2 cos(pi / 9) = 0.12, ||b|| <= 4 ||x*|| = 8.
    check: (result) => closeTo(chain.solution, 1e-6)(result.state.x),
  },
  {
    name: "Gauss-Seidel on a dense diagonally dominant system",
    ...madeBy(gaussSeidel, {}, stationaryNames),
    problem: dominant.problem,
    // ||A^{-1}||_inf <= 1 / min_i (|a_ii| - sum_j |a_ij|) = 1/2 (Varah), ||b|| = 14.7: error <= 0.5 * 1.5e-7.
    check: (result) => {
      closeTo(dominant.solution, 7.5e-8)(result.state.x);
      expect(result.warnings).toEqual([]);
    },
  },
  {
    name: "SOR (optimal omega) on 2-D Poisson (CSR kernel)",
    ...madeBy(sor, { relaxation: omega, stencilKernel: false }, relaxedStationaryNames),
    problem: grid.problem,
    check: (result) => closeTo(grid.solution, 1e-6)(result.state.x),
  },
  {
    name: "SSOR on a dense symmetric positive definite system",
    ...madeBy(ssor, { relaxation: 1.2 }, relaxedStationaryNames),
    problem: spd.problem,
    // lambda_min = 1.81 (ml-matrix eigensolver), ||b|| = 7.06: error <= 7.06e-8 / 1.81 = 3.9e-8.
    check: (result) => closeTo(spd.solution, 4e-8)(result.state.x),
  },
  {
    name: "symmetric Gauss-Seidel on 2-D Poisson (stencil kernel)",
    ...madeBy(ssor, {}, relaxedStationaryNames),
    problem: grid.problem,
    check: (result) => closeTo(grid.solution, 1e-6)(result.state.x),
  },
  {
    name: "red-black Gauss-Seidel on 2-D Poisson (stencil kernel)",
    ...madeBy(redBlackGaussSeidel, {}, relaxedStationaryNames),
    problem: grid.problem,
    check: (result) => closeTo(grid.solution, 1e-6)(result.state.x),
  },
  {
    name: "red-black SOR on 2-D Poisson (CSR kernel, colouring by search)",
    ...madeBy(redBlackGaussSeidel, { relaxation: omega, stencilKernel: false }, relaxedStationaryNames),
    problem: grid.problem,
    check: (result) => {
      closeTo(grid.solution, 1e-6)(result.state.x);
      const prepared = prepareProblem(redBlackGaussSeidel({ relaxation: omega, stencilKernel: false }), grid.problem);
      expect(prepared.prepared.system.colouring?.redCount).toBe(18);
    },
  },
];

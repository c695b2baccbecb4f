import { expect } from "vitest";
import { csrFromTriplets, poisson2d } from "../../../solvers/gauss-seidel/index.js";
import type { CsrMatrix, GaussSeidelProblem } from "../../../solvers/gauss-seidel/index.js";
import {
  bicgstab,
  conjugateGradient,
  gmres,
  ic0,
  jacobiPreconditioner,
  minres,
  ssorPreconditioner,
} from "../../../solvers/krylov/index.js";
import type { ConformanceCase } from "../case.js";
import { madeBy } from "../case.js";
import { deepFreeze } from "../../fixtures/problems.js";

// The option names each factory documents (the strict-options test checks its error lists exactly these).
const preconditionedNames = [
  "relTolerance",
  "absTolerance",
  "divergenceTolerance",
  "maxIterations",
  "preconditioner",
] as const;
const gmresNames = [...preconditionedNames, "restart"] as const;

// Fixtures: b = A x* for x*(i) = sin(i + 1), so each check compares with a known solution.

const solution = (n: number) => Array.from({ length: n }, (_, i) => Math.sin(i + 1));

function csrProblem(matrix: CsrMatrix): { problem: GaussSeidelProblem; solution: number[] } {
  const x = solution(matrix.rows);
  const b = Array.from({ length: matrix.rows }, (_, i) => {
    let sum = 0;
    for (let k = matrix.rowPointers[i] as number; k < (matrix.rowPointers[i + 1] as number); k++) {
      sum += (matrix.values[k] as number) * (x[matrix.columnIndices[k] as number] as number);
    }
    return sum;
  });
  return { problem: deepFreeze({ matrix, b }), solution: x };
}

/** A nonsymmetric tridiagonal matrix: 3 on the diagonal, -1.5 below, -0.5 above (diagonally dominant). */
function nonsymmetric(n: number): CsrMatrix {
  const rows: number[] = [];
  const columns: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < n; i++) {
    rows.push(i);
    columns.push(i);
    values.push(3);
    if (i > 0) {
      rows.push(i);
      columns.push(i - 1);
      values.push(-1.5);
    }
    if (i < n - 1) {
      rows.push(i);
      columns.push(i + 1);
      values.push(-0.5);
    }
  }
  return csrFromTriplets({ rows: n, columns: n, rowIndices: rows, columnIndices: columns, values });
}

/** ||x - x*||_inf <= tolerance. */
const closeTo = (expected: readonly number[], tolerance: number) => (x: Float64Array) =>
  expect(Math.max(...Array.from(x, (value, i) => Math.abs(value - (expected[i] as number))))).toBeLessThan(tolerance);

// lambda_min of poisson2d(6) is 4 - 4 cos(pi / 7) = 0.40, ||b|| <= 8 ||x*|| = 34: error <= 1e-8 * 34 / 0.40 = 8.6e-7.
const grid = csrProblem(poisson2d(6));
const chain = csrProblem(nonsymmetric(20));
// A symmetric indefinite dense matrix: eigenvalues of [[1, 2, 0], [2, -3, 1], [0, 1, 2]] are -3.9, 1.2, 2.7.
const indefinite = (() => {
  const matrix = [
    [1, 2, 0],
    [2, -3, 1],
    [0, 1, 2],
  ];
  const x = solution(3);
  const b = matrix.map((row) => row.reduce((sum, value, j) => sum + value * (x[j] as number), 0));
  return { problem: deepFreeze({ matrix, b }), solution: x };
})();

/** Conformance cases of the Krylov family. */
export const krylovCases: readonly ConformanceCase[] = [
  {
    name: "CG on 2-D Poisson",
    ...madeBy(conjugateGradient, {}, preconditionedNames),
    problem: grid.problem,
    check: (r) => closeTo(grid.solution, 1e-6)(r.state.x),
  },
  {
    name: "PCG (Jacobi) on 2-D Poisson",
    ...madeBy(conjugateGradient, { preconditioner: jacobiPreconditioner() }, preconditionedNames),
    problem: grid.problem,
    check: (r) => closeTo(grid.solution, 1e-6)(r.state.x),
  },
  {
    name: "PCG (SSOR) on 2-D Poisson",
    ...madeBy(conjugateGradient, { preconditioner: ssorPreconditioner({ relaxation: 1.3 }) }, preconditionedNames),
    problem: grid.problem,
    check: (r) => closeTo(grid.solution, 1e-6)(r.state.x),
  },
  {
    name: "PCG (IC(0)) on 2-D Poisson",
    ...madeBy(conjugateGradient, { preconditioner: ic0() }, preconditionedNames),
    problem: grid.problem,
    check: (r) => closeTo(grid.solution, 1e-6)(r.state.x),
  },
  // The iterations of GMRES(5) span restarts, so resuming from the half-way checkpoint crosses a restart.
  {
    name: "GMRES(5) on a nonsymmetric chain",
    ...madeBy(gmres, { restart: 5 }, gmresNames),
    problem: chain.problem,
    check: (r) => closeTo(chain.solution, 1e-7)(r.state.x),
  },
  {
    name: "BiCGSTAB on a nonsymmetric chain",
    ...madeBy(bicgstab, {}, preconditionedNames),
    problem: chain.problem,
    check: (r) => closeTo(chain.solution, 1e-7)(r.state.x),
  },
  {
    name: "MINRES on a symmetric indefinite system",
    ...madeBy(minres, {}, preconditionedNames),
    problem: indefinite.problem,
    check: (r) => closeTo(indefinite.solution, 1e-7)(r.state.x),
  },
];

// Gauss-Seidel's convergence warnings and its typed errors for bad problems and options.
import { Matrix } from "ml-matrix";
import { describe, expect, it } from "vitest";
import { solve } from "../../src/index.js";
import {
  csrFromTriplets,
  gaussSeidel,
  jacobi,
  poisson1d,
  poisson2d,
  redBlackGaussSeidel,
  sor,
  ssor,
} from "../../solvers/gauss-seidel/index.js";
import { systemOf, dominantMatrix } from "../fixtures/gauss-seidel.js";
import { spdNotDominantCsr } from "../fixtures/csr.js";

describe("convergence warnings", () => {
  it("warns when the matrix is neither diagonally dominant nor SPD, and says which checks failed", () => {
    const nonSymmetric = [
      [1, 3],
      [1, 1],
    ];
    expect(
      solve(gaussSeidel(), { matrix: nonSymmetric, b: [1, 1] }, { maxIterations: 0 }).warnings,
    ).toMatchInlineSnapshot(`
      [
        "convergence is not guaranteed: the matrix is neither diagonally dominant (row 0: |a[0][0]| = 1 < sum_{j != 0} |a[0][j]| = 3) nor symmetric positive definite (not symmetric: a[0][1] = 3 but a[1][0] = 1)",
      ]
    `);
    const indefinite = csrFromTriplets({
      rows: 2,
      columns: 2,
      rowIndices: [0, 0, 1, 1],
      columnIndices: [0, 1, 0, 1],
      values: [1, 2, 2, 1],
    });
    expect(
      solve(gaussSeidel(), { matrix: indefinite, b: [1, 1] }, { maxIterations: 0 }).warnings,
    ).toMatchInlineSnapshot(`
      [
        "convergence is not guaranteed: the matrix is neither diagonally dominant (row 0: |a[0][0]| = 1 < sum_{j != 0} |a[0][j]| = 2) nor symmetric positive definite (undecided: symmetric with a positive diagonal, but sparse matrices get no Cholesky check)",
      ]
    `);
    const negativeDiagonal = [
      [-1, 2],
      [2, 1],
    ];
    expect(
      solve(gaussSeidel(), { matrix: negativeDiagonal, b: [1, 1] }, { maxIterations: 0 }).warnings,
    ).toMatchInlineSnapshot(`
      [
        "convergence is not guaranteed: the matrix is neither diagonally dominant (row 0: |a[0][0]| = 1 < sum_{j != 0} |a[0][j]| = 2) nor symmetric positive definite (a[0][0] = -1 <= 0)",
      ]
    `);
  });

  it("does not warn for a diagonally dominant matrix, strictly or irreducibly", () => {
    for (const matrix of [poisson1d(10), poisson2d(6), dominantMatrix(7, 2)]) {
      const problem = { matrix, b: new Array(Array.isArray(matrix) ? 7 : matrix.rows).fill(1) };
      expect(solve(gaussSeidel(), problem, { maxIterations: 0 }).warnings).toEqual([]);
      expect(systemOf(gaussSeidel(), problem).properties.diagonallyDominant).toBe(true);
    }
    expect(systemOf(gaussSeidel(), { matrix: poisson2d(4), b: new Array(16).fill(1) }).properties).toEqual({
      diagonallyDominant: true,
      symmetric: true,
      positiveDefinite: true,
    });
  });

  it("does not call a weakly dominant reducible matrix dominant", () => {
    // Two decoupled blocks, one of them [[1, -1], [-1, 1]] (singular): weakly dominant, strict only in block 2.
    const matrix = [
      [1, -1, 0, 0],
      [-1, 1, 0, 0],
      [0, 0, 3, 1],
      [0, 0, 1, 3],
    ];
    const { warnings } = solve(gaussSeidel(), { matrix, b: [0, 0, 1, 1] }, { maxIterations: 0 });
    expect(systemOf(gaussSeidel(), { matrix, b: [0, 0, 1, 1] }).properties).toEqual({
      diagonallyDominant: false,
      symmetric: true,
      positiveDefinite: false,
    });
    expect(warnings).toMatchInlineSnapshot(`
      [
        "convergence is not guaranteed: the matrix is neither diagonally dominant (weakly dominant but reducible) nor symmetric positive definite (its Cholesky factorisation fails)",
      ]
    `);
  });

  it("leaves positive definiteness undecided for a sparse symmetric non-dominant matrix, and says so", () => {
    const matrix = spdNotDominantCsr(); // SPD, not diagonally dominant (row 1: 2 < 2.4), sparse
    const { warnings } = solve(gaussSeidel(), { matrix, b: [1, 1, 1] }, { maxIterations: 0 });
    expect(systemOf(gaussSeidel(), { matrix, b: [1, 1, 1] }).properties.positiveDefinite).toBeUndefined();
    expect(warnings).toMatchInlineSnapshot(`
      [
        "convergence is not guaranteed: the matrix is neither diagonally dominant (row 1: |a[1][1]| = 2 < sum_{j != 1} |a[1][j]| = 2.4) nor symmetric positive definite (undecided: symmetric with a positive diagonal, but sparse matrices get no Cholesky check)",
      ]
    `);
  });
});

describe("problem and option errors", () => {
  const good = {
    matrix: [
      [4, 1],
      [1, 3],
    ],
    b: [1, 2],
  };

  it("rejects a zero or missing diagonal entry, naming the row", () => {
    expect(() =>
      solve(gaussSeidel(), {
        matrix: [
          [4, 1, 0],
          [1, 0, 1],
          [0, 1, 4],
        ],
        b: [1, 1, 1],
      }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.matrix[1][1] (the diagonal of row 1) must be non-zero, got 0]`,
    );
    const missing = csrFromTriplets({
      rows: 3,
      columns: 3,
      rowIndices: [0, 1, 1, 2],
      columnIndices: [0, 0, 2, 2],
      values: [4, 1, 1, 4],
    });
    expect(() => solve(jacobi(), { matrix: missing, b: [1, 1, 1] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.matrix[1][1] (the diagonal of row 1) must be non-zero, got no stored entry]`,
    );
  });

  it("rejects non-square matrices of every kind", () => {
    expect(() =>
      solve(gaussSeidel(), {
        matrix: [
          [1, 2, 3],
          [4, 5, 6],
        ],
        b: [1, 2],
      }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.matrix must be a square matrix, got a 2 x 3 matrix]`,
    );
    expect(() =>
      solve(gaussSeidel(), {
        matrix: new Matrix([
          [1, 2, 3],
          [4, 5, 6],
        ]),
        b: [1, 2],
      }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.matrix must be a square matrix, got a 2 x 3 matrix]`,
    );
    const wide = csrFromTriplets({ rows: 2, columns: 3, rowIndices: [0, 1], columnIndices: [0, 1], values: [1, 1] });
    expect(() => solve(gaussSeidel(), { matrix: wide, b: [1, 2] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.matrix must be a square matrix, got a 2 x 3 matrix]`,
    );
    expect(() => solve(gaussSeidel(), { matrix: [[1, 2], [3]], b: [1, 2] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.matrix[1] must be an array of 2 numbers like row 0, got an array of length 1]`,
    );
    expect(() => solve(gaussSeidel(), { matrix: [], b: [] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.matrix must be a non-empty square matrix, got an array of length 0]`,
    );
    expect(() => solve(gaussSeidel(), { matrix: "I" as never, b: [1] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.matrix must be a square matrix: number[][], an ml-matrix Matrix, or a CSR matrix { rows, columns, rowPointers, columnIndices, values }, got "I"]`,
    );
  });

  it("rejects b and x0 of the wrong length", () => {
    expect(() => solve(gaussSeidel(), { ...good, b: [1, 2, 3] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.b must be an array of 2 finite numbers, got an array of length 3]`,
    );
    expect(() => solve(gaussSeidel(), { ...good, x0: [1] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.x0 must be an array of 2 finite numbers, got an array of length 1]`,
    );
    expect(() => solve(gaussSeidel(), { matrix: good.matrix } as never)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.b must be an array of 2 finite numbers, got undefined]`,
    );
  });

  it("rejects NaN and infinite entries in A, b and x0", () => {
    expect(() =>
      solve(gaussSeidel(), {
        ...good,
        matrix: [
          [4, 1],
          [Number.NaN, 3],
        ],
      }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.matrix[1][0] must be a finite number, got NaN]`,
    );
    const csr = { ...poisson1d(3), values: Float64Array.from([2, -1, -1, Number.POSITIVE_INFINITY, -1, -1, 2]) };
    expect(() => solve(gaussSeidel(), { matrix: csr, b: [1, 1, 1] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.matrix.values[3] (row 1, column 1) must be a finite number, got Infinity]`,
    );
    expect(() => solve(gaussSeidel(), { ...good, b: [1, Number.NaN] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.b[1] must be a finite number, got NaN]`,
    );
    expect(() => solve(gaussSeidel(), { ...good, x0: [Number.NaN, 0] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.x0[0] must be a finite number, got NaN]`,
    );
  });

  it("rejects a CSR matrix that is not in canonical form", () => {
    const unsorted = {
      rows: 2,
      columns: 2,
      rowPointers: Int32Array.from([0, 2, 3]),
      columnIndices: Int32Array.from([1, 0, 1]),
      values: Float64Array.from([1, 4, 3]),
    };
    expect(() => solve(gaussSeidel(), { matrix: unsorted, b: [1, 1] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.matrix.columnIndices[1] (row 0) must be a column index in [0, 2) greater than the previous one in its row (canonical CSR, as csrFromTriplets builds), got 0]`,
    );
    const plainArrays = { rows: 2, columns: 2, rowPointers: [0, 1, 2], columnIndices: [0, 1], values: [1, 1] };
    expect(() => solve(gaussSeidel(), { matrix: plainArrays as never, b: [1, 1] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.matrix.rowPointers must be an Int32Array of length 3, got an array of length 3]`,
    );
  });

  it("rejects a relaxation factor outside (0, 2), and other options outside their ranges", () => {
    expect(() => sor({ relaxation: 2 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: relaxation must be a number in (0, 2), got 2]`,
    );
    expect(() => sor({ relaxation: 0 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: relaxation must be a number in (0, 2), got 0]`,
    );
    expect(() => sor({ relaxation: Number.NaN })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: relaxation must be a number in (0, 2), got NaN]`,
    );
    expect(() => sor({} as never)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: relaxation must be a number in (0, 2), got undefined]`,
    );
    expect(() => ssor({ relaxation: -0.5 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: relaxation must be a number in (0, 2), got -0.5]`,
    );
    expect(() => redBlackGaussSeidel({ relaxation: 2.5 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: relaxation must be a number in (0, 2), got 2.5]`,
    );
    expect(() => jacobi({ relaxation: 2 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: relaxation must be a number in (0, 2), got 2]`,
    );
    expect(() => gaussSeidel({ relTolerance: -1 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: relTolerance must be a finite number >= 0, got -1]`,
    );
    expect(() => gaussSeidel({ divergenceTolerance: 0.5 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: divergenceTolerance must be a finite number >= 1, got 0.5]`,
    );
    expect(() => gaussSeidel({ spectralRadiusWindow: 0 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: spectralRadiusWindow must be an integer >= 1, got 0]`,
    );
    expect(() => gaussSeidel({ checkInterval: 0 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: checkInterval must be an integer >= 1, got 0]`,
    );
    expect(() => jacobi({ checkInterval: 2.5 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: checkInterval must be an integer >= 1, got 2.5]`,
    );
    expect(() => gaussSeidel({ stencilKernel: "yes" as never })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: stencilKernel must be a boolean, got "yes"]`,
    );
  });
});

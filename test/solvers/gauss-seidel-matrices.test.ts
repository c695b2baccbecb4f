import { EigenvalueDecomposition, Matrix } from "ml-matrix";
import { describe, expect, it } from "vitest";
import { Random, solve } from "../../src/index.js";
import {
  csrFromTriplets,
  gaussSeidel,
  optimalRelaxation,
  poisson1d,
  poisson2d,
  poissonJacobiRadius,
  redBlackGaussSeidel,
  sor,
} from "../../solvers/gauss-seidel/index.js";
import { toDense } from "../fixtures/csr.js";
import { recogniseStencil } from "../../solvers/gauss-seidel/recognise-stencil.js";

describe("csrFromTriplets", () => {
  it("sorts each row by column and sums duplicates, keeping stored zeros", () => {
    const a = csrFromTriplets({
      rows: 3,
      columns: 4,
      rowIndices: [2, 0, 0, 2, 0, 1, 2],
      columnIndices: [3, 1, 0, 3, 1, 2, 0],
      values: [1, 2, 3, 4, 5, 6, -7],
    });
    expect(a).toEqual({
      rows: 3,
      columns: 4,
      rowPointers: Int32Array.from([0, 2, 3, 5]),
      columnIndices: Int32Array.from([0, 1, 2, 0, 3]),
      values: Float64Array.from([3, 7, 6, -7, 5]),
    });
    const cancelling = csrFromTriplets({
      rows: 1,
      columns: 1,
      rowIndices: [0, 0],
      columnIndices: [0, 0],
      values: [1, -1],
    });
    expect(Array.from(cancelling.values)).toEqual([0]);
    expect(csrFromTriplets({ rows: 2, columns: 2, rowIndices: [], columnIndices: [], values: [] }).rowPointers).toEqual(
      Int32Array.from([0, 0, 0]),
    );
  });

  it("matches the dense matrix it was built from, and gives Gauss-Seidel the same iterates", () => {
    const random = new Random(5);
    const n = 30;
    const dense = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    const rowIndices: number[] = [];
    const columnIndices: number[] = [];
    const values: number[] = [];
    for (let t = 0; t < 200; t++) {
      const i = random.int(n);
      const j = random.int(n);
      const value = random.float() - 0.5;
      rowIndices.push(i);
      columnIndices.push(j);
      values.push(value);
      (dense[i] as number[])[j] = ((dense[i] as number[])[j] as number) + value;
    }
    for (let i = 0; i < n; i++) {
      // The diagonal in two pieces, to exercise summation: 10 + (row sum bound) makes it dominant.
      rowIndices.push(i, i);
      columnIndices.push(i, i);
      values.push(10, 5);
      (dense[i] as number[])[i] = ((dense[i] as number[])[i] as number) + 15;
    }
    const csr = csrFromTriplets({ rows: n, columns: n, rowIndices, columnIndices, values: Float64Array.from(values) });
    const denseFromCsr = toDense(csr);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) expect(denseFromCsr[i]?.[j]).toBeCloseTo(dense[i]?.[j] as number, 14);
    const b = Array.from({ length: n }, (_, i) => Math.cos(i));
    // The dense inputs are the CSR matrix densified (compared above with an independent accumulation), so
    // all three hold bitwise the same entries and must give bitwise the same iterates.
    const fromCsr = solve(gaussSeidel(), { matrix: csr, b }, { maxIterations: 20 });
    const fromDense = solve(gaussSeidel(), { matrix: denseFromCsr, b }, { maxIterations: 20 });
    const fromMatrix = solve(gaussSeidel(), { matrix: new Matrix(denseFromCsr), b }, { maxIterations: 20 });
    expect(Array.from(fromCsr.state.x)).toEqual(Array.from(fromDense.state.x));
    expect(Array.from(fromCsr.state.x)).toEqual(Array.from(fromMatrix.state.x));
    expect(fromCsr.state.residualNorm).toBe(fromDense.state.residualNorm);
  });

  it("rejects malformed triplets, naming the entry", () => {
    expect(() =>
      csrFromTriplets({ rows: 2, columns: 2, rowIndices: [0, 2], columnIndices: [0, 1], values: [1, 1] }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: triplets.rowIndices[1] must be an integer in [0, 2), got 2]`,
    );
    expect(() =>
      csrFromTriplets({ rows: 2, columns: 2, rowIndices: [0, 1], columnIndices: [0, 1.5], values: [1, 1] }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: triplets.columnIndices[1] must be an integer in [0, 2), got 1.5]`,
    );
    expect(() =>
      csrFromTriplets({ rows: 2, columns: 2, rowIndices: [0, 1], columnIndices: [0, 1], values: [1, Number.NaN] }),
    ).toThrowErrorMatchingInlineSnapshot(`[InvalidProblemError: triplets.values[1] must be a finite number, got NaN]`);
    expect(() =>
      csrFromTriplets({ rows: 2, columns: 2, rowIndices: [0], columnIndices: [0, 1], values: [1, 1] }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: triplets.rowIndices, columnIndices and values must be arrays of one length, got lengths 1, 2 and 2]`,
    );
    expect(() =>
      csrFromTriplets({ rows: -1, columns: 2, rowIndices: [], columnIndices: [], values: [] }),
    ).toThrowErrorMatchingInlineSnapshot(`[InvalidProblemError: triplets.rows must be an integer >= 0, got -1]`);
  });
});

describe("poisson1d and poisson2d", () => {
  it("build the unscaled stencils tridiag(-1, 2, -1) and 4 / -1", () => {
    expect(toDense(poisson1d(3))).toEqual([
      [2, -1, 0],
      [-1, 2, -1],
      [0, -1, 2],
    ]);
    expect(toDense(poisson2d(2))).toEqual([
      [4, -1, -1, 0],
      [-1, 4, 0, -1],
      [-1, 0, 4, -1],
      [0, -1, -1, 4],
    ]);
    const big = poisson2d(512);
    expect([big.rows, big.values.length]).toEqual([262_144, 1_308_672]);
    expect(poisson2d(3, 2).rows).toBe(6);
    expect(toDense(poisson1d(1))).toEqual([[2]]);
  });

  it("have the Jacobi spectral radius cos(pi h) of the closed form (checked against an eigensolver)", () => {
    for (const [matrix, n, d] of [
      [poisson1d(9), 9, 2],
      [poisson2d(5), 5, 4],
      [poisson2d(4, 6), undefined, 4],
    ] as const) {
      const iteration = new Matrix(toDense(matrix)).mul(-1 / d).add(Matrix.eye(matrix.rows));
      const radius = Math.max(...new EigenvalueDecomposition(iteration).realEigenvalues.map(Math.abs));
      expect(radius).toBeCloseTo(n === undefined ? poissonJacobiRadius(4, 6) : poissonJacobiRadius(n), 12);
    }
    expect(poissonJacobiRadius(31)).toBeCloseTo(Math.cos(Math.PI / 32), 15);
  });

  it("reject grid sizes that are not integers >= 1", () => {
    expect(() => poisson1d(0)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: n must be an integer >= 1, got 0]`,
    );
    expect(() => poisson2d(3, 1.5)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: ny must be an integer >= 1, got 1.5]`,
    );
    expect(() => poissonJacobiRadius(-2)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: nx must be an integer >= 1, got -2]`,
    );
  });
});

describe("optimalRelaxation", () => {
  it("is 2 / (1 + sqrt(1 - rho^2)): 1 for rho = 0, 2 / (1 + sin(pi h)) for rho = cos(pi h)", () => {
    expect(optimalRelaxation(0)).toBe(1);
    expect(optimalRelaxation(0.8)).toBeCloseTo(1.25, 15);
    expect(optimalRelaxation(poissonJacobiRadius(31))).toBeCloseTo(2 / (1 + Math.sin(Math.PI / 32)), 14);
    expect(() => optimalRelaxation(1)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: rhoJacobi must be a number in [0, 1), got 1]`,
    );
    expect(() => optimalRelaxation(Number.NaN)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: rhoJacobi must be a number in [0, 1), got NaN]`,
    );
  });

  it("is the best relaxation on 2-D Poisson: no factor on a grid around it does better", () => {
    const n = 15;
    const problem = { matrix: poisson2d(n), b: new Float64Array(n * n).fill(1) };
    const best = optimalRelaxation(poissonJacobiRadius(n));
    const iterations = (omega: number) => solve(sor({ relaxation: omega }), problem).iterations;
    const atBest = iterations(best);
    for (const omega of [1, 1.2, 1.4, 1.5, 1.6, 1.75, 1.8, 1.9, 1.95])
      expect(iterations(omega)).toBeGreaterThanOrEqual(atBest);
    // And the red-black ordering, consistently ordered too, has the same optimum.
    expect(Math.abs(solve(redBlackGaussSeidel({ relaxation: best }), problem).iterations / atBest - 1)).toBeLessThan(
      0.1,
    );
  });
});

describe("recogniseStencil", () => {
  it("recognises the Poisson matrices and scaled copies, and nothing else", () => {
    expect(recogniseStencil(poisson2d(5))).toEqual({ nx: 5, ny: 5, diagonal: 4, offDiagonal: -1 });
    expect(recogniseStencil(poisson2d(4, 3))).toEqual({ nx: 4, ny: 3, diagonal: 4, offDiagonal: -1 });
    expect(recogniseStencil(poisson1d(6))).toEqual({ nx: 6, ny: 1, diagonal: 2, offDiagonal: -1 });
    const scaled = poisson2d(6);
    expect(recogniseStencil({ ...scaled, values: scaled.values.map((value) => value * 49) })).toEqual({
      nx: 6,
      ny: 6,
      diagonal: 196,
      offDiagonal: -49,
    });
    const perturbed = scaled.values.slice();
    perturbed[17] = -1.0000001;
    expect(recogniseStencil({ ...scaled, values: perturbed })).toBeUndefined();
    expect(recogniseStencil(poisson1d(1))).toBeUndefined();
    // A 9-point-like extra coupling breaks the pattern.
    const extra = toDense(poisson2d(3));
    (extra[0] as number[])[4] = -1;
    (extra[4] as number[])[0] = -1;
    const triplets = extra.flatMap((row, i) =>
      row.flatMap((value, j) => (value === 0 ? [] : [[i, j, value] as const])),
    );
    const csr = csrFromTriplets({
      rows: 9,
      columns: 9,
      rowIndices: triplets.map((t) => t[0]),
      columnIndices: triplets.map((t) => t[1]),
      values: triplets.map((t) => t[2]),
    });
    expect(recogniseStencil(csr)).toBeUndefined();
  });
});

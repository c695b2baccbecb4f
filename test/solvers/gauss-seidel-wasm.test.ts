import { describe, expect, it } from "vitest";
import { DisposedError, prepareProblem, Random, solve } from "../../src/index.js";
import { bindCsrSweeps } from "../../solvers/gauss-seidel/csr-kernel.js";
import { bindCgKernel } from "../../solvers/krylov/cg-kernel.js";
import { csrSweeps } from "../../solvers/gauss-seidel/csr-sweeps.js";
import { csrFromTriplets, gaussSeidel, jacobi, poisson2d, sor, ssor } from "../../solvers/gauss-seidel/index.js";
import type { CsrMatrix } from "../../solvers/gauss-seidel/index.js";
import { conjugateGradient } from "../../solvers/krylov/index.js";
import { multiplyDotInto } from "../../solvers/krylov/vectors.js";
import { diagonalOf, randomNormalVector as randomVector, textbookCgIteration } from "../fixtures/csr.js";

// The WebAssembly CSR kernel against the JavaScript one it replaces on large systems: the same iterates and
// products bit for bit, the same residual norm (bit for bit forward, to rounding for SSOR's reversed sum).

/**
 * A random square CSR matrix: each row holds its diagonal (unless `withDiagonal` is false) and each other
 * entry with probability `density`; `farColumns` adds an entry in the last and first columns of some rows, so
 * that a row's residual waits for a far row (the kernel's reach bounds).
 */
function randomCsr(n: number, seed: number, density: number, withDiagonal = true, farColumns = false): CsrMatrix {
  const random = new Random(seed);
  const rows: number[] = [];
  const columns: number[] = [];
  const values: number[] = [];
  const add = (i: number, j: number, value: number) => {
    rows.push(i);
    columns.push(j);
    values.push(value);
  };
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const far = farColumns && i % 7 === 3 && (j === n - 1 || j === 0);
      if (far || random.float() < density) add(i, j, random.float() * 2 - 1);
    }
    if (withDiagonal) add(i, i, 2 + random.float() * n * density);
  }
  return csrFromTriplets({ rows: n, columns: n, rowIndices: rows, columnIndices: columns, values });
}

const cases = [
  { name: "1 x 1", n: 1, density: 0, far: false },
  { name: "2 x 2", n: 2, density: 0.5, far: false },
  { name: "diagonal 9 x 9 (rows with no other entry)", n: 9, density: 0, far: false },
  { name: "sparse 60 x 60 with rows of the diagonal alone", n: 60, density: 0.02, far: false },
  { name: "40 x 40, 30% dense", n: 40, density: 0.3, far: false },
  { name: "200 x 200 with far first and last columns", n: 200, density: 0.03, far: true },
];

describe("bindCsrSweeps", () => {
  it.each(cases)("sweeps a random $name matrix as the JavaScript kernel does, bit for bit", ({ n, density, far }) => {
    const matrix = randomCsr(n, n + 11, density, true, far);
    const { diagonalIndex, inverseDiagonal } = diagonalOf(matrix);
    const b = randomVector(n, 3);
    const system = { matrix, diagonalIndex, inverseDiagonal, b };
    const kernel = bindCsrSweeps(system, 0);
    if (kernel === undefined) throw new Error("WebAssembly is unavailable");
    const current = randomVector(n, 4);
    for (const omega of [1, 0.7, 1.5]) {
      for (const lower of ["next", "current"] as const) {
        const expected = new Float64Array(n);
        const lowerSource = lower === "next" ? expected : current;
        csrSweeps.forward(matrix, diagonalIndex, inverseDiagonal, b, current, lowerSource, expected, omega);
        const got = new Float64Array(n);
        const squared = kernel.forward(current, got, omega, lower, true);
        expect(got).toEqual(expected);
        expect(squared).toBe(csrSweeps.residualSquared(matrix, b, expected));
        const again = new Float64Array(n);
        expect(kernel.forward(current, again, omega, lower, false)).toBeNaN();
        expect(again).toEqual(expected);
      }
      const expected = new Float64Array(n);
      csrSweeps.forward(matrix, diagonalIndex, inverseDiagonal, b, current, expected, expected, omega);
      csrSweeps.backward(matrix, diagonalIndex, inverseDiagonal, b, expected, omega);
      const got = new Float64Array(n);
      const squared = kernel.symmetric(current, got, omega, true);
      expect(got).toEqual(expected);
      const reference = csrSweeps.residualSquared(matrix, b, expected);
      expect(Math.abs(squared - reference)).toBeLessThanOrEqual(1e-13 * reference);
    }
    kernel.dispose();
  });

  it("leaves the caller's arrays alone but for the output, and refuses to sweep once disposed", () => {
    const matrix = randomCsr(30, 2, 0.1);
    const { diagonalIndex, inverseDiagonal } = diagonalOf(matrix);
    const kernel = bindCsrSweeps({ matrix, diagonalIndex, inverseDiagonal, b: randomVector(30, 1) }, 0);
    const current = randomVector(30, 5);
    const copy = current.slice();
    kernel?.forward(current, new Float64Array(30), 1, "next", true);
    expect(current).toEqual(copy);
    expect(kernel?.disposed).toBe(false);
    kernel?.dispose();
    kernel?.dispose();
    expect(kernel?.disposed).toBe(true);
    expect(() => kernel?.forward(current, new Float64Array(30), 1, "next", true)).toThrow(DisposedError);
  });

  it("binds nothing below its size threshold, and rejects a matrix that is not square", () => {
    const small = randomCsr(20, 1, 0.1);
    const { diagonalIndex, inverseDiagonal } = diagonalOf(small);
    expect(bindCsrSweeps({ matrix: small, diagonalIndex, inverseDiagonal, b: new Float64Array(20) })).toBeUndefined();
    const wide = csrFromTriplets({ rows: 2, columns: 3, rowIndices: [0, 1], columnIndices: [0, 2], values: [1, 1] });
    const system = { matrix: wide, diagonalIndex: new Int32Array(2), inverseDiagonal: new Float64Array(2) };
    expect(() => bindCsrSweeps({ ...system, b: new Float64Array(2) }, 0)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: matrix must be a square matrix, got a 2 x 3 matrix]`,
    );
    expect(() => bindCgKernel(wide, 0)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: matrix must be a square matrix, got a 2 x 3 matrix]`,
    );
  });
});

describe("bindCgKernel", () => {
  it.each(cases)("multiplies a random $name matrix as the JavaScript product does, bit for bit", ({ n, density }) => {
    const matrix = randomCsr(n, n + 5, density, true);
    const kernel = bindCgKernel(matrix, 0);
    const x = randomVector(n, 9);
    const expected = new Float64Array(n);
    const got = new Float64Array(n);
    const curvature = kernel?.multiplyDot(x, got);
    expect(curvature).toBe(multiplyDotInto(matrix, x, expected));
    expect(got).toEqual(expected);
    kernel?.dispose();
    expect(() => kernel?.multiplyDot(x, got)).toThrow(DisposedError);
  });

  it("gives 0 on empty rows (no diagonal needed)", () => {
    const matrix = randomCsr(50, 8, 0.02, false);
    const emptyRows = Array.from({ length: 50 }, (_, i) => i).filter(
      (i) => matrix.rowPointers[i] === matrix.rowPointers[i + 1],
    );
    expect(emptyRows.length).toBeGreaterThan(5);
    const x = randomVector(50, 2);
    const got = new Float64Array(50).fill(7);
    const expected = new Float64Array(50);
    expect(bindCgKernel(matrix, 0)?.multiplyDot(x, got)).toBe(multiplyDotInto(matrix, x, expected));
    expect(got).toEqual(expected);
    for (const i of emptyRows) expect(got[i]).toBe(0);
  });
});

describe("the Gauss-Seidel family and CG on a large general CSR system (the WebAssembly kernel)", () => {
  const m = 130; // 16,900 rows, 84,000 entries: above the kernel's threshold
  const matrix = poisson2d(m);
  const n = matrix.rows;
  const b = Float64Array.from({ length: n }, (_, i) => Math.sin(i + 1));
  const problem = { matrix, b };
  const { diagonalIndex, inverseDiagonal } = diagonalOf(matrix);

  it.each([
    ["Jacobi", () => jacobi({ stencilKernel: false, relaxation: 0.9, maxIterations: 6 }), 0.9, "jacobi"],
    ["Gauss-Seidel", () => gaussSeidel({ stencilKernel: false, maxIterations: 6 }), 1, "forward"],
    ["SOR", () => sor({ stencilKernel: false, relaxation: 1.6, maxIterations: 6 }), 1.6, "forward"],
    ["SSOR", () => ssor({ stencilKernel: false, relaxation: 1.2, maxIterations: 6 }), 1.2, "symmetric"],
  ] as const)("%s binds the kernel in prepare and gives the JavaScript kernel's iterates", (_, make, omega, kind) => {
    const solver = make();
    const handle = prepareProblem(solver, problem);
    const kernel = handle.prepared.kernel;
    expect(kernel?.disposed).toBe(false);
    const result = solve(solver, handle);
    let current = new Float64Array(n);
    let next = new Float64Array(n);
    for (let k = 0; k < 6; k++, [current, next] = [next, current]) {
      const lower = kind === "jacobi" ? current : next;
      csrSweeps.forward(matrix, diagonalIndex, inverseDiagonal, b, current, lower, next, omega);
      if (kind === "symmetric") csrSweeps.backward(matrix, diagonalIndex, inverseDiagonal, b, next, omega);
    }
    expect(result.state.x).toEqual(current);
    const reference = Math.sqrt(csrSweeps.residualSquared(matrix, b, current));
    expect(Math.abs(result.state.residualNorm - reference)).toBeLessThanOrEqual(1e-14 * reference);
    handle.dispose();
    expect(kernel?.disposed).toBe(true);
  });

  it("keeps the JavaScript kernel for red-black ordering and the stencil kernel", () => {
    for (const solver of [gaussSeidel(), sor({ relaxation: 1.5 })]) {
      const handle = prepareProblem(solver, problem);
      expect(handle.prepared.kernel).toBeUndefined();
      handle.dispose();
    }
  });

  it("CG's product runs in the kernel: the iterates of a CG loop on the JavaScript product, bit for bit", () => {
    const solver = conjugateGradient({ maxIterations: 8 });
    const handle = prepareProblem(solver, problem);
    const product = handle.prepared.product;
    expect(product?.disposed).toBe(false);
    const result = solve(solver, handle);
    // The reference: textbook CG written out here on the JavaScript product.
    const x = new Float64Array(n);
    const r = b.slice();
    const p = b.slice();
    let rr = r.reduce((sum, value) => sum + value * value, 0);
    for (let k = 0; k < 8; k++) rr = textbookCgIteration(matrix, x, r, p, rr);
    expect(result.state.x).toEqual(x);
    expect(result.state.residualNorm).toBe(Math.sqrt(rr));
    handle.dispose();
    expect(product?.disposed).toBe(true);
  });
});

import { describe, expect, it } from "vitest";
import { InvalidOptionError, solve } from "../../src/index.js";
import { csrFromTriplets, poisson2d } from "../../solvers/gauss-seidel/index.js";
import type { CsrMatrix } from "../../solvers/gauss-seidel/index.js";
import { ic0, jacobiPreconditioner, minres, ssorPreconditioner } from "../../solvers/krylov/index.js";
import type { Preconditioner } from "../../solvers/krylov/index.js";
import { toDense } from "../fixtures/csr.js";
import { directSolve, maxError } from "../fixtures/krylov.js";

/** `||b - A x|| / ||b||`, computed from the dense matrix (independent of the solver's kernels). */
const trueRelativeResidual = (a: readonly (readonly number[])[], b: ArrayLike<number>, x: ArrayLike<number>) => {
  let rr = 0;
  let bb = 0;
  a.forEach((row, i) => {
    const ri = (b[i] as number) - row.reduce((s, aij, j) => s + aij * (x[j] as number), 0);
    rr += ri * ri;
    bb += (b[i] as number) ** 2;
  });
  return Math.sqrt(rr / bb);
};

/** `S (A - sigma I) S` for a diagonal `S` (all ones: just the shift), in CSR. */
function shiftedScaled(matrix: CsrMatrix, sigma: number, scale: (i: number) => number): CsrMatrix {
  const rowIndices: number[] = [];
  const columnIndices: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < matrix.rows; i++) {
    for (let k = matrix.rowPointers[i] as number; k < (matrix.rowPointers[i + 1] as number); k++) {
      const j = matrix.columnIndices[k] as number;
      rowIndices.push(i);
      columnIndices.push(j);
      values.push(scale(i) * ((matrix.values[k] as number) - (i === j ? sigma : 0)) * scale(j));
    }
  }
  return csrFromTriplets({ rows: matrix.rows, columns: matrix.columns, rowIndices, columnIndices, values });
}

const n = 15;
const poisson = poisson2d(n);
const shifted = shiftedScaled(poisson, 0.5, () => 1);
const scaled = shiftedScaled(poisson, 0.5, (i) => 1 + (9 * (i % 5)) / 4);
const b = Float64Array.from({ length: n * n }, (_, i) => Math.sin(i + 1));

// From SciPy 1.10.1's `scipy.sparse.linalg.minres(A, b, M=LinearOperator(M^-1))` (the script
// test/solvers/fixtures/minres_reference.py, run with Debian's /usr/bin/python3): the first iteration whose
// true residual ||b - A x_k|| / ||b|| is <= 1e-8 (iterlab's test; SciPy's own is a backward error), and that
// true residual at iteration 10, where the two runs still agree to about 7 digits. Later, the Lanczos vectors
// lose orthogonality and rounding differences grow (by iteration 30 on the indefinite systems they differ in
// the third digit), so the counts are compared within 3% (one iteration at least).
const scipy110 = {
  poisson: { none: [43, 6.5267828e-4], jacobi: [43, 6.5267828e-4], ssor1: [19, 1.8773222e-6] },
  shifted: { none: [68, 5.7330151e-3], jacobi: [68, 5.7330151e-3], ssor1: [41, 3.9225003e-3] },
  scaled: { none: [331, 9.5418045e-2], jacobi: [71, 4.2985519e-2], ssor1: [43, 2.1452715e-2] },
} as const;
const scipyMore = {
  poisson: { ssor15: [15, 5.7684341e-7], ic0: [17, 9.8098363e-7] },
  shifted: { ssor15: [41, 4.6827737e-3], ic0: [39, 3.9786529e-3] },
  scaled: { ssor15: [44, 3.3518138e-2], ic0: [40, 2.2573704e-2] },
} as const;
const scipyReference = (key: keyof typeof scipy110, name: string): readonly [number, number] =>
  ({ ...scipy110[key], ...scipyMore[key] })[name as "none"];

const preconditioners = [
  ["jacobi", () => jacobiPreconditioner()],
  ["ssor1", () => ssorPreconditioner()],
  ["ssor15", () => ssorPreconditioner({ relaxation: 1.5 })],
  ["ic0", () => ic0()],
] as const;

const systems = [
  ["poisson", "2-D Poisson 15 x 15 (SPD)", poisson],
  ["shifted", "Poisson - 0.5 I (indefinite: 0.5 lies between its eigenvalues)", shifted],
  ["scaled", "S (Poisson - 0.5 I) S, S = diag(1 + 9 (i mod 5) / 4) (indefinite, varying diagonal)", scaled],
] as const;

describe.each(systems)("preconditioned MINRES on %s", (key, _label, matrix) => {
  const dense = toDense(matrix);
  const expected = directSolve(dense, b);
  const scale = Math.max(...expected.map(Math.abs));
  const plain = solve(minres(), { matrix, b });

  /** The run's agreement with SciPy's: the true residual at iteration 10 (7 digits), the count (3%, >= 1). */
  const expectScipyAgreement = (name: string, preconditioner: Preconditioner | undefined, iterations: number) => {
    const [count, atTen] = scipyReference(key, name);
    const tenth = solve(minres({ maxIterations: 10, ...(preconditioner ? { preconditioner } : {}) }), { matrix, b });
    expect(tenth.iterations).toBe(10);
    expect(Math.abs(trueRelativeResidual(dense, b, tenth.state.x) / atTen - 1)).toBeLessThan(1e-6);
    expect(Math.abs(iterations - count)).toBeLessThanOrEqual(Math.max(1, Math.ceil(0.03 * count)));
  };

  it("the unpreconditioned run matches the direct solve and SciPy's", () => {
    expect(plain.converged).toBe(true);
    expect(trueRelativeResidual(dense, b, plain.state.x)).toBeLessThan(1.01e-8);
    expect(maxError(plain.state.x, expected) / scale).toBeLessThan(1e-6);
    expectScipyAgreement("none", undefined, plain.iterations);
  });

  it.each(preconditioners)("%s: the true residual is tested, the solution matches, SciPy's run", (name, make) => {
    const result = solve(minres({ preconditioner: make() }), { matrix, b });
    expect(result.converged).toBe(true);
    // The stopping test reads the true residual's 2-norm (recursively updated): recomputed, it agrees.
    const trueResidual = trueRelativeResidual(dense, b, result.state.x);
    expect(trueResidual).toBeLessThan(1.01e-8);
    expect(Math.abs(result.state.relativeResidual - trueResidual)).toBeLessThan(1e-12);
    expect(maxError(result.state.x, expected) / scale).toBeLessThan(1e-6);
    expect(maxError(result.state.x, plain.state.x) / scale).toBeLessThan(1e-6);
    expectScipyAgreement(name, make(), result.iterations);
    // Jacobi on a constant diagonal only rescales (the same count); every other pairing cuts the iterations.
    if (name === "jacobi" && key !== "scaled") expect(result.iterations).toBe(plain.iterations);
    else expect(result.iterations).toBeLessThan(plain.iterations * 0.7);
  });
});

describe("minres preconditioner option", () => {
  it("names the preconditioner and rejects a non-preconditioner", () => {
    expect(minres({ preconditioner: ic0() }).name).toBe("MINRES (IC(0))");
    expect(() => minres({ preconditioner: 3 as never })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: preconditioner must be a preconditioner: jacobiPreconditioner(), ssorPreconditioner() or ic0(), got 3]`,
    );
  });

  it("Jacobi on a non-positive diagonal entry is an InvalidOptionError naming preconditioner", () => {
    // Poisson - 5 I: diagonal -1, indefinite; MINRES itself solves it, but diag(A) is no SPD preconditioner.
    const matrix = shiftedScaled(poisson2d(4), 5, () => 1);
    const rhs = new Float64Array(16).fill(1);
    expect(solve(minres(), { matrix, b: rhs }).converged).toBe(true);
    for (const preconditioner of [jacobiPreconditioner(), ssorPreconditioner(), ic0()]) {
      let caught: unknown;
      try {
        solve(minres({ preconditioner }), { matrix, b: rhs });
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(InvalidOptionError);
      expect((caught as InvalidOptionError).option).toBe("preconditioner");
      expect((caught as InvalidOptionError).message).toContain("problem.matrix[0][0]");
    }
  });

  it("stops diverged, naming preconditioner, when r^T M^-1 r <= 0", () => {
    // M^-1 = -I: symmetric, negative definite; found at the first step.
    const negative: Preconditioner = {
      name: "negative identity",
      setup: () => (r, z) => {
        for (let i = 0; i < r.length; i++) z[i] = -(r[i] as number);
      },
    };
    const result = solve(minres({ preconditioner: negative }), {
      matrix: [
        [2, 1],
        [1, -1],
      ],
      b: [1, 2],
    });
    expect(result.stopReason).toMatchInlineSnapshot(`
      {
        "kind": "diverged",
        "message": "preconditioner is not positive definite: r^T M^-1 r = -5 at iteration 0",
        "source": "solver",
      }
    `);
    expect(result.iterations).toBe(1); // the step that found it counts, as CG's
  });

  it("stops diverged mid-run, keeping the last iterate, when a later r^T M^-1 r < 0", () => {
    // M^-1 = diag(1, -1): symmetric indefinite; r_0^T M^-1 r_0 = 1 - 0.01 > 0, the next Lanczos vector's is < 0.
    const split: Preconditioner = {
      name: "diag(1, -1)",
      setup: () => (r, z) => {
        z[0] = r[0] as number;
        z[1] = -(r[1] as number);
      },
    };
    const matrix = [
      [2, 1],
      [1, -1],
    ];
    const result = solve(minres({ preconditioner: split }), { matrix, b: [1, 0.1] });
    expect(result.stopReason.kind).toBe("diverged");
    expect(JSON.stringify(result.stopReason)).toMatch(/"preconditioner is not positive definite: r\^T M\^-1 r = -/);
    // The iterate is x_0 = 0, untouched, and the residual reported is still its true residual.
    expect(Array.from(result.state.x)).toEqual([0, 0]);
    expect(result.state.residualNorm).toBeCloseTo(Math.hypot(1, 0.1), 14);
  });
});

// The 2 x 2 Cholesky solve is written out (dense.ts): it must give the general loops' bits and verdicts. The
// general loops on the block-diagonal 3 x 3 matrix [[A, 0], [0, 1]] with b = (b0, b1, 0) do the 2 x 2 solve's
// operations plus exact zeros, so their first two entries are the reference.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { solve } from "../../src/index.js";
import { DenseWorkspace, solveCholesky } from "../../solvers/newton/dense.js";
import { newtonMinimize } from "../../solvers/newton/index.js";

const entry = fc.double({ min: -1e3, max: 1e3, noNaN: true });

function generalSolve(a: number[], shift: number, b: number[]): [boolean, number, number] {
  const block = Float64Array.from([a[0], a[1], 0, a[2], a[3], 0, 0, 0, 1] as number[]);
  const out = new Float64Array(3);
  const held = solveCholesky(block, 3, shift, [b[0] as number, b[1] as number, 0], out, new DenseWorkspace());
  return [held, out[0] as number, out[1] as number];
}

describe("2 x 2 Cholesky solve", () => {
  it("gives the general loops' bits and positive-definiteness verdict", () => {
    fc.assert(
      fc.property(
        entry,
        entry,
        entry,
        fc.double({ min: 0, max: 10, noNaN: true }),
        entry,
        entry,
        (p, q, r, s, b0, b1) => {
          const a = [p, q, q, r];
          const out = new Float64Array(2);
          const held = solveCholesky(Float64Array.from(a), 2, s, [b0, b1], out, new DenseWorkspace());
          const [generalHeld, x0, x1] = generalSolve(a, s, [b0, b1]);
          expect(held).toBe(generalHeld);
          if (held) expect([out[0], out[1]]).toEqual([x0, x1]);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("solves a known system and refuses an indefinite matrix", () => {
    const out = new Float64Array(2);
    // [[4, 2], [2, 3]] x = (2, 1): x = (0.5, 0).
    expect(solveCholesky(Float64Array.from([4, 2, 2, 3]), 2, 0, [2, 1], out, new DenseWorkspace())).toBe(true);
    expect(Array.from(out)).toEqual([0.5, 0]);
    expect(solveCholesky(Float64Array.from([1, 2, 2, 1]), 2, 0, [1, 1], out, new DenseWorkspace())).toBe(false);
    // The same matrix shifted by 2 is positive definite (eigenvalues 1 and 5).
    expect(solveCholesky(Float64Array.from([1, 2, 2, 1]), 2, 2, [3, 3], out, new DenseWorkspace())).toBe(true);
    expect(out[0]).toBeCloseTo(0.6, 14);
    expect(out[1]).toBeCloseTo(0.6, 14);
  });
});

describe("Newton minimisation's Hessian shift", () => {
  it("gives up after 200 shifts, naming the last one tried, in quiet and traced runs alike", () => {
    // The lower triangle, which the Cholesky factorisation reads, holds 1e200: no shift up to 1e-3 * 2^198
    // (the 200th tried, about 4.0e56) makes the matrix positive definite.
    const problem = {
      f: (x: Float64Array) => (x[0] as number) ** 2 + (x[1] as number) ** 2,
      gradient: (x: Float64Array) => [2 * (x[0] as number), 2 * (x[1] as number)],
      hessian: () => [
        [1, 0],
        [1e200, 1],
      ],
      x0: [1, 1],
    };
    const last = 1e-3 * 2 ** 198;
    const message = `the Hessian at x = (1, 1) could not be made positive definite (shift up to ${last})`;
    for (const options of [{ trace: false as const }, {}]) {
      const result = solve(newtonMinimize(), problem, options);
      expect(result.stopReason).toEqual({ kind: "diverged", source: "solver", message });
      expect(result.iterations).toBe(1);
      expect(Array.from(result.state.x)).toEqual([1, 1]);
    }
  });
});

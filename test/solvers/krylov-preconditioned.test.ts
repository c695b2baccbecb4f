import { describe, expect, it } from "vitest";
import { solve } from "../../src/index.js";
import { poisson2d } from "../../solvers/gauss-seidel/index.js";
import { bicgstab, gmres, ic0, jacobiPreconditioner, ssorPreconditioner } from "../../solvers/krylov/index.js";
import { convectionDiffusion, randomVector, toDense } from "../fixtures/csr.js";
import { directSolve, maxError } from "../fixtures/krylov.js";

const n = 20;
const systems = [
  ["Poisson 20 x 20", poisson2d(n)],
  ["convection-diffusion 20 x 20 (beta = 0.4)", convectionDiffusion(n, 0.4)],
] as const;

describe.each(systems)("right-preconditioned GMRES and BiCGSTAB on %s", (_name, matrix) => {
  const b = randomVector(n * n, 11);
  const expected = directSolve(toDense(matrix), b);
  const methods = [
    ["GMRES(30)", (preconditioner?: ReturnType<typeof ic0>) => gmres(preconditioner ? { preconditioner } : {})],
    [
      "BiCGSTAB",
      // One solver type for the table (the states differ; solve only needs x and the residual).
      (preconditioner?: ReturnType<typeof ic0>) =>
        bicgstab(preconditioner ? { preconditioner } : {}) as unknown as ReturnType<typeof gmres>,
    ],
  ] as const;

  // On Poisson: GMRES(30) 77 iterations plain and with Jacobi, 19 with SSOR(1.5), 23 with IC(0); BiCGSTAB 53,
  // 53, 13, 18 (one BiCGSTAB iteration is two products with A).
  it.each(methods)(
    "%s: under half the iterations with SSOR (omega = 1.5) and IC(0), the same solution",
    (_label, make) => {
      const plain = solve(make(), { matrix, b });
      expect(plain.converged).toBe(true);
      // Jacobi on a constant diagonal only rescales: same count (within one) for GMRES, close for BiCGSTAB.
      const jacobi = solve(make(jacobiPreconditioner()), { matrix, b });
      expect(Math.abs(jacobi.iterations - plain.iterations)).toBeLessThanOrEqual(Math.ceil(plain.iterations / 10));
      for (const preconditioner of [ssorPreconditioner({ relaxation: 1.5 }), ic0()]) {
        const result = solve(make(preconditioner), { matrix, b });
        expect(result.converged).toBe(true);
        // The residual tested is the true residual (right preconditioning): rtol 1e-8 of ||b||.
        expect(maxError(result.state.x, expected)).toBeLessThan(1e-6);
        expect(result.iterations).toBeLessThan(plain.iterations / 2);
      }
    },
  );
});

describe("preconditioner option", () => {
  it("names the preconditioner in the solver's name and rejects a non-preconditioner", () => {
    expect(gmres({ preconditioner: ic0() }).name).toBe("GMRES(30, IC(0))");
    expect(bicgstab({ preconditioner: jacobiPreconditioner() }).name).toBe("BiCGSTAB (Jacobi)");
    expect(() => gmres({ preconditioner: 3 as never })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: preconditioner must be a preconditioner: jacobiPreconditioner(), ssorPreconditioner() or ic0(), got 3]`,
    );
  });
});

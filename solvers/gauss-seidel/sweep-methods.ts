import { csrSweeps, jacobiChunkRows } from "./csr-sweeps.js";
import type { StationaryMethod } from "./stationary-solver.js";
import { stencilSweeps } from "./stencil-sweeps.js";

// The sweep of each method: on the stencil kernel when prepare recognised a 5-point stencil, on the
// WebAssembly CSR kernel when prepare bound one (a large system), on the JavaScript CSR kernel otherwise.
// Each returns ||b - A x_{k+1}||_2^2 when asked (`withResidual`): fused into the stencil sweeps, taken from the
// sweep ahead in WebAssembly (Jacobi, Gauss-Seidel / SOR; SSOR fuses it into its backward sweep), one extra
// pass over the matrix on the JavaScript CSR kernel (skipped when not asked). Between checks (`checkInterval`
// above 1) the WebAssembly kernel's sweepAhead sweeps plainly, the first such sweep after a check handing out
// the iterate the check swept ahead: one pass over the matrix per iteration.

/** Jacobi / weighted Jacobi: every row from `x_k` (so rows may be swept on several threads). */
function jacobi(name: string, omega: number): StationaryMethod {
  return {
    name,
    colouring: false,
    rowParallel: true,
    sweep({ system, kernel }, current, next, withResidual) {
      const { matrix, diagonalIndex, inverseDiagonal, b, stencil } = system;
      if (stencil !== undefined) return stencilSweeps.jacobi(stencil, b, current, next, omega);
      if (kernel !== undefined) return kernel.sweepAhead(current, next, omega, "current", withResidual);
      csrSweeps.forward(matrix, diagonalIndex, inverseDiagonal, b, current, current, next, omega);
      return withResidual ? csrSweeps.residualSquared(matrix, b, next, jacobiChunkRows) : Number.NaN;
    },
  };
}

/** Gauss-Seidel / SOR: rows in order, each from the rows already updated. */
function sor(name: string, omega: number): StationaryMethod {
  return {
    name,
    colouring: false,
    sweep({ system, kernel }, current, next, withResidual, last) {
      const { matrix, diagonalIndex, inverseDiagonal, b, stencil } = system;
      if (stencil !== undefined) return stencilSweeps.forward(stencil, b, current, next, omega);
      // The last iteration needs no iterate ahead: after plain sweeps its residual is folded into its sweep.
      if (kernel !== undefined && last) return kernel.forward(current, next, omega, "next", withResidual);
      if (kernel !== undefined) return kernel.sweepAhead(current, next, omega, "next", withResidual);
      csrSweeps.forward(matrix, diagonalIndex, inverseDiagonal, b, current, next, next, omega);
      return withResidual ? csrSweeps.residualSquared(matrix, b, next) : Number.NaN;
    },
  };
}

/** SSOR / symmetric Gauss-Seidel: a forward sweep, then a backward sweep in place. */
function ssor(name: string, omega: number): StationaryMethod {
  return {
    name,
    colouring: false,
    sweep({ system, kernel }, current, next, withResidual) {
      const { matrix, diagonalIndex, inverseDiagonal, b, stencil } = system;
      if (stencil !== undefined) {
        stencilSweeps.forward(stencil, b, current, next, omega);
        return stencilSweeps.backward(stencil, b, next, omega);
      }
      if (kernel !== undefined) return kernel.symmetric(current, next, omega, withResidual);
      csrSweeps.forward(matrix, diagonalIndex, inverseDiagonal, b, current, next, next, omega);
      csrSweeps.backward(matrix, diagonalIndex, inverseDiagonal, b, next, omega);
      return withResidual ? csrSweeps.residualSquared(matrix, b, next) : Number.NaN;
    },
  };
}

/** Red-black Gauss-Seidel / SOR: the red rows from `x_k`, then the black rows from the new red values. */
function redBlack(name: string, omega: number): StationaryMethod {
  return {
    name,
    colouring: true,
    sweep({ system }, current, next, withResidual) {
      const { matrix, diagonalIndex, inverseDiagonal, b, stencil, colouring } = system;
      if (stencil !== undefined) return stencilSweeps.redBlack(stencil, b, current, next, omega);
      if (colouring === undefined) throw new Error("red-black sweep without a colouring"); // init always colours
      csrSweeps.redBlack(matrix, diagonalIndex, inverseDiagonal, b, current, next, colouring, omega);
      return withResidual ? csrSweeps.residualSquared(matrix, b, next) : Number.NaN;
    },
  };
}

/** The sweep strategies of the family's solvers. */
export const sweepMethods = { jacobi, sor, ssor, redBlack } as const;

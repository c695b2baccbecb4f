import { csrSweeps } from "./csr-sweeps.js";
import type { StationaryMethod } from "./stationary-solver.js";
import { stencilSweeps } from "./stencil-sweeps.js";

// The sweep of each method, on the stencil kernel when init recognised a 5-point stencil and on the CSR
// kernel otherwise. Each returns ||b - A x_{k+1}||_2^2: fused into the stencil sweeps, one extra pass over
// the matrix on the CSR kernel.

/** Jacobi / weighted Jacobi: every row from `x_k`. */
function jacobi(name: string, omega: number): StationaryMethod {
  return {
    name,
    colouring: false,
    sweep(system, current, next) {
      if (system.stencil !== undefined) return stencilSweeps.jacobi(system.stencil, system.b, current, next, omega);
      csrSweeps.forward(
        system.matrix,
        system.diagonalIndex,
        system.inverseDiagonal,
        system.b,
        current,
        current,
        next,
        omega,
      );
      return csrSweeps.residualSquared(system.matrix, system.b, next);
    },
  };
}

/** Gauss-Seidel / SOR: rows in order, each from the rows already updated. */
function sor(name: string, omega: number): StationaryMethod {
  return {
    name,
    colouring: false,
    sweep(system, current, next) {
      if (system.stencil !== undefined) return stencilSweeps.forward(system.stencil, system.b, current, next, omega);
      csrSweeps.forward(
        system.matrix,
        system.diagonalIndex,
        system.inverseDiagonal,
        system.b,
        current,
        next,
        next,
        omega,
      );
      return csrSweeps.residualSquared(system.matrix, system.b, next);
    },
  };
}

/** SSOR / symmetric Gauss-Seidel: a forward sweep, then a backward sweep in place. */
function ssor(name: string, omega: number): StationaryMethod {
  return {
    name,
    colouring: false,
    sweep(system, current, next) {
      if (system.stencil !== undefined) {
        stencilSweeps.forward(system.stencil, system.b, current, next, omega);
        return stencilSweeps.backward(system.stencil, system.b, next, omega);
      }
      csrSweeps.forward(
        system.matrix,
        system.diagonalIndex,
        system.inverseDiagonal,
        system.b,
        current,
        next,
        next,
        omega,
      );
      csrSweeps.backward(system.matrix, system.diagonalIndex, system.inverseDiagonal, system.b, next, omega);
      return csrSweeps.residualSquared(system.matrix, system.b, next);
    },
  };
}

/** Red-black Gauss-Seidel / SOR: the red rows from `x_k`, then the black rows from the new red values. */
function redBlack(name: string, omega: number): StationaryMethod {
  return {
    name,
    colouring: true,
    sweep(system, current, next) {
      if (system.stencil !== undefined) return stencilSweeps.redBlack(system.stencil, system.b, current, next, omega);
      const colouring = system.colouring;
      if (colouring === undefined) throw new Error("red-black sweep without a colouring"); // init always colours
      csrSweeps.redBlack(
        system.matrix,
        system.diagonalIndex,
        system.inverseDiagonal,
        system.b,
        current,
        next,
        colouring,
        omega,
      );
      return csrSweeps.residualSquared(system.matrix, system.b, next);
    },
  };
}

/** The sweep strategies of the family's solvers. */
export const sweepMethods = { jacobi, sor, ssor, redBlack } as const;

/**
 * Jacobi, Gauss-Seidel and SOR on the 2-D Poisson equation: the iteration counts that theory predicts.
 *
 * Run: npx tsx examples/poisson-jacobi-gauss-seidel-sor.ts
 *
 * -(u_xx + u_yy) = 1 on the unit square, u = 0 on the boundary, on an n x n interior grid with h = 1/(n + 1):
 * the unscaled 5-point matrix A (4 on the diagonal, -1 per neighbour) and b = h^2. A stationary method's
 * residual shrinks asymptotically by its spectral radius rho per iteration, so reaching ||r|| / ||b|| <= tol
 * takes about ln(tol) / ln(rho) iterations. For this matrix the radii are known in closed form:
 *   Jacobi        rho_J   = cos(pi h)                     ~ 1 - pi^2 h^2 / 2
 *   Gauss-Seidel  rho_GS  = rho_J^2 = cos^2(pi h)         ~ 1 - pi^2 h^2        (half of Jacobi's iterations)
 *   SOR, optimal  rho_SOR = omega - 1, omega = 2 / (1 + sin(pi h))  ~ 1 - 2 pi h (O(1/h) iterations, not O(1/h^2))
 * At the optimal omega the SOR iteration matrix has a Jordan block, so its residual decays like k rho^k
 * rather than rho^k: the count is then the k solving k rho^k = tol, a few tens of percent above ln(tol) / ln(rho).
 * The solvers also estimate rho from their own residual ratios (state.spectralRadiusEstimate).
 */
import { solve } from "../src/index.js";
import {
  gaussSeidel,
  jacobi,
  optimalRelaxation,
  poisson2d,
  poissonJacobiRadius,
  redBlackGaussSeidel,
  sor,
} from "../solvers/gauss-seidel/index.js";
import type { GaussSeidelProblem } from "../solvers/gauss-seidel/index.js";
import { runIfMain } from "./run-if-main.js";

/** One method on one grid: the rate theory gives, the rate measured, and the counts predicted and taken. */
export interface PoissonRow {
  readonly n: number;
  readonly method: string;
  readonly rhoTheory: number;
  readonly rhoEstimate: number;
  /** ceil(ln(tol) / ln(rho)). */
  readonly predicted: number;
  /** The k with k rho^k = tol (SOR at the optimum, whose iteration matrix has a Jordan block); else = predicted. */
  readonly predictedJordan: number;
  readonly iterations: number;
  readonly elapsedMs: number;
}

export function main(print: (line: string) => void = console.log, sizes: readonly number[] = [15, 31]) {
  const tolerance = 1e-8;
  const rows: PoissonRow[] = [];
  for (const n of sizes) {
    const h = 1 / (n + 1);
    const problem: GaussSeidelProblem = { matrix: poisson2d(n), b: new Float64Array(n * n).fill(h * h) };
    const rhoJ = poissonJacobiRadius(n);
    const omega = optimalRelaxation(rhoJ);
    const methods = [
      {
        method: "Jacobi",
        solver: jacobi({ relTolerance: tolerance, maxIterations: 100_000 }),
        rho: rhoJ,
        jordan: false,
      },
      {
        method: "Gauss-Seidel",
        solver: gaussSeidel({ relTolerance: tolerance, maxIterations: 100_000 }),
        rho: rhoJ ** 2,
        jordan: false,
      },
      {
        method: "red-black Gauss-Seidel",
        solver: redBlackGaussSeidel({ relTolerance: tolerance, maxIterations: 100_000 }),
        rho: rhoJ ** 2,
        jordan: false,
      },
      {
        method: `SOR, omega = ${omega.toFixed(4)}`,
        solver: sor({ relaxation: omega, relTolerance: tolerance }),
        rho: omega - 1,
        jordan: true,
      },
    ];
    print(`n = ${n} (h = 1/${n + 1}, ${n * n} unknowns), ||r|| / ||b|| <= ${tolerance}`);
    print("  method                     rho (theory)  rho (measured)  predicted  k rho^k = tol  iterations");
    for (const { method, solver, rho, jordan } of methods) {
      const result = solve(solver, problem);
      const predicted = Math.ceil(Math.log(tolerance) / Math.log(rho));
      let k = predicted;
      if (jordan) for (let i = 0; i < 50; i++) k = (Math.log(tolerance) - Math.log(k)) / Math.log(rho);
      const predictedJordan = Math.ceil(k);
      rows.push({
        n,
        method,
        rhoTheory: rho,
        rhoEstimate: result.state.spectralRadiusEstimate,
        predicted,
        predictedJordan,
        iterations: result.iterations,
        elapsedMs: result.elapsedMs,
      });
      print(
        `  ${method.padEnd(25)}  ${rho.toFixed(6).padStart(12)}  ${result.state.spectralRadiusEstimate.toFixed(6).padStart(14)}  ${String(predicted).padStart(9)}  ${(jordan ? String(predictedJordan) : "").padStart(13)}  ${String(result.iterations).padStart(10)}`,
      );
    }
    const [jacobiRow, gsRow, , sorRow] = rows.slice(-4) as [PoissonRow, PoissonRow, PoissonRow, PoissonRow];
    print(
      `  Gauss-Seidel / Jacobi iterations: ${(gsRow.iterations / jacobiRow.iterations).toFixed(3)} (theory 1/2); ` +
        `SOR speed-up over Gauss-Seidel: ${(gsRow.iterations / sorRow.iterations).toFixed(1)}x (ln rho_GS / ln rho_SOR = ${(Math.log(sorRow.rhoTheory) / Math.log(gsRow.rhoTheory)).toFixed(1)}x)\n`,
    );
  }
  print("Halving h multiplies the Jacobi and Gauss-Seidel counts by about 4 and the SOR count by about 2.");
  return { rows };
}

runIfMain(import.meta.url, main);

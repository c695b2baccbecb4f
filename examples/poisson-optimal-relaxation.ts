/**
 * SOR on the 2-D Poisson equation: how the iteration count depends on omega, and where Young's optimum lies.
 *
 * Run: npx tsx examples/poisson-optimal-relaxation.ts
 *
 * For a consistently ordered matrix with Jacobi spectral radius rho_J, Young's theory gives SOR's spectral
 * radius as a function of omega: it decreases from rho_J^2 (omega = 1, Gauss-Seidel) to its minimum
 * omega_opt - 1 at omega_opt = 2 / (1 + sqrt(1 - rho_J^2)), then grows as omega - 1 up to 1 at omega = 2.
 * The curve is steep on the left of the optimum and flat (slope 1) on the right: overestimating omega costs
 * far less than underestimating it. The red-black ordering is consistently ordered too, with the same optimum.
 */
import { solve } from "../src/index.js";
import {
  optimalRelaxation,
  poisson2d,
  poissonJacobiRadius,
  redBlackGaussSeidel,
  sor,
} from "../solvers/gauss-seidel/index.js";
import { runIfMain } from "./run-if-main.js";

/** Young's SOR spectral radius for relaxation omega and Jacobi radius rho (real Jacobi eigenvalues). */
function youngRadius(omega: number, rho: number): number {
  const optimum = optimalRelaxation(rho);
  if (omega >= optimum) return omega - 1;
  const root = omega * rho + Math.sqrt(omega * omega * rho * rho - 4 * (omega - 1));
  return (root * root) / 4;
}

export function main(print: (line: string) => void = console.log, n = 31) {
  const problem = { matrix: poisson2d(n), b: new Float64Array(n * n).fill(1 / (n + 1) ** 2) };
  const rhoJ = poissonJacobiRadius(n);
  const best = optimalRelaxation(rhoJ);
  const omegas = [1, 1.2, 1.4, 1.6, 1.7, 1.75, 1.8, best, 1.85, 1.9, 1.95].sort((x, y) => x - y);
  print(`SOR on 2-D Poisson, n = ${n} (h = 1/${n + 1}), ||r|| / ||b|| <= 1e-8; omega_opt = ${best.toFixed(4)}`);
  print("  omega    rho (Young)  predicted  iterations  red-black");
  const rows = omegas.map((omega) => {
    const rho = youngRadius(omega, rhoJ);
    const predicted = Math.ceil(Math.log(1e-8) / Math.log(rho));
    const iterations = solve(sor({ relaxation: omega }), problem).iterations;
    const redBlack = solve(redBlackGaussSeidel({ relaxation: omega }), problem).iterations;
    print(
      `  ${omega.toFixed(4)}  ${rho.toFixed(6).padStart(11)}  ${String(predicted).padStart(9)}  ${String(iterations).padStart(10)}  ${String(redBlack).padStart(9)}${omega === best ? "   <- optimal" : ""}`,
    );
    return { omega, rho, predicted, iterations, redBlack };
  });
  const fewest = rows.reduce((a, b) => (b.iterations < a.iterations ? b : a));
  print(
    `Fewest iterations at omega = ${fewest.omega.toFixed(4)}: ${fewest.iterations}, against ${rows[0]?.iterations} for Gauss-Seidel.`,
  );
  return { best, rows, fewest };
}

runIfMain(import.meta.url, main);

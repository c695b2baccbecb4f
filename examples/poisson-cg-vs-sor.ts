/**
 * Gauss-Seidel, optimal SOR and conjugate gradients on the 2-D Poisson equation, in one compare() call: the
 * classic lesson of linear iterative methods, kappa against sqrt(kappa).
 *
 * Run: npx tsx examples/poisson-cg-vs-sor.ts
 *
 * With h = 1 / (n + 1), Gauss-Seidel's iterations grow like h^-2 (its rate cos^2(pi h) ~ 1 - pi^2 h^2), SOR's
 * with Young's omega and CG's like h^-1: SOR's rate is 1 - 2 pi h, CG's error contracts at least like
 * (sqrt(kappa) - 1) / (sqrt(kappa) + 1) ~ 1 - pi h with kappa = cot^2(pi h / 2), and needs no factor to be
 * chosen. IC(0) preconditioning cuts CG's count again. Halving h doubles the counts of SOR and CG and
 * quadruples Gauss-Seidel's.
 */
import { compare, formatComparison, relativeResidual } from "../src/index.js";
import { gaussSeidel, optimalRelaxation, poisson2d, poissonJacobiRadius, sor } from "../solvers/gauss-seidel/index.js";
import { conjugateGradient, ic0 } from "../solvers/krylov/index.js";
import { runIfMain } from "./run-if-main.js";

export function main(print: (line: string) => void = console.log, sizes: readonly number[] = [15, 31]) {
  const runs = sizes.map((n) => {
    const h = 1 / (n + 1);
    const kappa = 1 / Math.tan((Math.PI * h) / 2) ** 2;
    const cgBound = Math.ceil((Math.log(2 / 1e-8) * Math.sqrt(kappa)) / 2);
    const comparison = compare({
      problem: { matrix: poisson2d(n), b: new Float64Array(n * n).fill(h * h) },
      methods: [
        { label: "Gauss-Seidel", solver: gaussSeidel() },
        { label: "SOR (optimal omega)", solver: sor({ relaxation: optimalRelaxation(poissonJacobiRadius(n)) }) },
        { label: "CG", solver: conjugateGradient() },
        { label: "PCG (IC(0))", solver: conjugateGradient({ preconditioner: ic0() }) },
      ],
      error: relativeResidual(),
      tolerances: [1e-4, 1e-8],
    });
    const size = `n = ${n} (${n * n} unknowns)`;
    print(`2-D Poisson, ${size}, kappa = ${kappa.toFixed(1)}, CG's sqrt(kappa) bound ${cgBound} iterations`);
    print(formatComparison(comparison));
    print("");
    const iterations = Object.fromEntries(comparison.rows.map((row) => [row.label, row.iterations]));
    return { n, kappa, cgBound, iterations };
  });
  return { runs };
}

runIfMain(import.meta.url, main);

/**
 * Gradient descent on ill-conditioned quadratics: the iteration count that theory predicts, measured.
 *
 * Run: npx tsx examples/gradient-descent-rate.ts
 *
 * On f(x, y) = (x^2 + kappa y^2) / 2 the best fixed step, 2 / (L + mu) = 2 / (1 + kappa), shrinks the
 * error by rho = (kappa - 1) / (kappa + 1) per iteration. To reduce the gradient from kappa to 1e-8 takes
 * k = ceil(ln(1e-8 / kappa) / ln(rho)) iterations: about 1.15 kappa ln(kappa 1e8) / 2 for large kappa.
 * Armijo backtracking needs no knowledge of L, but cannot beat the condition number either. The last column
 * runs the fixed step on the same objective with its gradient written in place (`gradientInto`, no array per
 * evaluation): the same iterates, so the same count.
 */
import { backtracking, fixedStep, solve } from "../src/index.js";
import { gradientDescent } from "../solvers/gradient-descent/index.js";
import type { InPlaceObjectiveProblem, ObjectiveProblem } from "../solvers/gradient-descent/index.js";
import { runIfMain } from "./run-if-main.js";

function quadratic(kappa: number): ObjectiveProblem {
  return {
    f: ([x = 0, y = 0]) => 0.5 * (x * x + kappa * y * y),
    gradient: ([x = 0, y = 0]) => [x, kappa * y],
    x0: [1, 1],
  };
}

/** The same quadratic with its gradient written into `out` instead of returned. */
function quadraticInPlace(kappa: number): InPlaceObjectiveProblem {
  return {
    f: ([x = 0, y = 0]) => 0.5 * (x * x + kappa * y * y),
    gradientInto: ([x = 0, y = 0], out) => {
      out[0] = x;
      out[1] = kappa * y;
    },
    x0: [1, 1],
  };
}

export function main(print: (line: string) => void = console.log) {
  print("kappa   rho       predicted   fixed step   backtracking   fixed step, in place");
  const rows = [];
  for (const kappa of [2, 10, 100, 1000]) {
    const rho = (kappa - 1) / (kappa + 1);
    const predicted = Math.ceil(Math.log(1e-8 / kappa) / Math.log(rho));
    const fixed = solve(
      gradientDescent({ lineSearch: fixedStep(2 / (1 + kappa)), maxIterations: 100_000 }),
      quadratic(kappa),
    );
    const armijo = solve(gradientDescent({ lineSearch: backtracking(), maxIterations: 100_000 }), quadratic(kappa));
    const inPlace = solve(
      gradientDescent({ lineSearch: fixedStep(2 / (1 + kappa)), maxIterations: 100_000 }),
      quadraticInPlace(kappa),
      { trace: false },
    );
    print(
      `${String(kappa).padEnd(6)}  ${rho.toFixed(5)}  ${String(predicted).padStart(9)}   ${String(fixed.iterations).padStart(10)}   ${String(armijo.iterations).padStart(12)}   ${String(inPlace.iterations).padStart(20)}`,
    );
    rows.push({
      kappa,
      predicted,
      fixed: fixed.iterations,
      backtracking: armijo.iterations,
      inPlace: inPlace.iterations,
    });
  }
  return rows;
}

runIfMain(import.meta.url, main);

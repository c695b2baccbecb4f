/**
 * Newton versus BFGS versus gradient descent on Rosenbrock's function from (-1.2, 1): a convergence table.
 *
 * Run: npx tsx examples/rosenbrock-newton-bfgs.ts
 *
 * f(x, y) = 100 (y - x^2)^2 + (1 - x)^2 has its minimum 0 at (1, 1) at the end of a long curved valley.
 * Gradient descent follows the valley in thousands of zig-zag steps (linear convergence with a rate near
 * 1); Newton's method, with the Hessian modified where it is not positive definite and an Armijo line
 * search, needs about 20 iterations and converges quadratically at the end; BFGS builds its curvature
 * from gradients alone and converges superlinearly in about twice as many iterations, with no Hessian.
 */
import { estimateOrder, estimateRate, solve } from "../src/index.js";
import { formatNumber } from "../src/engine/internals.js";
import { gradientDescent } from "../solvers/gradient-descent/index.js";
import { bfgs, newtonMinimize } from "../solvers/newton/index.js";
import { runIfMain } from "./run-if-main.js";

export function main(print: (line: string) => void = console.log) {
  const rosenbrock = { f: "100 (y - x^2)^2 + (1 - x)^2", x0: [-1.2, 1] }; // gradient and Hessian derived by mathjs
  const distance = (x: Float64Array) => Math.hypot((x[0] as number) - 1, (x[1] as number) - 1);
  const trace = { maxLength: 100_000 };

  const runs = [
    solve(newtonMinimize(), rosenbrock, { trace }),
    solve(bfgs(), rosenbrock, { trace }),
    solve(
      gradientDescent({ maxIterations: 50_000 }),
      { ...rosenbrock, f: rosenbrockF, gradient: rosenbrockGradient },
      { trace },
    ),
  ].map((result) => {
    const records = result.trace.entries.map((entry) => entry.record);
    const errors = records.map((record) => distance(record.x));
    return { result, errors, gradientNorms: records.map((record) => record.gradientNorm) };
  });

  print("||x_k - (1, 1)|| and |grad f(x_k)| per iteration");
  print(`   k  ${runs.map(({ result }) => result.solver.padEnd(34)).join("")}`);
  print(`      ${runs.map(() => "||x - x*||  |grad|".padEnd(34)).join("")}`);
  const shown = Math.max(runs[0]?.errors.length ?? 0, runs[1]?.errors.length ?? 0);
  for (let k = 0; k < shown; k++) {
    const cells = runs.map(({ errors, gradientNorms }) =>
      k < errors.length
        ? `${formatNumber(errors[k] as number).padEnd(10)}  ${formatNumber(gradientNorms[k] as number)}`.padEnd(34)
        : "".padEnd(34),
    );
    print(`  ${String(k).padStart(2)}  ${cells.join("")}`);
  }

  print("\nmethod                           iterations  f evals  grad evals  Hessian evals  ||x - x*||  tail");
  const rows = runs.map(({ result, errors }) => {
    const state = result.state as { fEvaluations: number; gradientEvaluations: number; hessianEvaluations?: number };
    const order = estimateOrder(errors, { floor: 1e-14 }).order;
    const rate = estimateRate(errors, { floor: 1e-14, tail: 5 });
    const tail = result.solver.startsWith("Newton")
      ? `quadratic: q = ${order?.toFixed(2)}`
      : result.solver.startsWith("BFGS")
        ? `superlinear: rate ${rate?.toFixed(3)} over the last 5 steps`
        : `linear: rate ${rate?.toFixed(5)}`;
    const cells = [
      result.solver.padEnd(31),
      String(result.iterations).padStart(10),
      String(state.fEvaluations).padStart(7),
      String(state.gradientEvaluations).padStart(10),
      String(state.hessianEvaluations ?? 0).padStart(13),
      formatNumber(errors.at(-1) as number).padStart(10),
      tail,
    ];
    print(cells.join("  "));
    return {
      method: result.solver,
      converged: result.converged,
      iterations: result.iterations,
      fEvaluations: state.fEvaluations,
      gradientEvaluations: state.gradientEvaluations,
      hessianEvaluations: state.hessianEvaluations ?? 0,
      error: errors.at(-1) as number,
      order,
      rate,
    };
  });
  return { rows };
}

// Gradient descent takes the functions (it has no expression strings).
function rosenbrockF(x: Float64Array): number {
  return 100 * ((x[1] as number) - (x[0] as number) ** 2) ** 2 + (1 - (x[0] as number)) ** 2;
}

function rosenbrockGradient(x: Float64Array): number[] {
  const a = x[0] as number;
  const b = x[1] as number;
  return [-400 * a * (b - a * a) - 2 * (1 - a), 200 * (b - a * a)];
}

runIfMain(import.meta.url, main);

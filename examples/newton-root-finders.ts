/**
 * Newton versus secant versus Halley on Wallis's equation x^3 - 2x - 5 = 0: the orders 2, 1.618 and 3,
 * measured from the traces; then the price of a multiple root.
 *
 * Run: npx tsx examples/newton-root-finders.ts
 *
 * Near a simple root the error of Newton's method squares at every step (e_{k+1} ~ C e_k^2), the secant
 * method's follows e_{k+1} ~ C e_k e_{k-1} (order (1 + sqrt 5) / 2) and Halley's cubes. Per step Halley
 * wins; per evaluation the secant method is competitive because it needs no derivative. At a root of
 * multiplicity m Newton's method loses its quadratic rate: the error shrinks by (m - 1) / m per step.
 */
import { estimateOrder, estimateRate, solve } from "../src/index.js";
import { formatNumber } from "../src/engine/internals.js";
import { halley, newton, secant } from "../solvers/newton/index.js";
import { runIfMain } from "./run-if-main.js";

export function main(print: (line: string) => void = console.log) {
  const root = 2.0945514815423265; // the real root of x^3 - 2x - 5
  const problem = { f: "x^3 - 2x - 5", x0: 2 }; // f' and f'' are derived by mathjs

  const runs = [newton(), secant(), halley()].map((solver) => {
    const result = solve(solver, problem);
    const errors = result.trace.entries.map((entry) => Math.abs(entry.record.x - root));
    return { result, errors, order: estimateOrder(errors, { floor: 1e-15 }).order };
  });

  print("x^3 - 2x - 5 = 0 from x0 = 2: |x_k - x*| per iteration");
  print(`  k  ${runs.map(({ result }) => result.solver.padEnd(10)).join("  ")}`);
  const longest = Math.max(...runs.map(({ errors }) => errors.length));
  for (let k = 0; k < longest; k++) {
    const cells = runs.map(({ errors }) => (k < errors.length ? formatNumber(errors[k] as number) : "").padEnd(10));
    print(`  ${String(k).padStart(1)}  ${cells.join("  ")}`);
  }
  print("\nmethod    iterations  f   f'  f''  estimated order q");
  const rows = runs.map(({ result, order }) => {
    const { state } = result;
    const counts = [state.fEvaluations, state.derivativeEvaluations, state.secondDerivativeEvaluations];
    const [fs, firsts, seconds] = counts.map((count, i) => String(count).padStart(i === 2 ? 3 : 2));
    print(
      `${result.solver.padEnd(8)}  ${String(result.iterations).padStart(10)}  ${fs}  ${firsts}  ${seconds}  ${order?.toFixed(3) ?? "n/a"}`,
    );
    return {
      method: result.solver,
      iterations: result.iterations,
      x: state.x,
      fEvaluations: state.fEvaluations,
      derivativeEvaluations: state.derivativeEvaluations,
      secondDerivativeEvaluations: state.secondDerivativeEvaluations,
      order,
    };
  });

  // A double root: f = (x - 1)^2 (x + 2) has f(1) = f'(1) = 0, and Newton's method becomes linear with rate 1/2.
  const double = solve(newton(), { f: "(x - 1)^2 (x + 2)", x0: 2 });
  const doubleErrors = double.trace.entries.map((entry) => Math.abs(entry.record.x - 1));
  const doubleRate = estimateRate(doubleErrors, { floor: 1e-14 });
  print(
    `\ndouble root of (x - 1)^2 (x + 2) from 2: ${double.iterations} Newton iterations, rate ${doubleRate?.toFixed(4)} (theory 1/2)`,
  );
  return { rows, doubleRoot: { iterations: double.iterations, rate: doubleRate, x: double.state.x } };
}

runIfMain(import.meta.url, main);

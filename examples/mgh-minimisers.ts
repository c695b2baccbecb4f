/**
 * Three minimisers over the Moré-Garbow-Hillstrom test set: BFGS, Newton (Hessian by differences of the
 * exact gradient) and gradient descent, each from the standard starting point of all 35 functions.
 *
 * Run: npx tsx examples/mgh-minimisers.ts
 *
 * A problem counts as solved when the method's final f is within 1e-5 (relative) of the paper's minimum (or
 * below 1e-10 where the minimum is 0). The table shows the iterations of each method where it solved the
 * problem, and the value it stopped at where it did not (another local minimum, a stall, or the bound).
 */
import { solve } from "../src/index.js";
import { gradientDescent } from "../solvers/gradient-descent/index.js";
import { bfgs, newtonMinimize } from "../solvers/newton/index.js";
import { mghCollection } from "../src/apps/collections/index.js";
import { runIfMain } from "./run-if-main.js";

/** Whether `f` reaches the known minimum `optimum`. */
const solved = (f: number, optimum: number | undefined) =>
  optimum !== undefined && (optimum === 0 ? f <= 1e-10 : Math.abs(f - optimum) <= 1e-5 * optimum);

export function main(print: (line: string) => void = console.log) {
  const methods = [
    { name: "BFGS", run: (problem: never) => solve(bfgs({ maxIterations: 5000 }), problem) },
    { name: "Newton", run: (problem: never) => solve(newtonMinimize({ maxIterations: 500 }), problem) },
    { name: "gradient descent", run: (problem: never) => solve(gradientDescent({ maxIterations: 5000 }), problem) },
  ];
  print("function                     minimum        BFGS            Newton          gradient descent");
  const rows = mghCollection().entries.map((entry) => {
    const cells = methods.map((method) => {
      const result = method.run(entry.problem as never);
      const f = (result.state as { f: number }).f;
      return { f, iterations: result.iterations, solved: solved(f, entry.optimum) };
    });
    const text = cells.map((cell) =>
      (cell.solved ? `${cell.iterations} its` : `f = ${cell.f.toExponential(3)}`).padEnd(16),
    );
    print(`${entry.name.padEnd(28)} ${String(entry.optimum?.toExponential(5) ?? "-").padEnd(14)} ${text.join("")}`);
    return { name: entry.name, cells };
  });
  const counts = methods.map((_, m) => rows.filter((row) => row.cells[m]?.solved).length);
  print(`solved (of 35): BFGS ${counts[0]}, Newton ${counts[1]}, gradient descent ${counts[2]}`);
  return { rows, counts };
}

runIfMain(import.meta.url, main);

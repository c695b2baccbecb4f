/**
 * Checkpoint and resume: stop a run on a budget, save it as JSON, continue it later with the same outcome.
 *
 * Run: npx tsx examples/checkpoint-resume.ts
 *
 * A checkpoint holds the state, the counters, the random generator's state, the stopping tests' memories
 * and the trace so far. Resuming with a larger bound gives exactly the result and trace of a run that was
 * never interrupted.
 */
import { parseCheckpoint, serializeCheckpoint, solve } from "../src/index.js";
import type { GradientDescentRecord, GradientDescentState } from "../solvers/gradient-descent/index.js";
import { gradientDescent } from "../solvers/gradient-descent/index.js";
import { runIfMain } from "./run-if-main.js";

export function main(print: (line: string) => void = console.log) {
  const rosenbrock = {
    f: ([x = 0, y = 0]: Float64Array) => 100 * (y - x * x) ** 2 + (1 - x) ** 2,
    gradient: ([x = 0, y = 0]: Float64Array) => [-400 * x * (y - x * x) - 2 * (1 - x), 200 * (y - x * x)],
    x0: [-1.2, 1],
  };
  const solver = gradientDescent({ maxIterations: 30_000 });

  // A first session with a budget of 5,000 iterations...
  const first = solve(solver, rosenbrock, { maxIterations: 5_000 });
  print(
    `first session: ${first.iterations} iterations, ${first.stopReason.kind}, f = ${first.state.f.toExponential(3)}`,
  );
  const saved = serializeCheckpoint(first.checkpoint());
  print(`checkpoint: ${(saved.length / 1024).toFixed(0)} KiB of JSON`);

  // ...and a second one, later, from the saved text.
  const checkpoint = parseCheckpoint<GradientDescentState, GradientDescentRecord>(saved);
  const resumed = solve(solver, rosenbrock, { resumeFrom: checkpoint });
  const uninterrupted = solve(solver, rosenbrock);
  print(
    `resumed: ${resumed.iterations} iterations, ${resumed.stopReason.kind}, x = (${Array.from(resumed.state.x, (v) => v.toFixed(8)).join(", ")})`,
  );
  const same =
    resumed.iterations === uninterrupted.iterations && resumed.state.x.every((v, i) => v === uninterrupted.state.x[i]);
  print(`identical to an uninterrupted run: ${same}`);
  return { same, iterations: resumed.iterations };
}

runIfMain(import.meta.url, main);

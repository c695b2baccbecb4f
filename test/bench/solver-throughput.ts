import { fixedStep, solve } from "../../src/index.js";
import { gradientDescent } from "../../solvers/gradient-descent/index.js";
import { formatMeasurements, measureSideBySide } from "./measure.js";

/**
 * Gradient descent through `solve` against the same update hand-written on typed arrays: what the solver
 * contract (a new state object per step, the record, the stopping tests) costs on a small problem.
 */
export function solverThroughput(rounds = 9): string {
  const kappa = 100;
  const steps = 200_000;
  const alpha = 2 / (1 + kappa);
  const problem = {
    f: (x: Float64Array) => 0.5 * ((x[0] as number) ** 2 + kappa * (x[1] as number) ** 2),
    gradient: (x: Float64Array) => [x[0] as number, kappa * (x[1] as number)],
    x0: [1, 1],
  };
  const handWritten = () => {
    const x = Float64Array.from(problem.x0);
    for (let k = 0; k < steps; k++) {
      const g = problem.gradient(x);
      x[0] = (x[0] as number) - alpha * (g[0] as number);
      x[1] = (x[1] as number) - alpha * (g[1] as number);
      problem.f(x);
    }
    return x;
  };
  const solver = gradientDescent({ lineSearch: fixedStep(alpha), absTolerance: 0, maxIterations: steps });
  const measurements = measureSideBySide(
    [
      { name: "hand-written descent loop", run: handWritten },
      { name: "solve(gradientDescent), trace off", run: () => solve(solver, problem, { trace: false }).state },
      { name: "solve(gradientDescent), default trace", run: () => solve(solver, problem).state },
    ],
    rounds,
  );
  const perSecond = (ms: number) => ((steps / ms) * 1000).toExponential(2);
  return [
    formatMeasurements(`Gradient descent, fixed step, kappa = ${kappa}, ${steps} iterations`, measurements),
    ...measurements.map((m) => `  ${m.name}: ${perSecond(m.medianMs)} iterations/s`),
  ].join("\n");
}

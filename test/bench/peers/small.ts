import { fixedStep, solve } from "../../../src/index.js";
import { gradientDescent } from "../../../solvers/gradient-descent/index.js";
import { fixedPoint } from "../../../solvers/fixed-point/index.js";
import { newtonMinimize } from "../../../solvers/newton/index.js";
import { measureSideBySide } from "../measure.js";
import { handWrittenNewton, problem as rosenbrockProblem } from "../newton.js";
import type { PeerContext } from "./context.js";
import type { PeerRow } from "./table.js";

/** Issue 19: gradient descent and fixed-point iteration within 2x a hand loop per iteration, Newton within 3x. */
const loopTarget = 2;
const newtonTarget = 3;

/**
 * The small problems, whose peers are hand-written loops in the same process: gradient descent with a fixed
 * step on f = (x^2 + 100 y^2) / 2 against an allocation-free loop (gradient and f inline), and Newton
 * minimisation of Rosenbrock's function from (-1.2, 1) against the same algorithm with the 2 x 2 Cholesky
 * solve inline (test/bench/newton.ts), and fixed-point iteration of cos from 1 against `x = Math.cos(x)` in a
 * loop. Per iteration: a run's time over its iterations (Newton and fixed point: repeated solves, set-up
 * included).
 */
export function smallRows(context: PeerContext): PeerRow[] {
  const rounds = context.quick ? 3 : 9;
  const kappa = 100;
  const steps = context.quick ? 20_000 : 200_000;
  const alpha = 2 / (1 + kappa);
  const problem = {
    f: (x: Float64Array) => 0.5 * ((x[0] as number) ** 2 + kappa * (x[1] as number) ** 2),
    gradient: (x: Float64Array) => [x[0] as number, kappa * (x[1] as number)],
    x0: [1, 1],
  };
  const handLoop = () => {
    let x0 = 1;
    let x1 = 1;
    let f = 0;
    for (let k = 0; k < steps; k++) {
      const g0 = x0;
      const g1 = kappa * x1;
      x0 -= alpha * g0;
      x1 -= alpha * g1;
      f = 0.5 * (x0 * x0 + kappa * x1 * x1);
    }
    return f + x0 + x1;
  };
  // The honest second peer (beside the inline loop, not instead of it): the same algorithm calling the
  // problem's own functions, as iterlab must, with the gradient copied out of the array it returns.
  const sameFunctionsLoop = () => {
    const x = Float64Array.from(problem.x0);
    const gradient = new Float64Array(x.length);
    let f = problem.f(x);
    for (let k = 0; k < steps; k++) {
      const returned = problem.gradient(x);
      for (let i = 0; i < x.length; i++) gradient[i] = returned[i] as number;
      for (let i = 0; i < x.length; i++) x[i] = (x[i] as number) - alpha * (gradient[i] as number);
      f = problem.f(x);
    }
    return f + (x[0] as number);
  };
  const descent = gradientDescent({ lineSearch: fixedStep(alpha), absTolerance: 0, maxIterations: steps });
  context.log("small problems: gradient descent");
  const [hand, off, traced, sameFunctions] = measureSideBySide(
    [
      { name: "hand", run: handLoop },
      { name: "trace off", run: () => solve(descent, problem, { trace: false }).state },
      { name: "default trace", run: () => solve(descent, problem).state },
      { name: "hand, problem's functions", run: sameFunctionsLoop },
    ],
    rounds,
  ).map((entry) => entry.medianMs / steps) as [number, number, number, number];
  // cos has a fixed point that the iteration reaches exactly (a step of 0) after some 90 iterations: whole
  // runs, repeated, against the same number of steps of the hand loop.
  const map = { map: Math.cos, x0: 1 };
  const iterate = fixedPoint({ absTolerance: 0 });
  const cosineSteps = solve(iterate, map).iterations;
  const cosineRuns = context.quick ? 200 : 2000;
  const cosineLoop = () => {
    let total = 0;
    for (let run = 0; run < cosineRuns; run++) {
      let x = 1;
      for (let k = 0; k < cosineSteps; k++) x = Math.cos(x);
      total += x;
    }
    return total;
  };
  const cosineSolves = (trace: boolean) => () =>
    Array.from({ length: cosineRuns }, () => solve(iterate, map, trace ? {} : { trace: false }).state);
  context.log("small problems: fixed point");
  const [handFixed, fixedOff, fixedTraced] = measureSideBySide(
    [
      { name: "hand", run: cosineLoop },
      { name: "trace off", run: cosineSolves(false) },
      { name: "default trace", run: cosineSolves(true) },
    ],
    rounds,
  ).map((entry) => entry.medianMs / (cosineRuns * cosineSteps)) as [number, number, number];
  const runs = 200;
  const newton = newtonMinimize();
  const rosenbrock = rosenbrockProblem; // the functions the hand loop calls, from test/bench/newton.ts
  const newtonIterations = solve(newton, rosenbrock).iterations;
  const repeat = (run: () => unknown) => Array.from({ length: runs }, run);
  const handIterations = handWrittenNewton(false)[2]; // one Hessian per iteration
  context.log("small problems: Newton");
  const [handNewton, newtonOff, newtonTraced] = measureSideBySide(
    [
      { name: "hand", run: () => repeat(() => handWrittenNewton(false)) },
      { name: "trace off", run: () => repeat(() => solve(newton, rosenbrock, { trace: false }).state) },
      { name: "default trace", run: () => repeat(() => solve(newton, rosenbrock).state) },
    ],
    rounds,
  ).map((entry) => entry.medianMs / runs) as [number, number, number];
  const gdWorkload = `gradient descent, fixed step, 2-D quadratic (kappa = ${kappa}), per iteration`;
  const gdPeer = "allocation-free hand loop (JavaScript, same process)";
  const gdSameFunctionsPeer =
    "hand loop calling problem.gradient and problem.f, as iterlab must (JavaScript, same process; no target)";
  const newtonWorkload = `Newton minimisation, Rosenbrock 2 x 2 from (-1.2, 1), per iteration`;
  const newtonPeer = `hand loop with inline 2 x 2 Cholesky (JavaScript, same process), ${handIterations} iterations`;
  const newtonRow = (workload: string, ms: number): PeerRow => ({
    workload,
    peer: newtonPeer,
    peerFigure: { ms: handNewton / handIterations },
    iterlabFigure: { ms: ms / newtonIterations, note: `${newtonIterations} iterations` },
    targetAtMost: newtonTarget,
  });
  const fixedWorkload = `fixed-point iteration x = cos(x) from 1 (${cosineSteps} iterations), per iteration, repeated solves`;
  const fixedPeer = "x = Math.cos(x) in a loop (JavaScript, same process)";
  const loopRow = (workload: string, peer: string, hand: number, ms: number): PeerRow => ({
    workload,
    peer,
    peerFigure: { ms: hand },
    iterlabFigure: { ms },
    targetAtMost: loopTarget,
  });
  return [
    loopRow(`${gdWorkload}, trace off`, gdPeer, hand, off),
    loopRow(`${gdWorkload}, default trace`, gdPeer, hand, traced),
    {
      workload: `${gdWorkload}, trace off`,
      peer: gdSameFunctionsPeer,
      peerFigure: { ms: sameFunctions },
      iterlabFigure: { ms: off },
    },
    loopRow(`${fixedWorkload}, trace off`, fixedPeer, handFixed, fixedOff),
    loopRow(`${fixedWorkload}, default trace`, fixedPeer, handFixed, fixedTraced),
    newtonRow(`${newtonWorkload}, trace off`, newtonOff),
    newtonRow(`${newtonWorkload}, default trace`, newtonTraced),
  ];
}

import { fixedStep, solve } from "../../../src/index.js";
import { fixedPoint } from "../../../solvers/fixed-point/index.js";
import { gradientDescent } from "../../../solvers/gradient-descent/index.js";
import { newtonMinimize } from "../../../solvers/newton/index.js";
import { handWrittenNewton, problem as rosenbrock } from "../newton.js";

/**
 * One contender of a small workload: made on demand (so that a child process running one contender makes and
 * runs nothing of the others, and V8 sees only its shapes), then run whole, returning the iterations it did.
 */
export type SmallContender = () => () => number;

/** A small workload: its contenders by name, the first being the reference (the inline hand loop). */
export interface SmallWorkload {
  readonly contenders: Readonly<Record<string, SmallContender>>;
}

/** The condition number of the gradient-descent quadratic, and its optimal fixed step `2 / (L + mu)`. */
export const kappa = 100;
const alpha = 2 / (1 + kappa);

/** f = (x^2 + kappa y^2) / 2 with the gradient returned as a new array, as most users write it. */
const returnedProblem = {
  f: (x: Float64Array) => 0.5 * ((x[0] as number) ** 2 + kappa * (x[1] as number) ** 2),
  gradient: (x: Float64Array) => [x[0] as number, kappa * (x[1] as number)],
  x0: [1, 1],
};

/** The same objective with the gradient written in place (`gradientInto`, as Optim.jl's `g!`). */
const inPlaceProblem = {
  f: returnedProblem.f,
  gradientInto: (x: Float64Array, out: Float64Array) => {
    out[0] = x[0] as number;
    out[1] = kappa * (x[1] as number);
  },
  x0: [1, 1],
};

/** Iterations of x = cos(x) from 1 until a step of exactly 0 (what `fixedPoint({ absTolerance: 0 })` takes). */
export function cosineIterations(): number {
  let x = 1;
  for (let k = 1; ; k++) {
    const next = Math.cos(x);
    if (next === x) return k;
    x = next;
  }
}

/**
 * The three workloads of the small rows. Gradient descent: a fixed step on the quadratic, `steps` iterations,
 * against an allocation-free inline loop and two hand loops that call the problem's functions as iterlab
 * must (the in-place ones iterlab runs, and the returned-array ones). Fixed point: x = cos(x) from 1, whole
 * solves repeated, against `Math.cos` in a loop for as many iterations. Newton: Rosenbrock from (-1.2, 1),
 * whole solves repeated, against the same algorithm with the 2 x 2 Cholesky solve inline.
 */
export function smallWorkloads(quick: boolean): Readonly<Record<"descent" | "fixedPoint" | "newton", SmallWorkload>> {
  const steps = quick ? 20_000 : 200_000;
  const descent = () => gradientDescent({ lineSearch: fixedStep(alpha), absTolerance: 0, maxIterations: steps });
  const cosineRuns = quick ? 200 : 2000;
  const newtonRuns = 200;
  const repeat = (runs: number, run: () => number) => () => {
    let total = 0;
    for (let r = 0; r < runs; r++) total += run();
    return total;
  };
  return {
    descent: {
      contenders: {
        "hand, inline": () => () => {
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
          return f === -1 ? 0 : steps; // f is read, so the loop is not dead code
        },
        "hand, in-place functions": () => () => {
          const x = Float64Array.from(inPlaceProblem.x0);
          const gradient = new Float64Array(x.length);
          let f = inPlaceProblem.f(x);
          inPlaceProblem.gradientInto(x, gradient);
          for (let k = 0; k < steps; k++) {
            for (let i = 0; i < x.length; i++) x[i] = (x[i] as number) - alpha * (gradient[i] as number);
            f = inPlaceProblem.f(x);
            inPlaceProblem.gradientInto(x, gradient);
          }
          return f === -1 ? 0 : steps;
        },
        "hand, returned-array functions": () => () => {
          const x = Float64Array.from(returnedProblem.x0);
          const gradient = new Float64Array(x.length);
          let f = returnedProblem.f(x);
          for (let k = 0; k < steps; k++) {
            const returned = returnedProblem.gradient(x);
            for (let i = 0; i < x.length; i++) gradient[i] = returned[i] as number;
            for (let i = 0; i < x.length; i++) x[i] = (x[i] as number) - alpha * (gradient[i] as number);
            f = returnedProblem.f(x);
          }
          return f === -1 ? 0 : steps;
        },
        "iterlab in-place, trace off": () => {
          const solver = descent();
          return () => solve(solver, inPlaceProblem, { trace: false }).iterations;
        },
        "iterlab in-place, default trace": () => {
          const solver = descent();
          return () => solve(solver, inPlaceProblem).iterations;
        },
        "iterlab returned-array, trace off": () => {
          const solver = descent();
          return () => solve(solver, returnedProblem, { trace: false }).iterations;
        },
      },
    },
    fixedPoint: {
      contenders: {
        "hand, inline": () => {
          const steps = cosineIterations();
          return repeat(cosineRuns, () => {
            let x = 1;
            for (let k = 0; k < steps; k++) x = Math.cos(x);
            return x === -1 ? 0 : steps;
          });
        },
        "iterlab, trace off": () => {
          const iterate = fixedPoint({ absTolerance: 0 });
          const map = { map: Math.cos, x0: 1 };
          return repeat(cosineRuns, () => solve(iterate, map, { trace: false }).iterations);
        },
        "iterlab, default trace": () => {
          const iterate = fixedPoint({ absTolerance: 0 });
          const map = { map: Math.cos, x0: 1 };
          return repeat(cosineRuns, () => solve(iterate, map).iterations);
        },
      },
    },
    newton: {
      contenders: {
        "hand, inline": () => repeat(newtonRuns, () => handWrittenNewton(false)[2]), // one Hessian per iteration
        "iterlab, trace off": () => {
          const newton = newtonMinimize();
          return repeat(newtonRuns, () => solve(newton, rosenbrock, { trace: false }).iterations);
        },
        "iterlab, default trace": () => {
          const newton = newtonMinimize();
          return repeat(newtonRuns, () => solve(newton, rosenbrock).iterations);
        },
      },
    },
  };
}

/**
 * Milliseconds per iteration of each contender, `rounds` samples after at least `warmup` unmeasured runs and
 * `warmupMs` of warm-up, the contenders interleaved (A B C A B C ...) in this process. Given one contender,
 * it is what a child process measures; given several, the one-process figures. The warm-up is also timed
 * because a fresh process needs it: Newton's repeated solves take some 3,000 solves (about a second) to
 * reach their steady speed, three times the figure of the first rounds.
 */
export function timeContenders(
  contenders: readonly SmallContender[],
  rounds: number,
  warmup: number,
  warmupMs = 1000,
): number[][] {
  const runs = contenders.map((contender) => contender());
  const samples = runs.map(() => [] as number[]);
  const warmupEnds = performance.now() + warmupMs;
  let measured = 0;
  for (let round = 0; measured < rounds; round++) {
    const warming = round < warmup || performance.now() < warmupEnds;
    runs.forEach((run, index) => {
      const started = performance.now();
      const units = run();
      const elapsed = performance.now() - started;
      if (!warming) samples[index]?.push(elapsed / units);
    });
    if (!warming) measured++;
  }
  return samples;
}

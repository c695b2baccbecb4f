import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fixedStep, solve } from "../../src/index.js";
import type { Solver } from "../../src/index.js";
import { fixedPoint } from "../../solvers/fixed-point/index.js";
import { gradientDescent } from "../../solvers/gradient-descent/index.js";
import {
  bfgs,
  lbfgs,
  finiteDifferences,
  halley,
  newton,
  newtonMinimize,
  newtonSystem,
  noModification,
  secant,
} from "../../solvers/newton/index.js";

/**
 * Property: a user function (f, gradient, Jacobian, Hessian, derivative, map) that starts returning NaN or
 * an infinity at a random iteration ends the run as `diverged` within one step, for every solver that takes
 * user functions; a run that converges before the poison starts stays converged.
 */

type Shape = "scalar" | "vector" | "matrix";
type Poison = <F extends (...args: never[]) => unknown>(slot: string, shape: Shape, fn: F) => F;

interface Setup {
  readonly name: string;
  readonly solver: Solver<any, any, any>;
  readonly slots: readonly string[];
  readonly problem: (poison: Poison) => unknown;
}

const sq = (x: number) => x * x;
const rosenbrockF = (v: Float64Array) => 100 * sq((v[1] as number) - sq(v[0] as number)) + sq(1 - (v[0] as number));
const rosenbrockGradient = (v: Float64Array) => {
  const [x, y] = [v[0] as number, v[1] as number];
  return [-400 * x * (y - x * x) - 2 * (1 - x), 200 * (y - x * x)];
};
const rosenbrockHessian = (v: Float64Array) => {
  const [x, y] = [v[0] as number, v[1] as number];
  return [
    [1200 * x * x - 400 * y + 2, -400 * x],
    [-400 * x, 200],
  ];
};
const quadratic = (v: Float64Array) => sq(v[0] as number) + 10 * sq(v[1] as number);
const quadraticGradient = (v: Float64Array) => [2 * (v[0] as number), 20 * (v[1] as number)];
const circle = (v: Float64Array) => [
  sq(v[0] as number) + sq(v[1] as number) - 4,
  (v[0] as number) * (v[1] as number) - 1,
];
const circleJacobian = (v: Float64Array) => [
  [2 * (v[0] as number), 2 * (v[1] as number)],
  [v[1] as number, v[0] as number],
];
const cubic = (x: number) => x * x * x - 2 * x - 5;

const setups: readonly Setup[] = [
  {
    name: "fixedPoint",
    solver: fixedPoint(),
    slots: ["map"],
    problem: (p) => ({ map: p("map", "scalar", Math.cos), x0: 1 }),
  },
  {
    name: "fixedPoint (relaxed)",
    solver: fixedPoint({ relaxation: 0.8 }),
    slots: ["map"],
    problem: (p) => ({ map: p("map", "scalar", Math.cos), x0: 1 }),
  },
  {
    name: "gradientDescent (backtracking)",
    solver: gradientDescent(),
    slots: ["f", "gradient"],
    problem: (p) => ({
      f: p("f", "scalar", quadratic),
      gradient: p("gradient", "vector", quadraticGradient),
      x0: [1, 1],
    }),
  },
  {
    name: "gradientDescent (fixed step)",
    solver: gradientDescent({ lineSearch: fixedStep(2 / 22) }),
    slots: ["f", "gradient"],
    problem: (p) => ({
      f: p("f", "scalar", quadratic),
      gradient: p("gradient", "vector", quadraticGradient),
      x0: [1, 1],
    }),
  },
  {
    name: "newton",
    solver: newton(),
    slots: ["f", "derivative"],
    problem: (p) => ({
      f: p("f", "scalar", cubic),
      derivative: p("derivative", "scalar", (x: number) => 3 * x * x - 2),
      x0: 2,
    }),
  },
  {
    name: "newton (finite differences)",
    solver: newton(),
    slots: ["f"],
    problem: (p) => ({ f: p("f", "scalar", cubic), derivative: finiteDifferences(), x0: 2 }),
  },
  {
    name: "secant",
    solver: secant(),
    slots: ["f"],
    problem: (p) => ({ f: p("f", "scalar", (x: number) => Math.cos(x) - x), x0: 1 }),
  },
  {
    name: "halley",
    solver: halley(),
    slots: ["f", "derivative", "secondDerivative"],
    problem: (p) => ({
      f: p("f", "scalar", cubic),
      derivative: p("derivative", "scalar", (x: number) => 3 * x * x - 2),
      secondDerivative: p("secondDerivative", "scalar", (x: number) => 6 * x),
      x0: 2,
    }),
  },
  {
    name: "newtonSystem",
    solver: newtonSystem(),
    slots: ["f", "jacobian"],
    problem: (p) => ({ f: p("f", "vector", circle), jacobian: p("jacobian", "matrix", circleJacobian), x0: [2, 0.5] }),
  },
  {
    name: "newtonSystem (finite differences)",
    solver: newtonSystem(),
    slots: ["f"],
    problem: (p) => ({ f: p("f", "vector", circle), jacobian: finiteDifferences(), x0: [2, 0.5] }),
  },
  {
    name: "newtonMinimize",
    solver: newtonMinimize(),
    slots: ["f", "gradient", "hessian"],
    problem: (p) => ({
      f: p("f", "scalar", rosenbrockF),
      gradient: p("gradient", "vector", rosenbrockGradient),
      hessian: p("hessian", "matrix", rosenbrockHessian),
      x0: [-1.2, 1],
    }),
  },
  {
    name: "newtonMinimize (pure, finite-difference Hessian)",
    solver: newtonMinimize({ hessianModification: noModification() }),
    slots: ["f", "gradient"],
    problem: (p) => ({
      f: p("f", "scalar", rosenbrockF),
      gradient: p("gradient", "vector", rosenbrockGradient),
      hessian: finiteDifferences(),
      x0: [-1.2, 1],
    }),
  },
  {
    name: "bfgs",
    solver: bfgs(),
    slots: ["f", "gradient"],
    problem: (p) => ({
      f: p("f", "scalar", rosenbrockF),
      gradient: p("gradient", "vector", rosenbrockGradient),
      x0: [-1.2, 1],
    }),
  },
  {
    name: "lbfgs (strong Wolfe: f and the gradient at every trial)",
    solver: lbfgs({ memory: 3 }),
    slots: ["f", "gradient"],
    problem: (p) => ({
      f: p("f", "scalar", rosenbrockF),
      gradient: p("gradient", "vector", rosenbrockGradient),
      x0: [-1.2, 1],
    }),
  },
  {
    name: "bfgs (finite-difference gradient)",
    solver: bfgs(),
    slots: ["f"],
    problem: (p) => ({ f: p("f", "scalar", rosenbrockF), gradient: finiteDifferences(), x0: [-1.2, 1] }),
  },
];

/** Runs per solver and poisoned function: 26 pairs x 20 = 520 property cases. */
const runs = 20;

const cases = setups.flatMap((setup) => setup.slots.map((slot) => ({ ...setup, slot })));

describe("non-finite values returned by user functions", () => {
  it.each(cases)(
    "$name: $slot turning NaN or infinite at a random iteration ends the run diverged within one step",
    ({ solver, slot, problem }) => {
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: 5 }),
          fc.constantFrom(NaN, Infinity, -Infinity),
          fc.nat(3),
          (from, bad, entry) => {
            let iteration = -1;
            let poisonedAt: number | undefined;
            const poison: Poison = (name, shape, fn) =>
              ((...args: never[]) => {
                const value = fn(...args) as number | number[] | number[][];
                if (name !== slot || iteration < from) return value;
                poisonedAt ??= iteration;
                if (shape === "scalar") return bad;
                if (shape === "vector")
                  return (value as number[]).map((v, i) => (i === entry % (value as number[]).length ? bad : v));
                return (value as number[][]).map((row, i) =>
                  row.map((v, j) => (i * row.length + j === entry % (row.length * row.length) ? bad : v)),
                );
              }) as typeof fn;
            const hooks = {
              onStart: () => void (iteration = 0),
              onIteration: (event: { iteration: number }) => void (iteration = event.iteration),
            };
            const result = solve(solver, problem(poison), { hooks, maxIterations: 500 });
            if (poisonedAt === undefined) {
              expect(result.stopReason.kind).toBe("converged");
            } else {
              expect(result.stopReason.kind).toBe("diverged");
              expect(result.iterations).toBeLessThanOrEqual(poisonedAt + 1);
            }
          },
        ),
        { numRuns: runs },
      );
    },
  );
});

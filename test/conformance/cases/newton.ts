import { expect } from "vitest";
import {
  bfgs,
  bisection,
  brent,
  finiteDifferences,
  halley,
  itp,
  lbfgs,
  newton,
  newtonMinimize,
  newtonSystem,
  secant,
  trustRegionNewton,
  nelderMead,
} from "../../../solvers/newton/index.js";
import type { ConformanceCase } from "../case.js";
import { madeBy } from "../case.js";
import { deepFreeze, dottie, rosenbrock, rosenbrockWithHessian } from "../../fixtures/problems.js";

// The option names each factory documents (the strict-options test checks its error lists exactly these).
const scalarRootNames = [
  "absTolerance",
  "stepAbsTolerance",
  "stepRelTolerance",
  "maxIterations",
  "divergenceTolerance",
] as const;
const bracketingNames = ["stepAbsTolerance", "stepRelTolerance", "absTolerance", "maxIterations"] as const;
const itpNames = [...bracketingNames, "k1", "k2", "n0"] as const;
const newtonSystemNames = ["lineSearch", ...scalarRootNames] as const;
const minimizeNames = [
  "lineSearch",
  "absTolerance",
  "stepAbsTolerance",
  "functionRelTolerance",
  "maxIterations",
  "divergenceTolerance",
] as const;
const newtonMinimizeNames = [...minimizeNames, "minimumShift", "hessianModification"] as const;
const lbfgsNames = [...minimizeNames, "memory", "relTolerance"] as const;
const nelderMeadNames = ["stepAbsTolerance", "functionAbsTolerance", "adaptive", "maxIterations"] as const;
const trustRegionNames = [
  "absTolerance",
  "relTolerance",
  "initialRadius",
  "maxRadius",
  "acceptanceRatio",
  "maxIterations",
] as const;

/** The real root of x^3 - 2x - 5. */
const wallis = 2.0945514815423265;

/** Conformance cases of the Newton family: every fixture deep-frozen, x0 a plain number or array. */
export const newtonCases: readonly ConformanceCase[] = [
  {
    name: "bisection on x^3 - 2x - 5 in [2, 3]",
    ...madeBy(bisection, {}, bracketingNames),
    problem: deepFreeze({ f: (x: number) => x * x * x - 2 * x - 5, bracket: [2, 3] }),
    check: (result) => expect(Math.abs(result.state.x - wallis)).toBeLessThan(2e-12),
  },
  {
    name: "Brent on cos x = x in [0, 1]",
    ...madeBy(brent, {}, bracketingNames),
    problem: deepFreeze({ f: (x: number) => Math.cos(x) - x, bracket: [0, 1] }),
    check: (result) => expect(Math.abs(result.state.x - dottie)).toBeLessThan(2e-12),
  },
  {
    name: "ITP on x^3 - 2x - 5 (an expression string) in [2, 3]",
    ...madeBy(itp, {}, itpNames),
    problem: deepFreeze({ f: "x^3 - 2x - 5", bracket: [2, 3] }),
    check: (result) => expect(Math.abs(result.state.x - wallis)).toBeLessThan(2e-12),
  },
  {
    name: "Newton on x^3 - 2x - 5 from 2",
    ...madeBy(newton, {}, scalarRootNames),
    problem: deepFreeze({ f: (x: number) => x * x * x - 2 * x - 5, derivative: (x: number) => 3 * x * x - 2, x0: 2 }),
    check: (result) => expect(Math.abs(result.state.x - wallis)).toBeLessThan(1e-15),
  },
  {
    name: "secant on cos x = x from 1",
    ...madeBy(secant, {}, scalarRootNames),
    problem: deepFreeze({ f: (x: number) => Math.cos(x) - x, x0: 1 }),
    check: (result) => expect(Math.abs(result.state.x - dottie)).toBeLessThan(1e-15),
  },
  {
    name: "Halley on x^3 - 2x - 5 (an expression string) from 2",
    ...madeBy(halley, {}, scalarRootNames),
    problem: deepFreeze({ f: "x^3 - 2x - 5", x0: 2 }),
    check: (result) => expect(Math.abs(result.state.x - wallis)).toBeLessThan(1e-15),
  },
  {
    name: "Newton system on x^2 + y^2 = 4, x y = 1 from (2, 0.5)",
    ...madeBy(newtonSystem, {}, newtonSystemNames),
    problem: deepFreeze({ f: ["x^2 + y^2 - 4", "x y - 1"], x0: [2, 0.5] }),
    check: (result) => {
      const x = Math.sqrt(2 + Math.sqrt(3));
      expect(Math.abs(result.state.x[0] - x)).toBeLessThan(1e-12);
      expect(Math.abs(result.state.x[1] - 1 / x)).toBeLessThan(1e-12);
    },
  },
  {
    name: "Newton system with a finite-difference Jacobian from (1.5, 1)",
    ...madeBy(newtonSystem, {}, newtonSystemNames),
    problem: deepFreeze({
      f: (v: Float64Array) => [Math.atan(v[0] as number), (v[1] as number) ** 3 - 1],
      jacobian: finiteDifferences(),
      x0: [1.5, 2],
    }),
    check: (result) => {
      expect(Math.abs(result.state.x[0])).toBeLessThan(1e-12);
      expect(Math.abs(result.state.x[1] - 1)).toBeLessThan(1e-12);
    },
  },
  {
    name: "Newton minimization on Rosenbrock (an expression string)",
    ...madeBy(newtonMinimize, {}, newtonMinimizeNames),
    problem: deepFreeze({ f: "100 (y - x^2)^2 + (1 - x)^2", x0: [-1.2, 1] }),
    check: (result) => {
      expect(result.state.gradientNorm).toBeLessThanOrEqual(1e-8);
      expect(Math.hypot(result.state.x[0] - 1, result.state.x[1] - 1)).toBeLessThan(1e-9);
    },
  },
  {
    name: "trust-region Newton (Steihaug CG) on Rosenbrock",
    ...madeBy(trustRegionNewton, {}, trustRegionNames),
    problem: rosenbrockWithHessian,
    check: (result) => {
      expect(result.state.gradientNorm).toBeLessThanOrEqual(1e-8);
      expect(Math.hypot(result.state.x[0] - 1, result.state.x[1] - 1)).toBeLessThan(1e-9);
    },
  },
  {
    name: "Nelder-Mead on Rosenbrock (no derivatives)",
    ...madeBy(nelderMead, {}, nelderMeadNames),
    problem: deepFreeze({ f: "100 (y - x^2)^2 + (1 - x)^2", x0: [-1.2, 1] }),
    check: (result) => {
      expect(Math.hypot(result.state.x[0] - 1, result.state.x[1] - 1)).toBeLessThan(1e-4);
    },
  },
  {
    name: "Newton with a bracket on atan x from 1.5 (where the plain method runs away)",
    ...madeBy(newton, {}, scalarRootNames),
    problem: deepFreeze({ f: "atan(x)", x0: 1.5, bracket: [-2, 3] }),
    check: (result) => {
      expect(Math.abs(result.state.x)).toBeLessThanOrEqual(1e-15);
    },
  },
  {
    name: "BFGS on Rosenbrock",
    ...madeBy(bfgs, {}, minimizeNames),
    problem: rosenbrock,
    check: (result) => {
      expect(result.state.gradientNorm).toBeLessThanOrEqual(1e-8);
      expect(Math.hypot(result.state.x[0] - 1, result.state.x[1] - 1)).toBeLessThan(1e-9);
    },
  },
  {
    name: "L-BFGS (m = 5, strong Wolfe) on Rosenbrock",
    ...madeBy(lbfgs, { memory: 5 }, lbfgsNames),
    problem: rosenbrock,
    check: (result) => {
      expect(result.state.gradientNorm).toBeLessThanOrEqual(1e-8);
      expect(Math.hypot(result.state.x[0] - 1, result.state.x[1] - 1)).toBeLessThan(1e-9);
    },
  },
];

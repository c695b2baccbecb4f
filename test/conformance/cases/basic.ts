import { expect } from "vitest";
import { backtracking, fixedStep, norm2 } from "../../../src/index.js";
import { fixedPoint } from "../../../solvers/fixed-point/index.js";
import { gradientDescent } from "../../../solvers/gradient-descent/index.js";
import type { ConformanceCase } from "../case.js";
import { madeBy } from "../case.js";
import { cosineFixedPoint, dottie, quadratic, rosenbrock } from "../../fixtures/problems.js";

const fixedPointNames = ["absTolerance", "relaxation", "maxIterations", "divergenceTolerance"] as const;
const gradientDescentNames = ["lineSearch", "absTolerance", "maxIterations", "divergenceTolerance"] as const;

/** Conformance cases of the fixed-point and gradient-descent solvers. */
export const basicCases: readonly ConformanceCase[] = [
  {
    name: "fixed point on x = cos x",
    ...madeBy(fixedPoint, { absTolerance: 0 }, fixedPointNames),
    problem: cosineFixedPoint,
    check: (result) => expect(result.state.x).toBe(dottie),
  },
  {
    name: "relaxed fixed point on x = cos x",
    ...madeBy(fixedPoint, { relaxation: 0.6, absTolerance: 1e-14 }, fixedPointNames),
    problem: cosineFixedPoint,
    check: (result) => expect(Math.abs(result.state.x - dottie)).toBeLessThan(1e-13),
  },
  {
    name: "gradient descent (fixed step) on a quadratic",
    ...madeBy(gradientDescent, { lineSearch: fixedStep(2 / 11) }, gradientDescentNames),
    problem: quadratic(10),
    check: (result) => expect(norm2(result.state.x)).toBeLessThan(1e-8),
  },
  {
    name: "gradient descent (backtracking) on Rosenbrock",
    ...madeBy(gradientDescent, { lineSearch: backtracking(), maxIterations: 30_000 }, gradientDescentNames),
    problem: rosenbrock,
    check: (result) => {
      expect(result.state.gradientNorm).toBeLessThanOrEqual(1e-8);
      expect(Math.abs(result.state.x[0] - 1)).toBeLessThan(1e-6);
      expect(Math.abs(result.state.x[1] - 1)).toBeLessThan(1e-6);
    },
  },
];

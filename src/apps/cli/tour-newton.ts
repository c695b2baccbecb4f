import { norm2, solve } from "../../index.js";
import type { SolveResult } from "../../index.js";
import { bfgs, halley, lbfgs, newton, newtonMinimize, newtonSystem, secant } from "../../../solvers/newton/index.js";
import type { TourEntry } from "./tour-entries.js";

/** The real root of Wallis's equation x^3 - 2x - 5 = 0. */
const wallis = 2.0945514815423265;

/** x^3 - 2x - 5 = 0 from 2, as an expression: mathjs derives f' and f''. */
const cubic = { f: "x^3 - 2x - 5", x0: 2 };

/** Rosenbrock's function from (-1.2, 1), minimum 0 at (1, 1); gradient and Hessian derived by mathjs. */
const rosenbrock = { f: "100 (y - x^2)^2 + (1 - x)^2", x0: [-1.2, 1] };

/** The circle x^2 + y^2 = 4 meets the hyperbola x y = 1 at x = sqrt(2 + sqrt 3), y = 1 / x. */
const circleAndHyperbola = { f: ["x^2 + y^2 - 4", "x y - 1"], x0: [2, 0.5] };
const intersection = [Math.sqrt(2 + Math.sqrt(3)), 1 / Math.sqrt(2 + Math.sqrt(3))];

const distanceTo = (solution: readonly number[]) => (x: Float64Array) =>
  norm2(x.map((value, i) => value - (solution[i] ?? 0)));

/** One scalar root finder on x^3 - 2x - 5. */
function onCubic(solver: typeof newton): TourEntry {
  return {
    family: "Newton",
    problem: "x^3 - 2x - 5 = 0 from 2",
    errorMeasure: "|x - x*|",
    run() {
      const result = solve(solver(), cubic);
      return { result: result as SolveResult<unknown, unknown>, error: Math.abs(result.state.x - wallis) };
    },
  };
}

/**
 * The Newton family's runs for the tour: Newton, secant and Halley on x^3 - 2x - 5, Newton, BFGS and L-BFGS on
 * Rosenbrock's function, and Newton on a 2 x 2 system; each with its error against the known answer.
 */
export const newtonTourEntries: readonly TourEntry[] = [
  onCubic(newton),
  onCubic(secant),
  onCubic(halley),
  {
    family: "Newton",
    problem: "Rosenbrock from (-1.2, 1)",
    errorMeasure: "||x - x*||",
    run() {
      const result = solve(newtonMinimize(), rosenbrock);
      return { result: result as SolveResult<unknown, unknown>, error: distanceTo([1, 1])(result.state.x) };
    },
  },
  {
    family: "Newton",
    problem: "Rosenbrock from (-1.2, 1)",
    errorMeasure: "||x - x*||",
    run() {
      const result = solve(bfgs(), rosenbrock);
      return { result: result as SolveResult<unknown, unknown>, error: distanceTo([1, 1])(result.state.x) };
    },
  },
  {
    family: "Newton",
    problem: "Rosenbrock from (-1.2, 1)",
    errorMeasure: "||x - x*||",
    run() {
      const result = solve(lbfgs(), rosenbrock);
      return { result: result as SolveResult<unknown, unknown>, error: distanceTo([1, 1])(result.state.x) };
    },
  },
  {
    family: "Newton",
    problem: "x^2 + y^2 = 4, x y = 1",
    errorMeasure: "||x - x*||",
    run() {
      const result = solve(newtonSystem(), circleAndHyperbola);
      return { result: result as SolveResult<unknown, unknown>, error: distanceTo(intersection)(result.state.x) };
    },
  },
];

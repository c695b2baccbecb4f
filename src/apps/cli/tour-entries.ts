import { backtracking, fixedStep, norm2, solve } from "../../index.js";
import type { SolveResult } from "../../index.js";
import { fixedPoint } from "../../../solvers/fixed-point/index.js";
import { gradientDescent } from "../../../solvers/gradient-descent/index.js";
import type { ObjectiveProblem } from "../../../solvers/gradient-descent/index.js";
import type { BackendChoice } from "../../../solvers/neural/index.js";

/** Settings of a tour run that reach its entries. */
export interface TourSettings {
  /** The TensorFlow.js backend for the neural entries: `auto` or one of `backendOrder`. */
  readonly backend: BackendChoice | "auto";
}

/** What a tour row needs from a run: the fields of a {@link SolveResult} it shows. */
export type TourResult = Pick<
  SolveResult<unknown, unknown>,
  "solver" | "iterations" | "converged" | "stopReason" | "elapsedMs"
>;

/** One asynchronous run of the tour (neural training): as {@link TourEntry}, with `run` returning a Promise. */
export interface AsyncTourEntry {
  /** The solver family, for grouping. */
  readonly family: string;
  /** The problem's name as the table shows it. */
  readonly problem: string;
  /** What the error column measures. */
  readonly errorMeasure: string;
  /** Runs the solver; resolves to the result and its error against the known answer. */
  run(settings?: TourSettings): Promise<{ readonly result: TourResult; readonly error: number }>;
}

/** One run of the tour: a solver on a built-in problem whose answer is known. */
export interface TourEntry {
  /** The solver family, for grouping. */
  readonly family: string;
  /** The problem's name as the table shows it. */
  readonly problem: string;
  /** What the error column measures. */
  readonly errorMeasure: string;
  /** Runs the solver; returns the result and its error against the known answer. */
  run(settings?: TourSettings): { readonly result: SolveResult<unknown, unknown>; readonly error: number };
}

/** The Dottie number, the fixed point of cos: the solution of x = cos x. */
const dottie = 0.7390851332151607;

/** x = cos x from x0 = 1. */
const cosine = { map: Math.cos, x0: 1 };

/** A 2-D quadratic `(x^2 + kappa y^2) / 2` with condition number kappa; its minimiser is the origin. */
function illConditionedQuadratic(kappa: number): ObjectiveProblem {
  return {
    f: (x) => 0.5 * ((x[0] as number) ** 2 + kappa * (x[1] as number) ** 2),
    gradient: (x) => [x[0] as number, kappa * (x[1] as number)],
    x0: [1, 1],
  };
}

/** Rosenbrock's banana function, minimum 0 at (1, 1), from the classic start (-1.2, 1). */
const rosenbrock: ObjectiveProblem = {
  f: (x) => 100 * ((x[1] as number) - (x[0] as number) ** 2) ** 2 + (1 - (x[0] as number)) ** 2,
  gradient: (x) => {
    const [a = 0, b = 0] = x;
    return [-400 * a * (b - a * a) - 2 * (1 - a), 200 * (b - a * a)];
  },
  x0: [-1.2, 1],
};

const distanceTo = (solution: readonly number[]) => (x: Float64Array) =>
  norm2(x.map((value, i) => value - (solution[i] ?? 0)));

/**
 * The tour's runs, in order. Each later solver family adds its entries here, so `iterlab tour` shows
 * every solver on a problem whose answer is known.
 */
export const tourEntries: readonly TourEntry[] = [
  {
    family: "fixed point",
    problem: "x = cos x from 1",
    errorMeasure: "|x - x*|",
    run() {
      const result = solve(fixedPoint({ absTolerance: 0 }), cosine);
      return { result, error: Math.abs(result.state.x - dottie) };
    },
  },
  {
    family: "fixed point",
    problem: "x = cos x, relaxed",
    errorMeasure: "|x - x*|",
    run() {
      // omega = 1 / (1 - g'(x*)) with g'(x*) = -sin x* cancels the linear term: quadratic convergence.
      const result = solve(fixedPoint({ absTolerance: 0, relaxation: 1 / (1 + Math.sin(dottie)) }), cosine);
      return { result, error: Math.abs(result.state.x - dottie) };
    },
  },
  {
    family: "gradient descent",
    problem: "quadratic, kappa = 100",
    errorMeasure: "||x - x*||",
    run() {
      const result = solve(gradientDescent({ lineSearch: fixedStep(2 / 101) }), illConditionedQuadratic(100));
      return { result, error: distanceTo([0, 0])(result.state.x) };
    },
  },
  {
    family: "gradient descent",
    problem: "quadratic, kappa = 100",
    errorMeasure: "||x - x*||",
    run() {
      const result = solve(gradientDescent({ lineSearch: backtracking() }), illConditionedQuadratic(100));
      return { result, error: distanceTo([0, 0])(result.state.x) };
    },
  },
  {
    family: "gradient descent",
    problem: "Rosenbrock from (-1.2, 1)",
    errorMeasure: "||x - x*||",
    run() {
      const result = solve(gradientDescent({ maxIterations: 50_000 }), rosenbrock);
      return { result, error: distanceTo([1, 1])(result.state.x) };
    },
  },
];

import { below, fixedStep, nonFinite, normInf } from "../../../index.js";
import type { Solver } from "../../../index.js";
import { gradientDescent } from "../../../../solvers/gradient-descent/index.js";
import { bfgs, newtonMinimize } from "../../../../solvers/newton/index.js";
import { labRun } from "./lab-run.js";
import type { LabRun } from "./lab-run.js";
import { objective } from "./objectives.js";
import type { Objective2d, ObjectiveName } from "./objectives.js";
import type { TypedObjectiveSetup } from "./typed-objective.js";

/** The minimisers the contour page draws. */
export const minimiseMethods = ["gd", "momentum", "newton", "bfgs"] as const;
/** One of {@link minimiseMethods}. */
export type MinimiseMethod = (typeof minimiseMethods)[number];

/** A setup of the minimisation page. */
export interface MinimiseSetup {
  readonly objective: ObjectiveName;
  readonly kappa: number;
  readonly method: MinimiseMethod;
  /** The typed objective's expression, start and box (objective `typed`). */
  readonly typed?: TypedObjectiveSetup | undefined;
}

/** The state every minimiser shares, as the page reads it. */
export interface MinimiseState {
  readonly x: Float64Array;
  readonly f: number;
  readonly gradientNorm: number;
}

/** A minimiser's run plus the points where it evaluated `f` (line-search trials), oldest first. */
export interface MinimiseRun extends LabRun<MinimiseState> {
  readonly objective: Objective2d;
  /** Takes the evaluation points recorded since the last call. */
  readonly takeEvaluations: () => Float64Array[];
}

/**
 * What the page shows as the error of a typed objective (its minimisers unknown): the gradient's infinity
 * norm, the scale on which every minimiser's `|grad| <= absTolerance` test decides (the library's `normInf`).
 */
export const gradientErrorName = "||grad f||_inf";

interface HeavyBallState extends MinimiseState {
  readonly previousX: Float64Array;
  readonly gradient: Float64Array;
}

/**
 * Polyak's heavy ball, `x_{k+1} = x_k - alpha grad f(x_k) + beta (x_k - x_{k-1})`, as a solver on the
 * engine: the library has no momentum minimiser, so the lab defines this one with the public `Solver`
 * contract (the engine counts, tests and traces it like the others).
 */
export function heavyBall(alpha: number, beta: number): Solver<Objective2d, HeavyBallState, number> {
  const evaluate = (problem: Objective2d, x: Float64Array, previousX: Float64Array): HeavyBallState => {
    const gradient = Float64Array.from(problem.gradient(x));
    // The infinity norm, as the library's minimisers test theirs: one scale for the four methods.
    return { x, previousX, f: problem.f(x), gradient, gradientNorm: normInf(gradient) };
  };
  return {
    name: `heavy ball (alpha = ${alpha.toPrecision(3)}, beta = ${beta.toPrecision(3)})`,
    maxIterations: 5000,
    convergence: below((state: HeavyBallState) => state.gradientNorm, 1e-8, { name: "|grad|" }),
    divergence: nonFinite((state: HeavyBallState) => state.f, { name: "f" }),
    init: (problem) => evaluate(problem, Float64Array.from(problem.x0), Float64Array.from(problem.x0)),
    step(problem, state) {
      const x = state.x.map(
        (xi, i) => xi - alpha * (state.gradient[i] as number) + beta * (xi - (state.previousX[i] as number)),
      );
      return evaluate(problem, x, state.x);
    },
    record: (state) => state.f,
  };
}

/**
 * A minimiser on one of the page's objectives, its error the distance to the nearest minimiser; for a typed
 * expression, whose minimisers are unknown, the state's own `gradientNorm`: the value its convergence test
 * compares with the tolerance (the infinity norm, {@link gradientErrorName}), never a second scale.
 */
export function minimiseRun({ objective: name, kappa, method, typed }: MinimiseSetup): MinimiseRun {
  const target = objective(name, kappa, typed);
  const evaluations: Float64Array[] = [];
  const f = (x: Float64Array) => {
    evaluations.push(Float64Array.from(x));
    return target.f(x);
  };
  const problem = { f, gradient: target.gradient, hessian: target.hessian, x0: [...target.x0] };
  const plain = { f, gradient: target.gradient, x0: [...target.x0] };
  const known = target.minima.length > 0;
  const error = (state: MinimiseState) =>
    known
      ? Math.min(...target.minima.map(([a, b]) => Math.hypot((state.x[0] as number) - a, (state.x[1] as number) - b)))
      : state.gradientNorm;
  const rootKappa = Math.sqrt(kappa);
  const quadratic = name === "quadratic";
  const common = { error, errorName: known ? "|x - x*|" : gradientErrorName };
  const takeEvaluations = () => evaluations.splice(0);
  if (method === "momentum") {
    const beta = quadratic ? ((rootKappa - 1) / (rootKappa + 1)) ** 2 : 0.9;
    const theory = quadratic
      ? {
          rate: (rootKappa - 1) / (rootKappa + 1),
          note: "heavy ball, optimal alpha and beta: (sqrt k - 1)/(sqrt k + 1)",
        }
      : undefined;
    return {
      ...labRun(heavyBall(target.momentumStep, beta), { ...target, f }, { ...common, theory }),
      objective: target,
      takeEvaluations,
    };
  }
  if (method === "gd") {
    const solver = gradientDescent(
      quadratic ? { lineSearch: fixedStep(2 / (1 + kappa)), maxIterations: 5000 } : { maxIterations: 5000 },
    );
    const theory = quadratic
      ? { rate: (kappa - 1) / (kappa + 1), note: "fixed step 2/(L + mu): (k - 1)/(k + 1)" }
      : { order: 1, note: "linear convergence" };
    return { ...labRun(solver, plain, { ...common, theory }), objective: target, takeEvaluations };
  }
  const run =
    method === "newton"
      ? labRun(newtonMinimize(), problem, { ...common, theory: { order: 2, note: "quadratic near the minimiser" } })
      : labRun(bfgs(), plain, { ...common, theory: { note: "superlinear: the ratio of errors tends to 0" } });
  return { ...run, objective: target, takeEvaluations };
}

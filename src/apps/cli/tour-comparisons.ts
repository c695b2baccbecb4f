import { findBuiltinProblem } from "./registry-problems.js";
import { orderSentence, poorRunsSentence, rateSentence, reachSentence } from "./comparison-narrative.js";
import { runComparisonPlan } from "./comparison-plan.js";
import { errorFor } from "./error-measures.js";
import type { ComparisonPlan, PlannedComparison, PlannedMethod } from "./comparison-plan.js";
import type { AnyCliProblem } from "./problem-kinds.js";
import { findSolver } from "./registry-solvers.js";
import type { SolverFlags } from "./solver-entry.js";
import { neuralTourComparison } from "./tour-neural.js";
import type { TourSettings } from "./tour-entries.js";
import { UsageError } from "./usage-error.js";

/**
 * One comparison of the tour: a family's methods on a shared problem. Add a family by adding an entry to
 * {@link tourComparisons}: {@link fromPlan} for solvers in the CLI's registry, or any `run` that calls
 * `compare()`/`compareAsync()` itself and returns the comparison with its heading and report section.
 */
export interface TourComparison {
  /** The family, e.g. `Newton / BFGS / gradient descent`. */
  readonly family: string;
  /** Runs the comparison (problems and reference answers are built when the tour runs, not at import). */
  run(settings?: TourSettings): PlannedComparison | Promise<PlannedComparison>;
}

/**
 * A tour comparison of registry solvers, from a plan.
 *
 * @param family - The family.
 * @param plan - Builds the plan.
 * @returns The tour entry.
 */
export function fromPlan(family: string, plan: () => ComparisonPlan): TourComparison {
  return { family, run: () => runComparisonPlan(plan()) };
}

function builtin(name: string): AnyCliProblem {
  const problem = findBuiltinProblem(name);
  if (problem === undefined) throw new UsageError(`unknown problem '${name}'`);
  return problem.create({});
}

function method(label: string, solver: string, flags: SolverFlags = {}, maxIterations?: number): PlannedMethod {
  return { label, entry: findSolver(solver), flags, maxIterations };
}

/**
 * The tour's comparisons, one per family: the same problem, the same error measure, side by side. The
 * tour prints each as a table and an ASCII chart and writes them all to one HTML report. Their paragraphs
 * are computed from the results (see `comparison-narrative.ts`).
 */
export const tourComparisons: readonly TourComparison[] = [
  fromPlan("Newton / BFGS / gradient descent", () => {
    const problem = builtin("rosenbrock");
    const methods = [
      method("Newton", "newton-minimize"),
      method("BFGS", "bfgs"),
      method("gradient descent", "gradient-descent", {}, 50_000),
    ];
    return {
      heading: "Minimising Rosenbrock's function: Newton, BFGS, gradient descent",
      fileStem: "rosenbrock",
      describe: (comparison) =>
        `From (-1.2, 1) to the minimum at (1, 1). ${reachSentence(comparison)} ` +
        `${orderSentence(comparison)} ${rateSentence(comparison)}`,
      problem,
      methods,
      error: errorFor(problem, methods, [0], "distance"),
      tolerances: [1e-2, 1e-4, 1e-6],
    };
  }),
  fromPlan("L-BFGS / BFGS / Newton", () => {
    const problem = builtin("rosenbrock");
    const methods = [method("L-BFGS (m = 10)", "lbfgs"), method("BFGS", "bfgs"), method("Newton", "newton-minimize")];
    return {
      heading: "Minimising Rosenbrock's function: L-BFGS, BFGS, Newton",
      fileStem: "rosenbrock-quasi-newton",
      describe: (comparison) =>
        "L-BFGS keeps 10 pairs (s, y) instead of BFGS's n x n matrix, O(m n) work per iteration instead of " +
        `O(n^2), and needs no Hessian. ${reachSentence(comparison)} ${orderSentence(comparison)}`,
      problem,
      methods,
      error: errorFor(problem, methods, [0], "distance"),
      tolerances: [1e-2, 1e-4, 1e-6],
    };
  }),
  fromPlan("Jacobi / Gauss-Seidel / SOR / CG", () => {
    const problem = builtin("poisson-2d");
    const omega = problem.defaults?.["sor:omega"] as number;
    const sorLabel = `SOR (omega = ${omega.toFixed(3)})`;
    const methods = [
      method("Jacobi", "jacobi"),
      method("Gauss-Seidel", "gauss-seidel"),
      method(sorLabel, "sor", { omega }),
      method("CG", "cg"),
    ];
    const unknowns = problem.kind === "linear-system" ? problem.problem.b.length : 0;
    const n = Math.round(Math.sqrt(unknowns));
    const rhoJacobi = Math.cos(Math.PI / (n + 1));
    // CG's bound: the A-norm error contracts at least by (sqrt(kappa) - 1) / (sqrt(kappa) + 1) per step, with
    // kappa = cot^2(pi h / 2) for the 5-point Laplacian; Gauss-Seidel's rate is 1 - O(1 / kappa).
    const kappa = 1 / Math.tan(Math.PI / (2 * (n + 1))) ** 2;
    const cgRate = (Math.sqrt(kappa) - 1) / (Math.sqrt(kappa) + 1);
    const theory = {
      Jacobi: { name: "rho_J = cos(pi h)", rate: rhoJacobi },
      "Gauss-Seidel": { name: "rho_J^2", rate: rhoJacobi ** 2 },
      [sorLabel]: { name: "omega - 1", rate: omega - 1 },
      CG: { name: "the bound (sqrt(kappa) - 1) / (sqrt(kappa) + 1)", rate: cgRate },
    };
    return {
      heading: "Solving 2-D Poisson: Jacobi, Gauss-Seidel, SOR, conjugate gradients",
      fileStem: "poisson",
      describe: (comparison) =>
        `A ${n} x ${n} grid, b = A x* with x* known, SOR at Young's optimal omega, kappa(A) = ` +
        `${kappa.toFixed(1)}: Gauss-Seidel's iterations grow like kappa, SOR's and CG's like sqrt(kappa), ` +
        `and CG needs no parameter. ${rateSentence(comparison, theory)} ${reachSentence(comparison)}`,
      theory: [
        { label: `rho_J^k = ${rhoJacobi.toFixed(4)}^k`, rate: rhoJacobi },
        { label: `rho_J^(2k) = ${(rhoJacobi ** 2).toFixed(4)}^k`, rate: rhoJacobi ** 2 },
        { label: `(omega - 1)^k = ${(omega - 1).toFixed(4)}^k`, rate: omega - 1 },
        { label: `CG bound ${cgRate.toFixed(4)}^k`, rate: cgRate },
      ],
      problem,
      methods,
      error: errorFor(problem, methods, [0], "distance"),
      tolerances: [1e-2, 1e-4, 1e-6],
    };
  }),
  fromPlan("Newton / secant / Brent / bisection", () => {
    const problem = builtin("cubic-root");
    const methods = [
      method("Newton", "newton"),
      method("secant", "secant"),
      method("Brent", "brent"),
      method("bisection", "bisection"),
    ];
    return {
      heading: "Root of x^3 - 2x - 5: Newton, secant, Brent, bisection",
      fileStem: "cubic-root",
      describe: (comparison) =>
        "Speed against a guarantee: Newton (order 2, needs f') and the secant method (order 1.618) start from " +
        "x0 = 2 and may fail from a poor start; Brent and bisection keep the bracket [2, 3] and cannot fail, " +
        `bisection halving it once per evaluation. ${reachSentence(comparison)} ${orderSentence(comparison)}`,
      theory: [{ label: "bisection 0.5^k", rate: 0.5 }],
      problem,
      methods,
      error: errorFor(problem, methods, [0], "distance"),
      tolerances: [1e-2, 1e-6, 1e-10],
    };
  }),
  fromPlan("value iteration / policy iteration", () => {
    const problem = builtin("frozen-lake-8x8");
    const methods = [
      method("value iteration", "value-iteration", { tol: 1e-6 }),
      method("value iteration, in place", "value-iteration", { tol: 1e-6, inPlace: true }),
      method("policy iteration", "policy-iteration"),
      method("modified policy iteration", "policy-iteration", { evaluation: "modified" }),
    ];
    const gamma = problem.kind === "mdp" ? problem.problem.discount : 0;
    return {
      heading: "Solving FrozenLake 8 x 8: value iteration and policy iteration",
      fileStem: "frozen-lake",
      describe: (comparison) =>
        "The error is ||V - V*||_inf with V* from exact policy iteration; " +
        `value iteration's bound contracts by gamma = ${gamma} per sweep. ${reachSentence(comparison)} ` +
        rateSentence(comparison, { "value iteration": { name: "the bound gamma", rate: gamma } }),
      theory: [{ label: `gamma^k = ${gamma}^k`, rate: gamma }],
      problem,
      methods,
      error: errorFor(problem, methods, [0], "distance"),
      tolerances: [1e-1, 1e-3, 1e-5],
    };
  }),
  fromPlan("k-means initialisations", () => {
    const problem = builtin("iris");
    const seeds = Array.from({ length: 10 }, (_, i) => i);
    const methods = [
      method("k-means++", "kmeans", { k: 3, init: "kmeans++" }),
      method("random rows", "kmeans", { k: 3, init: "random" }),
    ];
    return {
      heading: "Clustering Iris (k = 3): k-means++ against random initial centroids",
      fileStem: "kmeans-init",
      describe: (comparison) =>
        `Lloyd's k-means over ${comparison.seeds.length} seeds; ` +
        "the error is the inertia's relative gap to the best inertia found. " +
        poorRunsSentence(comparison, 0.01, "the best inertia found"),
      problem,
      methods,
      error: errorFor(problem, methods, seeds, "gap"),
      seeds,
      tolerances: [1e-1, 1e-2, 1e-4],
    };
  }),
  neuralTourComparison,
];

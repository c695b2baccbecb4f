import { backtracking, fixedStep } from "../../index.js";
import { gradientDescent } from "../../../solvers/gradient-descent/index.js";
import { bfgs, lbfgs, nelderMead, newtonMinimize, trustRegionNewton } from "../../../solvers/newton/index.js";
import { compileObjective } from "./compile-expression.js";
import { defined, problemOf, setup } from "./solver-entry.js";
import type { SolverEntry, SolverFlags } from "./solver-entry.js";
import { toleranceHelp, toleranceOption } from "./tolerance-flag.js";

/** `--step-size`: a fixed step instead of the solver's line search. */
const lineSearch = (flags: SolverFlags) => (flags.stepSize === undefined ? undefined : fixedStep(flags.stepSize));

/** `--tol` and `--step-size` for Newton's method and BFGS (their own line search without `--step-size`). */
const newtonTypeOptions = (flags: SolverFlags) =>
  defined({ ...toleranceOption("minimisation", flags.tol), lineSearch: lineSearch(flags) });

/** The CLI's minimisers of an objective f(x). */
export const minimiserEntries: readonly SolverEntry[] = [
  {
    name: "gradient-descent",
    kind: "objective",
    description: "steepest descent with a backtracking line search (or --step-size)",
    flags: ["tol", "step-size"],
    tolerance: "||grad f|| (absTolerance)",
    order: 1,
    create: (flags, problem) =>
      setup(
        gradientDescent(
          defined({ ...toleranceOption("minimisation", flags.tol), lineSearch: lineSearch(flags) ?? backtracking() }),
        ),
        compileObjective(problemOf(problem, "objective")),
      ),
  },
  {
    name: "newton-minimize",
    kind: "objective",
    description: "Newton's method for min f(x) with a modified Hessian and a line search",
    flags: ["tol", "step-size"],
    tolerance: "||grad f|| (absTolerance)",
    order: 2,
    create: (flags, problem) => setup(newtonMinimize(newtonTypeOptions(flags)), problemOf(problem, "objective")),
  },
  {
    name: "bfgs",
    kind: "objective",
    description: "the BFGS quasi-Newton method for min f(x)",
    flags: ["tol", "step-size"],
    tolerance: "||grad f|| (absTolerance)",
    order: 1, // superlinear: the ratio e_k / e_k-1 falls to 0
    create: (flags, problem) => setup(bfgs(newtonTypeOptions(flags)), problemOf(problem, "objective")),
  },
  {
    name: "lbfgs",
    kind: "objective",
    description: "limited-memory BFGS (m = 10) with a strong Wolfe line search, for min f(x) with many unknowns",
    flags: ["tol"],
    tolerance: "||grad f|| (absTolerance)",
    order: 1, // linear, usually fast: no superlinear guarantee
    create: (flags, problem) =>
      setup(lbfgs(defined({ ...toleranceOption("minimisation", flags.tol) })), problemOf(problem, "objective")),
  },
  {
    name: "trust-region-newton",
    kind: "objective",
    description: "trust-region Newton for min f(x), Steihaug-Toint truncated CG (SciPy's trust-ncg)",
    flags: ["tol"],
    tolerance: toleranceHelp("minimisation"),
    order: 2,
    create: (flags, problem) =>
      setup(
        trustRegionNewton(defined({ ...toleranceOption("minimisation", flags.tol) })),
        problemOf(problem, "objective"),
      ),
  },
  {
    name: "nelder-mead",
    kind: "objective",
    description: "the Nelder-Mead simplex method for min f(x), no derivatives (SciPy's Nelder-Mead)",
    flags: ["tol"],
    tolerance: toleranceHelp("nelder-mead"),
    order: 1,
    create: (flags, problem) =>
      setup(
        nelderMead(defined({ stepAbsTolerance: flags.tol, functionAbsTolerance: flags.tol })),
        problemOf(problem, "objective"),
      ),
  },
];

import { backtracking, fixedStep } from "../../index.js";
import type { Solver } from "../../index.js";
import { fixedPoint } from "../../../solvers/fixed-point/index.js";
import { gaussSeidel, jacobi, redBlackGaussSeidel, sor, ssor } from "../../../solvers/gauss-seidel/index.js";
import {
  diagonalCovariance,
  fromKMeans,
  fromKMeansPlusPlus,
  fullCovariance,
  gaussianMixture,
  randomResponsibilities,
  sphericalCovariance,
  tiedCovariance,
} from "../../../solvers/gaussian-mixture/index.js";
import { gradientDescent } from "../../../solvers/gradient-descent/index.js";
import { hamerlyKMeans, kmeans, kmeansPlusPlus, miniBatchKMeans, randomInit } from "../../../solvers/kmeans/index.js";
import {
  exactEvaluation,
  inPlaceSweep,
  iterativeEvaluation,
  modifiedEvaluation,
  policyIteration,
  supNormRule,
  synchronousSweep,
  valueIteration,
} from "../../../solvers/mdp/index.js";
import { bicgstab, conjugateGradient, gmres, ic0, minres } from "../../../solvers/krylov/index.js";
import {
  bfgs,
  bisection,
  brent,
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
import { compileObjective } from "./compile-expression.js";
import { toleranceHelp, toleranceOption } from "./tolerance-flag.js";
import type { AnyCliProblem, ProblemByKind, ProblemKind } from "./problem-kinds.js";
import { unknownNameError } from "./unknown-name.js";
import { UsageError } from "./usage-error.js";

/** A solver of any problem and state, as the CLI drives it (the registry pairs it with a problem of its kind). */
export type CliSolver = Solver<unknown, unknown, unknown, unknown>;

/** The solver flags the CLI reads (run options such as `--max-iterations` and `--seed` are separate). */
export interface SolverFlags {
  /** `--tol`: the solver's main tolerance (the registry says which). */
  readonly tol?: number | undefined;
  /** `--omega`: the relaxation factor. */
  readonly omega?: number | undefined;
  /** `--k`: the number of clusters. */
  readonly k?: number | undefined;
  /** `--init`: the initialisation, by name. */
  readonly init?: string | undefined;
  /** `--batch-size`: points per mini-batch. */
  readonly batchSize?: number | undefined;
  /** `--covariance`: the covariance type, by name. */
  readonly covariance?: string | undefined;
  /** `--step-size`: a fixed step length instead of the line search. */
  readonly stepSize?: number | undefined;
  /** `--evaluation`: policy evaluation, by name. */
  readonly evaluation?: string | undefined;
  /** `--in-place`: Gauss-Seidel-style value iteration sweeps. */
  readonly inPlace?: boolean | undefined;
  /** `--threads`: threads for the WebAssembly kernels of large problems (the run option `threads`). */
  readonly threads?: number | undefined;
  /** `--n-init`: runs from different starts, the best kept. */
  readonly nInit?: number | undefined;
  /** `--check-every`: iterations between residual checks (the Gauss-Seidel family's `checkInterval`). */
  readonly checkInterval?: number | undefined;
}

/** The name of a solver flag, as the user types it without `--`. */
export type SolverFlagName =
  | "tol"
  | "omega"
  | "k"
  | "init"
  | "batch-size"
  | "covariance"
  | "step-size"
  | "evaluation"
  | "in-place"
  | "threads"
  | "n-init"
  | "check-every";

/** A configured solver with the problem in the shape it takes. */
export interface SolverSetup {
  /** The solver. */
  readonly solver: CliSolver;
  /** The problem, in the solver's shape. */
  readonly problem: unknown;
  /** Runs from several starts, keeping the best score (`--n-init`); one run when absent. */
  readonly restarts?: Restarts;
}

/** Restarts of a solver from several seeds (scikit-learn's `n_init`), the best score kept. */
export interface Restarts {
  /** How many runs. */
  readonly count: number;
  /** A run's score, read from its final state. */
  readonly score: (state: unknown) => number;
  /** Whether the largest (log-likelihood) or smallest score wins. */
  readonly direction: "maximize" | "minimize";
  /** The score's name, for the output. */
  readonly label: string;
}

/** Starts of a Gaussian mixture when `--n-init` is not given: one k-means start can land in a poor optimum. */
export const defaultMixtureStarts = 5;

/** A solver the CLI knows by name. */
export interface SolverEntry {
  /** The name to type, e.g. `gauss-seidel`. */
  readonly name: string;
  /** The problem kind it accepts. */
  readonly kind: ProblemKind;
  /** One line for the help. */
  readonly description: string;
  /** The solver flags that apply to it. */
  readonly flags: readonly SolverFlagName[];
  /** What `--tol` sets, for the help. */
  readonly tolerance: string;
  /** The order of convergence near a simple solution (2 for Newton), for `step`'s error ratio. */
  readonly order: number;
  /**
   * The built-in problem used when none is given.
   * @defaultValue the first built-in problem of its kind
   */
  readonly defaultProblem?: string | undefined;
  /** Builds the solver from the flags, with the problem in its shape. */
  create(flags: SolverFlags, problem: AnyCliProblem): SolverSetup;
}

/** Narrows a problem to a kind (the registry checks the kind before `create`). */
function problemOf<K extends ProblemKind>(problem: AnyCliProblem, kind: K): ProblemByKind[K] {
  if (problem.kind !== kind) throw new UsageError(`expected a ${kind} problem, got a ${problem.kind} problem`);
  return problem.problem as ProblemByKind[K];
}

const setup = <P, S, R, Q>(solver: Solver<P, S, R, Q>, problem: P): SolverSetup => ({
  solver: solver as unknown as CliSolver,
  problem,
});

/** Drops undefined values, so that solvers see their defaults (`exactOptionalPropertyTypes`). */
function defined<T extends object>(options: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}

function choose<T>(flag: string, value: string | undefined, choices: Readonly<Record<string, () => T>>): T | undefined {
  if (value === undefined) return undefined;
  const make = choices[value];
  if (make === undefined)
    throw new UsageError(`--${flag} must be one of ${Object.keys(choices).join(", ")}, got '${value}'`);
  return make();
}

const lineSearch = (flags: SolverFlags) => (flags.stepSize === undefined ? undefined : fixedStep(flags.stepSize));

function scalarRoot(name: string, factory: typeof newton, description: string, order: number): SolverEntry {
  return {
    name,
    kind: "scalar-root",
    description,
    flags: ["tol"],
    tolerance: toleranceHelp("scalar-root"),
    order,
    create: (flags, problem) =>
      setup(factory(toleranceOption("scalar-root", flags.tol)), problemOf(problem, "scalar-root")),
  };
}

function bracketing(name: string, factory: typeof brent, description: string, order: number): SolverEntry {
  return {
    name,
    kind: "scalar-root",
    description,
    flags: ["tol"],
    tolerance: toleranceHelp("bracketing"),
    order,
    create: (flags, problem) => {
      const scalar = problemOf(problem, "scalar-root");
      if (scalar.bracket === undefined) {
        throw new UsageError(`${name} needs a problem with a bracket [a, b] (as cubic-root has)`);
      }
      const variable = scalar.variable === undefined ? {} : { variable: scalar.variable };
      const bracketed = { f: scalar.f, bracket: scalar.bracket, ...variable };
      return setup(factory(toleranceOption("bracketing", flags.tol)), bracketed);
    },
  };
}

function stationary(
  name: string,
  description: string,
  order: number,
  make: (flags: SolverFlags) => Solver<ProblemByKind["linear-system"], unknown, unknown, unknown>,
  omega: boolean,
  checks = false,
): SolverEntry {
  return {
    name,
    kind: "linear-system",
    description,
    flags: [...(omega ? (["tol", "omega"] as const) : (["tol"] as const)), ...(checks ? ["check-every" as const] : [])],
    tolerance: toleranceHelp("linear-system"),
    order,
    create: (flags, problem) => setup(make(flags), problemOf(problem, "linear-system")),
  };
}

const kmeansInit = (flags: SolverFlags) =>
  choose("init", flags.init, { "kmeans++": kmeansPlusPlus, random: randomInit });

function clustering(name: string, description: string, factory: typeof kmeans): SolverEntry {
  return {
    name,
    kind: "clustering",
    description,
    flags: ["tol", "k", "init", "threads"],
    tolerance: toleranceHelp("kmeans"),
    order: 1,
    create: (flags, problem) =>
      setup(
        factory(
          defined({
            k: flags.k,
            ...toleranceOption("kmeans", flags.tol),
            init: kmeansInit(flags),
          }),
        ),
        problemOf(problem, "clustering"),
      ),
  };
}

/** The solvers the CLI knows, by name. */
export const solverEntries: readonly SolverEntry[] = [
  {
    name: "fixed-point",
    kind: "fixed-point",
    description: "x_{k+1} = (1 - omega) x_k + omega g(x_k)",
    flags: ["tol", "omega"],
    tolerance: toleranceHelp("fixed-point"),
    order: 1,
    create: (flags, problem) =>
      setup(
        fixedPoint(defined({ ...toleranceOption("fixed-point", flags.tol), relaxation: flags.omega })),
        problemOf(problem, "fixed-point"),
      ),
  },
  scalarRoot("newton", newton, "Newton's method for f(x) = 0 (f' derived symbolically)", 2),
  scalarRoot("secant", secant, "the secant method for f(x) = 0 (no derivative)", (1 + Math.sqrt(5)) / 2),
  scalarRoot("halley", halley, "Halley's method for f(x) = 0 (f', f'' derived symbolically)", 3),
  bracketing("bisection", bisection, "bisection on the problem's bracket [a, b]", 1),
  bracketing("brent", brent, "Brent's method on the problem's bracket [a, b]", 1.839),
  bracketing("itp", itp, "the ITP method (Oliveira-Takahashi) on the problem's bracket [a, b]", Math.SQRT2),
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
    create: (flags, problem) =>
      setup(
        newtonMinimize(defined({ ...toleranceOption("minimisation", flags.tol), lineSearch: lineSearch(flags) })),
        problemOf(problem, "objective"),
      ),
  },
  {
    name: "bfgs",
    kind: "objective",
    description: "the BFGS quasi-Newton method for min f(x)",
    flags: ["tol", "step-size"],
    tolerance: "||grad f|| (absTolerance)",
    order: 1, // superlinear: the ratio e_k / e_k-1 falls to 0
    create: (flags, problem) =>
      setup(
        bfgs(defined({ ...toleranceOption("minimisation", flags.tol), lineSearch: lineSearch(flags) })),
        problemOf(problem, "objective"),
      ),
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
  {
    name: "newton-system",
    kind: "system",
    description: "Newton's method for F(x) = 0 (Jacobian derived symbolically)",
    flags: ["tol"],
    tolerance: toleranceHelp("newton-system"),
    order: 2,
    create: (flags, problem) =>
      setup(newtonSystem(toleranceOption("newton-system", flags.tol)), problemOf(problem, "system")),
  },
  stationary(
    "jacobi",
    "Jacobi iteration for A x = b (weighted with --omega)",
    1,
    (flags) =>
      jacobi(
        defined({
          ...toleranceOption("linear-system", flags.tol),
          relaxation: flags.omega,
          checkInterval: flags.checkInterval,
        }),
      ),
    true,
    true,
  ),
  stationary(
    "gauss-seidel",
    "Gauss-Seidel iteration for A x = b",
    1,
    (flags) =>
      gaussSeidel(defined({ ...toleranceOption("linear-system", flags.tol), checkInterval: flags.checkInterval })),
    false,
    true,
  ),
  stationary(
    "sor",
    "successive over-relaxation for A x = b (--omega in (0, 2))",
    1,
    (flags) => {
      if (flags.omega === undefined) throw new UsageError("sor needs --omega <w>, a relaxation factor in (0, 2)");
      const tolerance = toleranceOption("linear-system", flags.tol);
      return sor(defined({ ...tolerance, relaxation: flags.omega, checkInterval: flags.checkInterval }));
    },
    true,
    true,
  ),
  stationary(
    "ssor",
    "symmetric SOR for A x = b",
    1,
    (flags) =>
      ssor(
        defined({
          ...toleranceOption("linear-system", flags.tol),
          relaxation: flags.omega,
          checkInterval: flags.checkInterval,
        }),
      ),
    true,
    true,
  ),
  stationary(
    "red-black-gauss-seidel",
    "Gauss-Seidel in red-black order for A x = b",
    1,
    (flags) =>
      redBlackGaussSeidel(
        defined({ relTolerance: flags.tol, relaxation: flags.omega, checkInterval: flags.checkInterval }),
      ),
    true,
    true,
  ),
  stationary(
    "cg",
    "conjugate gradients for symmetric positive definite A x = b",
    1,
    (flags) => conjugateGradient(toleranceOption("linear-system", flags.tol)),
    false,
  ),
  stationary(
    "pcg",
    "conjugate gradients preconditioned with IC(0)",
    1,
    (flags) => conjugateGradient({ ...toleranceOption("linear-system", flags.tol), preconditioner: ic0() }),
    false,
  ),
  stationary(
    "minres",
    "MINRES for symmetric (indefinite) A x = b",
    1,
    (flags) => minres(toleranceOption("linear-system", flags.tol)),
    false,
  ),
  stationary(
    "gmres",
    "GMRES(30) for nonsymmetric A x = b",
    1,
    (flags) => gmres(toleranceOption("linear-system", flags.tol)),
    false,
  ),
  stationary(
    "bicgstab",
    "BiCGSTAB for nonsymmetric A x = b",
    1,
    (flags) => bicgstab(toleranceOption("linear-system", flags.tol)),
    false,
  ),
  clustering("kmeans", "Lloyd's k-means", kmeans),
  clustering("hamerly-kmeans", "k-means with Hamerly's bounds (same result, fewer distances)", hamerlyKMeans),
  {
    name: "mini-batch-kmeans",
    kind: "clustering",
    description: "mini-batch k-means",
    flags: ["tol", "k", "init", "batch-size"],
    defaultProblem: "blobs",
    tolerance: toleranceHelp("mini-batch-kmeans"),
    order: 1,
    create: (flags, problem) =>
      setup(
        miniBatchKMeans(
          defined({
            k: flags.k,
            ...toleranceOption("mini-batch-kmeans", flags.tol),
            init: kmeansInit(flags),
            batchSize: flags.batchSize,
          }),
        ),
        problemOf(problem, "clustering"),
      ),
  },
  {
    name: "gaussian-mixture",
    kind: "clustering",
    description:
      `a Gaussian mixture fitted by EM (--covariance full|diag|spherical|tied), ` +
      `best of --n-init starts (default ${defaultMixtureStarts})`,
    flags: ["tol", "k", "init", "covariance", "n-init"],
    tolerance: toleranceHelp("gaussian-mixture"),
    order: 1,
    create: (flags, problem) => {
      if (flags.k === undefined) throw new UsageError("gaussian-mixture needs --k <number of components>");
      const covariance = choose("covariance", flags.covariance, {
        full: fullCovariance,
        diag: diagonalCovariance,
        spherical: sphericalCovariance,
        tied: tiedCovariance,
      });
      const init = choose("init", flags.init, {
        kmeans: fromKMeans,
        "kmeans++": fromKMeansPlusPlus,
        random: randomResponsibilities,
      });
      const restarts: Restarts = {
        count: flags.nInit ?? defaultMixtureStarts,
        score: (state) => (state as { logLikelihood: number }).logLikelihood,
        direction: "maximize",
        label: "log-likelihood",
      };
      const solver = gaussianMixture(
        defined({ k: flags.k, ...toleranceOption("gaussian-mixture", flags.tol), covariance, init }),
      );
      return { ...setup(solver, problemOf(problem, "clustering")), restarts };
    },
  },
  {
    name: "value-iteration",
    kind: "mdp",
    description: "value iteration (--in-place for Gauss-Seidel sweeps)",
    flags: ["tol", "in-place", "threads"],
    tolerance: toleranceHelp("value-iteration"),
    order: 1,
    create: (flags, problem) =>
      setup(
        valueIteration(
          defined({
            sweep: flags.inPlace === true ? inPlaceSweep() : synchronousSweep(),
            stoppingRule:
              flags.tol === undefined ? undefined : supNormRule(toleranceOption("value-iteration", flags.tol)),
          }),
        ),
        problemOf(problem, "mdp"),
      ),
  },
  {
    name: "policy-iteration",
    kind: "mdp",
    description: "policy iteration (--evaluation exact|iterative|modified)",
    flags: ["tol", "evaluation"],
    tolerance: toleranceHelp("policy-iteration"),
    order: 1,
    create: (flags, problem) => {
      const evaluation = choose("evaluation", flags.evaluation, {
        exact: exactEvaluation,
        iterative: iterativeEvaluation,
        modified: modifiedEvaluation,
      });
      return setup(
        policyIteration(defined({ ...toleranceOption("policy-iteration", flags.tol), evaluation })),
        problemOf(problem, "mdp"),
      );
    },
  },
];

/**
 * The solver of a name.
 *
 * @param name - The name.
 * @returns The entry.
 * @throws UsageError naming the closest known solver (or all of them) when there is none.
 */
export function findSolver(name: string): SolverEntry {
  const entry = solverEntries.find((candidate) => candidate.name === name);
  if (entry === undefined)
    throw unknownNameError(
      "solver",
      name,
      solverEntries.map((candidate) => candidate.name),
    );
  return entry;
}

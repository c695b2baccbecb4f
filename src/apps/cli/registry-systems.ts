import type { Solver } from "../../index.js";
import { gaussSeidel, jacobi, redBlackGaussSeidel, sor, ssor } from "../../../solvers/gauss-seidel/index.js";
import { bicgstab, conjugateGradient, gmres, ic0, minres } from "../../../solvers/krylov/index.js";
import { newtonSystem } from "../../../solvers/newton/index.js";
import type { ProblemByKind } from "./problem-kinds.js";
import { defined, problemOf, setup } from "./solver-entry.js";
import type { SolverEntry, SolverFlags } from "./solver-entry.js";
import { toleranceHelp, toleranceOption } from "./tolerance-flag.js";
import { UsageError } from "./usage-error.js";

function stationary(
  name: string,
  description: string,
  order: number,
  make: (flags: SolverFlags) => Solver<ProblemByKind["linear-system"], unknown, unknown, unknown>,
  omega: boolean,
  checks = false,
  threads?: string,
): SolverEntry {
  return {
    name,
    kind: "linear-system",
    description,
    flags: [
      ...(omega ? (["tol", "omega"] as const) : (["tol"] as const)),
      ...(checks ? ["check-every" as const] : []),
      ...(threads === undefined ? [] : ["threads" as const]),
    ],
    tolerance: toleranceHelp("linear-system"),
    threads,
    order,
    create: (flags, problem) => setup(make(flags), problemOf(problem, "linear-system")),
  };
}

/** `--tol`, `--omega` (the method's default without it) and `--check-interval` for a relaxed sweep. */
const relaxedOptions = (flags: SolverFlags) =>
  defined({
    ...toleranceOption("linear-system", flags.tol),
    relaxation: flags.omega,
    checkInterval: flags.checkInterval,
  });

/** The CLI's solvers of systems of equations: Newton for F(x) = 0, stationary and Krylov methods for A x = b. */
export const systemEntries: readonly SolverEntry[] = [
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
    (flags) => jacobi(relaxedOptions(flags)),
    true,
    true,
    "the sweep, on a general CSR matrix of 4,097+ rows and 16,384+ entries",
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
  stationary("ssor", "symmetric SOR for A x = b", 1, (flags) => ssor(relaxedOptions(flags)), true, true),
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
];

import { fixedPoint } from "../../../solvers/fixed-point/index.js";
import { bisection, brent, halley, itp, newton, secant } from "../../../solvers/newton/index.js";
import { defined, problemOf, setup } from "./solver-entry.js";
import type { SolverEntry } from "./solver-entry.js";
import { toleranceHelp, toleranceOption } from "./tolerance-flag.js";
import { UsageError } from "./usage-error.js";

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

/** The CLI's solvers of one equation: fixed points, scalar roots, bracketing methods. */
export const rootEntries: readonly SolverEntry[] = [
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
];

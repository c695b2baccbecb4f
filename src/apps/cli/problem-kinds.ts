import type { FixedPointProblem } from "../../../solvers/fixed-point/index.js";
import type { GaussSeidelProblem } from "../../../solvers/gauss-seidel/index.js";
import type { KMeansProblem } from "../../../solvers/kmeans/index.js";
import type { MdpProblem } from "../../../solvers/mdp/index.js";
import type { NewtonSystemProblem, ScalarRootProblem } from "../../../solvers/newton/index.js";

/** The kinds of problem the CLI knows; each solver accepts one. */
export type ProblemKind =
  | "fixed-point"
  | "scalar-root"
  | "objective"
  | "system"
  | "linear-system"
  | "clustering"
  | "mdp";

/** An objective given as an expression: what the Newton family reads, and what gradient descent gets compiled. */
export interface ObjectiveExpression {
  /** The objective, e.g. `100 (y - x^2)^2 + (1 - x)^2`. */
  readonly f: string;
  /** The start. */
  readonly x0: readonly number[];
  /** The variables, one per entry of `x0`. */
  readonly variables: readonly string[];
}

/** The problem type of each kind. */
export interface ProblemByKind {
  /** `x = g(x)` for fixed-point iteration. */
  readonly "fixed-point": FixedPointProblem;
  /** `f(x) = 0` for Newton, secant, Halley; with a bracket, for bisection, Brent and ITP too. */
  readonly "scalar-root": ScalarRootProblem & { readonly bracket?: readonly [number, number] };
  /** `min f(x)` for gradient descent, Newton, BFGS. */
  readonly objective: ObjectiveExpression;
  /** `F(x) = 0` for Newton's method on systems. */
  readonly system: NewtonSystemProblem;
  /** `A x = b` for the stationary methods. */
  readonly "linear-system": GaussSeidelProblem;
  /** Points to cluster. */
  readonly clustering: KMeansProblem & { readonly data: readonly (readonly number[])[] };
  /** A Markov decision process. */
  readonly mdp: MdpProblem;
}

/** A problem as the CLI holds it: its kind, a name for tables, the problem, and what is known about its answer. */
export interface CliProblem<K extends ProblemKind = ProblemKind> {
  /** The kind, which decides the solvers that accept it. */
  readonly kind: K;
  /** The name for tables and reports, e.g. `x^3 - 2x - 5 = 0 from 2`. */
  readonly name: string;
  /** The problem. */
  readonly problem: ProblemByKind[K];
  /**
   * The known answer, when there is one: the root or minimiser `x*` (one entry for scalar problems), the
   * solution of `A x = b`, or `V*` for an MDP. Computed on demand (V* takes a solve).
   */
  readonly solution?: (() => readonly number[]) | undefined;
  /** The optimal value `f*` of an objective, when known. */
  readonly optimum?: number | undefined;
  /**
   * Solver flags this problem implies unless given: `k: 3` for Iris (every solver that takes `--k`), or
   * `"sor:omega": 1.67` for one solver only.
   */
  readonly defaults?: Readonly<Record<string, number | string>> | undefined;
}

/** A problem of any kind (a union, so that narrowing on `kind` narrows `problem`). */
export type AnyCliProblem = { readonly [K in ProblemKind]: CliProblem<K> }[ProblemKind];

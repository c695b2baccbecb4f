import { InvalidProblemError } from "../../src/index.js";
import { differenceJacobian } from "./differences.js";
import type { CompiledExpression, ParsedExpression } from "./expression.js";
import { compileExpression, differentiate, parseExpression } from "./expression.js";
import type { Costed } from "./problem-parts.js";
import {
  checkObject,
  checkStringMatrix,
  copyMatrix,
  copyVector,
  isFiniteDifferences,
  readStart,
  readVariables,
} from "./problem-parts.js";
import type { NewtonSystemProblem } from "./newton-system-types.js";

/** The functions the system solver calls, compiled once per problem; costs are `[F, Jacobian, 0]` calls. */
export interface SystemFunctions {
  /** The number of unknowns (and equations). */
  readonly n: number;
  /** The validated starting point (never modified: copy it). */
  readonly x0: Float64Array;
  /** `F(x)` into `out`. */
  readonly f: (x: Float64Array, out: Float64Array) => void;
  /** The Jacobian into `out`, n x n row-major. */
  readonly jacobian: Costed<(x: Float64Array, out: Float64Array) => void>;
}

/**
 * Resolves a system's functions: compiles expression strings, derives the Jacobian symbolically when it
 * is left out, or builds finite differences.
 *
 * @throws InvalidProblemError naming the part that is missing or malformed.
 */
export function systemFunctions(problem: NewtonSystemProblem): SystemFunctions {
  checkObject(problem, "{ f, jacobian?, x0 }");
  const source = problem.f;
  let x0: Float64Array;
  let expressions: ParsedExpression[] | undefined;
  let variables: readonly string[];
  let f: SystemFunctions["f"];
  if (Array.isArray(source)) {
    if (source.length === 0 || !source.every((entry) => typeof entry === "string")) {
      throw new InvalidProblemError(
        "problem.f",
        "a function of a Float64Array or a non-empty array of expression strings",
        source,
      );
    }
    x0 = readStart(problem.x0, source.length, " (one entry per equation in problem.f)");
    variables = readVariables(problem.variables, x0.length);
    const parsed = source.map((text: string, i) => parseExpression(text, variables, `problem.f[${i}]`));
    const compiled = parsed.map((expression) => compileExpression(expression, variables));
    expressions = parsed;
    f = (x, out) => {
      for (let i = 0; i < compiled.length; i++) out[i] = (compiled[i] as CompiledExpression)(x);
    };
  } else if (typeof source === "function") {
    x0 = readStart(problem.x0);
    variables = readVariables(problem.variables, x0.length);
    const n = x0.length;
    f = (x, out) => copyVector(source(x), n, out, "problem.f(x)");
  } else {
    throw new InvalidProblemError(
      "problem.f",
      "a function of a Float64Array or an array of expression strings",
      source,
    );
  }
  const n = x0.length;

  let jacobian: SystemFunctions["jacobian"];
  const jacobianSource = problem.jacobian;
  const slot = "a function, an n x n array of expression strings or finiteDifferences()";
  if (typeof jacobianSource === "function") {
    jacobian = { evaluate: (x, out) => copyMatrix(jacobianSource(x), n, out, "problem.jacobian(x)"), cost: [0, 1, 0] };
  } else if (Array.isArray(jacobianSource)) {
    checkStringMatrix(jacobianSource, n, "problem.jacobian");
    jacobian = {
      evaluate: matrixOf(
        jacobianSource.flatMap((row: readonly string[], i) =>
          row.map((text, j) =>
            compileExpression(parseExpression(text, variables, `problem.jacobian[${i}][${j}]`), variables),
          ),
        ),
      ),
      cost: [0, 1, 0],
    };
  } else if (isFiniteDifferences(jacobianSource)) {
    jacobian = { evaluate: differenceJacobian(f, n), cost: [2 * n, 0, 0] };
  } else if (jacobianSource === undefined && expressions !== undefined) {
    const equations = expressions;
    jacobian = {
      evaluate: matrixOf(
        equations.flatMap((equation, i) =>
          variables.map((name) => compileExpression(differentiate(equation, name, `dF${i}/d${name}`), variables)),
        ),
      ),
      cost: [0, 1, 0],
    };
  } else if (jacobianSource === undefined) {
    throw new InvalidProblemError("problem.jacobian", `${slot} when problem.f is a function`, jacobianSource);
  } else {
    throw new InvalidProblemError("problem.jacobian", slot, jacobianSource);
  }
  return { n, x0, f, jacobian };
}

function matrixOf(entries: readonly CompiledExpression[]): (x: Float64Array, out: Float64Array) => void {
  const count = entries.length;
  return (x, out) => {
    for (let k = 0; k < count; k++) out[k] = (entries[k] as CompiledExpression)(x);
  };
}

import { InvalidProblemError } from "../../src/index.js";
import { returnedNumber } from "../../src/engine/internals.js";
import {
  differenceGradient,
  differenceHessianFromGradient,
  differenceHessianFromValues,
  symmetrize,
} from "./differences.js";
import type { CompiledExpression, ParsedExpression } from "./expression.js";
import { compileExpression, differentiate, parseExpression } from "./expression.js";
import type { Costed } from "./problem-parts.js";
import {
  checkObject,
  checkStringMatrix,
  checkStringVector,
  copyMatrix,
  copyVector,
  isFiniteDifferences,
  readStart,
  readVariables,
} from "./problem-parts.js";
import type { MinimizeProblem } from "./minimize-types.js";

/** The functions a minimiser calls, compiled once per problem; costs are `[f, gradient, Hessian]` calls. */
export interface ObjectiveFunctions {
  /** The number of unknowns. */
  readonly n: number;
  /** The validated starting point (never modified: copy it). */
  readonly x0: Float64Array;
  readonly f: (x: Float64Array) => number;
  readonly gradient: Costed<(x: Float64Array, out: Float64Array) => void>;
  /** The Hessian into `out` (n x n row-major, symmetric), given `f(x)`; only when asked for. */
  readonly hessian: Costed<(x: Float64Array, fx: number, out: Float64Array) => void> | undefined;
}

const slot = "a function, an array of expression strings or finiteDifferences()";

/**
 * Resolves an objective's functions: compiles expression strings, derives what is left out symbolically,
 * and builds finite differences where asked.
 *
 * @throws InvalidProblemError naming the part that is missing or malformed.
 */
export function objectiveFunctions(problem: MinimizeProblem, withHessian: boolean): ObjectiveFunctions {
  checkObject(problem, "{ f, gradient?, hessian?, x0 }");
  const given = problem.variables;
  const named = Array.isArray(given) ? given.length : undefined;
  const x0 = readStart(problem.x0, named, " (one entry per name in problem.variables)");
  const n = x0.length;
  const variables = readVariables(given, n);

  let fExpression: ParsedExpression | undefined;
  let f: (x: Float64Array) => number;
  if (typeof problem.f === "string") {
    fExpression = parseExpression(problem.f, variables, "problem.f");
    f = compileExpression(fExpression, variables);
  } else if (typeof problem.f === "function") {
    const given = problem.f;
    f = (x) => returnedNumber(given(x), "problem.f(x)");
  } else {
    throw new InvalidProblemError("problem.f", "a function of a Float64Array or an expression string", problem.f);
  }

  // The gradient's expressions, when there are any (given as strings, or derived from f).
  let gradientExpressions: ParsedExpression[] | undefined;
  const symbolicGradient = (): ParsedExpression[] | undefined =>
    fExpression === undefined
      ? undefined
      : variables.map((name) => differentiate(fExpression as ParsedExpression, name, `df/d${name}`));

  let gradient: ObjectiveFunctions["gradient"];
  const source = problem.gradient;
  if (typeof source === "function") {
    gradient = { evaluate: (x, out) => copyVector(source(x), n, out, "problem.gradient(x)"), cost: [0, 1, 0] };
  } else if (Array.isArray(source)) {
    checkStringVector(source, n, "problem.gradient", " (one per entry of x0)");
    gradientExpressions = source.map((text: string, i) => parseExpression(text, variables, `problem.gradient[${i}]`));
    gradient = { evaluate: vectorOf(gradientExpressions.map((e) => compileExpression(e, variables))), cost: [0, 1, 0] };
  } else if (isFiniteDifferences(source)) {
    gradient = { evaluate: differenceGradient(f, n), cost: [2 * n, 0, 0] };
  } else if (source === undefined && fExpression !== undefined) {
    gradientExpressions = symbolicGradient() as ParsedExpression[];
    gradient = { evaluate: vectorOf(gradientExpressions.map((e) => compileExpression(e, variables))), cost: [0, 1, 0] };
  } else if (source === undefined) {
    throw new InvalidProblemError("problem.gradient", `${slot} when problem.f is a function`, source);
  } else {
    throw new InvalidProblemError("problem.gradient", slot, source);
  }

  let hessian: ObjectiveFunctions["hessian"];
  if (withHessian) {
    const hessianSource = problem.hessian;
    if (typeof hessianSource === "function") {
      hessian = {
        evaluate: (x, _fx, out) => {
          copyMatrix(hessianSource(x), n, out, "problem.hessian(x)");
          symmetrize(out, n);
        },
        cost: [0, 0, 1],
      };
    } else if (Array.isArray(hessianSource)) {
      checkStringMatrix(hessianSource, n, "problem.hessian");
      const entries = hessianSource.flatMap((row: readonly string[], i) =>
        row.map((text, j) =>
          compileExpression(parseExpression(text, variables, `problem.hessian[${i}][${j}]`), variables),
        ),
      );
      hessian = { evaluate: symmetricMatrixOf(entries, n), cost: [0, 0, 1] };
    } else if (isFiniteDifferences(hessianSource)) {
      const exactGradient = gradient;
      hessian =
        exactGradient.cost[0] === 0
          ? { evaluate: withoutValue(differenceHessianFromGradient(exactGradient.evaluate, n)), cost: [0, 2 * n, 0] }
          : { evaluate: differenceHessianFromValues(f, n), cost: [2 * n * n, 0, 0] };
    } else if (hessianSource === undefined) {
      const base = gradientExpressions ?? symbolicGradient();
      if (base === undefined) {
        throw new InvalidProblemError(
          "problem.hessian",
          "a function, an n x n array of expression strings or finiteDifferences() " +
            "when neither problem.f nor problem.gradient is made of expression strings",
          hessianSource,
        );
      }
      // From f's own gradient the Hessian is symmetric: derive the upper triangle only.
      const fromF = gradientExpressions === undefined || source === undefined;
      const entries: CompiledExpression[] = new Array<CompiledExpression>(n * n);
      for (let i = 0; i < n; i++) {
        for (let j = fromF ? i : 0; j < n; j++) {
          const name = variables[j] as string;
          const entry = compileExpression(
            differentiate(base[i] as ParsedExpression, name, `d2f/d${variables[i]}d${name}`),
            variables,
          );
          entries[i * n + j] = entry;
          if (fromF) entries[j * n + i] = entry;
        }
      }
      hessian = { evaluate: symmetricMatrixOf(entries, n), cost: [0, 0, 1] };
    } else {
      throw new InvalidProblemError(
        "problem.hessian",
        "a function, an n x n array of expression strings or finiteDifferences()",
        hessianSource,
      );
    }
  }
  return { n, x0, f, gradient, hessian };
}

function vectorOf(entries: readonly CompiledExpression[]): (x: Float64Array, out: Float64Array) => void {
  const n = entries.length;
  return (x, out) => {
    for (let i = 0; i < n; i++) out[i] = (entries[i] as CompiledExpression)(x);
  };
}

function symmetricMatrixOf(
  entries: readonly CompiledExpression[],
  n: number,
): (x: Float64Array, fx: number, out: Float64Array) => void {
  return (x, _fx, out) => {
    for (let k = 0; k < n * n; k++) out[k] = (entries[k] as CompiledExpression)(x);
    symmetrize(out, n);
  };
}

function withoutValue(
  evaluate: (x: Float64Array, out: Float64Array) => void,
): (x: Float64Array, fx: number, out: Float64Array) => void {
  return (x, _fx, out) => evaluate(x, out);
}

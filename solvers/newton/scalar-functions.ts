import { InvalidProblemError } from "../../src/index.js";
import { returnedNumber } from "../../src/engine/internals.js";
import { differenceDerivative, differenceSecondDerivative } from "./differences.js";
import type { CompiledExpression, ParsedExpression } from "./expression.js";
import { compileExpression, differentiate, parseExpression } from "./expression.js";
import type { Costed } from "./problem-parts.js";
import { checkObject, derivativeSlot, isFiniteDifferences } from "./problem-parts.js";
import type { ScalarRootProblem } from "./scalar-root-types.js";

/** A derivative of a scalar function; it is given `f(x)`, which second differences reuse. */
export type ScalarDerivative = Costed<(x: number, fx: number) => number>;

/** The functions a scalar root finder calls, compiled once per problem. */
export interface ScalarFunctions {
  readonly f: (x: number) => number;
  readonly derivative: ScalarDerivative | undefined;
  readonly secondDerivative: ScalarDerivative | undefined;
}

/**
 * Resolves a scalar problem's functions: compiles expression strings, derives what is left out
 * symbolically, and builds finite differences where asked. `order` says how many derivatives the method
 * needs (secant 0, Newton 1, Halley 2; the bracketing methods 0); `shape` is the problem's shape for the
 * message when the problem is not an object.
 *
 * @throws InvalidProblemError naming the part that is missing or malformed.
 */
export function scalarFunctions(problem: ScalarRootProblem, order: 0 | 1 | 2, shape = "{ f, x0 }"): ScalarFunctions {
  checkObject(problem, shape);
  const variable = problem.variable ?? "x";
  if (typeof variable !== "string" || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(variable)) {
    throw new InvalidProblemError("problem.variable", 'a name such as "x"', variable);
  }
  const variables = [variable];
  let fExpression: ParsedExpression | undefined;
  let f: (x: number) => number;
  if (typeof problem.f === "string") {
    fExpression = parseExpression(problem.f, variables, "problem.f");
    f = ofNumber(compileExpression(fExpression, variables));
  } else if (typeof problem.f === "function") {
    f = checked(problem.f, "problem.f(x)");
  } else {
    throw new InvalidProblemError("problem.f", "a function of x or an expression string", problem.f);
  }

  let derivative: ScalarDerivative | undefined;
  let derivativeExpression: ParsedExpression | undefined;
  if (order >= 1) {
    const source = problem.derivative;
    if (typeof source === "function") {
      derivative = { evaluate: checked(source, "problem.derivative(x)"), cost: [0, 1, 0] };
    } else if (typeof source === "string") {
      derivativeExpression = parseExpression(source, variables, "problem.derivative");
    } else if (isFiniteDifferences(source)) {
      derivative = { evaluate: differenceDerivative(f), cost: [2, 0, 0] };
    } else if (source === undefined && fExpression !== undefined) {
      derivativeExpression = differentiate(fExpression, variable, "f'");
    } else if (source === undefined) {
      throw new InvalidProblemError("problem.derivative", `${derivativeSlot} when problem.f is a function`, source);
    } else {
      throw new InvalidProblemError("problem.derivative", derivativeSlot, source);
    }
    if (derivativeExpression !== undefined) {
      derivative = { evaluate: ofNumber(compileExpression(derivativeExpression, variables)), cost: [0, 1, 0] };
    }
  }

  let secondDerivative: ScalarDerivative | undefined;
  if (order >= 2 && derivative !== undefined) {
    const source = problem.secondDerivative;
    if (typeof source === "function") {
      secondDerivative = { evaluate: checked(source, "problem.secondDerivative(x)"), cost: [0, 0, 1] };
    } else if (typeof source === "string") {
      const expression = parseExpression(source, variables, "problem.secondDerivative");
      secondDerivative = { evaluate: ofNumber(compileExpression(expression, variables)), cost: [0, 0, 1] };
    } else if (isFiniteDifferences(source)) {
      const first = derivative;
      secondDerivative =
        first.cost[0] === 0
          ? { evaluate: differenceDerivative((x) => first.evaluate(x, NaN)), cost: [0, 2, 0] }
          : { evaluate: differenceSecondDerivative(f), cost: [2, 0, 0] };
    } else if (source === undefined) {
      const base =
        derivativeExpression ?? (fExpression === undefined ? undefined : differentiate(fExpression, variable, "f'"));
      if (base === undefined) {
        throw new InvalidProblemError(
          "problem.secondDerivative",
          `${derivativeSlot} when neither problem.f nor problem.derivative is an expression string`,
          source,
        );
      }
      const expression = differentiate(base, variable, "f''");
      secondDerivative = { evaluate: ofNumber(compileExpression(expression, variables)), cost: [0, 0, 1] };
    } else {
      throw new InvalidProblemError("problem.secondDerivative", derivativeSlot, source);
    }
  }
  return { f, derivative, secondDerivative };
}

/** A compiled expression of one variable as a function of a number (with its own one-entry buffer). */
function ofNumber(expression: CompiledExpression): (x: number) => number {
  const point = new Float64Array(1);
  return (x) => {
    point[0] = x;
    return expression(point);
  };
}

/** A given derivative, checked to return a number. */
function checked(source: (x: number) => number, part: string): (x: number) => number {
  return (x) => returnedNumber(source(x), part);
}

import { createRequire } from "node:module";
import type { EvalFunction, MathNode } from "mathjs";
import type * as MathjsNumber from "mathjs/number";
import type { ObjectiveProblem } from "../../../solvers/gradient-descent/index.js";
import type { ObjectiveExpression } from "./problem-kinds.js";
import { UsageError } from "./usage-error.js";

const requireModule = createRequire(import.meta.url);

/**
 * mathjs's number-only build, loaded on first use: it takes most of a second to load, and only commands
 * given an expression need it (Node's module cache makes every later call a lookup).
 *
 * @returns The module.
 */
export function mathjs(): typeof MathjsNumber {
  return requireModule("mathjs/number") as typeof MathjsNumber;
}

// mathjs parses the user's expressions and derives gradients symbolically; the closures it compiles are
// what the CLI hands to solvers that take plain functions (fixed-point iteration, gradient descent).

function parseOrThrow(text: string): MathNode {
  try {
    return mathjs().parse(text);
  } catch (error) {
    throw new UsageError(
      `cannot parse the expression ${JSON.stringify(text)}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

function evaluator(
  compiled: EvalFunction,
  variables: readonly string[],
  text: string,
): (x: ArrayLike<number>) => number {
  const scope = new Map<string, number>();
  return (x) => {
    for (let i = 0; i < variables.length; i++) scope.set(variables[i] as string, x[i] as number);
    const value: unknown = compiled.evaluate(scope);
    if (typeof value !== "number")
      throw new UsageError(`the expression ${JSON.stringify(text)} does not evaluate to a real number`);
    return value;
  };
}

/**
 * Evaluates an expression once at the start, so that an unknown variable or function is reported now, in
 * the user's words, rather than as a failed first step.
 *
 * @param text - The expression.
 * @param evaluate - Evaluates it at the start.
 * @throws UsageError when the evaluation throws.
 */
export function checkAt(text: string, evaluate: () => unknown): void {
  try {
    evaluate();
  } catch (error) {
    throw new UsageError(
      `cannot evaluate ${JSON.stringify(text)} at --x0: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/**
 * Compiles a scalar expression of one variable, e.g. `cos(x)`.
 *
 * @param text - The expression.
 * @param variable - Its variable.
 * @returns The function.
 * @throws UsageError when the expression does not parse.
 */
export function compileScalar(text: string, variable: string): (x: number) => number {
  const evaluate = evaluator(parseOrThrow(text).compile(), [variable], text);
  const point = [0];
  return (x) => {
    point[0] = x;
    return evaluate(point);
  };
}

/**
 * Compiles an objective expression and its symbolic gradient into the functions gradient descent takes.
 *
 * @param objective - The expression, start and variables.
 * @returns The problem for gradient descent.
 * @throws UsageError when the expression does not parse or cannot be differentiated.
 */
export function compileObjective(objective: ObjectiveExpression): ObjectiveProblem {
  const node = parseOrThrow(objective.f);
  const f = evaluator(node.compile(), objective.variables, objective.f);
  const partials = objective.variables.map((variable) => {
    try {
      return evaluator(mathjs().derivative(node, variable).compile(), objective.variables, objective.f);
    } catch (error) {
      throw new UsageError(
        `cannot differentiate ${JSON.stringify(objective.f)} by ${variable}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  });
  checkAt(objective.f, () => f(objective.x0));
  return { f, gradient: (x) => partials.map((partial) => partial(x)), x0: objective.x0 };
}

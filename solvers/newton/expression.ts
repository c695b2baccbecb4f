import { createRequire } from "node:module";
import type { MathNode } from "mathjs";
import type * as MathjsNumber from "mathjs/number";
import { InvalidProblemError } from "../../src/index.js";

// Expression strings, parsed and differentiated by mathjs once, then compiled into plain closures over a
// Float64Array of the variables, so that no mathjs code runs in the solvers' loops.

// mathjs takes most of a second to load, and only problems given as strings need it, so it is loaded on
// first use rather than with this module. The solvers are synchronous, which rules out `await import()`:
// its CommonJS build is required instead, and Node's module cache makes every later call a lookup.
const requireModule = createRequire(import.meta.url);

/** mathjs's number-only build, loaded on the first call. */
function mathjs(): typeof MathjsNumber {
  return requireModule("mathjs/number") as typeof MathjsNumber;
}

/** A compiled expression: its value at the point `x` (variables in the order they were declared). */
export type CompiledExpression = (x: Float64Array) => number;

/** A parsed expression with what error messages need to name it. */
export interface ParsedExpression {
  readonly node: MathNode;
  readonly text: string;
  /** The problem part it came from, e.g. `problem.f` or `problem.jacobian[1][0]`. */
  readonly part: string;
}

/** Named constants an expression may use (a declared variable of the same name wins). */
const constants: ReadonlyMap<string, number> = new Map([
  ["pi", Math.PI],
  ["PI", Math.PI],
  ["e", Math.E],
  ["E", Math.E],
  ["tau", 2 * Math.PI],
  ["phi", (1 + Math.sqrt(5)) / 2],
  ["SQRT2", Math.SQRT2],
  ["SQRT1_2", Math.SQRT1_2],
  ["LN2", Math.LN2],
  ["LN10", Math.LN10],
  ["LOG2E", Math.LOG2E],
  ["LOG10E", Math.LOG10E],
]);

/** Functions of one argument, with mathjs's meaning (which the symbolic derivatives use). */
const unary: ReadonlyMap<string, (x: number) => number> = new Map<string, (x: number) => number>([
  ["sin", Math.sin],
  ["cos", Math.cos],
  ["tan", Math.tan],
  ["sec", (x) => 1 / Math.cos(x)],
  ["csc", (x) => 1 / Math.sin(x)],
  ["cot", (x) => 1 / Math.tan(x)],
  ["asin", Math.asin],
  ["acos", Math.acos],
  ["atan", Math.atan],
  ["asec", (x) => Math.acos(1 / x)],
  ["acsc", (x) => Math.asin(1 / x)],
  ["acot", (x) => Math.atan(1 / x)],
  ["sinh", Math.sinh],
  ["cosh", Math.cosh],
  ["tanh", Math.tanh],
  ["sech", (x) => 1 / Math.cosh(x)],
  ["csch", (x) => 1 / Math.sinh(x)],
  ["coth", (x) => 1 / Math.tanh(x)],
  ["asinh", Math.asinh],
  ["acosh", Math.acosh],
  ["atanh", Math.atanh],
  ["exp", Math.exp],
  ["expm1", Math.expm1],
  ["log", Math.log],
  ["log10", Math.log10],
  ["log2", Math.log2],
  ["log1p", Math.log1p],
  ["sqrt", Math.sqrt],
  ["cbrt", Math.cbrt],
  ["abs", Math.abs],
  ["sign", Math.sign],
  ["square", (x) => x * x],
  ["cube", (x) => x * x * x],
]);

/**
 * Parses an expression string and checks that it uses only the declared variables, known constants and
 * supported operators and functions.
 *
 * @throws InvalidProblemError naming `part` when the text does not parse or uses anything else.
 */
export function parseExpression(text: string, variables: readonly string[], part: string): ParsedExpression {
  let node: MathNode;
  try {
    node = mathjs().parse(text);
  } catch (cause) {
    throw invalid(part, "an expression mathjs can parse", text, cause instanceof Error ? cause.message : String(cause));
  }
  const parsed = { node, text, part };
  compileNode(parsed, node, variables); // rejects unknown variables and unsupported syntax now, not at the first step
  return parsed;
}

/** Compiles a parsed expression into a closure of the variables. */
export function compileExpression(expression: ParsedExpression, variables: readonly string[]): CompiledExpression {
  return compileNode(expression, expression.node, variables).evaluate;
}

/**
 * The symbolic partial derivative of an expression with respect to one variable (mathjs `derivative`,
 * simplified), named `part` for messages about it.
 *
 * @throws InvalidProblemError naming the expression's part when mathjs cannot differentiate it.
 */
export function differentiate(expression: ParsedExpression, variable: string, part: string): ParsedExpression {
  try {
    const node = mathjs().derivative(expression.node, variable);
    return { node, text: node.toString(), part };
  } catch (cause) {
    throw invalid(
      expression.part,
      "an expression mathjs can differentiate",
      expression.text,
      cause instanceof Error ? cause.message : String(cause),
    );
  }
}

/** The default variable names for `n` unknowns: x, y, z for n <= 3, x1 ... xn beyond. */
export function defaultVariables(n: number): string[] {
  return n <= 3 ? ["x", "y", "z"].slice(0, n) : Array.from({ length: n }, (_, i) => `x${i + 1}`);
}

function invalid(part: string, expected: string, text: string, detail: string): InvalidProblemError {
  const shown = text.length > 40 ? `${text.slice(0, 37)}...` : text;
  return new InvalidProblemError(part, expected, `${JSON.stringify(shown)} (${detail})`, false);
}

/** A compiled node; `value` is set when the node is constant (so parents can fold it). */
interface Compiled {
  readonly evaluate: CompiledExpression;
  readonly value?: number;
}

function constant(value: number): Compiled {
  return { evaluate: () => value, value };
}

function compileNode(expression: ParsedExpression, node: MathNode, variables: readonly string[]): Compiled {
  const { isConstantNode, isFunctionNode, isOperatorNode, isParenthesisNode, isSymbolNode } = mathjs();
  const inVariables = () => `an expression in ${variables.join(", ")}`;
  const reject = (detail: string, expected = `${inVariables()} of arithmetic and elementary functions`): never => {
    throw invalid(expression.part, expected, expression.text, detail);
  };
  const compile = (child: MathNode) => compileNode(expression, child, variables);

  if (isConstantNode(node)) {
    return typeof node.value === "number" ? constant(node.value) : reject(`unsupported constant ${String(node.value)}`);
  }
  if (isSymbolNode(node)) {
    const index = variables.indexOf(node.name);
    if (index >= 0) return { evaluate: (x) => x[index] as number };
    const value = constants.get(node.name);
    return value === undefined ? reject(`unknown variable ${node.name}`, inVariables()) : constant(value);
  }
  if (isParenthesisNode(node)) return compile(node.content);
  if (isOperatorNode(node)) {
    const args = node.args.map(compile);
    const fold = (result: Compiled): Compiled =>
      args.every((arg) => arg.value !== undefined) ? constant(result.evaluate(new Float64Array(0))) : result;
    const [a, b] = args;
    if (args.length === 1 && a !== undefined) {
      if (node.fn === "unaryMinus") return fold({ evaluate: (x) => -a.evaluate(x) });
      if (node.fn === "unaryPlus") return a;
    }
    if (args.length >= 2 && a !== undefined && b !== undefined) {
      switch (node.fn) {
        case "add":
          return fold(args.reduce((sum, term) => ({ evaluate: (x) => sum.evaluate(x) + term.evaluate(x) })));
        case "multiply":
          return fold(
            args.reduce((product, factor) => ({ evaluate: (x) => product.evaluate(x) * factor.evaluate(x) })),
          );
        case "subtract":
          if (args.length === 2) return fold({ evaluate: (x) => a.evaluate(x) - b.evaluate(x) });
          break;
        case "divide":
          if (args.length === 2) return fold({ evaluate: (x) => a.evaluate(x) / b.evaluate(x) });
          break;
        case "pow":
          if (args.length === 2) return fold(power(a, b));
          break;
      }
    }
    return reject(`unsupported operator ${node.op}`);
  }
  if (isFunctionNode(node)) {
    const name = node.fn.name;
    const args = node.args.map(compile);
    const fold = (result: Compiled): Compiled =>
      args.every((arg) => arg.value !== undefined) ? constant(result.evaluate(new Float64Array(0))) : result;
    const [a, b] = args;
    if (variables.includes(name)) {
      reject(`${name}(...) reads as a call of ${name}: write ${name} * (...)`, inVariables());
    }
    const f = unary.get(name);
    if (f !== undefined && args.length === 1 && a !== undefined) return fold({ evaluate: (x) => f(a.evaluate(x)) });
    if (args.length === 2 && a !== undefined && b !== undefined) {
      if (name === "log") return fold({ evaluate: (x) => Math.log(a.evaluate(x)) / Math.log(b.evaluate(x)) });
      if (name === "pow") return fold(power(a, b));
      if (name === "atan2") return fold({ evaluate: (x) => Math.atan2(a.evaluate(x), b.evaluate(x)) });
    }
    return reject(`unsupported function ${name} of ${args.length} argument${args.length === 1 ? "" : "s"}`);
  }
  return reject(`unsupported syntax (${node.type})`);
}

/** `a ^ b`, with small integer exponents as products (exact, and faster than Math.pow). */
function power(a: Compiled, b: Compiled): Compiled {
  const base = a.evaluate;
  switch (b.value) {
    case 1:
      return a;
    case 2:
      return {
        evaluate: (x) => {
          const t = base(x);
          return t * t;
        },
      };
    case 3:
      return {
        evaluate: (x) => {
          const t = base(x);
          return t * t * t;
        },
      };
    case -1:
      return { evaluate: (x) => 1 / base(x) };
    default: {
      const exponent = b.evaluate;
      return { evaluate: (x) => base(x) ** exponent(x) };
    }
  }
}

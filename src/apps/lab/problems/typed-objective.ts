import { prepareProblem } from "../../../index.js";
import { newtonMinimize } from "../../../../solvers/newton/index.js";
import type { Objective2d } from "./objectives.js";

/** A typed objective's setup as the URL holds it: the expression in x and y, the start and the box drawn. */
export interface TypedObjectiveSetup {
  readonly expression: string;
  readonly start: readonly [number, number];
  /** `[xmin, xmax, ymin, ymax]`. */
  readonly box: readonly [number, number, number, number];
}

/** The expression the page starts with: Rosenbrock's function with a = 1, b = 5, typed. */
export const defaultExpression = "5 (y - x^2)^2 + (1 - x)^2";

/** The longest expression the page accepts (the URL holds it). */
export const maxExpressionLength = 200;

/**
 * An objective from a typed expression `f(x, y)`. The text is parsed and differentiated by the library's own
 * expression compiler (mathjs parses; a checked tree of arithmetic and elementary functions is compiled into
 * closures: nothing is evaluated as code), through the public `prepareProblem(newtonMinimize(), ...)`: the
 * gradient and Hessian are the symbolic derivatives, exactly what `newtonMinimize` and `bfgs` use in Node
 * for the same string.
 *
 * @throws InvalidProblemError naming `problem.f` when the text does not parse, uses a name other than x and
 *   y, or is not finite at the start.
 */
export function typedObjective({ expression, start, box }: TypedObjectiveSetup): Objective2d {
  if (expression.length > maxExpressionLength) {
    throw new RangeError(`the expression is ${expression.length} characters long; at most ${maxExpressionLength}`);
  }
  const x0 = [start[0], start[1]];
  const { functions } = prepareProblem(newtonMinimize(), { f: expression, variables: ["x", "y"], x0 }).prepared;
  const hessian = functions.hessian;
  if (hessian === undefined) throw new Error("newtonMinimize prepared no Hessian");
  const fx0 = functions.f(Float64Array.from(x0));
  if (!Number.isFinite(fx0)) throw new RangeError(`f(${x0.join(", ")}) = ${fx0}: pick a start where f is finite`);
  const gradient = (x: Float64Array): number[] => {
    const out = new Float64Array(2);
    functions.gradient.evaluate(x, out);
    return [out[0] as number, out[1] as number];
  };
  const hessianAt = (x: Float64Array): number[][] => {
    const out = new Float64Array(4);
    hessian.evaluate(x, functions.f(x), out);
    return [
      [out[0] as number, out[1] as number],
      [out[2] as number, out[3] as number],
    ];
  };
  // A heavy-ball step that the curvature at the start tolerates (alpha < 2 (1 + beta) / L with room to spare).
  const [[h11 = 0, h12 = 0] = [], [, h22 = 0] = []] = hessianAt(Float64Array.from(x0));
  const curvature = Math.hypot(h11, h12, h12, h22);
  return {
    label: `f(x, y) = ${expression}`,
    f: functions.f,
    gradient,
    hessian: hessianAt,
    x0: [start[0], start[1]],
    minima: [],
    box,
    momentumStep: Number.isFinite(curvature) && curvature > 1 ? 0.2 / curvature : 0.2,
  };
}

/** The first error message of a typed objective, or undefined when it compiles. */
export function typedObjectiveError(setup: TypedObjectiveSetup): string | undefined {
  try {
    typedObjective(setup);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Reads `"a,b,c,d"` as numbers, or the fallback when the count or a value is wrong. */
export function parseNumberList<T extends readonly number[]>(text: string | undefined, fallback: T): T {
  const values = (text ?? "").split(",").map((part) => Number(part.trim()));
  return values.length === fallback.length && values.every(Number.isFinite) && text?.trim() !== ""
    ? (values as unknown as T)
    : fallback;
}

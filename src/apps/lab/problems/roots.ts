import { halley, newton, secant } from "../../../../solvers/newton/index.js";
import type { ScalarRootState } from "../../../../solvers/newton/index.js";
import { labRun } from "./lab-run.js";
import type { LabRun } from "./lab-run.js";

/** The 1-D functions of the roots page: an expression mathjs differentiates, a start and the root. */
export const rootFunctions = {
  cubic: {
    label: "x^3 - 2x - 5 (Newton's own example)",
    f: "x^3 - 2x - 5",
    evaluate: (x: number) => x ** 3 - 2 * x - 5,
    x0: 3,
    root: 2.0945514815423265,
  },
  sqrt2: { label: "x^2 - 2", f: "x^2 - 2", evaluate: (x: number) => x * x - 2, x0: 3, root: Math.SQRT2 },
  cosine: {
    label: "cos(x) - x",
    f: "cos(x) - x",
    evaluate: (x: number) => Math.cos(x) - x,
    x0: 2,
    root: 0.7390851332151607,
  },
  doubleRoot: {
    label: "(x - 1)^2 (x + 2): a double root",
    f: "(x - 1)^2 * (x + 2)",
    evaluate: (x: number) => (x - 1) ** 2 * (x + 2),
    x0: 3,
    root: 1,
  },
} as const;

/** A function of {@link rootFunctions}. */
export type RootFunctionName = keyof typeof rootFunctions;

/** The 1-D root finders the page draws. */
export const rootMethods = ["newton", "secant", "halley"] as const;
/** One of {@link rootMethods}. */
export type RootMethod = (typeof rootMethods)[number];

/** A setup of the roots page (what the URL holds). */
export interface RootSetup {
  readonly fn: RootFunctionName;
  readonly method: RootMethod;
  readonly x0: number;
}

/** The run of a root finder on a function, with `|x - x*|` as its error. */
export function rootRun({ fn, method, x0 }: RootSetup): LabRun<ScalarRootState> {
  const entry = rootFunctions[fn];
  const solver = method === "newton" ? newton() : method === "secant" ? secant() : halley();
  const simple = fn !== "doubleRoot";
  const order = method === "newton" ? (simple ? 2 : 1) : method === "secant" ? (simple ? 1.618 : 1) : simple ? 3 : 1;
  return labRun(
    solver,
    { f: entry.f, x0 },
    {
      error: (state) => Math.abs(state.x - entry.root),
      errorName: "|x - x*|",
      theory: {
        order,
        ...(simple ? {} : { rate: method === "newton" ? 0.5 : undefined }),
        note: simple ? `order ${order} at a simple root` : "a double root: linear convergence (Newton's rate 1/2)",
      },
    },
  );
}

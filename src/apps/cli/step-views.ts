import { norm2 } from "../../index.js";
import { formatNumber } from "../../engine/internals.js";
import { compileScalar, mathjs } from "./compile-expression.js";
import type { AnyCliProblem } from "./problem-kinds.js";
import type { SolverEntry } from "./solver-entry.js";

/** How `step` shows a method's iterations: column headers, one row per iteration, and what they mean. */
export interface StepView {
  /** The column headers. */
  readonly headers: readonly string[];
  /** The cells of iteration `k` (called in order, from 0). */
  row(state: unknown, k: number): string[];
  /** Lines under the table explaining the columns. */
  readonly notes: readonly string[];
}

type Fields = Record<string, unknown>;

/** A number as the tables print it; a dash where there is none yet (NaN at iteration 0: no previous step). */
const show = (value: unknown): string =>
  typeof value === "number" && !Number.isNaN(value) ? formatNumber(value) : "-";
const precise = (value: unknown): string => (typeof value === "number" ? value.toPrecision(12) : "-");
const vectorOf = (value: unknown): Float64Array | undefined => (value instanceof Float64Array ? value : undefined);

/** The distance from a state's x (number or vector) to x*. */
function distance(x: unknown, solution: readonly number[]): number | undefined {
  if (typeof x === "number") return Math.abs(x - (solution[0] as number));
  const vector = vectorOf(x);
  if (vector === undefined || vector.length !== solution.length) return undefined;
  return norm2(vector.map((value, i) => value - (solution[i] as number)));
}

/** Error ratios |e_k| / |e_{k-1}|^q, tracked across rows. */
function ratioTracker(order: number): (error: number | undefined) => number | undefined {
  let previous: number | undefined;
  return (error) => {
    const ratio =
      error !== undefined && previous !== undefined && previous > 0 && error > 0
        ? error / previous ** order
        : undefined;
    previous = error;
    return ratio;
  };
}

const orderName = (order: number) =>
  order === 2 ? "^2" : order === 3 ? "^3" : order === 1 ? "" : `^${order.toFixed(3)}`;

/**
 * The step-through view of a solver on a problem: for Newton `x`, `f(x)`, `f'(x)`, the step, the error
 * and the ratio `|e_{k+1}| / |e_k|^2`; for stationary methods the residual and its ratio; for k-means the
 * inertia and labels changed; for value iteration the sup-norm change, its span and policy changes.
 *
 * @param entry - The solver.
 * @param problem - The problem.
 * @param solution - The answer `x*`, known or estimated by a full run, for the error columns.
 * @returns The view.
 */
export function stepView(
  entry: SolverEntry,
  problem: AnyCliProblem,
  solution: readonly number[] | undefined,
): StepView {
  const known = problem.solution !== undefined ? "known" : "estimated by running to the end";
  const q = entry.order;
  switch (problem.kind) {
    case "scalar-root": {
      const text = problem.problem.f;
      const variable = problem.problem.variable ?? "x";
      const slope =
        typeof text === "string" && entry.name !== "secant"
          ? compileScalar(mathjs().derivative(text, variable).toString(), variable)
          : undefined;
      const ratio = ratioTracker(q);
      let previous: Fields | undefined;
      return {
        headers: [
          "k",
          "x",
          "f(x)",
          entry.name === "secant" ? "secant slope" : "f'(x)",
          "step",
          "|x - x*|",
          `|e_k|/|e_k-1|${orderName(q)}`,
        ],
        row(state, k) {
          const s = state as Fields;
          const x = s["x"] as number;
          const fx = s["fx"] as number;
          let slopeValue: number | undefined;
          if (slope !== undefined) slopeValue = slope(x);
          else if (previous !== undefined && previous["x"] !== x)
            slopeValue = (fx - (previous["fx"] as number)) / (x - (previous["x"] as number));
          const error = solution === undefined ? undefined : distance(x, solution);
          previous = s;
          return [String(k), precise(x), show(fx), show(slopeValue), show(s["step"]), show(error), show(ratio(error))];
        },
        notes: [
          `x* ${known}${solution === undefined ? " (not available)" : ` = ${precise(solution[0])}`}; the last column settles near a constant when the order is ${q === 2 ? "2" : q === 3 ? "3" : q.toFixed(3)}.`,
        ],
      };
    }
    case "fixed-point": {
      const ratio = ratioTracker(1);
      return {
        headers: ["k", "x", "step", "|x - x*|", "|e_k|/|e_k-1|"],
        row(state, k) {
          const s = state as Fields;
          const error = solution === undefined ? undefined : distance(s["x"], solution);
          return [String(k), precise(s["x"]), show(s["step"]), show(error), show(ratio(error))];
        },
        notes: [
          `x* ${known}; the ratio tends to the linear rate |1 - omega + omega g'(x*)| (|g'(x*)| without relaxation).`,
        ],
      };
    }
    case "objective":
    case "system": {
      const ratio = ratioTracker(q);
      const objective = problem.kind === "objective";
      return {
        headers: [
          "k",
          "x",
          objective ? "f(x)" : "||F(x)||",
          objective ? "||grad f||" : "step length",
          objective ? "step length" : "",
          "||x - x*||",
          `||e_k||/||e_k-1||${orderName(q)}`,
        ].filter((header) => header !== ""),
        row(state, k) {
          const s = state as Fields;
          const x = vectorOf(s["x"]);
          const shown =
            x === undefined
              ? "-"
              : `(${Array.from(x.slice(0, 3), (value) => value.toPrecision(6)).join(", ")}${x.length > 3 ? ", ..." : ""})`;
          const error = solution === undefined ? undefined : distance(s["x"], solution);
          const middle = objective
            ? [show(s["f"]), show(s["gradientNorm"]), show(s["stepLength"])]
            : [show(s["residualNorm"]), show(s["stepLength"])];
          return [String(k), shown, ...middle, show(error), show(ratio(error))];
        },
        notes: [
          `x* ${known}. ${q === 1 ? "A ratio that settles below 1 is linear convergence at that rate; one that falls to 0 is superlinear (BFGS)." : `The last column settles near a constant when the order is ${q}.`}`,
        ],
      };
    }
    case "linear-system": {
      const ratio = ratioTracker(1);
      return {
        headers: ["k", "||b - A x||", "relative", "ratio r_k/r_k-1", "rho estimate", "||x - x*||"],
        row(state, k) {
          const s = state as Fields;
          const residual = s["residualNorm"] as number;
          return [
            String(k),
            show(residual),
            show(s["relativeResidual"]),
            show(ratio(residual)),
            show(s["spectralRadiusEstimate"]),
            show(solution === undefined ? undefined : distance(s["x"], solution)),
          ];
        },
        notes: ["The residual ratio tends to the spectral radius of the iteration matrix: the linear rate."],
      };
    }
    case "clustering": {
      if (entry.name === "gaussian-mixture") {
        let previous: number | undefined;
        return {
          headers: ["k", "log-likelihood", "change"],
          row(state, k) {
            const value = (state as Fields)["logLikelihood"] as number;
            const change = previous === undefined ? undefined : value - previous;
            previous = value;
            return [String(k), show(value), show(change)];
          },
          notes: ["EM never decreases the log-likelihood; it stops when the change per point is below --tol."],
        };
      }
      if (entry.name === "mini-batch-kmeans") {
        return {
          headers: ["k", "batch inertia", "smoothed inertia"],
          row: (state, k) => [
            String(k),
            show((state as Fields)["batchInertia"]),
            show((state as Fields)["smoothedInertia"]),
          ],
          notes: ["Each iteration is one mini-batch; the smoothed inertia is an exponential average over batches."],
        };
      }
      return {
        headers: ["k", "inertia", "labels changed", "centroid shift"],
        row: (state, k) => {
          const s = state as Fields;
          return [String(k), show(s["inertia"]), show(s["labelChanges"]), show(s["shift"])];
        },
        notes: [
          "Lloyd's iteration never increases the inertia; it stops when no label changes or the centroids stop moving.",
        ],
      };
    }
    case "mdp": {
      const policyIteration = entry.name === "policy-iteration";
      return {
        headers: [
          "k",
          "||V_k - V_k-1||",
          "span",
          "policy changes",
          "Bellman residual",
          ...(policyIteration ? ["evaluation sweeps"] : []),
          "||V - V*||",
        ],
        row(state, k) {
          const s = state as Fields;
          const values = vectorOf(s["values"]);
          const error =
            solution === undefined || values === undefined
              ? undefined
              : Math.max(...Array.from(values, (value, i) => Math.abs(value - (solution[i] as number))));
          return [
            String(k),
            show(k === 0 ? undefined : s["change"]),
            show(k === 0 ? undefined : s["changeSpan"]),
            show(k === 0 ? undefined : s["policyChanges"]),
            show(s["bellmanResidual"]),
            ...(policyIteration ? [show(s["evaluationSweeps"])] : []),
            show(error),
          ];
        },
        notes: [
          policyIteration
            ? "Each iteration evaluates the policy, then improves it greedily; it stops when no state's action changes."
            : "The sup-norm change shrinks by about gamma per sweep; the span often shrinks faster.",
        ],
      };
    }
  }
}

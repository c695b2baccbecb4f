import type { ProblemCollection } from "../types.js";
import { apsFunctions, type ScalarTriple } from "./aps-functions.js";

/**
 * A scalar root-finding test problem for every root finder: the function with its first two derivatives (for
 * `newton`, `secant`, `halley`), a starting point, and a bracket (for `bisection`, `brent`, `itp`).
 */
export interface ScalarRootTestProblem {
  /** The function whose root is sought. */
  readonly f: (x: number) => number;
  /** Its first derivative. */
  readonly derivative: (x: number) => number;
  /** Its second derivative. */
  readonly secondDerivative: (x: number) => number;
  /** The starting point of the open methods (inside the bracket). */
  readonly x0: number;
  /** `[a, b]` with `f(a)` and `f(b)` of opposite signs. */
  readonly bracket: readonly [number, number];
}

/** One APS function's instances: parameters, bracket and starting point of each. */
interface ApsGroup {
  readonly number: number;
  readonly instances: readonly {
    readonly p: readonly number[];
    readonly bracket: [number, number];
    readonly x0: number;
  }[];
}

const range = (values: readonly number[], bracket: [number, number], x0: (p: number) => number) =>
  values.map((value) => ({ p: [value], bracket, x0: x0(value) }));

/** The 154 test cases of the paper's Table I, in its order, as SciPy tabulates them (its starting points). */
const groups: readonly ApsGroup[] = [
  { number: 1, instances: [{ p: [], bracket: [Math.PI / 2, Math.PI], x0: 3 }] },
  {
    number: 2,
    instances: Array.from({ length: 10 }, (_, k) => ({
      p: [],
      bracket: [(k + 1) ** 2 + 1e-9, (k + 2) ** 2 - 1e-9] as [number, number],
      x0: (k + 1) ** 2 + 1,
    })),
  },
  {
    number: 3,
    instances: [
      [-40, -1],
      [-100, -2],
      [-200, -3],
    ].map((p) => ({ p, bracket: [-9, 31] as [number, number], x0: -2 })),
  },
  {
    number: 4,
    instances: [
      ...[4, 6, 8, 10, 12].map((n) => ({ p: [n, 0.2], bracket: [0, 5] as [number, number], x0: 2.5 })),
      ...[4, 6, 8, 10, 12].map((n) => ({ p: [n, 1], bracket: [0, 5] as [number, number], x0: 2.5 })),
      ...[8, 10, 12, 14].map((n) => ({ p: [n, 1], bracket: [-0.95, 4.05] as [number, number], x0: 1.5 })),
    ],
  },
  { number: 5, instances: [{ p: [], bracket: [0, 1.5], x0: 1.3 }] },
  {
    number: 6,
    instances: range([1, 2, 3, 4, 5, 20, 40, 60, 80, 100], [0, 1], (n) => (n <= 4 ? 0.5 : n === 5 ? 0.4 : 2 / n)),
  },
  { number: 7, instances: range([5, 10, 20], [0, 1], () => 0.4) },
  { number: 8, instances: range([2, 5, 10, 15, 20], [0, 1], () => 0.9) },
  { number: 9, instances: range([1, 2, 4, 5, 8, 15, 20], [0, 1], () => 0.5) },
  { number: 10, instances: range([1, 5, 10, 15, 20], [0, 1], () => 0.9) },
  { number: 11, instances: range([2, 5, 15, 20], [0.01, 1], () => 0.01) },
  {
    number: 12,
    instances: range([2, 3, 4, 5, 6, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31, 33], [1, 100], () => 1.1),
  },
  { number: 13, instances: [{ p: [], bracket: [-1, 4], x0: 1.5 }] },
  {
    number: 14,
    instances: range(
      Array.from({ length: 40 }, (_, k) => k + 1),
      [-1000, Math.PI / 2],
      () => 1,
    ),
  },
  {
    number: 15,
    instances: range(
      [...Array.from({ length: 21 }, (_, k) => k + 20), 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000],
      [-1000, 1e-4],
      () => -2,
    ),
  },
];

/** The root in closed form where there is one, else undefined. */
function closedFormRoot(number: number, p: readonly number[]): number | undefined {
  const [first = 0, second = 0] = p;
  switch (number) {
    case 3:
    case 13:
      return 0;
    case 4:
      return second ** (1 / first);
    case 5:
      return Math.PI / 6;
    case 11:
      return 1 / first;
    case 12:
      return first;
    case 15:
      return (2e-3 * Math.log(1.859)) / (first + 1);
    default:
      return undefined;
  }
}

/** Bisection to adjacent floating-point numbers; returns the end where |f| is smaller. */
function bisect(f: (x: number) => number, [a0, b0]: readonly [number, number]): number {
  let [a, b] = [a0, b0];
  let fa = f(a);
  for (let k = 0; k < 2100; k++) {
    const m = a + (b - a) / 2;
    if (m <= a || m >= b) break;
    const fm = f(m);
    if (fm === 0) return m;
    if (Math.sign(fm) === Math.sign(fa)) [a, fa] = [m, fm];
    else b = m;
  }
  return Math.abs(fa) <= Math.abs(f(b)) ? a : b;
}

/**
 * The Alefeld-Potra-Shi test set for scalar root finding: 15 functions, 154 cases (function, parameters,
 * bracket), the set SciPy's root finders are tested on, for the bracketing methods and, from the starting
 * points SciPy uses, for Newton, secant and Halley.
 *
 * @remarks Entries are named by SciPy's identifiers (`aps.01.00` ... `aps.15.30`). Each problem carries `f`,
 * its first two derivatives, `x0` and the `bracket`. `solution` is the root: in closed form where there is one
 * (functions 3, 4, 5, 11, 12, 13, 15), otherwise bisection of the bracket down to adjacent floating-point
 * numbers at construction (the end with the smaller |f|), which is the root to within one unit in the last
 * place for these simple roots. Functions 14 and 15 are continuous but flat outside a narrow region;
 * 13 is flat (to underflow) around its root 0, where any point within about 0.037 has `f = 0` in floating point.
 * @returns The collection (new functions each call).
 * @example
 * ```ts
 * for (const entry of apsCollection().entries) solve(brent(), entry.problem);
 * ```
 * @see G. E. Alefeld, F. A. Potra and Y. Shi, Algorithm 748: enclosing zeros of continuous functions, ACM
 *   Transactions on Mathematical Software 21(3), 1995, 327-344.
 */
export function apsCollection(): ProblemCollection<ScalarRootTestProblem> {
  const entries = groups.flatMap((group) =>
    group.instances.map((instance, k) => {
      const triple = (apsFunctions[group.number] as (p: readonly number[]) => ScalarTriple)(instance.p);
      const root = closedFormRoot(group.number, instance.p) ?? bisect(triple.f, instance.bracket);
      const id = `aps.${String(group.number).padStart(2, "0")}.${String(k).padStart(2, "0")}`;
      const metadata: Record<string, string | number | boolean> = {
        function: group.number,
        parameters: instance.p.join(", "),
        a: instance.bracket[0],
        b: instance.bracket[1],
        rootSource: closedFormRoot(group.number, instance.p) === undefined ? "bisection" : "closed form",
      };
      return {
        name: id,
        problem: { ...triple, x0: instance.x0, bracket: [instance.bracket[0], instance.bracket[1]] as const },
        solution: Float64Array.of(root),
        dimension: 1,
        metadata,
      };
    }),
  );
  return {
    name: "alefeld-potra-shi",
    description:
      "The 154 scalar root-finding cases of Alefeld, Potra and Shi (ACM TOMS 21(3), 1995), with brackets, starting points and roots.",
    entries,
  };
}

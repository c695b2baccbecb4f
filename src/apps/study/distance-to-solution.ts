import type { StudyErrorMeasure, StudyProblem } from "./types.js";

/**
 * The default error of a study: how far a state is from the problem's known solution.
 *
 * @remarks With a solution given as a number or a vector `x*` (or `{ x: x* }`), the Euclidean distance
 * `||x - x*||` of the state's iterate `x`; with `{ f: f* }` (a known minimum value, as test sets publish it),
 * the gap `f(x_k) - f*` read from the state's `f`. Without a known solution, or for a state without the
 * field read, the error is not measured (`undefined`), and summaries that need it leave the run out.
 * @returns The error measure.
 * @example
 * ```ts
 * defineStudy({ name: "s", methods, problems: [{ name: "cubic", problem, solution: 2.0945514815423265 }], error: distanceToSolution() });
 * ```
 */
export function distanceToSolution(): StudyErrorMeasure {
  return { name: "||x - x*||", measure: measureDistance };
}

function measureDistance(state: unknown, entry: StudyProblem): number | undefined {
  const { solution } = entry;
  if (solution === undefined || solution === null || state === null || typeof state !== "object") return undefined;
  const fields = state as { readonly x?: unknown; readonly f?: unknown };
  if (typeof solution === "number" || isNumbers(solution)) return distance(fields.x, solution);
  if (typeof solution !== "object") return undefined;
  const known = solution as { readonly x?: unknown; readonly f?: unknown };
  if (typeof known.x === "number" || isNumbers(known.x)) return distance(fields.x, known.x);
  if (typeof known.f === "number" && typeof fields.f === "number") return Math.max(0, fields.f - known.f);
  return undefined;
}

function isNumbers(value: unknown): value is ArrayLike<number> {
  return (
    (Array.isArray(value) || ArrayBuffer.isView(value)) &&
    Array.from(value as ArrayLike<unknown>).every((item) => typeof item === "number")
  );
}

function distance(x: unknown, target: number | ArrayLike<number>): number | undefined {
  const a = typeof x === "number" ? [x] : isNumbers(x) ? x : undefined;
  const b = typeof target === "number" ? [target] : target;
  if (a === undefined || a.length !== b.length) return undefined;
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += ((a[i] as number) - (b[i] as number)) ** 2;
  return Math.sqrt(sum);
}

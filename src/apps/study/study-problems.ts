import { InvalidOptionError } from "../../index.js";
import type { ProblemCollection } from "../collections/types.js";
import type { StudyProblem } from "./types.js";

/**
 * A problem collection (`iterlab/collections`) as study problems: each entry's name and problem, with its known
 * solution (the error {@link distanceToSolution} then measures `||x - x*||`), or else its known optimal value
 * (`f(x_k) - f*`).
 *
 * @typeParam P - The problem type.
 * @param collection - A collection, e.g. `mghCollection()`.
 * @returns The study's problems.
 * @throws `InvalidOptionError` when `collection` has no `entries` array.
 * @example
 * ```ts
 * defineStudy({ name: "MGH", methods, problems: studyProblems(mghCollection()), seeds: 10 });
 * ```
 */
export function studyProblems<P>(collection: ProblemCollection<P>): StudyProblem<P>[] {
  if (collection === null || typeof collection !== "object" || !Array.isArray(collection.entries))
    throw new InvalidOptionError("collection", "a problem collection { name, entries }", collection);
  return collection.entries.map((entry) => {
    const solution = entry.solution ?? (entry.optimum === undefined ? undefined : { f: entry.optimum });
    return solution === undefined
      ? { name: entry.name, problem: entry.problem }
      : { name: entry.name, problem: entry.problem, solution };
  });
}

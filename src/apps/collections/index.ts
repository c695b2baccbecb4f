/**
 * Problem collections for convergence studies: named sets of problems in the form each family's solvers
 * take, with their known solutions. The Moré-Garbow-Hillstrom unconstrained test set for the minimisers.
 *
 * @module iterlab/collections
 */
export type { CollectionEntry, ProblemCollection } from "./types.js";
export { mghCollection } from "./mgh/mgh-collection.js";
export { mghNames, mghProblem } from "./mgh/mgh-problem.js";
export type { MghProblemOptions } from "./mgh/mgh-problem.js";
export type { MghProblem } from "./mgh/least-squares.js";

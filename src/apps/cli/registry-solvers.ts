import { clusteringEntries } from "./registry-clustering.js";
import { mdpEntries } from "./registry-mdp.js";
import { minimiserEntries } from "./registry-minimisers.js";
import { rootEntries } from "./registry-roots.js";
import { systemEntries } from "./registry-systems.js";
import type { SolverEntry } from "./solver-entry.js";
import { unknownNameError } from "./unknown-name.js";

/**
 * The solvers the CLI knows, by name, in the order `iterlab list` shows them. A new solver is one entry in
 * its family's registry-<family>.ts (see `SolverEntry` in solver-entry.ts); a new family adds its list here.
 */
export const solverEntries: readonly SolverEntry[] = [
  ...rootEntries,
  ...minimiserEntries,
  ...systemEntries,
  ...clusteringEntries,
  ...mdpEntries,
];

/**
 * The solver of a name.
 *
 * @param name - The name.
 * @returns The entry.
 * @throws UsageError naming the closest known solver (or all of them) when there is none.
 */
export function findSolver(name: string): SolverEntry {
  const entry = solverEntries.find((candidate) => candidate.name === name);
  if (entry === undefined)
    throw unknownNameError(
      "solver",
      name,
      solverEntries.map((candidate) => candidate.name),
    );
  return entry;
}

import { closestName, InvalidOptionError } from "../../index.js";
import { clusteringCollection } from "./clustering/clustering-collection.js";
import { linearSystemsCollection } from "./linear/linear-collection.js";
import { mdpCollection } from "./mdp/mdp-collection.js";
import { mghCollection } from "./mgh/mgh-collection.js";
import { apsCollection } from "./roots/aps-collection.js";
import { nonlinearSystemsCollection } from "./roots/nonlinear-systems-collection.js";
import type { ProblemCollection } from "./types.js";

const factories: Readonly<Record<string, () => ProblemCollection<unknown>>> = {
  "more-garbow-hillstrom": mghCollection,
  "alefeld-potra-shi": apsCollection,
  "nonlinear-systems": nonlinearSystemsCollection,
  "linear-systems": linearSystemsCollection,
  "mdp-families": mdpCollection,
  clustering: clusteringCollection,
};

/** The names of the built-in collections, as {@link collectionByName} takes them. */
export const collectionNames: readonly string[] = Object.keys(factories);

/**
 * A built-in collection by its name, for study files and worker processes: problems hold functions, which
 * cannot cross a process boundary, so a worker rebuilds the collection from its name and picks the entry by
 * its name.
 *
 * @param name - One of {@link collectionNames}: `more-garbow-hillstrom`, `alefeld-potra-shi`,
 *   `nonlinear-systems`, `linear-systems`, `mdp-families`, `clustering`.
 * @returns The collection, built afresh (the same entries, in the same order, every call).
 * @throws `InvalidOptionError` for an unknown name, naming the closest.
 * @example
 * ```ts
 * const entry = collectionByName("more-garbow-hillstrom").entries.find((e) => e.name === "watson");
 * ```
 */
export function collectionByName(name: string): ProblemCollection<unknown> {
  const factory = typeof name === "string" && Object.hasOwn(factories, name) ? factories[name] : undefined;
  if (factory === undefined) {
    const suggestion = typeof name === "string" ? closestName(name, collectionNames) : undefined;
    const hint = suggestion === undefined ? "" : ` (did you mean ${suggestion}?)`;
    throw new InvalidOptionError(
      "name",
      "the name of a collection",
      name,
      `name must be the name of a collection${hint}, got ${JSON.stringify(name)}; collections: ${collectionNames.join(", ")}`,
      suggestion,
    );
  }
  return factory();
}

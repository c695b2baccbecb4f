import { mghProblem } from "../../src/apps/collections/index.js";
import type { StrictEntry } from "./strict-options-engine-table.js";

/** The problem collections' options objects (`iterlab/collections`). */
export const collectionsTable: readonly StrictEntry[] = [
  { export: "mghProblem", names: ["n", "m"], call: (extra) => mghProblem("rosenbrock", extra) },
];

/** Collection functions that take no options object. */
export const collectionsWithoutOptions: readonly string[] = ["mghCollection"];

import { poisson1d } from "../../solvers/gauss-seidel/index.js";
import {
  anisotropicBlobs,
  anisotropicPoisson2d,
  blobs,
  convectionDiffusion2d,
  frozenLakeVariant,
  linearSystemEntry,
  mghProblem,
} from "../../src/apps/collections/index.js";
import type { StrictEntry } from "./strict-options-engine-table.js";

const blobNames = ["samples", "clusters", "dimension", "separation", "standardDeviation", "seed"];

/** The problem collections' options objects (`iterlab/collections`). */
export const collectionsTable: readonly StrictEntry[] = [
  { export: "mghProblem", names: ["n", "m"], call: (extra) => mghProblem("rosenbrock", extra) },
  { export: "anisotropicPoisson2d", names: ["epsilon"], call: (extra) => anisotropicPoisson2d(2, extra) },
  {
    export: "convectionDiffusion2d",
    names: ["velocityX", "velocityY"],
    call: (extra) => convectionDiffusion2d(2, extra),
  },
  {
    export: "linearSystemEntry",
    names: ["solution", "metadata"],
    call: (extra) => linearSystemEntry("p", poisson1d(2), extra),
  },
  {
    export: "frozenLakeVariant",
    names: ["size", "slipProbability", "frozenFraction", "seed", "discount"],
    call: (extra) => frozenLakeVariant(extra),
  },
  { export: "blobs", names: blobNames, call: (extra) => blobs(extra) },
  { export: "anisotropicBlobs", names: blobNames, call: (extra) => anisotropicBlobs(extra) },
];

/** Collection functions that take no options object (positional arguments only). */
export const collectionsWithoutOptions: readonly string[] = [
  "mghCollection",
  "poisson3d",
  "parseMatrixMarket",
  "readMatrixMarket",
  "linearSystemsCollection",
  "apsCollection",
  "nonlinearSystemsCollection",
  "mdpCollection",
  "clusteringCollection",
  "collectionByName",
];

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
export { poisson3d } from "./linear/poisson-3d.js";
export { anisotropicPoisson2d } from "./linear/anisotropic-poisson-2d.js";
export type { AnisotropicPoisson2dOptions } from "./linear/anisotropic-poisson-2d.js";
export { convectionDiffusion2d } from "./linear/convection-diffusion-2d.js";
export type { ConvectionDiffusion2dOptions } from "./linear/convection-diffusion-2d.js";
export { parseMatrixMarket } from "./linear/matrix-market.js";
export type { MatrixMarketMatrix } from "./linear/matrix-market.js";
export { readMatrixMarket } from "./linear/read-matrix-market.js";
export { linearSystemEntry } from "./linear/linear-system-entry.js";
export type { LinearSystemEntryOptions } from "./linear/linear-system-entry.js";
export { linearSystemsCollection } from "./linear/linear-collection.js";
export { apsCollection } from "./roots/aps-collection.js";
export type { ScalarRootTestProblem } from "./roots/aps-collection.js";
export { nonlinearSystemsCollection } from "./roots/nonlinear-systems-collection.js";
export type { NonlinearSystemTestProblem } from "./roots/nonlinear-systems-collection.js";
export { frozenLakeVariant } from "./mdp/frozen-lake-variant.js";
export type { FrozenLakeVariantOptions } from "./mdp/frozen-lake-variant.js";
export { mdpCollection } from "./mdp/mdp-collection.js";
export { blobs } from "./clustering/blobs.js";
export type { BlobsOptions, LabelledData } from "./clustering/blobs.js";
export { anisotropicBlobs } from "./clustering/anisotropic-blobs.js";
export { clusteringCollection } from "./clustering/clustering-collection.js";
export type { ClusteringTestProblem } from "./clustering/clustering-collection.js";
export { collectionByName, collectionNames } from "./collection-by-name.js";

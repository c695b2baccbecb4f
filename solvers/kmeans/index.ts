/**
 * k-means clustering on the engine: Lloyd's algorithm, Hamerly's accelerated variant (same iterates,
 * fewer distances) and mini-batch k-means on epochs; k-means++, random and given initialisations; restarts
 * through `bestOf`; `predict` for new points.
 *
 * @module iterlab/solvers/kmeans
 */
export { kmeans } from "./kmeans.js";
export { hamerlyKMeans } from "./hamerly-kmeans.js";
export { miniBatchKMeans } from "./mini-batch-kmeans.js";
export { fitKMeans } from "./fit-kmeans.js";
export { predictLabels } from "./predict-labels.js";
export { kmeansPlusPlus } from "./kmeans-plus-plus.js";
export { randomInit } from "./random-init.js";
export { givenCentroids } from "./given-centroids.js";
export { toDataMatrix } from "./to-data-matrix.js";
export type { PreparedKMeans } from "./prepare-problem.js";
export type {
  CentroidState,
  ClusteringData,
  DataMatrix,
  FitKMeansOptions,
  FlatData,
  InitializationInput,
  KMeansInitialization,
  KMeansModel,
  KMeansOptions,
  KMeansProblem,
  KMeansRecord,
  KMeansState,
  LabelAssignment,
  MiniBatchKMeansOptions,
  MiniBatchKMeansRecord,
  MiniBatchKMeansState,
} from "./types.js";

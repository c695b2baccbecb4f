/**
 * Gaussian mixtures fitted by EM on the engine: full, diagonal, spherical and tied covariances, `regCovar`,
 * log-sum-exp throughout; initialisation from k-means, k-means++, random responsibilities or given
 * parameters; restarts; `predict`, `predictProba`, `scoreSamples`, `sample`, `bic`, `aic`.
 *
 * @module iterlab/solvers/gaussian-mixture
 */
export { gaussianMixture } from "./gaussian-mixture.js";
export { fitGaussianMixture } from "./fit-gaussian-mixture.js";
export { fullCovariance } from "./full-covariance.js";
export { diagonalCovariance } from "./diagonal-covariance.js";
export { sphericalCovariance } from "./spherical-covariance.js";
export { tiedCovariance } from "./tied-covariance.js";
export { fromKMeans } from "./from-kmeans.js";
export { fromKMeansPlusPlus } from "./from-kmeans-plus-plus.js";
export { randomResponsibilities } from "./random-responsibilities.js";
export { givenParameters } from "./given-parameters.js";
export type {
  CovarianceEstimateInput,
  CovarianceType,
  FitGaussianMixtureOptions,
  GaussianMixtureModel,
  GaussianMixtureOptions,
  GaussianMixtureProblem,
  GaussianMixtureRecord,
  GaussianMixtureSolver,
  GaussianMixtureState,
  MixtureInitialization,
  MixtureParameters,
  MixtureSample,
  MixtureStatistics,
  MixtureStart,
  PreparedGaussianMixture,
} from "./types.js";

import { fromKMeansPlusPlus, gaussianMixture } from "../../../../solvers/gaussian-mixture/index.js";
import {
  diagonalCovariance,
  fullCovariance,
  sphericalCovariance,
  tiedCovariance,
} from "../../../../solvers/gaussian-mixture/index.js";
import type { CovarianceType, GaussianMixtureState } from "../../../../solvers/gaussian-mixture/index.js";
import { givenCentroids, kmeans, kmeansPlusPlus, randomInit } from "../../../../solvers/kmeans/index.js";
import type { KMeansState } from "../../../../solvers/kmeans/index.js";
import { criterionValue, labRun } from "./lab-run.js";
import type { LabRun } from "./lab-run.js";

/** A k-means setup: the points, `k`, the seed and, when the user placed them, the starting centroids. */
export interface KMeansSetup {
  readonly points: readonly (readonly number[])[];
  readonly k: number;
  readonly seed: number;
  readonly centroids?: readonly (readonly number[])[] | undefined;
  /** Seeding when no centroids are given: k-means++ (spread out) or k random points. */
  readonly seeding?: "kmeans++" | "random" | undefined;
}

/** Lloyd's k-means from k-means++ seeding (or given centroids); its chart shows the centroids' shift. */
export function kmeansRun({ points, k, seed, centroids, seeding }: KMeansSetup): LabRun<KMeansState> {
  const init =
    centroids !== undefined ? givenCentroids(centroids) : seeding === "random" ? randomInit() : kmeansPlusPlus();
  return labRun(
    kmeans({ k: centroids?.length ?? k, init }),
    { data: points },
    {
      seed,
      error: (state) => state.shift ?? Number.NaN,
      errorName: "centroid shift",
      theory: { note: "finite: Lloyd's algorithm stops once no label changes" },
    },
  );
}

/** The four covariance types of the mixture page. */
export const covarianceTypes: Readonly<Record<string, () => CovarianceType>> = {
  full: fullCovariance,
  tied: tiedCovariance,
  diagonal: diagonalCovariance,
  spherical: sphericalCovariance,
};

/** A Gaussian-mixture setup. */
export interface MixtureSetup {
  readonly points: readonly (readonly number[])[];
  readonly k: number;
  readonly seed: number;
  readonly covariance: string;
}

/** EM for a Gaussian mixture, started from k-means++; its chart shows the log-likelihood's change. */
export function mixtureRun({ points, k, seed, covariance }: MixtureSetup): LabRun<GaussianMixtureState> & {
  readonly covarianceType: CovarianceType;
} {
  const covarianceType = (covarianceTypes[covariance] ?? fullCovariance)();
  const solver = gaussianMixture({ k, covariance: covarianceType, init: fromKMeansPlusPlus(), absTolerance: 1e-6 });
  const run = labRun(
    solver,
    { data: points },
    {
      seed,
      error: (_state, criteria) => criterionValue(criteria, criteria[0]?.label ?? ""),
      errorName: "|change of mean log-likelihood|",
      theory: { order: 1, note: "EM converges linearly (rate: the fraction of missing information)" },
    },
  );
  return { ...run, covarianceType };
}

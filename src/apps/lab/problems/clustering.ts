import { fromKMeansPlusPlus, gaussianMixture } from "../../../../solvers/gaussian-mixture/index.js";
import {
  diagonalCovariance,
  fullCovariance,
  sphericalCovariance,
  tiedCovariance,
} from "../../../../solvers/gaussian-mixture/index.js";
import type { CovarianceType, GaussianMixtureState } from "../../../../solvers/gaussian-mixture/index.js";
import {
  givenCentroids,
  hamerlyKMeans,
  kmeans,
  miniBatchKMeans,
  predictLabels,
  randomInit,
} from "../../../../solvers/kmeans/index.js";
import type { KMeansState } from "../../../../solvers/kmeans/index.js";
import { criterionValue, labRun } from "./lab-run.js";
import type { LabRun } from "./lab-run.js";
import { recordedKMeansPlusPlus } from "./seeding.js";
import type { RecordedSeeding } from "./seeding.js";

/** A k-means setup: the points, `k`, the seed and, when the user placed them, the starting centroids. */
export interface KMeansSetup {
  readonly points: readonly (readonly number[])[];
  readonly k: number;
  readonly seed: number;
  readonly centroids?: readonly (readonly number[])[] | undefined;
  /** Seeding when no centroids are given: k-means++ (spread out) or k random points. */
  readonly seeding?: "kmeans++" | "random" | undefined;
}

/** Lloyd's k-means plus, when seeded by k-means++, the draws of its seeding as the page shows them. */
export type KMeansRun = LabRun<KMeansState> & { readonly seeding: RecordedSeeding | undefined };

/**
 * Lloyd's k-means from k-means++ seeding (or random points, or given centroids); its chart shows the
 * centroids' shift. k-means++ is the library's own, watched (see {@link recordedKMeansPlusPlus}).
 */
export function kmeansRun({ points, k, seed, centroids, seeding }: KMeansSetup): KMeansRun {
  const recorded = centroids === undefined && seeding !== "random" ? recordedKMeansPlusPlus() : undefined;
  const init = centroids !== undefined ? givenCentroids(centroids) : (recorded?.init ?? randomInit());
  const run = labRun(
    kmeans({ k: centroids?.length ?? k, init }),
    { data: points },
    {
      seed,
      error: (state) => state.shift ?? Number.NaN,
      errorName: "centroid shift",
      theory: { note: "finite: Lloyd's algorithm stops once no label changes" },
    },
  );
  return { ...run, seeding: recorded };
}

/** The k-means variants the compare page sets side by side. */
export const kmeansVariants = ["lloyd", "hamerly", "mini-batch"] as const;
/** One of {@link kmeansVariants}. */
export type KMeansVariant = (typeof kmeansVariants)[number];

/** The state every variant shares, as the compare page reads it. */
export interface CentroidsOnly {
  readonly centroids: Float64Array;
}

/**
 * A k-means variant from k-means++ seeding; its error is the inertia of the whole data set at the current
 * centroids (what all three minimise; mini-batch k-means does not compute it itself), so the three curves
 * are on one scale. Lloyd and Hamerly give the same iterates (Hamerly computes fewer distances).
 */
export function kmeansVariantRun(
  variant: KMeansVariant,
  points: readonly (readonly number[])[],
  k: number,
  seed: number,
): LabRun<CentroidsOnly> {
  const inertia = (state: CentroidsOnly) => {
    const rows = Array.from({ length: k }, (_, j) => [
      state.centroids[2 * j] as number,
      state.centroids[2 * j + 1] as number,
    ]);
    return predictLabels(rows, points).inertia;
  };
  const options = { seed, error: inertia, errorName: "inertia (all points)" };
  const note = { note: "inertia falls monotonically for Lloyd and Hamerly; mini-batch fluctuates" };
  if (variant === "hamerly") return labRun(hamerlyKMeans({ k }), { data: points }, { ...options, theory: note });
  if (variant === "mini-batch")
    return labRun(
      miniBatchKMeans({ k, batchSize: 64, maxIterations: 500 }),
      { data: points },
      { ...options, theory: note },
    );
  return labRun(kmeans({ k }), { data: points }, { ...options, theory: note });
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

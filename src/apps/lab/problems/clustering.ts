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
      // A watched k-means++ seeding would record the copy's draws too.
      warmUpIterations: recorded === undefined ? 3 : 0,
    },
  );
  return { ...run, seeding: recorded };
}

/** The k-means variants the compare page sets side by side. */
export const kmeansVariants = ["lloyd", "hamerly", "mini-batch"] as const;
/** One of {@link kmeansVariants}. */
export type KMeansVariant = (typeof kmeansVariants)[number];

/** The clustering methods of the compare page: the k-means variants and a Gaussian mixture fitted by EM. */
export const clusteringCompareMethods = [...kmeansVariants, "gmm"] as const;
/** One of {@link clusteringCompareMethods}. */
export type ClusteringCompareMethod = (typeof clusteringCompareMethods)[number];

/** What the compare page draws of one method's state: its centres and, for a mixture, its ellipses and soft labels. */
export interface ClusteringPicture {
  /** `k x 2` row-major: the centroids, or the mixture's means. */
  readonly centres: Float64Array;
  /** A mixture's `k` 2 x 2 covariances. */
  readonly covariances?: readonly (readonly (readonly number[])[])[];
  /** A mixture's `n x k` responsibilities. */
  readonly responsibilities?: Float64Array;
  /** A mixture's mean log-likelihood (what EM increases). */
  readonly logLikelihood?: number;
}

/** A compare-page clustering run: its error is the inertia at its centres, and it says what to draw. */
export type ClusteringCompareRun = LabRun<unknown> & { picture(state: unknown): ClusteringPicture };

/**
 * A clustering method on the compare page, from k-means++ seeding. Its error is the inertia of the whole data
 * set at the method's centres (the centroids; a mixture's means), one scale for all four: what the k-means
 * variants minimise (mini-batch k-means does not compute it itself), and for EM, which maximises the
 * likelihood instead, the same measure of its means. Lloyd and Hamerly give the same iterates (Hamerly
 * computes fewer distances).
 */
export function clusteringCompareRun(
  method: ClusteringCompareMethod,
  points: readonly (readonly number[])[],
  k: number,
  seed: number,
): ClusteringCompareRun {
  const inertia = (centres: Float64Array) => {
    const rows = Array.from({ length: k }, (_, j) => [centres[2 * j] as number, centres[2 * j + 1] as number]);
    return predictLabels(rows, points).inertia;
  };
  const errorName = "inertia (all points)";
  if (method === "gmm") {
    const covariance = fullCovariance();
    const solver = gaussianMixture({ k, covariance, init: fromKMeansPlusPlus(), absTolerance: 1e-6 });
    const run = labRun(
      solver,
      { data: points },
      {
        seed,
        errorName,
        error: (state: GaussianMixtureState) => inertia(state.means),
        theory: { note: "EM raises the likelihood, not the inertia: its means need not lower the inertia" },
      },
    );
    const picture = (state: GaussianMixtureState): ClusteringPicture => ({
      centres: Float64Array.from(state.means),
      covariances: covariance.toMatrices(state.covariances, state.k, 2),
      responsibilities: Float64Array.from(state.responsibilities),
      logLikelihood: state.logLikelihood,
    });
    return { ...(run as LabRun<unknown>), picture: picture as (state: unknown) => ClusteringPicture };
  }
  const options = { seed, error: (state: CentroidsOnly) => inertia(state.centroids), errorName };
  const theory = { note: "inertia falls monotonically for Lloyd and Hamerly; mini-batch fluctuates" };
  const problem = { data: points };
  const run: LabRun<CentroidsOnly> =
    method === "hamerly"
      ? labRun(hamerlyKMeans({ k }), problem, { ...options, theory })
      : method === "mini-batch"
        ? labRun(miniBatchKMeans({ k, batchSize: 64, maxIterations: 500 }), problem, { ...options, theory })
        : labRun(kmeans({ k }), problem, { ...options, theory });
  const picture = (state: CentroidsOnly): ClusteringPicture => ({ centres: Float64Array.from(state.centroids) });
  return { ...(run as LabRun<unknown>), picture: picture as (state: unknown) => ClusteringPicture };
}

/** Centres as `(x, y)` pairs to 4 decimals, in the method's order. */
export function formatCentres(centres: ArrayLike<number>): string {
  const pairs: string[] = [];
  for (let j = 0; 2 * j + 1 < centres.length; j++)
    pairs.push(`(${(centres[2 * j] as number).toFixed(4)}, ${(centres[2 * j + 1] as number).toFixed(4)})`);
  return pairs.join(" ");
}

/** The state every k-means variant shares, as the compare page reads it. */
interface CentroidsOnly {
  readonly centroids: Float64Array;
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

import type { AbstractMatrix } from "ml-matrix";
import type { Random, StopReason } from "../../src/index.js";

/** A flat, row-major data set: `rows` points of `values.length / rows` coordinates each. */
export interface FlatData {
  /** The coordinates, point after point (row-major). */
  readonly values: ArrayLike<number>;
  /** The number of points, an integer >= 1 that divides `values.length`. */
  readonly rows: number;
}

/**
 * Points to cluster: an array of rows (`number[][]`), a {@link FlatData} (a flat `Float64Array` with a row
 * count) or an ml-matrix `Matrix` (one point per row).
 */
export type ClusteringData = readonly (readonly number[])[] | FlatData | AbstractMatrix;

/** Data converted once to a flat row-major `Float64Array` (what the kernels read). */
export interface DataMatrix {
  /** The coordinates, row-major, `rows * columns` of them. */
  readonly values: Float64Array;
  /** The number of points. */
  readonly rows: number;
  /** The dimension of each point. */
  readonly columns: number;
}

/** A k-means problem: the points and, optionally, one weight per point. */
export interface KMeansProblem {
  /** The points, at least one, all finite, all of one dimension. */
  readonly data: ClusteringData;
  /**
   * One finite weight >= 0 per point, with a positive sum; a weight of 2 counts a point twice.
   * @defaultValue all 1
   */
  readonly sampleWeights?: ArrayLike<number> | undefined;
}

/** What an initialisation strategy receives. */
export interface InitializationInput {
  /** The data. */
  readonly data: DataMatrix;
  /** The weight of each point. */
  readonly weights: Float64Array;
  /** The number of clusters. */
  readonly k: number;
  /** The run's seeded generator: every random choice draws from it. */
  readonly random: Random;
}

/**
 * How k-means chooses its first centroids: {@link kmeansPlusPlus}, {@link randomInit} or
 * {@link givenCentroids}. Returns `k * columns` coordinates, row-major.
 */
export interface KMeansInitialization {
  /** A short label for the solver's name, e.g. `k-means++`. */
  readonly label: string;
  /** The number of clusters it produces, when fixed by the strategy (given centroids). */
  readonly k?: number | undefined;
  /** Chooses the initial centroids. */
  (input: InitializationInput): Float64Array;
}

/** Options shared by {@link kmeans}, {@link hamerlyKMeans} and {@link miniBatchKMeans}. */
export interface KMeansOptions {
  /**
   * The number of clusters, an integer >= 1. May be left out with {@link givenCentroids}, which fixes it.
   */
  readonly k?: number | undefined;
  /**
   * How the first centroids are chosen.
   * @defaultValue `kmeansPlusPlus()`
   */
  readonly init?: KMeansInitialization | undefined;
  /**
   * scikit-learn's `tol`: converged when the squared centroid shift `sum_j ||c_j^(t+1) - c_j^(t)||^2` is at
   * most `relTolerance` times the mean per-feature variance of the data (reported as `shift/var`), a finite
   * number >= 0. For {@link miniBatchKMeans} the shift of one mini-batch update, and 0 turns the test off
   * (scikit-learn's `MiniBatchKMeans(tol=0.0)`).
   * @defaultValue `1e-4`; `0` (off) for {@link miniBatchKMeans}
   */
  readonly relTolerance?: number | undefined;
  /**
   * The iteration bound, an integer >= 0.
   * @defaultValue `300` (scikit-learn's `max_iter`); `10000` mini-batches for {@link miniBatchKMeans}
   */
  readonly maxIterations?: number | undefined;
}

/** Options of {@link miniBatchKMeans}. */
export interface MiniBatchKMeansOptions extends KMeansOptions {
  /**
   * Points per mini-batch, an integer >= 1 (the last batch of an epoch may be smaller).
   * @defaultValue `1024` (scikit-learn's `batch_size`)
   */
  readonly batchSize?: number | undefined;
  /**
   * scikit-learn's `max_no_improvement`: converged after this many mini-batches in a row without an
   * improvement of the smoothed batch inertia (reported as `ewa inertia`), an integer >= 1.
   * @defaultValue `10`
   */
  readonly maxNoImprovement?: number | undefined;
  /**
   * The epoch bound (scikit-learn's `max_iter`, in passes over the data), an integer >= 0; a run option
   * `maxEpochs` replaces it. The run stops at whichever of this and `maxIterations` comes first.
   * @defaultValue `100` (scikit-learn's)
   */
  readonly maxEpochs?: number | undefined;
}

/**
 * The state of {@link kmeans} (Lloyd) and {@link hamerlyKMeans}: plain data. Iteration `t` holds the
 * centroids `c^(t)` and the labels and inertia of the points assigned to them, so labels always match
 * centroids. Every step makes new arrays.
 */
export interface KMeansState {
  /** The number of clusters. */
  readonly k: number;
  /** The centroids, `k * columns` coordinates, row-major. */
  readonly centroids: Float64Array;
  /** The index of the nearest centroid of each point (the lowest index on ties). */
  readonly labels: Int32Array;
  /** `sum_i w_i ||x_i - c_{label_i}||^2`. */
  readonly inertia: number;
  /** The squared centroid shift of the last update, `sum_j ||c_j^(t) - c_j^(t-1)||^2` (undefined at iteration 0). */
  readonly shift: number | undefined;
  /** How many labels the last update changed (undefined at iteration 0). */
  readonly labelChanges: number | undefined;
  /**
   * The last update's shift over the data's mean per-feature variance (the prepared problem's scale), the
   * quantity `relTolerance` bounds: `shift / variance`, `0` when the shift is `0` (undefined at iteration 0).
   */
  readonly relativeShift: number | undefined;
  /** Point-to-centroid (and centroid-to-centroid) distances computed so far, iteration 0 included. */
  readonly distanceComputations: number;
  /** Empty clusters given a far point so far. */
  readonly emptyClustersRelocated: number;
  /**
   * The weighted coordinate sums of each cluster of `labels` (`k x d`, row-major) and the clusters' total
   * weights, from the WebAssembly assignment pass that produced the labels, so the next centroid update
   * needs no pass over the data; `undefined` on the JavaScript path (the next step computes them).
   */
  readonly clusterSums?:
    | {
        /** Weighted coordinate sums per cluster, `k x d` row-major. */
        readonly sums: Float64Array;
        /** Total weight per cluster. */
        readonly totals: Float64Array;
      }
    | undefined;
  /** {@link hamerlyKMeans} only: an upper bound on each point's distance to its centroid. */
  readonly upperBounds?: Float64Array | undefined;
  /** {@link hamerlyKMeans} only: a lower bound on each point's distance to its second-nearest centroid. */
  readonly lowerBounds?: Float64Array | undefined;
}

/** The trace record of {@link kmeans} and {@link hamerlyKMeans}. */
export interface KMeansRecord {
  /** The inertia of iteration `t`. */
  readonly inertia: number;
  /** The squared centroid shift of the last update. */
  readonly shift: number | undefined;
  /** How many labels the last update changed. */
  readonly labelChanges: number | undefined;
  /** Distances computed so far. */
  readonly distanceComputations: number;
}

/**
 * The state of {@link miniBatchKMeans}: plain data, new arrays every step.
 */
export interface MiniBatchKMeansState {
  /** The number of clusters. */
  readonly k: number;
  /** The centroids, `k * columns` coordinates, row-major. */
  readonly centroids: Float64Array;
  /** The total weight each centroid has absorbed (its per-centre learning rate is `w / counts`). */
  readonly counts: Float64Array;
  /** This epoch's order of the points (drawn from the run's generator at each epoch's first batch). */
  readonly order: Int32Array;
  /** The last mini-batch's inertia per unit weight (undefined at iteration 0). */
  readonly batchInertia: number | undefined;
  /** The exponentially weighted average of the batch inertia, scikit-learn's `ewa_inertia`. */
  readonly smoothedInertia: number | undefined;
  /**
   * The last update's squared centroid shift over the data's mean per-feature variance (`shift/var`);
   * `undefined` at iteration 0 and when `relTolerance` is 0 (the test is off).
   */
  readonly relativeShift: number | undefined;
  /** Distances computed so far. */
  readonly distanceComputations: number;
}

/** The trace record of {@link miniBatchKMeans}. */
export interface MiniBatchKMeansRecord {
  /** The last mini-batch's inertia per unit weight. */
  readonly batchInertia: number | undefined;
  /** Its exponentially weighted average. */
  readonly smoothedInertia: number | undefined;
  /** The last update's squared centroid shift over the data's variance (with `relTolerance > 0`). */
  readonly relativeShift: number | undefined;
}

/** Options of {@link fitKMeans}. */
export interface FitKMeansOptions {
  /**
   * Independent runs (restarts), each from its own seed `deriveSeed(seed, i)`; the lowest inertia wins,
   * an integer >= 1.
   * @defaultValue `1`
   */
  readonly nInit?: number | undefined;
  /**
   * The base seed.
   * @defaultValue `0`
   */
  readonly seed?: number | undefined;
  /**
   * One weight per point.
   * @defaultValue all 1
   */
  readonly sampleWeights?: ArrayLike<number> | undefined;
  /**
   * The iteration bound of each run, an integer >= 0.
   * @defaultValue the solver's
   */
  readonly maxIterations?: number | undefined;
  /**
   * The epoch bound of each run (mini-batch k-means), an integer >= 0.
   * @defaultValue none
   */
  readonly maxEpochs?: number | undefined;
  /**
   * Threads for the WebAssembly assignment passes of {@link kmeans} and {@link hamerlyKMeans} on large
   * data (from 16,384 coordinates), an integer >= 1: the run option of `solve` and `prepareProblem`, for
   * every restart. The same bits with any number.
   * @defaultValue the machine's available parallelism, at most 8 (`defaultKernelThreads()`)
   */
  readonly threads?: number | undefined;
}

/** A fitted k-means model: scikit-learn's fitted attributes, plus `predict`. */
export interface KMeansModel {
  /** The centroids, one row per cluster. */
  readonly centroids: number[][];
  /** The nearest centroid of each training point. */
  readonly labels: Int32Array;
  /** `sum_i w_i ||x_i - c_{label_i}||^2` over the training points. */
  readonly inertia: number;
  /** Iterations of the winning run. */
  readonly iterations: number;
  /** Whether the winning run converged. */
  readonly converged: boolean;
  /**
   * Why the winning run stopped, the engine's typed reason (`kind`, and the test with its value and
   * tolerance); `describeStopReason(model.stopReason)` words it (`converged: shift/var = 0 <= 0.0001 (met)`).
   */
  readonly stopReason: StopReason;
  /** Every restart's inertia, in restart order. */
  readonly inertias: readonly number[];
  /** Distances computed by the winning run, its final assignment included. */
  readonly distanceComputations: number;
  /**
   * The nearest centroid of each new point.
   * @throws `InvalidProblemError` when the points are malformed or of another dimension.
   */
  predict(points: ClusteringData): Int32Array;
}

/** What {@link fitKMeans} needs of a solver's state: the centroids and the distances counted so far. */
export interface CentroidState {
  /** The number of clusters. */
  readonly k: number;
  /** The centroids, `k * columns` coordinates, row-major. */
  readonly centroids: Float64Array;
  /** Distances computed so far. */
  readonly distanceComputations: number;
}

/** What {@link predictLabels} returns. */
export interface LabelAssignment {
  /** The nearest centroid of each point (lowest index on ties). */
  readonly labels: Int32Array;
  /** `sum_i ||x_i - c_{label_i}||^2`. */
  readonly inertia: number;
}

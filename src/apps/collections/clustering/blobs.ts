import {
  integerAtLeast,
  numberAbove,
  numberAtLeast,
  type OptionSchemaOf,
  optional,
  Random,
  validateStrictOptions,
} from "../../../index.js";
import type { FlatData } from "../../../../solvers/kmeans/index.js";

/** Options of {@link blobs} and {@link anisotropicBlobs}. */
export interface BlobsOptions {
  /**
   * The number of points, an integer >= `clusters`; point `i` belongs to cluster `i mod clusters`.
   * @defaultValue `300`
   */
  readonly samples?: number;
  /**
   * The number of clusters, an integer >= 1.
   * @defaultValue `3`
   */
  readonly clusters?: number;
  /**
   * The dimension of the points, an integer >= 2.
   * @defaultValue `2`
   */
  readonly dimension?: number;
  /**
   * The distance between neighbouring centres, in units of `standardDeviation`, a finite number >= 0.
   * @defaultValue `4`
   */
  readonly separation?: number;
  /**
   * The standard deviation of each coordinate around its centre, a finite number > 0.
   * @defaultValue `1`
   */
  readonly standardDeviation?: number;
  /**
   * The seed of the engine's `Random`.
   * @defaultValue `0`
   */
  readonly seed?: number;
}

/** Labelled clustering data with the centres it was drawn around; `data` is what k-means and EM take. */
export interface LabelledData {
  /** The problem for `kmeans` and `gaussianMixture`: `{ data }`. */
  readonly problem: {
    /** The points, row-major, with their count. */
    readonly data: FlatData;
  };
  /** The cluster each point was drawn from (0-based). */
  readonly labels: Int32Array;
  /** The centres, `clusters` rows of `dimension` numbers, row-major. */
  readonly centres: Float64Array;
  /** The dimension of the points. */
  readonly dimension: number;
}

const rules = {
  samples: optional(integerAtLeast(1)),
  clusters: optional(integerAtLeast(1)),
  dimension: optional(integerAtLeast(2)),
  separation: optional(numberAtLeast(0)),
  standardDeviation: optional(numberAbove(0)),
  seed: optional(integerAtLeast(0)),
} satisfies OptionSchemaOf<BlobsOptions>;

/** Checks the options of {@link blobs}; `owner` names the function in messages. */
export function checkBlobsOptions(options: BlobsOptions, owner: string): void {
  validateStrictOptions(options, rules, owner);
  const samples = options.samples ?? 300;
  const clusters = options.clusters ?? 3;
  validateStrictOptions({ samples }, { samples: integerAtLeast(clusters) }, owner);
}

/**
 * Isotropic Gaussian blobs at a chosen separation: `clusters` centres evenly spaced on a circle in the first
 * two coordinates so that neighbouring centres are exactly `separation` standard deviations apart, and
 * `samples` points drawn around them with independent normal coordinates.
 *
 * @remarks The centres are `rho (cos(2 pi j / k), sin(2 pi j / k), 0, ...)` with
 * `rho = separation sigma / (2 sin(pi / k))` (for `k = 2`: `+-separation sigma / 2`; for `k = 1`: the origin).
 * Point `i` belongs to cluster `i mod k` (sizes differ by at most one). At separation 1 the clusters overlap
 * almost completely; at 4 (the default) k-means separates them with a few percent of points misassigned; at
 * 8 and beyond they are disjoint in practice. Draws only from the engine's `Random`: a seed gives the same
 * data everywhere.
 * @param options - Size, shape, separation, seed.
 * @returns The data, its labels and centres.
 * @throws `InvalidOptionError` for an unknown option, one out of range, or fewer samples than clusters.
 * @example
 * ```ts
 * const { problem, labels } = blobs({ separation: 2, seed: 1 });
 * fitKMeans(kmeans({ k: 3 }), problem.data, { nInit: 10 });
 * ```
 */
export function blobs(options: BlobsOptions = {}): LabelledData {
  checkBlobsOptions(options, "blobs");
  const samples = options.samples ?? 300;
  const k = options.clusters ?? 3;
  const d = options.dimension ?? 2;
  const sigma = options.standardDeviation ?? 1;
  const spacing = (options.separation ?? 4) * sigma;
  const radius = k === 1 ? 0 : spacing / (2 * Math.sin(Math.PI / k));
  const centres = new Float64Array(k * d);
  for (let j = 0; j < k; j++) {
    centres[j * d] = radius * Math.cos((2 * Math.PI * j) / k);
    centres[j * d + 1] = radius * Math.sin((2 * Math.PI * j) / k);
  }
  const random = new Random(options.seed ?? 0);
  const values = new Float64Array(samples * d);
  const labels = new Int32Array(samples);
  for (let i = 0; i < samples; i++) {
    const j = i % k;
    labels[i] = j;
    for (let c = 0; c < d; c++) values[i * d + c] = (centres[j * d + c] as number) + random.normal(0, sigma);
  }
  return { problem: { data: { values, rows: samples } }, labels, centres, dimension: d };
}

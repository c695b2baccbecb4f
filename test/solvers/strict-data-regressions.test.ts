import { describe, expect, it } from "vitest";
import { solve } from "../../src/index.js";
import { fitGaussianMixture, gaussianMixture, givenParameters } from "../../solvers/gaussian-mixture/index.js";
import { fitKMeans, givenCentroids, hamerlyKMeans, kmeans, miniBatchKMeans } from "../../solvers/kmeans/index.js";
import { bfgs, secant } from "../../solvers/newton/index.js";

// Issue 14: k-means, Hamerly, mini-batch and GMM data read null as 0, true as 1 and "3" as 3.
const withEntry = (value: unknown) =>
  [
    [0, 0],
    [0, 1],
    [9, value],
    [9, 9],
  ] as never;

describe("clustering data of issue 14", () => {
  it('refuses null, true and "3" in k-means data instead of reading 0, 1 and 3', () => {
    expect(() => solve(kmeans({ k: 2 }), { data: withEntry(null) })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.data[2][1] must be a finite number, got null]`,
    );
    expect(() => solve(kmeans({ k: 2 }), { data: withEntry(true) })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.data[2][1] must be a finite number, got true]`,
    );
    expect(() => solve(kmeans({ k: 2 }), { data: withEntry("3") })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.data[2][1] must be a finite number, got "3"]`,
    );
  });

  it("refuses them in Hamerly's and mini-batch k-means' data", () => {
    expect(() => solve(hamerlyKMeans({ k: 2 }), { data: withEntry(null) })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.data[2][1] must be a finite number, got null]`,
    );
    expect(() => solve(hamerlyKMeans({ k: 2 }), { data: withEntry(true) })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.data[2][1] must be a finite number, got true]`,
    );
    expect(() => solve(miniBatchKMeans({ k: 2 }), { data: withEntry("3") })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.data[2][1] must be a finite number, got "3"]`,
    );
    const flat = { values: [0, 0, 0, 1, 9, null, 9, 9], rows: 4 } as never;
    expect(() => solve(miniBatchKMeans({ k: 2 }), { data: flat })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.data.values[5] must be a finite number, got null]`,
    );
  });

  it("refuses them in Gaussian mixture data, fitted or solved", () => {
    expect(() => solve(gaussianMixture({ k: 2 }), { data: withEntry(null) })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.data[2][1] must be a finite number, got null]`,
    );
    expect(() => fitGaussianMixture(gaussianMixture({ k: 2 }), withEntry(true))).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: data[2][1] must be a finite number, got true]`,
    );
    expect(() => fitKMeans(kmeans({ k: 2 }), withEntry("3"))).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: data[2][1] must be a finite number, got "3"]`,
    );
  });

  it("refuses them in predict and score inputs, weights, given centroids and given parameters", () => {
    const model = fitKMeans(kmeans({ k: 2 }), [
      [0, 0],
      [0, 1],
      [9, 9],
      [9, 8],
    ]);
    expect(() => model.predict([[1, null]] as never)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: points[0][1] must be a finite number, got null]`,
    );
    const mixture = fitGaussianMixture(
      gaussianMixture({ k: 2 }),
      [
        [0, 0],
        [0, 1],
        [1, 0],
        [9, 9],
        [9, 8],
        [8, 9],
      ],
      { seed: 1 },
    );
    expect(() => mixture.score([[1, "3"]] as never)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: points[0][1] must be a finite number, got "3"]`,
    );
    const sampleWeights = [1, null, 1, 1] as never;
    expect(() => solve(kmeans({ k: 2 }), { data: withEntry(1), sampleWeights })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.sampleWeights[1] must be a finite number, got null]`,
    );
    const options = { sampleWeights: [1, 1, true, 1] as never };
    expect(() => fitKMeans(kmeans({ k: 2 }), withEntry(1), options)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: sampleWeights[2] must be a finite number, got true]`,
    );
    const negative = { sampleWeights: [1, -1, 1, 1] };
    expect(() => fitKMeans(kmeans({ k: 2 }), withEntry(1), negative)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: sampleWeights[1] must be a finite number >= 0, got -1]`,
    );
    expect(() =>
      givenCentroids([
        [0, 0],
        [null, 9],
      ] as never),
    ).toThrowErrorMatchingInlineSnapshot(`[InvalidOptionError: centroids[1][0] must be a finite number, got null]`);
    const covariances = [
      [
        [1, 0],
        [0, 1],
      ],
      [
        [1, 0],
        [0, "3"],
      ],
    ];
    const parameters = {
      weights: [0.5, 0.5],
      means: [
        [0, 0],
        [9, 9],
      ],
      covariances,
    } as never;
    expect(() => givenParameters(parameters)).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: parameters.covariances[1][1][1] must be a finite number, got "3"]`,
    );
  });
});

describe("starting points", () => {
  it("names the entry of x0 that is not a number, and refuses x1 = null instead of taking the default", () => {
    expect(() => solve(bfgs(), { f: "x^2 + y^2", x0: [1, null] as never })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.x0[1] must be a finite number, got null]`,
    );
    expect(() => solve(secant(), { f: "x^2 - 2", x0: 1, x1: null as never })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.x1 must be a finite number other than x0, got null]`,
    );
  });
});

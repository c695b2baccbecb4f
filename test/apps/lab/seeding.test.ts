import { describe, expect, it } from "vitest";
import { solve } from "../../../src/index.js";
import { kmeans, kmeansPlusPlus } from "../../../solvers/kmeans/index.js";
import { kmeansRun } from "../../../src/apps/lab/problems/clustering.js";
import { generatePoints } from "../../../src/apps/lab/problems/point-sets.js";

// The clustering page's k-means++ seeding: the library's strategy, watched; the draws it shows.
describe("k-means++ seeding as the lab shows it", () => {
  for (const [data, k, seed] of [
    ["blobs", 3, 1],
    ["moons", 5, 7],
    ["anisotropic", 8, 3],
  ] as const) {
    it(`${data}, k = ${k}, seed ${seed}: the centroids are Node's, each draw's weights are D(x)^2`, () => {
      const points = generatePoints(data, 500, seed);
      const run = kmeansRun({ points, k, seed, seeding: "kmeans++" });
      const page = run.solve(0) as ReturnType<typeof solve>;
      const library = solve(kmeans({ k, init: kmeansPlusPlus() }), { data: points }, { seed, maxIterations: 0 });
      const centroids = (page.state as { centroids: Float64Array }).centroids;
      expect(Array.from(centroids)).toEqual(Array.from(library.state.centroids));
      // The whole run too: the watched generator draws exactly what the plain one draws.
      const pageWhole = run.solve() as ReturnType<typeof solve>;
      const libraryWhole = solve(kmeans({ k, init: kmeansPlusPlus() }), { data: points }, { seed });
      expect(pageWhole.iterations).toBe(libraryWhole.iterations);
      expect((pageWhole.state as { inertia: number }).inertia).toBe(libraryWhole.state.inertia);

      const steps = run.seeding?.steps() ?? [];
      expect(steps).toHaveLength(k);
      const trials = 2 + Math.floor(Math.log(k));
      steps.forEach((step, c) => {
        expect(step.centroid).toBe(c);
        expect(step.candidates).toHaveLength(c === 0 ? 1 : trials);
        expect(points[step.chosen]).toEqual([centroids[2 * c], centroids[2 * c + 1]]);
        // The weights: equal for the first draw, then the squared distance to the nearest earlier centroid.
        const earlier = steps.slice(0, c).map((s) => points[s.chosen] as [number, number]);
        points.forEach(([x, y], i) => {
          const expected =
            c === 0 ? 1 : Math.min(...earlier.map(([a, b]) => ((x as number) - a) ** 2 + ((y as number) - b) ** 2));
          expect(step.weights[i]).toBeCloseTo(expected, 12);
        });
        const total = step.weights.reduce((sum, w) => sum + w, 0);
        for (const candidate of step.candidates) {
          expect(candidate.weight).toBe(step.weights[candidate.index]);
          expect(candidate.probability).toBeCloseTo(candidate.weight / total, 14);
          expect(candidate.weight).toBeGreaterThan(0);
        }
        const kept = step.candidates.find((candidate) => candidate.index === step.chosen);
        expect(kept?.potential).toBe(Math.min(...step.candidates.map((candidate) => candidate.potential)));
      });
    });
  }

  it("records nothing for random seeding or given centroids", () => {
    const points = generatePoints("blobs", 100, 1);
    expect(kmeansRun({ points, k: 3, seed: 1, seeding: "random" }).seeding).toBeUndefined();
    expect(
      kmeansRun({
        points,
        k: 2,
        seed: 1,
        centroids: [
          [0, 0],
          [1, 1],
        ],
      }).seeding,
    ).toBeUndefined();
  });
});

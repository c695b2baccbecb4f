import { describe, expect, it } from "vitest";
import { InvalidOptionError } from "../../../src/index.js";
import { fitGaussianMixture, fullCovariance, gaussianMixture } from "../../../solvers/gaussian-mixture/index.js";
import { fitKMeans, kmeans } from "../../../solvers/kmeans/index.js";
import { anisotropicBlobs, blobs, clusteringCollection } from "../../../src/apps/collections/index.js";

/** The fraction of points whose cluster's majority label is their own label (1 = a perfect clustering). */
function purity(found: ArrayLike<number>, truth: ArrayLike<number>, k: number): number {
  let agree = 0;
  for (let c = 0; c < k; c++) {
    const counts = new Array<number>(k).fill(0);
    for (let i = 0; i < found.length; i++)
      if (found[i] === c) counts[truth[i] as number] = (counts[truth[i] as number] as number) + 1;
    agree += Math.max(...counts);
  }
  return agree / found.length;
}

describe("blobs", () => {
  it("puts neighbouring centres exactly `separation` standard deviations apart", () => {
    for (const [clusters, separation, sigma] of [
      [3, 4, 1],
      [5, 2, 0.5],
      [2, 6, 2],
    ] as const) {
      const { centres } = blobs({ clusters, separation, standardDeviation: sigma, dimension: 3 });
      const distance = Math.hypot(
        (centres[0] as number) - (centres[3] as number),
        (centres[1] as number) - (centres[4] as number),
        (centres[2] as number) - (centres[5] as number),
      );
      expect(distance).toBeCloseTo(separation * sigma, 12);
    }
  });

  it("draws each cluster around its centre with the given spread, reproducibly by seed", () => {
    const { problem, labels, centres } = blobs({ samples: 30_000, standardDeviation: 2, seed: 4 });
    const { values } = problem.data;
    for (let j = 0; j < 3; j++) {
      let [sum, sumSquares, count] = [0, 0, 0];
      for (let i = 0; i < labels.length; i++) {
        if (labels[i] !== j) continue;
        const dx = (values[2 * i] as number) - (centres[2 * j] as number);
        sum += dx;
        sumSquares += dx * dx;
        count++;
      }
      expect(count).toBe(10_000);
      expect(Math.abs(sum / count)).toBeLessThan((4 * 2) / Math.sqrt(count)); // the mean within 4 standard errors
      expect(Math.sqrt(sumSquares / count)).toBeCloseTo(2, 1);
    }
    expect(blobs({ seed: 4 }).problem.data.values).toEqual(blobs({ seed: 4 }).problem.data.values);
    expect(blobs({ seed: 5 }).problem.data.values).not.toEqual(blobs({ seed: 4 }).problem.data.values);
  });

  it("refuses options out of range and fewer samples than clusters", () => {
    expect(() => blobs({ standardDeviation: 0 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: standardDeviation must be a finite number > 0, got 0]`,
    );
    expect(() => blobs({ samples: 2, clusters: 3 })).toThrowErrorMatchingInlineSnapshot(
      `[InvalidOptionError: samples must be an integer >= 3, got 2]`,
    );
    expect(() => anisotropicBlobs({ centers: 3 } as never)).toThrow(InvalidOptionError);
  });
});

describe("anisotropicBlobs", () => {
  it("has the covariance sigma^2 T T^T of the shear T = [[0.6, -0.6], [-0.4, 0.8]]", () => {
    const { problem, labels, centres } = anisotropicBlobs({ samples: 30_000, clusters: 1 });
    const { values } = problem.data;
    let [sxx, sxy, syy] = [0, 0, 0];
    for (let i = 0; i < labels.length; i++) {
      const [x, y] = [
        (values[2 * i] as number) - (centres[0] as number),
        (values[2 * i + 1] as number) - (centres[1] as number),
      ];
      sxx += x * x;
      sxy += x * y;
      syy += y * y;
    }
    const n = labels.length;
    // T T^T = [[0.72, -0.72], [-0.72, 0.8]]
    expect(sxx / n).toBeCloseTo(0.72, 1);
    expect(sxy / n).toBeCloseTo(-0.72, 1);
    expect(syy / n).toBeCloseTo(0.8, 1);
  });
});

describe("clusteringCollection", () => {
  const entries = clusteringCollection().entries;

  it("holds blobs at four separations, anisotropic blobs and Iris, with labels", () => {
    expect(entries.map((entry) => entry.name)).toEqual([
      "blobs-separation1",
      "blobs-separation2",
      "blobs-separation4",
      "blobs-separation8",
      "anisotropic-blobs-separation4",
      "iris",
    ]);
    const iris = entries[5];
    expect(iris?.problem.data.rows).toBe(150);
    expect(iris?.problem.data.values.length).toBe(600);
    expect([0, 1, 2].map((c) => iris?.problem.labels.filter((label) => label === c).length)).toEqual([50, 50, 50]);
  });

  it("gets harder as the separation shrinks: k-means' purity falls from 1 towards chance", () => {
    const purities = entries.slice(0, 4).map((entry) => {
      const model = fitKMeans(kmeans({ k: 3 }), entry.problem.data, { nInit: 5, seed: 1 });
      return purity(model.labels, entry.problem.labels, 3);
    });
    expect(purities[3]).toBe(1);
    expect(purities[2]).toBeGreaterThan(0.95);
    expect(purities[0]).toBeLessThan(0.8);
    for (let s = 1; s < 4; s++) expect(purities[s]).toBeGreaterThanOrEqual((purities[s - 1] as number) - 0.02);
  });

  it("on Iris and the anisotropic blobs, a full-covariance mixture does at least as well as k-means", () => {
    for (const entry of entries.slice(4)) {
      const means = fitKMeans(kmeans({ k: 3 }), entry.problem.data, { nInit: 5, seed: 1 });
      const mixture = fitGaussianMixture(gaussianMixture({ k: 3, covariance: fullCovariance() }), entry.problem.data, {
        nInit: 5,
        seed: 1,
      });
      const meansPurity = purity(means.labels, entry.problem.labels, 3);
      const mixturePurity = purity(mixture.predict(entry.problem.data), entry.problem.labels, 3);
      expect(mixturePurity, entry.name).toBeGreaterThanOrEqual(meansPurity);
    }
  });
});

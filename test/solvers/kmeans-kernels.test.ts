import { describe, expect, it } from "vitest";
import { InvalidProblemError, Random, solve } from "../../src/index.js";
import { fitKMeans, givenCentroids, hamerlyKMeans, kmeans } from "../../solvers/kmeans/index.js";
import { assignAll, clusterSums, nearestTwo } from "../../solvers/kmeans/kernels.js";
import { meanVariance, varianceFromSquares } from "../../solvers/kmeans/moments.js";
import { createWasmKernels } from "../../solvers/kmeans/wasm-kernels.js";
import { bits, centroidsFrom, data } from "../fixtures/kmeans.js";

describe("k-means WebAssembly kernels", () => {
  const shapes: [number, number][] = [
    [1, 1],
    [2, 1],
    [3, 3],
    [8, 16],
    [9, 5],
    [13, 2],
    [16, 7],
  ];
  it.each(shapes)(
    "k = %i, d = %i: labels, inertia, sums and bounds bit-for-bit those of the JavaScript kernels",
    (k, d) => {
      const n = 97;
      const { x, w } = data(n, d, 10 * k + d);
      const kernels = createWasmKernels(x, n, d, w, k, 2, 10); // chunks of 10 points, on two threads
      expect(kernels).toBeDefined();
      const centroids = centroidsFrom(x, d, k);
      const labels = new Int32Array(n);
      const reference = assignAll(x, n, d, centroids, k, w, labels, null, 10);
      const pass = kernels?.assign(centroids, null, true);
      expect(Array.from(pass?.labels ?? [])).toEqual(Array.from(labels));
      expect(pass?.inertia).toBe(reference.inertia);
      expect(pass?.changes).toBe(n);
      const { sums, totals } = clusterSums(x, n, d, labels, w, k, 10);
      expect(bits(pass?.sums ?? new Float64Array())).toEqual(bits(sums));
      expect(bits(pass?.totals ?? new Float64Array())).toEqual(bits(totals));
      const nearest = new Float64Array(3);
      const lower = Float64Array.from({ length: n }, (_, i) => {
        nearestTwo(x, i, d, centroids, k, nearest);
        return Math.sqrt(nearest[2] as number);
      });
      expect(bits(pass?.lowerBounds ?? new Float64Array())).toEqual(bits(lower));
      // Against previous labels: the changes are counted.
      const previous = labels.map((l, i) => (i % 3 === 0 ? (l + 1) % k : l));
      const again = kernels?.assign(centroids, previous, false);
      expect(again?.changes).toBe(k === 1 ? 0 : Array.from(previous).filter((l, i) => l !== labels[i]).length);
      expect(again?.lowerBounds).toBeUndefined();
      // Without bounds (Lloyd's pass, its own kernel): the same labels, inertia and sums.
      expect(Array.from(again?.labels ?? [])).toEqual(Array.from(labels));
      expect(again?.inertia).toBe(reference.inertia);
      expect(bits(again?.sums ?? new Float64Array())).toEqual(bits(sums));
      expect(bits(again?.totals ?? new Float64Array())).toEqual(bits(totals));
    },
  );

  // d a multiple of four takes the sums' loop for unit weights (none copied); the others the weighted loop.
  it.each([4, 16, 6, 3])("unit weights, d = %i: sums and totals bit-for-bit those of weights all 1", (d) => {
    const [n, k] = [97, 5];
    const { x } = data(n, d, 40 + d);
    const ones = new Float64Array(n).fill(1);
    const kernels = createWasmKernels(x, n, d, undefined, k, 2, 10);
    const centroids = centroidsFrom(x, d, k);
    const labels = new Int32Array(n);
    const reference = assignAll(x, n, d, centroids, k, ones, labels, null, 10);
    const { sums, totals } = clusterSums(x, n, d, labels, ones, k, 10);
    for (const bounds of [false, true]) {
      const pass = kernels?.assign(centroids, null, bounds);
      expect(Array.from(pass?.labels ?? [])).toEqual(Array.from(labels));
      expect(pass?.inertia).toBe(reference.inertia);
      expect(bits(pass?.sums ?? new Float64Array())).toEqual(bits(sums));
      expect(bits(pass?.totals ?? new Float64Array())).toEqual(bits(totals));
    }
    // Hamerly's pass with unmoved centroids: most bounds hold (sums inline), the ties are searched.
    const bounded = kernels?.assign(centroids, null, true);
    const halfGap = new Float64Array(k).fill(Infinity);
    for (let j = 0; j < k; j++)
      for (let m = 0; m < k; m++) {
        if (m === j) continue;
        const gap = Math.hypot(
          ...Array.from({ length: d }, (_, t) => (centroids[j * d + t] as number) - (centroids[m * d + t] as number)),
        );
        halfGap[j] = Math.min(halfGap[j] as number, gap / 2);
      }
    const lower = bounded?.lowerBounds ?? new Float64Array(n);
    const hamerly = kernels?.hamerly(centroids, bounded?.labels ?? labels, lower, halfGap, 0, -1, 0, 1e-10);
    expect(Array.from(hamerly?.labels ?? [])).toEqual(Array.from(labels));
    expect(hamerly?.distances).toBeLessThan(n * k);
    expect(bits(hamerly?.sums ?? new Float64Array())).toEqual(bits(sums));
    expect(bits(hamerly?.totals ?? new Float64Array())).toEqual(bits(totals));
    kernels?.dispose();
  });

  it.each(shapes)(
    "k = %i, d = %i: Hamerly's pass gives the labels of a full assignment and JavaScript's bounds",
    (k, d) => {
      const n = 97;
      const { x, w } = data(n, d, 7 * k + d);
      const kernels = createWasmKernels(x, n, d, w, k, 2, 13);
      const first = centroidsFrom(x, d, k);
      const start = kernels?.assign(first, null, true);
      const centroids = first.map((v, p) => v + 0.01 * Math.sin(p)); // a small move
      const moves = Array.from({ length: k }, (_, j) =>
        Math.hypot(
          ...Array.from({ length: d }, (_, t) => (centroids[j * d + t] as number) - (first[j * d + t] as number)),
        ),
      );
      const largestIndex = moves.indexOf(Math.max(...moves));
      const largest = moves[largestIndex] as number;
      const secondLargest = Math.max(0, ...moves.filter((_, j) => j !== largestIndex));
      const halfGap = new Float64Array(k).fill(Infinity);
      for (let j = 0; j < k; j++) {
        for (let m = 0; m < k; m++) {
          if (m === j) continue;
          const half =
            Math.hypot(
              ...Array.from(
                { length: d },
                (_, t) => (centroids[j * d + t] as number) - (centroids[m * d + t] as number),
              ),
            ) / 2;
          halfGap[j] = Math.min(halfGap[j] as number, half);
        }
      }
      const pass = kernels?.hamerly(
        centroids,
        start?.labels ?? new Int32Array(n),
        start?.lowerBounds ?? new Float64Array(n),
        halfGap,
        largest,
        largestIndex,
        secondLargest,
        1e-10,
      );
      const labels = new Int32Array(n);
      const full = assignAll(x, n, d, centroids, k, w, labels, start?.labels ?? null, 13);
      expect(Array.from(pass?.labels ?? [])).toEqual(Array.from(labels));
      expect(pass?.changes).toBe(full.changes);
      expect(pass?.inertia).toBeCloseTo(full.inertia, 9); // same distances; bit-equal unless a bound skipped none
      expect(pass?.distances).toBeGreaterThanOrEqual(n);
      expect(pass?.distances).toBeLessThanOrEqual(n * k);
      const { sums, totals } = clusterSums(x, n, d, labels, w, k, 13);
      expect(bits(pass?.sums ?? new Float64Array())).toEqual(bits(sums));
      expect(bits(pass?.totals ?? new Float64Array())).toEqual(bits(totals));
      // Every bound is a true lower bound on the distance to the second-nearest centroid.
      const nearest = new Float64Array(3);
      for (let i = 0; i < n; i++) {
        nearestTwo(x, i, d, centroids, k, nearest);
        expect(pass?.lowerBounds?.[i] as number).toBeLessThanOrEqual(Math.sqrt(nearest[2] as number) * (1 + 1e-12));
      }
    },
  );

  it.each([1, 2, 5, 16])(
    "d = %i: the moments give meanVariance's bits, and the variance of a two-pass computation within 1e-12",
    (d) => {
      const n = 101;
      const { x, w } = data(n, d, d);
      const moments = createWasmKernels(x, n, d, w, 2, 2, 17)?.moments();
      const variance = meanVariance(x, n, d, 17);
      expect(varianceFromSquares(moments?.squares ?? new Float64Array(d), n, d)).toBe(variance);
      // Against the textbook two passes (means first), on data moved far from the origin: the shift by
      // the first point keeps the one-pass sums free of cancellation.
      const twoPass = (values: Float64Array): number => {
        let total = 0;
        for (let t = 0; t < d; t++) {
          let mean = 0;
          for (let i = 0; i < n; i++) mean += (values[i * d + t] as number) / n;
          for (let i = 0; i < n; i++) total += ((values[i * d + t] as number) - mean) ** 2;
        }
        return total / (n * d);
      };
      const far = x.map((v) => v + 1e6);
      expect(Math.abs(variance - twoPass(x)) / twoPass(x)).toBeLessThan(1e-12);
      expect(Math.abs(meanVariance(far, n, d, 17) - twoPass(far)) / twoPass(far)).toBeLessThan(1e-9);
    },
  );

  it("the moments of a data set with a non-finite coordinate are non-finite (so the solvers check and name it)", () => {
    const { x, w } = data(10, 3, 1);
    x[14] = Number.NaN;
    expect(createWasmKernels(x, 10, 3, w, 2, 1)?.moments().means.every(Number.isFinite)).toBe(false);
  });

  it.each([
    ["k-means++", undefined],
    [
      "given centroids",
      givenCentroids([
        [0, 0, 0, 0],
        [1, 1, 1, 1],
      ]),
    ],
  ] as const)(
    "a NaN in data above the WebAssembly threshold (%s) is the data's typed error, from Lloyd, Hamerly and fitKMeans",
    (_label, init) => {
      // The kernels copy and check the points during the first pass: the error still names the coordinate,
      // whatever the initialisation made of the NaN.
      const n = 5000;
      const d = 4;
      const random = new Random(3);
      const x = Float64Array.from({ length: n * d }, () => random.normal());
      x[4321 * d + 2] = Number.NaN;
      const problem = { data: { values: x, rows: n } };
      for (const solver of [kmeans({ k: 2, init }), hamerlyKMeans({ k: 2, init })]) {
        // Flat { values, rows }: the coordinate (4321, 2) is values[4321 * 4 + 2].
        expect(() => solve(solver, problem)).toThrowError(
          /problem\.data\.values\[17286\] must be a finite number, got NaN/,
        );
      }
      expect(() => fitKMeans(kmeans({ k: 2, init }), problem.data, { nInit: 2 })).toThrowError(InvalidProblemError);
    },
  );
});

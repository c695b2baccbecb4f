import { describe, expect, it } from "vitest";
import { InvalidProblemError, Random, solve } from "../../src/index.js";
import { fitKMeans, givenCentroids, hamerlyKMeans, kmeans } from "../../solvers/kmeans/index.js";
import { assignAll, clusterSums, nearestTwo } from "../../solvers/kmeans/kernels.js";
import { meanVariance, varianceFromSquares } from "../../solvers/kmeans/moments.js";
import { createWasmKernels } from "../../solvers/kmeans/wasm-kernels.js";

/** Random points (normal coordinates, some repeated rows to create exact ties) and weights with zeros. */
function data(n: number, d: number, seed: number): { x: Float64Array; w: Float64Array } {
  const random = new Random(seed);
  const x = new Float64Array(n * d);
  for (let p = 0; p < n * d; p++) x[p] = random.normal(0, 3);
  for (let i = 1; i < n; i += 7) x.copyWithin(i * d, (i - 1) * d, i * d); // duplicates: ties in distance
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) w[i] = i % 5 === 0 ? 0 : 0.5 + random.float();
  return { x, w };
}

/** Centroids: copies of some points (exact ties with duplicated centroids included when k > 3). */
function centroidsFrom(x: Float64Array, d: number, k: number): Float64Array {
  const c = new Float64Array(k * d);
  for (let j = 0; j < k; j++) c.set(x.subarray(((j * 3) % 40) * d, (((j * 3) % 40) + 1) * d), j * d);
  if (k > 3) c.copyWithin(3 * d, 1 * d, 2 * d); // centroid 3 equals centroid 1: the lower index must win
  return c;
}

const bits = (a: Float64Array): number[] => Array.from(new Int32Array(a.buffer, a.byteOffset, a.length * 2));

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

  it("Lloyd and Hamerly on data above the WebAssembly threshold: identical results, labels those of a direct-distance assignment", () => {
    const n = 1500;
    const d = 16; // n d = 24,000 coordinates: the solvers use the WebAssembly kernels
    const k = 5;
    const random = new Random(11);
    const centres = Array.from({ length: k }, () => Array.from({ length: d }, () => random.normal(0, 4)));
    const x = new Float64Array(n * d);
    for (let i = 0; i < n; i++)
      for (let t = 0; t < d; t++) x[i * d + t] = (centres[i % k]?.[t] as number) + random.normal();
    const start = givenCentroids(
      Array.from({ length: k }, (_, j) => Array.from(x.subarray(j * 7 * d, (j * 7 + 1) * d))),
    );
    const lloyd = solve(kmeans({ init: start }), { data: { values: x, rows: n } });
    const hamerly = solve(hamerlyKMeans({ init: start }), { data: { values: x, rows: n } });
    expect(lloyd.converged).toBe(true);
    expect(Array.from(hamerly.state.labels)).toEqual(Array.from(lloyd.state.labels));
    expect(bits(hamerly.state.centroids)).toEqual(bits(lloyd.state.centroids));
    expect(hamerly.iterations).toBe(lloyd.iterations);
    const labels = new Int32Array(n);
    const direct = assignAll(x, n, d, lloyd.state.centroids, k, new Float64Array(n).fill(1), labels, null);
    expect(Array.from(lloyd.state.labels)).toEqual(Array.from(labels));
    expect(lloyd.state.inertia).toBe(direct.inertia);
    expect(lloyd.state.varianceScale).toBe(meanVariance(x, n, d));
  });

  it("a pass handed back its own last labels and bounds after user code edited them in place honours the edit when told (verifyHandedBack)", () => {
    const n = 97;
    const d = 3;
    const k = 4;
    const { x, w } = data(n, d, 77);
    const centroids = centroidsFrom(x, d, k);
    const noSkipBound = new Float64Array(k).fill(Number.POSITIVE_INFINITY); // Hamerly keeps every previous label
    const run = (verify: boolean, edit: boolean, fresh: boolean) => {
      const kernels = createWasmKernels(x, n, d, w, k, 1, 10);
      if (kernels === undefined) throw new Error("no WebAssembly kernels");
      kernels.verifyHandedBack = verify;
      const first = kernels.assign(centroids, null, true);
      const labels = fresh ? first.labels.slice() : first.labels;
      const lower = first.lowerBounds ?? new Float64Array(n);
      if (edit) labels[5] = ((labels[5] as number) + 1) % k; // a hook writing one entry of state.labels
      const lloyd = kernels.assign(centroids, labels, false);
      const again = kernels.assign(centroids, null, true);
      const handed = fresh ? again.labels.slice() : again.labels;
      if (edit) handed[5] = ((handed[5] as number) + 1) % k;
      const hamerly = kernels.hamerly(centroids, handed, again.lowerBounds ?? lower, noSkipBound, 0, 0, 0, 0);
      kernels.dispose();
      return { changes: lloyd.changes, label5: hamerly.labels[5], labels: Array.from(hamerly.labels) };
    };
    const unedited = run(true, false, false);
    expect(unedited.changes).toBe(0);
    const honoured = run(true, true, false);
    const copied = run(true, true, true); // a fresh array with the same contents is always copied in
    expect(honoured).toEqual(copied);
    expect(honoured.changes).toBe(1); // Lloyd counts the edited point's return to its nearest centroid
    expect(honoured.label5).not.toBe(unedited.label5); // Hamerly's bound keeps the label it was handed
    // Without the flag (no user code sees states) the kernel trusts its slots: the same answer as no edit.
    expect(run(false, false, false)).toEqual(unedited);
  });

  it("one, two and three threads give the same bits: labels, inertia, sums, bounds, moments", () => {
    const n = 5000;
    const d = 7;
    const k = 6;
    const { x, w } = data(n, d, 5);
    const centroids = centroidsFrom(x, d, k);
    const passes = [1, 2, 3].map((threads) => {
      const kernels = createWasmKernels(x, n, d, w, k, threads, 97); // 52 chunks: each thread gets some
      expect(kernels?.threads).toBe(threads);
      const assignment = kernels?.assign(centroids, null, true);
      return { assignment, moments: kernels?.moments() };
    });
    const [one, ...others] = passes;
    for (const other of others) {
      expect(Array.from(other.assignment?.labels ?? [])).toEqual(Array.from(one?.assignment?.labels ?? []));
      expect(other.assignment?.inertia).toBe(one?.assignment?.inertia);
      expect(bits(other.assignment?.sums ?? new Float64Array())).toEqual(
        bits(one?.assignment?.sums ?? new Float64Array()),
      );
      expect(bits(other.assignment?.lowerBounds ?? new Float64Array())).toEqual(
        bits(one?.assignment?.lowerBounds ?? new Float64Array()),
      );
      expect(bits(other.moments?.squares ?? new Float64Array())).toEqual(
        bits(one?.moments?.squares ?? new Float64Array()),
      );
    }
    const labels = new Int32Array(n);
    expect(one?.assignment?.inertia).toBe(assignAll(x, n, d, centroids, k, w, labels, null, 97).inertia);
  });

  it("the solvers give the same bits with the run option threads: 1 and threads: 2, and reject threads < 1 and the old solver option", () => {
    const n = 4000;
    const d = 8;
    const random = new Random(3);
    const x = Float64Array.from({ length: n * d }, (_, p) => 6 * (Math.floor(p / d) % 4) + random.normal());
    const problem = { data: { values: x, rows: n } };
    for (const solver of [kmeans, hamerlyKMeans]) {
      const [a, b] = [1, 2].map((threads) =>
        solve(
          solver({
            k: 4,
            init: givenCentroids(Array.from({ length: 4 }, (_, j) => Array.from(x.subarray(j * d, (j + 1) * d)))),
          }),
          problem,
          { threads },
        ),
      );
      expect(Array.from(b?.state.labels ?? [])).toEqual(Array.from(a?.state.labels ?? []));
      expect(bits(b?.state.centroids ?? new Float64Array())).toEqual(bits(a?.state.centroids ?? new Float64Array()));
      expect(b?.state.inertia).toBe(a?.state.inertia);
      expect(b?.iterations).toBe(a?.iterations);
      expect(() => solve(solver({ k: 2 }), problem, { threads: 0 })).toThrow(/threads must be an integer >= 1, got 0/);
      expect(() => solver({ k: 2, threads: 2 } as never)).toThrow(
        "threads is not an option of " +
          (solver === kmeans ? "kmeans" : "hamerlyKMeans") +
          ": threads is a run option now: solve(solver, problem, { threads }) or prepareProblem(solver, problem, { threads })",
      );
    }
  });
});

import { describe, expect, it } from "vitest";
import { Random } from "../../src/index.js";
import type { IterationContext } from "../../src/index.js";
import { givenCentroids, hamerlyKMeans, kmeans } from "../../solvers/kmeans/index.js";
import { assignAll, nearestTwo, ownDistance, squaredDistance } from "../../solvers/kmeans/kernels.js";
import type { KMeansState } from "../../solvers/kmeans/index.js";
import { disposeKMeans, prepareKMeans } from "../../solvers/kmeans/prepare-problem.js";
import type { PreparedKMeans } from "../../solvers/kmeans/prepare-problem.js";
import { createWasmKernels } from "../../solvers/kmeans/wasm-kernels.js";

// The branch-free nearest-centroid search of kmeans.wat (groups of eight centroids, equality masks), the
// in-place label and bound slots of wasm-kernels.ts and its unit weights (none copied), against the
// JavaScript kernels.

const bits = (a: Float64Array): number[] => Array.from(new Int32Array(a.buffer, a.byteOffset, a.length * 2));

/**
 * Points on a coarse grid (many exact distance ties), centroids copied from points, with exact duplicates
 * in other groups of eight (centroid j + 8 equals centroid j, centroid k - 1 equals centroid 2) so that
 * ties cross groups and lanes.
 */
function gridProblem(n: number, d: number, k: number, seed: number): { x: Float64Array; c: Float64Array } {
  const random = new Random(seed);
  const x = Float64Array.from({ length: n * d }, () => random.int(5) - 2);
  const c = new Float64Array(k * d);
  for (let j = 0; j < k; j++) c.set(x.subarray(((j * 5) % n) * d, (((j * 5) % n) + 1) * d), j * d);
  for (let j = 8; j < k; j++) c.copyWithin(j * d, (j - 8) * d, (j - 7) * d);
  if (k > 3) c.copyWithin((k - 1) * d, 2 * d, 3 * d);
  return { x, c };
}

describe("k-means WebAssembly nearest-centroid search", () => {
  const shapes: [number, number][] = [
    [1, 3],
    [7, 1],
    [8, 2],
    [9, 3],
    [11, 5],
    [17, 4],
    [24, 9],
    [27, 16],
  ];
  it.each(shapes)(
    "k = %i, d = %i: lowest index on ties across groups and lanes; distances and second distances bit for bit",
    (k, d) => {
      const n = 203; // odd: the last point goes alone
      const { x, c } = gridProblem(n, d, k, 31 * k + d);
      const w = Float64Array.from({ length: n }, (_, i) => (i % 9 === 4 ? 0 : 1 + (i % 3)));
      const kernels = createWasmKernels(x, n, d, w, k, 2, 16);
      const pass = kernels?.assign(c, null, true);
      const lloyd = kernels?.assign(c, null, false);
      const nearest = new Float64Array(3);
      let ties = 0;
      for (let i = 0; i < n; i++) {
        nearestTwo(x, i, d, c, k, nearest);
        const label = nearest[0] as number;
        // The JavaScript reference itself: the lowest index of the smallest distance.
        const all = Array.from({ length: k }, (_, j) => squaredDistance(x, i, c, j, d));
        expect(label).toBe(all.indexOf(Math.min(...all)));
        if (all.filter((v) => v === nearest[1]).length > 1) ties++;
        expect(pass?.labels[i]).toBe(label);
        expect(lloyd?.labels[i]).toBe(label);
        expect(pass?.lowerBounds?.[i]).toBe(Math.sqrt(nearest[2] as number));
      }
      if (k > 8) expect(ties).toBeGreaterThan(0);
      const reference = assignAll(x, n, d, c, k, w, new Int32Array(n), null, 16);
      expect(pass?.inertia).toBe(reference.inertia);
      expect(lloyd?.inertia).toBe(reference.inertia);
      kernels?.dispose();
    },
  );

  it("ownDistance sums pairs of coordinates: within rounding of squaredDistance, its own bits for odd d", () => {
    const random = new Random(4);
    for (const d of [1, 2, 3, 7, 16]) {
      const x = Float64Array.from({ length: 3 * d }, () => random.normal(0, 10));
      for (let i = 0; i < 3; i++) {
        const exact = squaredDistance(x, i, x, (i + 1) % 3, d);
        expect(Math.abs(ownDistance(x, i, x, (i + 1) % 3, d) - exact)).toBeLessThanOrEqual(1e-14 * exact);
      }
      let even = 0;
      let odd = 0;
      for (let t = 0; t + 1 < d; t += 2) {
        even += ((x[t] as number) - (x[d + t] as number)) ** 2;
        odd += ((x[t + 1] as number) - (x[d + t + 1] as number)) ** 2;
      }
      const last = d % 2 === 1 ? ((x[d - 1] as number) - (x[2 * d - 1] as number)) ** 2 : 0;
      expect(ownDistance(x, 0, x, 1, d)).toBe(d % 2 === 1 ? even + odd + last : even + odd);
    }
  });

  it("a pass on an older state's labels (not the latest) copies them in: the same result as on fresh copies", () => {
    const n = 500;
    const d = 3;
    const k = 4;
    const { x, c } = gridProblem(n, d, k, 2);
    const w = new Float64Array(n).fill(1);
    const kernels = createWasmKernels(x, n, d, w, k, 2, 64);
    const first = kernels?.assign(c, null, true);
    const moved = c.map((v, p) => v + 0.3 * Math.cos(p));
    const latest = kernels?.assign(moved, first?.labels ?? null, true); // reads the slot the first pass wrote
    const again = kernels?.assign(moved, first?.labels ?? null, true); // first.labels is no longer the latest
    const copies = kernels?.assign(moved, Int32Array.from(first?.labels ?? []), true);
    for (const other of [again, copies]) {
      expect(Array.from(other?.labels ?? [])).toEqual(Array.from(latest?.labels ?? []));
      expect(other?.changes).toBe(latest?.changes);
      expect(bits(other?.lowerBounds ?? new Float64Array())).toEqual(bits(latest?.lowerBounds ?? new Float64Array()));
    }
    expect(latest?.changes).toBeGreaterThan(0);
    kernels?.dispose();
  });

  it("unit weights (none given, none copied) give the bits of explicit ones: Lloyd's and Hamerly's passes", () => {
    const n = 301;
    const d = 5;
    const k = 9;
    const { x, c } = gridProblem(n, d, k, 12);
    const ones = new Float64Array(n).fill(1);
    const [unit, explicit] = [undefined, ones].map((w) => createWasmKernels(x, n, d, w, k, 2, 32));
    const moved = c.map((v, p) => v + 0.05 * Math.sin(p));
    const halfGap = new Float64Array(k).fill(0.1);
    const passes = [unit, explicit].map((kernels) => {
      const first = kernels?.assign(c, null, true);
      const lloyd = kernels?.assign(moved, first?.labels ?? null, false);
      const hamerly = kernels?.hamerly(
        moved,
        first?.labels ?? new Int32Array(n),
        first?.lowerBounds ?? ones,
        halfGap,
        0.2,
        3,
        0.1,
        1e-10,
      );
      return [first, lloyd, hamerly];
    });
    const reference = assignAll(x, n, d, c, k, ones, new Int32Array(n), null, 32);
    expect(passes[0]?.[0]?.inertia).toBe(reference.inertia);
    passes[0]?.forEach((pass, p) => {
      const other = passes[1]?.[p];
      expect(Array.from(pass?.labels ?? [])).toEqual(Array.from(other?.labels ?? [1]));
      expect(pass?.inertia).toBe(other?.inertia);
      expect(pass?.changes).toBe(other?.changes);
      expect(bits(pass?.sums ?? new Float64Array())).toEqual(bits(other?.sums ?? new Float64Array(1)));
      expect(bits(pass?.totals ?? new Float64Array())).toEqual(bits(other?.totals ?? new Float64Array(1)));
      expect(bits(pass?.lowerBounds ?? new Float64Array())).toEqual(bits(other?.lowerBounds ?? new Float64Array()));
    });
    // Every point counted once: the totals are the cluster sizes.
    expect(Array.from(passes[0]?.[2]?.totals ?? []).reduce((a, b) => a + b, 0)).toBe(n);
    unit?.dispose();
    explicit?.dispose();
  });

  it("Hamerly: the WebAssembly steps give the JavaScript steps' bits, stepping the latest state or an older one", () => {
    const n = 3000;
    const d = 6; // n d = 18,000: above the WebAssembly threshold
    const k = 11;
    const random = new Random(8);
    const centres = Array.from({ length: k }, () => Array.from({ length: d }, () => random.normal(0, 3)));
    const x = Float64Array.from({ length: n * d }, (_, p) => {
      const i = Math.floor(p / d);
      return (centres[i % k]?.[p % d] as number) + random.normal();
    });
    const start = Array.from({ length: k }, (_, j) => Array.from(x.subarray(j * d, (j + 1) * d)));
    for (const make of [kmeans, hamerlyKMeans]) {
      const solver = make({ init: givenCentroids(start) });
      const problem = { data: { values: x, rows: n } };
      // Without threads the prepared problem keeps the JavaScript kernels; with them, the WebAssembly ones.
      const js = prepareKMeans(problem, k);
      const wasm = prepareKMeans(problem, k, 2);
      expect(js.kernels).toBeUndefined();
      expect(wasm.kernels).toBeDefined();
      const context = { random: new Random(1) } as IterationContext;
      const run = (prepared: PreparedKMeans): KMeansState[] => {
        const states = [solver.init(prepared, context)];
        for (let t = 0; t < 4; t++)
          states.push(solver.step(prepared, states[t] as KMeansState, context) as KMeansState);
        // An older state stepped again: its arrays are no longer the kernels' latest.
        states.push(solver.step(prepared, states[2] as KMeansState, context) as KMeansState);
        return states;
      };
      const [a, b] = [run(js), run(wasm)];
      a.forEach((state, t) => {
        const other = b[t] as KMeansState;
        expect(Array.from(other.labels)).toEqual(Array.from(state.labels));
        expect(bits(other.centroids)).toEqual(bits(state.centroids));
        expect(other.inertia).toBe(state.inertia);
        expect(other.labelChanges).toBe(state.labelChanges);
        expect(other.distanceComputations).toBe(state.distanceComputations);
        if (state.lowerBounds !== undefined)
          expect(bits(other.lowerBounds ?? new Float64Array())).toEqual(bits(state.lowerBounds));
      });
      expect(bits((b[5] as KMeansState).centroids)).toEqual(bits((b[3] as KMeansState).centroids));
      disposeKMeans(wasm);
    }
  });
});

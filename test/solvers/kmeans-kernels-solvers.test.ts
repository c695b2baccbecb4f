import { describe, expect, it } from "vitest";
import { Random, solve } from "../../src/index.js";
import { givenCentroids, hamerlyKMeans, kmeans } from "../../solvers/kmeans/index.js";
import { assignAll } from "../../solvers/kmeans/kernels.js";
import { meanVariance } from "../../solvers/kmeans/moments.js";
import { createWasmKernels } from "../../solvers/kmeans/wasm-kernels.js";
import { bits, centroidsFrom, data } from "../fixtures/kmeans.js";

describe("k-means WebAssembly kernels", () => {
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
    // The relative shift is the shift over the data's scale (the prepared problem's, not held in the state).
    const { shift } = lloyd.state;
    expect(shift).toBeGreaterThan(0);
    expect(lloyd.state.relativeShift).toBe((shift as number) / meanVariance(x, n, d));
    expect(hamerly.state.relativeShift).toBe(lloyd.state.relativeShift);
    expect("varianceScale" in lloyd.state).toBe(false);
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

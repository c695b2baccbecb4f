// What a one-off k-means solve no longer makes: unit weights nothing reads (a problem without sample weights
// makes them only when something asks: an initialisation that weighs points, an empty cluster), and new label
// and bound arrays at every pass where no state escapes (the solvers' record keeps only numbers, so the
// default trace lets a pass write over the labels and bounds of the state it steps). The same bits either way.
import { describe, expect, it } from "vitest";
import { prepareProblem, Random, solve } from "../../src/index.js";
import type { Solver, SolveOptions } from "../../src/index.js";
import { givenCentroids, hamerlyKMeans, kmeans, kmeansPlusPlus } from "../../solvers/kmeans/index.js";
import type { KMeansProblem, KMeansRecord, KMeansState, PreparedKMeans } from "../../solvers/kmeans/index.js";

type KMeansSolver = Solver<KMeansProblem, KMeansState, KMeansRecord, PreparedKMeans>;

const d = 8;
const n = 10_000; // 80,000 coordinates: the WebAssembly kernels, 3 chunks
const random = new Random(5);
const values = Float64Array.from({ length: n * d }, (_, p) => 0.8 * (Math.floor(p / d) % 5) + random.normal());
const start = Array.from({ length: 5 }, (_, j) => Array.from(values.subarray(j * d, (j + 1) * d)));
const hex = (array: ArrayBufferView | undefined): string =>
  array === undefined ? "-" : Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString("hex");

/** The solver, its step wrapped to keep the labels and bounds arrays of every state it returns. */
function watched(solver: KMeansSolver): { solver: KMeansSolver; arrays: (Int32Array | Float64Array | undefined)[][] } {
  const arrays: (Int32Array | Float64Array | undefined)[][] = [];
  return {
    arrays,
    solver: {
      ...solver,
      step: (prepared, state, context) => {
        const next = solver.step(prepared, state, context) as KMeansState;
        arrays.push([state.labels, state.lowerBounds, next.labels, next.lowerBounds]);
        return next;
      },
    },
  };
}

/** Everything a result says, as text to compare bit for bit. */
function outcome(factory: typeof kmeans, options: SolveOptions<KMeansState, unknown>, threads: number) {
  const { solver, arrays } = watched(factory({ k: 5, init: givenCentroids(start) }));
  const result = solve(solver, { data: { values, rows: n } }, { ...options, threads });
  const { state } = result;
  const bits = [hex(state.labels), hex(state.centroids), hex(state.lowerBounds), state.inertia, result.iterations];
  return { bits, arrays, stopReason: result.stopReason };
}

describe("k-means passes write over the stepped state's arrays where no state escapes", () => {
  it("reuses the labels and bounds under the default trace, not with a hook, and the bits are the same", () => {
    for (const factory of [kmeans, hamerlyKMeans]) {
      for (const threads of [1, 2]) {
        const quiet = outcome(factory, {}, threads);
        const hooked = outcome(factory, { hooks: { onIteration: () => undefined } }, threads);
        const recorded = outcome(factory, { trace: { record: (state) => state.inertia } }, threads);
        expect(quiet.bits).toEqual(hooked.bits);
        expect(quiet.bits).toEqual(recorded.bits);
        expect(quiet.stopReason).toEqual(hooked.stopReason);
        expect(quiet.arrays.length).toBeGreaterThan(5);
        // Quiet: each step returns the arrays of the state it stepped; observed: new ones every step.
        for (const [labels, lower, nextLabels, nextLower] of quiet.arrays) {
          expect(nextLabels).toBe(labels);
          expect(nextLower).toBe(lower);
        }
        for (const [labels, , nextLabels] of [...hooked.arrays, ...recorded.arrays])
          expect(nextLabels).not.toBe(labels);
      }
    }
  });
});

describe("unit weights", () => {
  it("are made only when read: all ones, the same results as explicit ones with k-means++ and an empty cluster", () => {
    const ones = new Float64Array(n).fill(1);
    // A centroid far from every point: its cluster is empty after the first pass and takes the farthest point.
    const far = [...start.slice(0, 4), start[0]?.map((value) => value + 1e6) as number[]];
    for (const factory of [kmeans, hamerlyKMeans]) {
      for (const init of [kmeansPlusPlus(), givenCentroids(far)]) {
        const solver = factory({ k: 5, init });
        const run = (problem: KMeansProblem) => {
          const result = solve(solver, problem, { threads: 2, seed: 3 });
          const { state } = result;
          return [
            hex(state.labels),
            hex(state.centroids),
            state.inertia,
            result.iterations,
            state.emptyClustersRelocated,
          ];
        };
        const unit = run({ data: { values, rows: n } });
        expect(unit).toEqual(run({ data: { values, rows: n }, sampleWeights: ones }));
        if (init.label !== "k-means++") expect(unit[4]).toBeGreaterThan(0);
      }
    }
    const handle = prepareProblem(
      kmeans({ k: 5, init: givenCentroids(start) }),
      { data: { values, rows: n } },
      {
        threads: 2,
      },
    );
    expect(Object.getOwnPropertyDescriptor(handle.prepared, "weights")?.get).toBeTypeOf("function");
    expect(Array.from(handle.prepared.weights)).toEqual(Array.from(ones));
    handle.dispose();
  });
});

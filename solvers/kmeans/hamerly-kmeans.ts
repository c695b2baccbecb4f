import type { Solver } from "../../src/index.js";
import { kmeansRecord, relativeShift, squaredShift } from "./convergence-tests.js";
import { assignAll, centroidsBeforePass, chunkSize, nearestTwo, ownDistance } from "./kernels.js";
import { batchKMeansParts, initialCentroids, resolveKMeansOptions } from "./prepare-problem.js";
import type { PreparedKMeans } from "./prepare-problem.js";
import type { KMeansOptions, KMeansProblem, KMeansRecord, KMeansState } from "./types.js";

/** Relative safety margin on the bounds, far above the rounding of a square root of a sum of d squares. */
const margin = 1e-10;

/**
 * k-means with Hamerly's bounds: the same iterates as Lloyd's {@link kmeans} (identical labels and
 * centroids), with far fewer distance computations once the clusters settle.
 *
 * @remarks
 * Each point keeps a lower bound `l_i` on its distance to its second-nearest centroid. After the centroids
 * move by `p_j`, `l_i` decreases by the largest move of another centroid, the distance `u_i` to its own
 * centroid is recomputed exactly (the inertia needs it anyway), and with `s_j = min_{j' != j}
 * ||c_j - c_j'|| / 2`, a point with `u_i < max(s_{l_i}, l_i)` cannot have changed cluster; only the others
 * are compared against all `k` centroids. The comparisons are strict, with a relative margin of `1e-10`
 * against rounding, and a full comparison takes the lowest index on ties, as Lloyd does, so the labels and
 * centroids are those of {@link kmeans}, bit for bit.
 *
 * Cost per iteration: `n + k (k - 1) / 2` distances plus `k` for each point whose bound test fails (all of
 * them at iteration 0), against Lloyd's `n k`; memory `n` bounds. `state.distanceComputations` counts them.
 * Convergence and stopping: as {@link kmeans}.
 *
 * Threads: as {@link kmeans}: on data of 16,384 coordinates or more, the passes run in chunks of
 * points on up to the run option `threads` (the same bits on any number); the result's `kernelThreads` says.
 *
 * @param options - `k`, the initialisation, `relTolerance` and bound.
 * @returns The solver.
 * @throws `InvalidOptionError` for options out of range; `InvalidProblemError` from `init` for malformed data.
 * @example
 * ```ts
 * const result = solve(hamerlyKMeans({ k: 8 }), { data });
 * result.state.distanceComputations; // a fraction of Lloyd's n k per iteration
 * ```
 * @see G. Hamerly, Making k-means even faster, SDM 2010; C. Elkan, Using the triangle inequality to
 *   accelerate k-means, ICML 2003.
 */
export function hamerlyKMeans(
  options: KMeansOptions = {},
): Solver<KMeansProblem, KMeansState, KMeansRecord, PreparedKMeans> {
  const resolved = resolveKMeansOptions(options, 300, "hamerlyKMeans");
  const { k } = resolved;
  return {
    name: `k-means (Hamerly, ${resolved.init.label})`,
    ...batchKMeansParts(resolved),
    init(prepared, context) {
      const { values: x, rows: n, columns: d } = prepared.data;
      const centroids = initialCentroids(resolved, prepared, context);
      if (prepared.kernels !== undefined) {
        const pass = prepared.kernels.assign(centroids, null, true);
        return {
          clusterSums: { sums: pass.sums, totals: pass.totals },
          k,
          centroids,
          labels: pass.labels,
          inertia: pass.inertia,
          shift: undefined,
          labelChanges: undefined,
          relativeShift: undefined,
          distanceComputations: n * k,
          emptyClustersRelocated: 0,
          lowerBounds: pass.lowerBounds ?? new Float64Array(n),
        };
      }
      const labels = new Int32Array(n);
      const lowerBounds = new Float64Array(n);
      const { inertia } = assignAll(x, n, d, centroids, k, prepared.weights, labels, null, undefined, lowerBounds);
      return {
        k,
        centroids,
        labels,
        inertia,
        shift: undefined,
        labelChanges: undefined,
        relativeShift: undefined,
        distanceComputations: n * k,
        emptyClustersRelocated: 0,
        lowerBounds,
      };
    },
    step(prepared, state, { statesVisible, statesEscape }) {
      const { data, kernels, varianceScale } = prepared;
      if (kernels !== undefined) kernels.verifyHandedBack = statesVisible;
      const { values: x, rows: n, columns: d } = data;
      // The weights are read where needed (a problem without them makes its unit weights on first use).
      const { centroids, relocated } = centroidsBeforePass(x, n, d, () => prepared.weights, k, state);
      // How far each centroid moved; the largest and second-largest moves.
      const moves = new Float64Array(k);
      let largest = 0;
      let largestIndex = -1;
      let secondLargest = 0;
      for (let j = 0; j < k; j++) {
        let sum = 0;
        for (let t = 0; t < d; t++) {
          const diff = (centroids[j * d + t] as number) - (state.centroids[j * d + t] as number);
          sum += diff * diff;
        }
        const move = Math.sqrt(sum);
        moves[j] = move;
        if (move > largest) {
          secondLargest = largest;
          largest = move;
          largestIndex = j;
        } else if (move > secondLargest) secondLargest = move;
      }
      // Half the distance from each centroid to its nearest other centroid.
      const halfGap = new Float64Array(k).fill(Infinity);
      for (let j = 0; j < k; j++) {
        for (let m = j + 1; m < k; m++) {
          let sum = 0;
          for (let t = 0; t < d; t++) {
            const diff = (centroids[j * d + t] as number) - (centroids[m * d + t] as number);
            sum += diff * diff;
          }
          const half = Math.sqrt(sum) / 2;
          if (half < (halfGap[j] as number)) halfGap[j] = half;
          if (half < (halfGap[m] as number)) halfGap[m] = half;
        }
      }
      let distances = (k * (k - 1)) / 2;
      const previousLabels = state.labels;
      const previousLower = state.lowerBounds ?? new Float64Array(n);
      if (kernels !== undefined) {
        const pass = kernels.hamerly(
          centroids,
          previousLabels,
          previousLower,
          halfGap,
          largest,
          largestIndex,
          secondLargest,
          margin,
          // Where no state escapes, the labels and bounds go over those of the state it steps (the run's own).
          statesEscape === false ? { labels: previousLabels, lowerBounds: state.lowerBounds } : undefined,
        );
        const shift = squaredShift(centroids, state.centroids);
        return {
          clusterSums: { sums: pass.sums, totals: pass.totals },
          k,
          centroids,
          labels: pass.labels,
          inertia: pass.inertia,
          shift,
          relativeShift: relativeShift(shift, varianceScale()),
          labelChanges: pass.changes,
          distanceComputations: state.distanceComputations + distances + pass.distances,
          emptyClustersRelocated: state.emptyClustersRelocated + relocated,
          lowerBounds: pass.lowerBounds ?? new Float64Array(n),
        };
      }
      const weights = prepared.weights;
      const labels = new Int32Array(n);
      const lowerBounds = new Float64Array(n);
      const nearest = new Float64Array(3);
      let inertia = 0;
      let changes = 0;
      // Chunk by chunk, as the WebAssembly pass sums (see kernels.ts).
      const chunk = chunkSize(n, d, k);
      for (let start = 0; start < n; start += chunk) {
        const end = Math.min(n, start + chunk);
        let chunkInertia = 0;
        for (let i = start; i < end; i++) {
          const label = previousLabels[i] as number;
          const lower = (previousLower[i] as number) - (label === largestIndex ? secondLargest : largest);
          const own = ownDistance(x, i, centroids, label, d);
          distances++;
          const bound = Math.max(halfGap[label] as number, lower);
          if (Math.sqrt(own) * (1 + margin) < bound * (1 - margin)) {
            labels[i] = label;
            lowerBounds[i] = lower;
            chunkInertia += (weights[i] as number) * own;
            continue;
          }
          nearestTwo(x, i, d, centroids, k, nearest);
          const best = nearest[0] as number;
          const bestDistance = nearest[1] as number;
          const secondDistance = nearest[2] as number;
          distances += k - 1; // the own centroid's distance was just computed
          labels[i] = best;
          lowerBounds[i] = Math.sqrt(secondDistance);
          chunkInertia += (weights[i] as number) * bestDistance;
          if (best !== label) changes++;
        }
        inertia += chunkInertia;
      }
      const shift = squaredShift(centroids, state.centroids);
      return {
        k,
        centroids,
        labels,
        inertia,
        shift,
        relativeShift: relativeShift(shift, varianceScale()),
        labelChanges: changes,
        distanceComputations: state.distanceComputations + distances,
        emptyClustersRelocated: state.emptyClustersRelocated + relocated,
        lowerBounds,
      };
    },
    record: kmeansRecord,
    recordKeepsNoState: true,
  };
}

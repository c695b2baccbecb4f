import type { Solver } from "../../src/index.js";
import { kmeansRecord, relativeShift, squaredShift } from "./convergence-tests.js";
import { assignAll, centroidsBeforePass } from "./kernels.js";
import { batchKMeansParts, initialCentroids, resolveKMeansOptions } from "./prepare-problem.js";
import type { PreparedKMeans } from "./prepare-problem.js";
import type { KMeansOptions, KMeansProblem, KMeansRecord, KMeansState } from "./types.js";

/**
 * k-means by Lloyd's algorithm: alternately move each centroid to the (weighted) mean of its points and
 * assign each point to its nearest centroid.
 *
 * @remarks
 * Update rule, from iteration `t` (centroids `c^(t)`, labels `l^(t)` = nearest centroid of each point):
 * `c_j^(t+1) = sum_{l_i = j} w_i x_i / sum_{l_i = j} w_i`, then `l_i^(t+1) = argmin_j ||x_i - c_j^(t+1)||^2`
 * (lowest index on ties). Iteration 0 is the initial centroids with their assignment, so labels always
 * match centroids. A cluster left empty gets the point farthest from its centre (scikit-learn's rule).
 *
 * Cost per iteration: `n k` distances of `d` coordinates (`O(n k d)`), plus `O(n d)` for the means.
 * Convergence: the inertia `sum_i w_i ||x_i - c_{l_i}||^2` never increases and the labels take finitely
 * many values, so the iteration reaches a fixed point (a local minimum) in finitely many steps, usually
 * a few tens.
 *
 * Stopping (scikit-learn's rules, reported by name): `shift/var` when the squared centroid shift
 * `sum_j ||c_j^(t) - c_j^(t-1)||^2 <= relTolerance * mean_f Var(x_f)`, and `label changes` when no label
 * changed (strict convergence: a fixed point). scikit-learn counts one more iteration for strict
 * convergence (its last one recomputes the same centroids); see the guide.
 *
 * Threads: on data of 16,384 coordinates or more, the assignment passes run in the WebAssembly
 * kernel in chunks of points on up to the run option `threads` (the same bits on any number); smaller data
 * runs on one. The result's `kernelThreads` says which.
 *
 * @param options - `k`, the initialisation, `relTolerance` and bound.
 * @returns The solver, to run with `solve` or {@link fitKMeans}.
 * @throws `InvalidOptionError` for options out of range; `InvalidProblemError` from `init` for malformed
 *   data, `k` greater than the number of points, or bad weights.
 * @example
 * ```ts
 * const result = solve(kmeans({ k: 2 }), { data: [[0, 0], [0, 1], [5, 5], [5, 6]] });
 * result.state.inertia; // 1
 * ```
 * @see S. Lloyd, Least squares quantization in PCM, IEEE Trans. Inf. Theory 28 (1982);
 *   scikit-learn's `sklearn/cluster/_kmeans.py`.
 */
export function kmeans(options: KMeansOptions = {}): Solver<KMeansProblem, KMeansState, KMeansRecord, PreparedKMeans> {
  const resolved = resolveKMeansOptions(options, 300, "kmeans");
  const { k } = resolved;
  return {
    name: `k-means (Lloyd, ${resolved.init.label})`,
    ...batchKMeansParts(resolved),
    init(prepared, context) {
      const { values: x, rows: n, columns: d } = prepared.data;
      const centroids = initialCentroids(resolved, prepared, context);
      let labels: Int32Array;
      let inertia: number;
      let passSums: KMeansState["clusterSums"];
      if (prepared.kernels !== undefined) {
        const pass = prepared.kernels.assign(centroids, null, false);
        ({ labels, inertia } = pass);
        passSums = { sums: pass.sums, totals: pass.totals };
      } else {
        labels = new Int32Array(n);
        ({ inertia } = assignAll(x, n, d, centroids, k, prepared.weights, labels, null));
      }
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
        clusterSums: passSums,
      };
    },
    step(prepared, state, { statesVisible, statesEscape }) {
      const { data, kernels, varianceScale } = prepared;
      if (kernels !== undefined) kernels.verifyHandedBack = statesVisible;
      const { values: x, rows: n, columns: d } = data;
      // The weights are read where needed (a problem without them makes its unit weights on first use).
      const { centroids, relocated } = centroidsBeforePass(x, n, d, () => prepared.weights, k, state);
      let labels: Int32Array;
      let inertia: number;
      let changes: number;
      let nextSums: KMeansState["clusterSums"];
      if (kernels !== undefined) {
        // Where no state escapes, the pass writes its labels over those of the state it steps (the run's own).
        const into = statesEscape === false ? { labels: state.labels } : undefined;
        const pass = kernels.assign(centroids, state.labels, false, into);
        ({ labels, inertia, changes } = pass);
        nextSums = { sums: pass.sums, totals: pass.totals };
      } else {
        labels = new Int32Array(n);
        ({ inertia, changes } = assignAll(x, n, d, centroids, k, prepared.weights, labels, state.labels));
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
        distanceComputations: state.distanceComputations + n * k,
        emptyClustersRelocated: state.emptyClustersRelocated + relocated,
        clusterSums: nextSums,
      };
    },
    record: kmeansRecord,
    recordKeepsNoState: true,
  };
}

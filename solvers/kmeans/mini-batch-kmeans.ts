import { below, InvalidProblemError, iterationsPerEpoch, patience } from "../../src/index.js";
import type { Criterion, Solver } from "../../src/index.js";
import { squaredShift } from "./convergence-tests.js";
import { initialCentroids, kmeansRules, prepareKMeans, resolveKMeansOptions } from "./prepare-problem.js";
import type { PreparedKMeans } from "./prepare-problem.js";
import type { KMeansProblem, MiniBatchKMeansOptions, MiniBatchKMeansRecord, MiniBatchKMeansState } from "./types.js";
import { integerAtLeast, optional } from "../../src/engine/internals.js";
import type { OptionSchemaOf } from "../../src/engine/internals.js";

/**
 * Mini-batch k-means: each iteration moves the centroids towards the means of one mini-batch, with a
 * per-centroid learning rate that decays as the centroid absorbs points; on the engine's epochs.
 *
 * @remarks
 * An iteration is one mini-batch and an epoch one pass over the data (`epochLength =
 * iterationsPerEpoch(n, batchSize) = ceil(n / batchSize)`): at each epoch's first batch the points are
 * shuffled with the run's generator, and batch `b` of the epoch is positions `[b B, (b + 1) B)` of that
 * order. Update rule (scikit-learn's): each batch point is assigned to its nearest centroid, then
 * `c_j <- (N_j c_j + sum_{batch, l_i = j} w_i x_i) / (N_j + W_j)` and `N_j <- N_j + W_j`, where `W_j` is
 * the batch weight assigned to `j`.
 *
 * Cost per iteration: `B k` distances, `O(B k d)`; independent of `n`. Convergence: a stochastic
 * approximation of Lloyd's fixed point; the centroids settle as their rates `W_j / N_j` decay like `1/t`.
 *
 * Stopping, scikit-learn's rules in its order: (1) with `relTolerance > 0`, the squared centroid shift of one
 * update over the data's mean per-feature variance, `sum_j ||c_j^(t+1) - c_j^(t)||^2 / var <= tolerance`
 * (reported as `shift/var`; off by default, as scikit-learn's `tol = 0`); (2) `maxNoImprovement` batches in
 * a row without an improvement of the smoothed batch inertia `ewa <- (1 - a) ewa + a inertia_batch`,
 * `a = min(1, 2 B / (n + 1))` (reported as `ewa inertia`); (3) the epoch bound `maxEpochs` (scikit-learn's
 * `max_iter`, counted in passes over the data), then `maxIterations` batches. On data smaller than a batch
 * every batch is the whole data, the smoothed inertia is the full inertia and keeps decreasing by tiny
 * amounts as the rates decay, so rule (2) rarely holds and the epoch bound ends the run (scikit-learn draws
 * its batches with replacement, whose noise ends such runs on rule (2) after some tens of batches).
 * scikit-learn's random reassignment of small clusters is not implemented.
 *
 * Threads: none. A batch's assignment runs on the caller's thread whatever the run option `threads` asks
 * for, and the result's `kernelThreads` is 1. A batch of the default size is too short for a threaded pass
 * to pay for waking its workers: measured under load on 2 cores (`npm run bench -- mini-batch-threads`,
 * d = 16, k = 8, two runs), a batch's assignment as a pass of the k-means kernel on 2 threads took about
 * twice as long as on 1 at 1,024 points (100 against 44 to 49 us) and gained nothing at 4,096; at 16,384
 * and 65,536 points the two runs disagree (no gain in one, 1.5x to 2.6x in the other), so no size where
 * threads pay could be measured here: that is for a quiet machine, before batches are threaded.
 *
 * @param options - `k`, the initialisation (run on the whole data), batch size, patience, bound.
 * @returns The solver.
 * @throws `InvalidOptionError` for options out of range; `InvalidProblemError` from `init` for malformed data.
 * @example
 * ```ts
 * const result = solve(miniBatchKMeans({ k: 8, batchSize: 1024 }), { data }, { maxEpochs: 10, seed: 1 });
 * ```
 * @see D. Sculley, Web-scale k-means clustering, WWW 2010.
 */
export function miniBatchKMeans(
  options: MiniBatchKMeansOptions = {},
): Solver<KMeansProblem, MiniBatchKMeansState, MiniBatchKMeansRecord, PreparedKMeans> {
  const rules = {
    ...kmeansRules,
    batchSize: optional(integerAtLeast(1)),
    maxNoImprovement: optional(integerAtLeast(1)),
    maxEpochs: optional(integerAtLeast(0)),
  } satisfies OptionSchemaOf<MiniBatchKMeansOptions>;
  const resolved = resolveKMeansOptions(options, 10_000, "miniBatchKMeans", rules);
  const { k } = resolved;
  const batchSize = options.batchSize ?? 1024;
  const tolerance = options.relTolerance ?? 0;
  const noImprovement = patience((s: MiniBatchKMeansState) => s.smoothedInertia, {
    patience: options.maxNoImprovement ?? 10,
    name: "ewa inertia",
  });
  const shift = below((s: MiniBatchKMeansState) => s.relativeShift, tolerance, { name: "shift/var" });
  const convergence: Criterion<MiniBatchKMeansState>[] = tolerance > 0 ? [shift, noImprovement] : [noImprovement];
  return {
    name: `mini-batch k-means (${resolved.init.label}, batch ${batchSize})`,
    maxIterations: resolved.maxIterations,
    maxEpochs: options.maxEpochs ?? 100,
    convergence,
    // From the problem as given (the run's options are checked before it is prepared): its number of rows.
    epochLength: (problem) => {
      const rows = rowCount(problem);
      return rows === undefined ? undefined : iterationsPerEpoch(rows, batchSize);
    },
    prepare: (problem) => prepareKMeans(problem, k),
    init(prepared, context) {
      return {
        k,
        centroids: initialCentroids(resolved, prepared, context),
        counts: new Float64Array(k),
        order: new Int32Array(0),
        batchInertia: undefined,
        smoothedInertia: undefined,
        relativeShift: undefined,
        distanceComputations: 0,
      };
    },
    step({ data, weights, varianceScale }, state, context) {
      const { values: x, rows: n, columns: d } = data;
      const order =
        context.iterationInEpoch === 0 || state.order.length !== n ? context.random.permutation(n) : state.order;
      const start = context.iterationInEpoch * batchSize;
      const end = Math.min(n, start + batchSize);
      if (start >= end)
        throw new InvalidProblemError(
          "epochLength",
          `at most ceil(${n} / ${batchSize}) batches per epoch`,
          context.iterationInEpoch + 1,
        );
      const sums = new Float64Array(k * d);
      const batchWeights = new Float64Array(k);
      const centroids = state.centroids;
      let inertia = 0;
      let totalWeight = 0;
      for (let p = start; p < end; p++) {
        const i = order[p] as number;
        const w = weights[i] as number;
        let best = 0;
        let bestDistance = Infinity;
        for (let j = 0; j < k; j++) {
          let sum = 0;
          for (let t = 0; t < d; t++) {
            const diff = (x[i * d + t] as number) - (centroids[j * d + t] as number);
            sum += diff * diff;
          }
          if (sum < bestDistance) {
            bestDistance = sum;
            best = j;
          }
        }
        inertia += w * bestDistance;
        totalWeight += w;
        batchWeights[best] = (batchWeights[best] as number) + w;
        for (let t = 0; t < d; t++) sums[best * d + t] = (sums[best * d + t] as number) + w * (x[i * d + t] as number);
      }
      const next = Float64Array.from(centroids);
      const counts = Float64Array.from(state.counts);
      for (let j = 0; j < k; j++) {
        const added = batchWeights[j] as number;
        if (added === 0) continue;
        const total = (counts[j] as number) + added;
        for (let t = 0; t < d; t++)
          next[j * d + t] =
            ((centroids[j * d + t] as number) * (counts[j] as number) + (sums[j * d + t] as number)) / total;
        counts[j] = total;
      }
      const batchInertia = totalWeight > 0 ? inertia / totalWeight : 0;
      const alpha = Math.min(1, (2 * batchSize) / (n + 1));
      const smoothedInertia =
        state.smoothedInertia === undefined ? batchInertia : state.smoothedInertia * (1 - alpha) + batchInertia * alpha;
      return {
        k,
        centroids: next,
        counts,
        order,
        batchInertia,
        smoothedInertia,
        relativeShift: tolerance > 0 ? relativeShift(squaredShift(next, centroids), varianceScale()) : undefined,
        distanceComputations: state.distanceComputations + (end - start) * k,
      };
    },
    record: ({ batchInertia, smoothedInertia, relativeShift }) => ({ batchInertia, smoothedInertia, relativeShift }),
  };
}

/** A squared shift over the variance scale (0 for no shift, also on data without variance). */
function relativeShift(shift: number, scale: number): number {
  return shift === 0 ? 0 : shift / scale;
}

/** The number of points of a problem as given, or `undefined` when it is malformed (`prepare` then says how). */
function rowCount(problem: KMeansProblem): number | undefined {
  const data: unknown = problem !== null && typeof problem === "object" ? problem.data : undefined;
  const rows = Array.isArray(data)
    ? data.length
    : data !== null && typeof data === "object"
      ? (data as { rows?: unknown }).rows
      : undefined;
  return typeof rows === "number" && Number.isInteger(rows) && rows >= 1 ? rows : undefined;
}

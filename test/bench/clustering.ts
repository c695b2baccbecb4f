import { kmeans as mlKMeans } from "ml-kmeans";
import { prepareProblem, Random, solve } from "../../src/index.js";
import { defaultKernelThreads } from "../../src/engine/internals.js";
import { fullCovariance, gaussianMixture, givenParameters } from "../../solvers/gaussian-mixture/index.js";
import { givenCentroids, hamerlyKMeans, kmeans, kmeansPlusPlus } from "../../solvers/kmeans/index.js";
import { assignAll, updateCentroids } from "../../solvers/kmeans/kernels.js";
import { meanVariance } from "../../solvers/kmeans/moments.js";
import { toDataMatrix } from "../../solvers/kmeans/to-data-matrix.js";
import { measureSideBySide } from "./measure.js";

/** scikit-learn 1.2.1's Lloyd iteration on this data set, on our 2-core machine (ms). */
const sklearnLloydIterationMs = 7.2;
/** scikit-learn's EM iteration with full covariances on this data set (ms). */
const sklearnEmIterationMs = 556;
/** ml-kmeans' Lloyd iteration on the machine where the scikit-learn figures were taken (ms). */
const mlKMeansOnSklearnMachineMs = 51;
/** The plain typed-array Lloyd iteration on the machine where the scikit-learn figures were taken (ms). */
const plainLoopOnSklearnMachineMs = 66;

/**
 * k-means and EM on 200,000 points in 16 dimensions around 8 well-separated centres (drawn from the seeded
 * generator), against a plain typed-array Lloyd loop and ml-kmeans measured side by side in the same run.
 * The issue's figures (scikit-learn 7.2 ms per Lloyd iteration, ml-kmeans 51 ms, a plain loop 66 ms) were
 * taken on a machine of our 2-core size; they are scaled by ml-kmeans' time here (`here / 51 ms`), the one
 * program run on both machines. The plain loop's scale (`here / 66 ms`) is printed too, but it measures
 * how two different loops were written, not the machine: ours runs in about 30 ms. The targets: Lloyd's
 * total time to convergence at most scikit-learn's `7.2 ms x its iterations`, and an EM iteration (full
 * covariances) at most half of scikit-learn's 556 ms. scikit-learn's iteration count is ours plus one when the labels stop changing (see
 * the k-means guide).
 *
 * @param rounds - Measured rounds per contender (interleaved, after warm-up rounds).
 * @returns The figures, printable.
 */
export function clusteringBenchmark(rounds = 5): string {
  const n = 200_000;
  const d = 16;
  const k = 8;
  const random = new Random(2024);
  const centres = Array.from({ length: k }, () => Array.from({ length: d }, () => random.normal(0, 10)));
  const values = new Float64Array(n * d);
  for (let i = 0; i < n; i++)
    for (let t = 0; t < d; t++) values[i * d + t] = (centres[i % k]?.[t] as number) + random.normal();
  const rows = Array.from({ length: n }, (_, i) => Array.from(values.subarray(i * d, (i + 1) * d)));
  const flat = { values, rows: n, columns: d };
  const initial = kmeansPlusPlus()({ data: flat, weights: new Float64Array(n).fill(1), k, random: new Random(1) });
  const initialRows = Array.from({ length: k }, (_, j) => Array.from(initial.subarray(j * d, (j + 1) * d)));

  // The reference: one textbook Lloyd iteration (assignment, then means) on flat typed arrays.
  const plainLoop = () => {
    const labels = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      let best = 0;
      let bestDistance = Infinity;
      for (let j = 0; j < k; j++) {
        let sum = 0;
        for (let t = 0; t < d; t++) {
          const diff = (values[i * d + t] as number) - (initial[j * d + t] as number);
          sum += diff * diff;
        }
        if (sum < bestDistance) {
          bestDistance = sum;
          best = j;
        }
      }
      labels[i] = best;
    }
    const sums = new Float64Array(k * d);
    const counts = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      const j = labels[i] as number;
      counts[j] = (counts[j] as number) + 1;
      for (let t = 0; t < d; t++) sums[j * d + t] = (sums[j * d + t] as number) + (values[i * d + t] as number);
    }
    return sums.map((s, p) => s / (counts[Math.floor(p / d)] as number));
  };
  const iterations = { lloyd: 0, hamerly: 0, lloydDistances: 0, hamerlyDistances: 0 };
  const last: { lloydLabels: Int32Array; jsLabels: Int32Array } = {
    lloydLabels: new Int32Array(0),
    jsLabels: new Int32Array(0),
  };
  const lloyd = (threads?: number) => {
    const result = solve(kmeans({ init: givenCentroids(initialRows) }), { data: { values, rows: n } }, { threads });
    last.lloydLabels = result.state.labels;
    iterations.lloyd = result.iterations;
    iterations.lloydDistances = result.state.distanceComputations;
    return result;
  };
  const hamerly = (threads?: number) => {
    const result = solve(
      hamerlyKMeans({ init: givenCentroids(initialRows) }),
      { data: { values, rows: n } },
      { threads },
    );
    iterations.hamerly = result.iterations;
    iterations.hamerlyDistances = result.state.distanceComputations;
    return result;
  };
  // The solver's path before the WebAssembly kernels (stop note 8): the JavaScript kernels, the same passes
  // (finite check, variance scale, assignment of iteration 0, then update + assignment per iteration), run
  // for the iterations iterlab's Lloyd took. Kept as the before figure of the same run.
  const jsKernelsLloyd = () => {
    const data = toDataMatrix({ values, rows: n }, "problem.data");
    const w = new Float64Array(n).fill(1);
    meanVariance(data.values, n, d);
    let labels = new Int32Array(n);
    assignAll(values, n, d, initial, k, w, labels, null);
    let centroids = initial;
    for (let iteration = 0; iteration < Math.max(1, iterations.lloyd); iteration++) {
      ({ centroids } = updateCentroids(values, n, d, labels, w, k, centroids));
      const next = new Int32Array(n);
      assignAll(values, n, d, centroids, k, w, next, labels);
      labels = next;
    }
    last.jsLabels = labels;
    return labels;
  };
  const mlKMeansIteration = () => mlKMeans(rows, k, { initialization: initialRows, maxIterations: 1 });
  const kmeansRuns = measureSideBySide(
    [
      { name: "plain typed-array Lloyd iteration", run: plainLoop },
      { name: "ml-kmeans 7, one iteration", run: mlKMeansIteration },
      { name: "iterlab kmeans (Lloyd), to convergence", run: () => lloyd() },
      { name: "iterlab hamerlyKMeans, to convergence", run: () => hamerly() },
      { name: "JavaScript kernels (pre-WASM Lloyd path)", run: jsKernelsLloyd },
      { name: "iterlab kmeans (Lloyd), one thread", run: () => lloyd(1) },
      { name: "iterlab hamerlyKMeans, one thread", run: () => hamerly(1) },
    ],
    rounds,
    2,
  );
  // The iterations alone: one prepared problem (prepareProblem), so the data is converted, checked, copied into
  // the kernels' memory (and the kernels' worker threads started) once, before the rounds.
  const iterationsOnly = (solver: typeof kmeans) => {
    const configured = solver({ init: givenCentroids(initialRows) });
    using prepared = prepareProblem(configured, { data: { values, rows: n } });
    const run = () => solve(configured, prepared);
    return measureSideBySide([{ name: "iterations only", run }], rounds, 2)[0]?.medianMs ?? NaN;
  };
  const lloydIterations = iterationsOnly(kmeans);
  const hamerlyIterations = iterationsOnly(hamerlyKMeans);
  const [plain, ml, lloydTime, hamerlyTime, jsTime, lloydOneThread, hamerlyOneThread] = kmeansRuns.map(
    (m) => m.medianMs,
  ) as [number, number, number, number, number, number, number];
  // This machine against the one of the figures: ml-kmeans, the same program on both. The plain
  // loop's ratio is printed for comparison with earlier notes, which took the smaller of the two.
  const plainScale = plain / plainLoopOnSklearnMachineMs;
  const mlScale = ml / mlKMeansOnSklearnMachineMs;
  const scale = mlScale;
  const threads = defaultKernelThreads();
  const sklearnIterations = iterations.lloyd + 1; // strict convergence: scikit-learn counts one more pass
  const sklearnTotal = sklearnLloydIterationMs * scale * sklearnIterations;
  // The WebAssembly kernels sum each distance in the same order as the JavaScript ones: the same labels.
  const sameLabels = last.lloydLabels.length === n && last.lloydLabels.every((label, i) => label === last.jsLabels[i]);

  // EM with full covariances from parameters near the truth: per iteration = (run of 2 - run of 0) / 2.
  const parameters = givenParameters({
    weights: Array.from({ length: k }, () => 1 / k),
    means: initialRows,
    covariances: initialRows.map(() =>
      Array.from({ length: d }, (_, a) => Array.from({ length: d }, (_, b) => (a === b ? 1 : 0))),
    ),
  });
  const em = gaussianMixture({ k, covariance: fullCovariance(), init: parameters });
  const emRuns = measureSideBySide(
    [
      { name: "EM init (one E-step)", run: () => solve(em, { data: { values, rows: n } }, { maxIterations: 0 }) },
      { name: "EM init + 2 iterations", run: () => solve(em, { data: { values, rows: n } }, { maxIterations: 2 }) },
    ],
    Math.max(1, rounds - 2),
    1,
  );
  const [emInit, emTwo] = emRuns.map((m) => m.medianMs) as [number, number];
  const emIteration = (emTwo - emInit) / 2;
  const sklearnEm = sklearnEmIterationMs * scale;
  const f = (ms: number) => `${ms.toFixed(1).padStart(7)} ms`;
  return [
    `Clustering: ${n} x ${d} points, ${k} well-separated clusters, from the same k-means++ centroids (median of ${rounds} rounds)`,
    `  plain typed-array Lloyd iteration        ${f(plain)}  1.000x   (66 ms on the scikit-learn machine: scale ${plainScale.toFixed(3)})`,
    `  ml-kmeans 7, one iteration               ${f(ml)}  ${(ml / plain).toFixed(3)}x   (51 ms there: scale ${mlScale.toFixed(3)}, used for the targets)`,
    `  JS kernels (pre-WASM path), same passes  ${f(jsTime)}  ${(jsTime / plain).toFixed(3)}x   ${(jsTime / sklearnTotal).toFixed(2)}x scikit-learn scaled; labels identical to iterlab Lloyd's: ${sameLabels ? "yes" : "NO"}`,
    `  iterlab Lloyd, to convergence            ${f(lloydTime)}  ${(lloydTime / plain).toFixed(3)}x   ${(lloydTime / sklearnTotal).toFixed(2)}x scikit-learn scaled; ${iterations.lloyd} iterations + iteration 0, ${iterations.lloydDistances} distances; new data each run, ${threads} threads`,
    `  iterlab Hamerly, to convergence          ${f(hamerlyTime)}  ${(hamerlyTime / plain).toFixed(3)}x   ${(hamerlyTime / sklearnTotal).toFixed(2)}x scikit-learn scaled; ${iterations.hamerly} iterations + iteration 0, ${iterations.hamerlyDistances} distances; new data each run, ${threads} threads`,
    `  iterlab Lloyd, one thread                ${f(lloydOneThread)}  ${(lloydOneThread / plain).toFixed(3)}x   ${(lloydOneThread / sklearnTotal).toFixed(2)}x scikit-learn scaled; ${(lloydOneThread / lloydTime).toFixed(2)}x the ${threads}-thread time`,
    `  iterlab Hamerly, one thread              ${f(hamerlyOneThread)}  ${(hamerlyOneThread / plain).toFixed(3)}x   ${(hamerlyOneThread / sklearnTotal).toFixed(2)}x scikit-learn scaled; ${(hamerlyOneThread / hamerlyTime).toFixed(2)}x the ${threads}-thread time`,
    `  iterlab Lloyd, iterations only           ${f(lloydIterations)}  ${(lloydIterations / plain).toFixed(3)}x   ${(lloydIterations / sklearnTotal).toFixed(2)}x scikit-learn scaled; problem prepared once (measured alone)`,
    `  iterlab Hamerly, iterations only         ${f(hamerlyIterations)}  ${(hamerlyIterations / plain).toFixed(3)}x   ${(hamerlyIterations / sklearnTotal).toFixed(2)}x scikit-learn scaled; problem prepared once (measured alone)`,
    `  scikit-learn (scaled), ${sklearnIterations} x 7.2 ms        ${f(sklearnTotal)}  ${(sklearnTotal / plain).toFixed(3)}x   target for the total: Lloyd ${lloydTime <= sklearnTotal ? "met" : "NOT met"}, Hamerly ${hamerlyTime <= sklearnTotal ? "met" : "NOT met"} (new data each run)`,
    `  (scaled by the plain loop instead, ${f(sklearnTotal * (plainScale / mlScale))}: Lloyd ${(lloydTime / (sklearnTotal * (plainScale / mlScale))).toFixed(2)}x, Hamerly ${(hamerlyTime / (sklearnTotal * (plainScale / mlScale))).toFixed(2)}x)`,
    `EM, full covariances, k = ${k}, same data (median of ${Math.max(1, rounds - 2)} rounds)`,
    `  iterlab EM iteration (M-step + E-step)   ${f(emIteration)}  ${(emIteration / plain).toFixed(3)}x plain Lloyd iteration, ${(emIteration / sklearnEm).toFixed(3)}x scikit-learn scaled`,
    `  scikit-learn (scaled), 556 ms            ${f(sklearnEm)}  target <= half: ${f(sklearnEm / 2)}, ${emIteration <= sklearnEm / 2 ? "met" : "NOT met"}`,
  ].join("\n");
}

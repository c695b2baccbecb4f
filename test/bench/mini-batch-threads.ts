import { Random, solve } from "../../src/index.js";
import { givenCentroids, miniBatchKMeans } from "../../solvers/kmeans/index.js";
import { createWasmKernels } from "../../solvers/kmeans/wasm-kernels.js";
import { measureSideBySide } from "./measure.js";

/**
 * Whether threads would pay for mini-batch k-means' assignment of a batch: for batches of 1,024 (the
 * default) to 65,536 points (d = 16, k = 8), one batch's assignment as a chunked pass of the k-means
 * kernel (16 chunks) on 1 and on 2 threads (workers started and warm), beside one mini-batch iteration
 * of `solve` (the JavaScript step: assignment and centroid update). Threads pay where the 2-thread pass is
 * clearly faster than the 1-thread pass; mini-batch's TSDoc cites the figures.
 *
 * @param rounds - Measured rounds per contender (interleaved, after warm-up rounds).
 * @returns The figures, printable.
 */
export function miniBatchThreadsBenchmark(rounds = 7): string {
  const d = 16;
  const k = 8;
  const lines = [`mini-batch k-means: one batch's assignment (d = ${d}, k = ${k}), microseconds per batch`];
  for (const batch of [1024, 4096, 16_384, 65_536]) {
    const random = new Random(batch);
    const values = Float64Array.from({ length: batch * d }, (_, p) => 5 * (Math.floor(p / d) % k) + random.normal());
    const centroids = values.slice(0, k * d);
    const kernels = [1, 2].map((threads) => {
      const bound = createWasmKernels(values, batch, d, undefined, k, threads, Math.ceil(batch / 16));
      if (bound === undefined) throw new Error("the WebAssembly k-means kernel is unavailable");
      bound.binding.startWorkers();
      return bound;
    });
    const repeats = Math.max(4, Math.floor(4e6 / (batch * k * d)));
    const pass = (index: number) => () => {
      let labels: Int32Array | null = null;
      for (let r = 0; r < repeats; r++)
        labels = (kernels[index] ?? kernels[0])?.assign(centroids, labels, false).labels ?? null;
      return labels;
    };
    // The JavaScript step: `repeats` mini-batch iterations of one batch each (the whole data is one batch).
    const solver = miniBatchKMeans({
      k,
      batchSize: batch,
      init: givenCentroids(Array.from({ length: k }, (_, j) => Array.from(centroids.subarray(j * d, (j + 1) * d)))),
    });
    const javascript = () =>
      solve(solver, { data: { values, rows: batch } }, { maxIterations: repeats, maxEpochs: repeats, seed: 1 });
    const measured = measureSideBySide(
      [
        { name: "1 thread", run: pass(0) },
        { name: "2 threads", run: pass(1) },
        { name: "JavaScript step", run: javascript },
      ],
      rounds,
      3,
    );
    const per = (name: string) => ((measured.find((m) => m.name === name)?.medianMs ?? Number.NaN) * 1000) / repeats;
    const [one, two, step] = [per("1 thread"), per("2 threads"), per("JavaScript step")];
    lines.push(
      `  batch ${String(batch).padStart(6)}: kernel pass 1 thread ${one.toFixed(1).padStart(8)}, 2 threads ` +
        `${two.toFixed(1).padStart(8)} (${(one / two).toFixed(2)}x); JavaScript step ${step.toFixed(1).padStart(8)}`,
    );
    for (const bound of kernels) bound.dispose();
  }
  return lines.join("\n");
}

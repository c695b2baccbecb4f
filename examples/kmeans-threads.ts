/**
 * k-means on a large data set, on one thread and on all of them: the same labels and centroids, bit for bit.
 *
 * Run: npx tsx examples/kmeans-threads.ts
 *
 * From 16,384 coordinates up, the Lloyd and Hamerly passes run in WebAssembly on the caller's thread and
 * worker threads (the run option `threads`, default the machine's cores). Each pass is cut into fixed chunks
 * of points; each chunk sums into a slot of its own and the slots are added in chunk order, so the number
 * of threads changes the time, never the result. The kernel and its workers belong to the prepared
 * problem: `prepareProblem(solver, problem, { threads })` binds them once, runs on the handle reuse them,
 * and disposing the handle (here by `using`) ends the workers. The first solve starts the workers (tens of
 * milliseconds), so each configuration is timed on its second run.
 */
import { defaultKernelThreads, prepareProblem, Random, solve } from "../src/index.js";
import { givenCentroids, hamerlyKMeans, kmeans } from "../solvers/kmeans/index.js";
import { runIfMain } from "./run-if-main.js";

export function main(print: (line: string) => void = console.log, points = 200_000) {
  const d = 16;
  const k = 8;
  const random = new Random(7);
  const centres = Array.from({ length: k }, () => Array.from({ length: d }, () => random.normal(0, 10)));
  const values = new Float64Array(points * d);
  for (let i = 0; i < points; i++)
    for (let t = 0; t < d; t++) values[i * d + t] = (centres[i % k]?.[t] as number) + random.normal();
  // Deliberately poor starts, four of them in cluster 0 and none in clusters 4 to 7, so that the runs take
  // a few iterations.
  const start = givenCentroids([0, 1, 2, 3, 8, 9, 16, 24].map((i) => Array.from(values.subarray(i * d, (i + 1) * d))));
  const cores = defaultKernelThreads();
  print(
    `k-means, ${points.toLocaleString("en-US")} points x ${d}, k = ${k}; threads: 1 and ${cores} (this machine's cores)`,
  );
  const runs = [kmeans, hamerlyKMeans].flatMap((solver) =>
    [1, cores].map((threads) => {
      const configured = solver({ init: start });
      const name = configured.name;
      using prepared = prepareProblem(configured, { data: { values, rows: points } }, { threads });
      solve(configured, prepared); // warm-up: starts the workers, compiles
      const started = performance.now();
      const result = solve(configured, prepared);
      const ms = performance.now() - started;
      return { solver: name, threads, ms, result };
    }),
  );
  for (const run of runs) {
    print(
      `  ${run.solver.padEnd(34)} threads ${String(run.threads).padStart(2)}: ${String(run.result.iterations).padStart(2)} iterations, inertia ${run.result.state.inertia.toFixed(3)}, ${run.ms.toFixed(1)} ms`,
    );
  }
  const reference = runs[0]?.result.state;
  const identical = runs.every(
    (run) =>
      run.result.state.inertia === reference?.inertia &&
      run.result.state.labels.every((label, i) => label === reference?.labels[i]),
  );
  print(identical ? "Every run gives the same labels and the same inertia, to the last bit." : "The runs DIFFER.");
  return { runs, identical };
}

runIfMain(import.meta.url, main);

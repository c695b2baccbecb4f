// One cold k-means solve, for the peers bench's "first solve in a fresh process" rows (kmeans.ts): run as
// `node --import ./test/bench/tsc-loader.mjs test/bench/peers/kmeans-cold.ts MANIFEST lloyd|hamerly THREADS`.
// The data set is read, the solvers imported and a small solve run (the first 2,000 rows: first compilation of
// the code) before the clock starts, as the Python peer does (sklearn_kmeans_cold.py); the figure is the
// process's first solve on the whole data: fresh kernel memory and the worker's start included, as in a
// program that solves one large problem. Prints one JSON line: { ms, iterations }.
import { solve } from "../../../src/index.js";
import { givenCentroids, hamerlyKMeans, kmeans } from "../../../solvers/kmeans/index.js";
import { readDataSet } from "./data-files.js";

const [manifest, algorithm, threadsText] = process.argv.slice(2);
if (manifest === undefined || (algorithm !== "lloyd" && algorithm !== "hamerly")) {
  console.error("usage: kmeans-cold.ts MANIFEST lloyd|hamerly THREADS");
  process.exit(2);
}
const { params, arrays } = await readDataSet(manifest);
const { rows, columns: d, k } = params as { rows: number; columns: number; k: number };
const values = arrays.x as Float64Array;
const start = Array.from({ length: k }, (_, j) => Array.from(values.subarray(j * d, (j + 1) * d)));
const solver = (algorithm === "lloyd" ? kmeans : hamerlyKMeans)({ init: givenCentroids(start) });
const threads = Number(threadsText ?? 2);
solve(solver, { data: { values: values.slice(0, 2000 * d), rows: 2000 } }, { threads });
const started = performance.now();
const result = solve(solver, { data: { values, rows } }, { threads });
const ms = performance.now() - started;
console.log(JSON.stringify({ ms, iterations: result.iterations }));

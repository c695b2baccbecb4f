// One-off k-means solves on 1 and on 2 threads, alternated in one process, on the peers bench's data (200,000 x
// 16 blobs, k = 8, the first 8 rows as start): does the worker a one-off solve starts pay for itself? Run on a
// quiet machine: `node --import ./test/bench/tsc-loader.mjs test/bench/kmeans-one-off-threads.ts [rounds]`.
// With `--force-start`, the free-core test is told the machine is idle (its load average read as 0), so the
// workers start in prepare as on a quiet machine even under load (then the figures say what the early start
// costs when the other core is busy). Prints the median, least and largest wall time of each, in ms, and the
// one-minute load average seen. Not a test: figures only (docs/guides/kmeans.md, fifth round).
import { createRequire, syncBuiltinESMExports } from "node:module";
import { solve } from "../../src/index.js";
import { givenCentroids, hamerlyKMeans, kmeans } from "../../solvers/kmeans/index.js";
import { blobs } from "./peers/clustering.js";

const os = createRequire(import.meta.url)("node:os") as typeof import("node:os");
const loadNow = os.loadavg;
if (process.argv.includes("--force-start")) {
  os.loadavg = () => [0, 0, 0];
  syncBuiltinESMExports(); // the engine's named import of loadavg sees the replacement
}
const rounds = Number(process.argv.slice(2).find((arg) => /^\d+$/.test(arg)) ?? 9);
const [n, d, k] = [200_000, 16, 8];
const values = blobs(n, d, k, 2024);
const start = Array.from({ length: k }, (_, j) => Array.from(values.subarray(j * d, (j + 1) * d)));
const samples = new Map<string, number[]>();
const loads: number[] = [];
for (let round = 0; round <= rounds; round++) {
  for (const [name, factory] of [
    ["Lloyd", kmeans],
    ["Hamerly", hamerlyKMeans],
  ] as const) {
    for (const threads of [1, 2]) {
      const started = performance.now();
      solve(factory({ init: givenCentroids(start) }), { data: { values, rows: n } }, { threads });
      const ms = performance.now() - started;
      const key = `${name}, ${threads} thread${threads > 1 ? "s" : ""}`;
      if (round > 0) samples.set(key, [...(samples.get(key) ?? []), ms]); // round 0 warms up
    }
  }
  loads.push(loadNow()[0] ?? Number.NaN);
}
for (const [key, times] of samples) {
  const sorted = [...times].sort((a, b) => a - b);
  const [least, median, most] = [sorted[0], sorted[sorted.length >> 1], sorted.at(-1)].map((ms) => ms?.toFixed(1));
  console.log(`${key.padEnd(20)} median ${median}  least ${least}  largest ${most}`);
}
console.log(`load average (1 min) ${Math.min(...loads).toFixed(2)} to ${Math.max(...loads).toFixed(2)}`);

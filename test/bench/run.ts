import { clusteringBenchmark } from "./clustering.js";
import { engineOverhead } from "./engine-overhead.js";
import { gaussSeidelBenchmark } from "./gauss-seidel.js";
import { mdpBenchmark } from "./mdp.js";
import { miniBatchThreadsBenchmark } from "./mini-batch-threads.js";
import { neuralBenchmark } from "./neural.js";
import { neuralGpuBenchmark } from "./neural-gpu.js";
import { newtonBenchmark } from "./newton.js";
import { preparedBenchmark } from "./prepared.js";
import { reportRenderingBenchmark } from "./report-rendering.js";
import { solverThroughput } from "./solver-throughput.js";
import { studiesBenchmark } from "./studies.js";

// `npm run bench [-- name ...]`: every benchmark (or the named ones), printed as ratios measured side by side
// in one process.
const sections: Record<string, () => string | Promise<string>> = {
  engine: engineOverhead,
  throughput: solverThroughput,
  newton: () => newtonBenchmark(),
  "gauss-seidel": () => gaussSeidelBenchmark(),
  mdp: () => mdpBenchmark(),
  clustering: () => clusteringBenchmark(),
  "mini-batch-threads": () => miniBatchThreadsBenchmark(),
  neural: () => neuralBenchmark(),
  "neural-gpu": () => neuralGpuBenchmark(),
  report: reportRenderingBenchmark,
  prepared: () => preparedBenchmark(),
  studies: () => studiesBenchmark(),
};
const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !(name in sections));
if (unknown.length > 0) {
  console.error(`unknown benchmark ${unknown.join(", ")}; choose from ${Object.keys(sections).join(", ")}`);
  process.exit(2);
}
console.log(`iterlab benchmarks (node ${process.version}, ${new Date().toISOString()})\n`);
for (const [name, run] of Object.entries(sections)) {
  if (asked.length > 0 && !asked.includes(name)) continue;
  console.log(await run());
  console.log("");
}

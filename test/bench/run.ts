import { clusteringBenchmark } from "./clustering.js";
import { engineOverhead } from "./engine-overhead.js";
import { gaussSeidelBenchmark } from "./gauss-seidel.js";
import { mdpBenchmark } from "./mdp.js";
import { newtonBenchmark } from "./newton.js";
import { solverThroughput } from "./solver-throughput.js";

// `npm run bench`: every benchmark, printed as ratios measured side by side in one process.
console.log(`iterlab benchmarks (node ${process.version}, ${new Date().toISOString()})\n`);
console.log(await engineOverhead());
console.log("");
console.log(solverThroughput());
console.log("");
console.log(newtonBenchmark());
console.log("");
console.log(gaussSeidelBenchmark());
console.log("");
console.log(mdpBenchmark());
console.log("");
console.log(clusteringBenchmark());

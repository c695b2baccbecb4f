// What the dense value-iteration sweep would do on huge pages (MDP guide, "The page size"). numpy puts its
// arrays of 4 MB or more on 2 MB pages (madvise); V8 maps a WebAssembly memory on 4 KB pages and JavaScript
// cannot ask otherwise. This probe binds two sweep kernels to the 2,000 x 4 random MDP, has
// native/dense-collapse.py move the first one's memory onto huge pages from outside the process (Linux 6.1
// or later, root), and alternates sweeps between the two kernels (two each, one per direction), so both see
// the same load. A measurement only: iterlab never does this. Not part of `npm run bench`. Run:
//   node --import ./test/bench/tsc-loader.mjs test/bench/mdp-page-probe.ts [threads] [sweeps]
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { randomMdp } from "../../solvers/mdp/index.js";
import { prepareMdp } from "../../solvers/mdp/prepare-mdp.js";
import { createWasmSweep } from "../../solvers/mdp/wasm-sweep.js";

const threads = Number(process.argv[2] ?? 2);
const sweeps = Number(process.argv[3] ?? 200);
const model = prepareMdp(randomMdp({ states: 2000, actions: 4, seed: 1 }));
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const quantile = (samples: readonly number[], q: number) =>
  [...samples].sort((a, b) => a - b)[Math.floor(q * (samples.length - 1))] ?? Number.NaN;

// The first kernel's memory (and the model's own copy, which no sweep reads) goes onto huge pages before
// the second kernel exists; the helper collapses every mapping with 64 MB or more resident.
const huge = createWasmSweep(model, threads);
const helper = fileURLToPath(new URL("native/dense-collapse.py", import.meta.url));
console.log(execFileSync("/usr/bin/python3", [helper, String(process.pid)], { encoding: "utf8" }).trim());
const small = createWasmSweep(model, threads);
if (huge === undefined || small === undefined) throw new Error("no WebAssembly sweep kernel here");
const runs = [
  { name: "4 KB pages", kernel: small },
  { name: "huge pages", kernel: huge },
].map((run) => ({
  ...run,
  values: [new Float64Array(model.states), new Float64Array(model.states)],
  policies: [new Int32Array(model.states).fill(-1), new Int32Array(model.states)],
  wall: [] as number[],
  cpu: 0,
}));
// Each kernel sits idle while the other sweeps, longer than a worker's default linger (5 ms): its workers
// watch for jobs for 10 s instead, so that neither waits for a woken worker at the start of its turn.
for (const { kernel } of runs) {
  kernel.kernel.startWorkers();
  kernel.kernel.wake(10_000);
}
await new Promise((resolve) => setTimeout(resolve, 300)); // the workers boot
for (let sweep = 0; sweep < sweeps + 8; sweep++) {
  const run = runs[Math.floor(sweep / 2) % 2] as (typeof runs)[number];
  const [current, next] = run.values as [Float64Array, Float64Array];
  const [previous, policy] = run.policies as [Int32Array, Int32Array];
  const cpu = cpuMs();
  const started = performance.now();
  run.kernel.sweep(current, next, previous, policy);
  if (sweep >= 8) {
    run.wall.push(performance.now() - started);
    run.cpu += cpuMs() - cpu;
  }
  run.values.reverse();
  run.policies.reverse();
}
const bytes = 4 * 2000 * 2000 * 8;
for (const { name, wall, cpu } of runs) {
  const median = quantile(wall, 0.5);
  const figures = `min ${quantile(wall, 0).toFixed(2)}, first quartile ${quantile(wall, 0.25).toFixed(2)}, median ${median.toFixed(2)} ms`;
  console.log(
    `${threads} thread(s), ${name}: ${figures} (${(bytes / median / 1e6).toFixed(1)} GB/s); CPU ${(cpu / wall.length).toFixed(2)} ms per sweep`,
  );
}
const same = runs[0]?.values[0]?.every((value, s) => Object.is(value, runs[1]?.values[0]?.[s]));
console.log(`the same values from both kernels: ${same}`);
for (const { kernel } of runs) kernel.dispose();

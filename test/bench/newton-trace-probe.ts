// Probe (not a benchmark table): per-iteration time of Newton minimisation on Rosenbrock, repeated solves,
// trace off against the default trace, in one process, for a CPU profile (node --cpu-prof). Usage:
// node --import ./test/bench/tsc-loader.mjs test/bench/newton-trace-probe.ts [default|off|both] [seconds]
import { solve } from "../../src/index.js";
import { newtonMinimize } from "../../solvers/newton/index.js";
import { problem } from "./newton.js";

const which = process.argv[2] ?? "both";
const seconds = Number(process.argv[3] ?? 4);
const newton = newtonMinimize();
const modes = which === "both" ? ["off", "default"] : [which];
const run = (mode: string) => (mode === "off" ? solve(newton, problem, { trace: false }) : solve(newton, problem));
for (const mode of modes) {
  const ends = performance.now() + 1000;
  while (performance.now() < ends) run(mode); // warm-up
}
// Wall time and this process's CPU time (which a loaded machine's descheduling does not inflate).
const totals = new Map(modes.map((mode) => [mode, { ms: 0, cpuUs: 0, iterations: 0 }]));
const ends = performance.now() + seconds * 1000;
while (performance.now() < ends) {
  for (const mode of modes) {
    const total = totals.get(mode) as { ms: number; cpuUs: number; iterations: number };
    const started = performance.now();
    const cpu = process.cpuUsage();
    let iterations = 0;
    for (let r = 0; r < 200; r++) iterations += run(mode).iterations;
    total.ms += performance.now() - started;
    const spent = process.cpuUsage(cpu);
    total.cpuUs += spent.user + spent.system;
    total.iterations += iterations;
  }
}
for (const [mode, { ms, cpuUs, iterations }] of totals) {
  const wall = ((ms / iterations) * 1e6).toFixed(1);
  console.log(`${mode}: ${wall} ns per iteration, CPU ${((cpuUs / iterations) * 1e3).toFixed(1)} ns`);
}

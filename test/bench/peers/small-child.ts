import { smallWorkloads, timeContenders } from "./small-workloads.js";

// A child process of the small rows (`small.ts`): runs one contender of one workload, alone in its process so
// that V8 compiles the engine for that kind of run only (what a user who never traces gets), and prints its
// samples (milliseconds per iteration) as JSON. Usage: small-child.ts <workload> <contender> <rounds> <warmup> [quick]
const [workloadName = "", contenderName = "", rounds = "9", warmup = "3", quick] = process.argv.slice(2);
const workloads = smallWorkloads(quick === "quick") as Record<string, { contenders: Record<string, unknown> }>;
const contender = workloads[workloadName]?.contenders[contenderName];
if (typeof contender !== "function") {
  console.error(`small-child: no contender "${contenderName}" in workload "${workloadName}"`);
  process.exit(2);
}
const [samples] = timeContenders([contender as () => () => number], Number(rounds), Number(warmup));
console.log(JSON.stringify(samples));

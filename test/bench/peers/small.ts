import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { PeerContext } from "./context.js";
import { median } from "./context.js";
import { smallWorkloads, timeContenders } from "./small-workloads.js";
import type { SmallWorkload } from "./small-workloads.js";
import type { PeerRow } from "./table.js";

/** Issue 19: gradient descent and fixed-point iteration within 2x a hand loop per iteration, Newton within 3x. */
const loopTarget = 2;
const newtonTarget = 3;

const loader = new URL("../tsc-loader.mjs", import.meta.url).href;
const child = fileURLToPath(new URL("./small-child.ts", import.meta.url));

/** One contender's figure: milliseconds per iteration, and the spread of the medians it was taken from. */
interface Timing {
  readonly ms: number;
  readonly spread: readonly [number, number];
}

/**
 * The small problems, whose peers are hand-written loops (`small-workloads.ts`): gradient descent with a fixed
 * step on f = (x^2 + 100 y^2) / 2, fixed-point iteration of cos from 1, Newton minimisation of Rosenbrock's
 * function from (-1.2, 1); per iteration (fixed point and Newton: whole solves repeated, set-up included).
 *
 * Each contender runs in a child process of its own (`small-child.ts`), the children alternated (A B C A B C
 * ...) `processRounds` times; its figure is the median of the children's medians. Those are the rows the table
 * quotes: in one process the engine serves traced and untraced runs alike and V8 compiles it for both, which
 * a user who never traces does not pay. The same contenders interleaved in this one process give the rows
 * marked "one process", kept beside them.
 */
export function smallRows(context: PeerContext): PeerRow[] {
  const rounds = context.quick ? 3 : 9;
  const warmup = context.quick ? 2 : 5;
  const processRounds = context.quick ? 1 : 3;
  const workloads = smallWorkloads(context.quick);
  const timings = (name: keyof typeof workloads) => {
    context.log(`small problems: ${name}, a process per contender`);
    const alone = perProcess(name, workloads[name], processRounds, rounds, warmup, context.quick);
    context.log(`small problems: ${name}, one process`);
    const together = oneProcess(workloads[name], rounds, warmup);
    return { alone, together };
  };
  const descent = timings("descent");
  const fixed = timings("fixedPoint");
  const newton = timings("newton");
  const gdWorkload = "gradient descent, fixed step, 2-D quadratic (kappa = 100), per iteration";
  const inline = "allocation-free hand loop, gradient and f inline (JavaScript)";
  const fixedWorkload = "fixed-point iteration x = cos(x) from 1, per iteration, repeated solves";
  const newtonWorkload = "Newton minimisation, Rosenbrock 2 x 2 from (-1.2, 1), per iteration, repeated solves";
  const row = (
    workload: string,
    peer: string,
    peerTiming: Timing | undefined,
    ours: Timing | undefined,
    target?: number,
  ): PeerRow => ({
    // Every row says how it was measured: the quoted rows "own process", the others "one process".
    workload: workload.endsWith(", one process") ? workload : `${workload}, own process`,
    peer,
    peerFigure: figure(peerTiming),
    iterlabFigure: figure(ours),
    targetAtMost: target,
  });
  const { alone: a, together: t } = descent;
  const { alone: fa, together: ft } = fixed;
  const { alone: na, together: nt } = newton;
  const hand = "hand, inline";
  return [
    row(`${gdWorkload}, gradientInto, trace off`, inline, a[hand], a["iterlab in-place, trace off"], loopTarget),
    row(
      `${gdWorkload}, gradientInto, default trace`,
      inline,
      a[hand],
      a["iterlab in-place, default trace"],
      loopTarget,
    ),
    row(
      `${gdWorkload}, gradientInto, trace off`,
      "hand loop calling the same f and gradientInto (no target)",
      a["hand, in-place functions"],
      a["iterlab in-place, trace off"],
    ),
    row(
      `${gdWorkload}, gradient returning a new array, trace off`,
      "hand loop calling the same f and gradient (no target)",
      a["hand, returned-array functions"],
      a["iterlab returned-array, trace off"],
    ),
    row(
      `${gdWorkload}, gradientInto, trace off, one process`,
      inline,
      t[hand],
      t["iterlab in-place, trace off"],
      loopTarget,
    ),
    row(`${fixedWorkload}, trace off`, "x = Math.cos(x) in a loop", fa[hand], fa["iterlab, trace off"], loopTarget),
    row(
      `${fixedWorkload}, default trace`,
      "x = Math.cos(x) in a loop",
      fa[hand],
      fa["iterlab, default trace"],
      loopTarget,
    ),
    row(
      `${fixedWorkload}, trace off, one process`,
      "x = Math.cos(x) in a loop",
      ft[hand],
      ft["iterlab, trace off"],
      loopTarget,
    ),
    row(`${newtonWorkload}, trace off`, newtonPeer, na[hand], na["iterlab, trace off"], newtonTarget),
    row(`${newtonWorkload}, default trace`, newtonPeer, na[hand], na["iterlab, default trace"], newtonTarget),
    row(`${newtonWorkload}, trace off, one process`, newtonPeer, nt[hand], nt["iterlab, trace off"], newtonTarget),
  ];
}

const newtonPeer = "the same algorithm with the 2 x 2 Cholesky solve inline (JavaScript)";

function figure(timing: Timing | undefined): PeerRow["peerFigure"] {
  if (timing === undefined) return { missing: "not run" };
  const [low, high] = timing.spread;
  if (low === high) return { ms: timing.ms };
  return { ms: timing.ms, note: `medians ${formatNs(low)}-${formatNs(high)}` };
}

function formatNs(ms: number): string {
  const ns = ms * 1e6;
  return ns >= 100 ? `${ns.toFixed(0)} ns` : `${ns.toPrecision(3)} ns`;
}

/** Each contender in a child process of its own, the children alternated `processRounds` times. */
function perProcess(
  name: string,
  workload: SmallWorkload,
  processRounds: number,
  rounds: number,
  warmup: number,
  quick: boolean,
): Record<string, Timing> {
  const names = Object.keys(workload.contenders);
  const medians = new Map(names.map((contender) => [contender, [] as number[]]));
  for (let round = 0; round < processRounds; round++) {
    for (const contender of names) {
      const args = ["--import", loader, child, name, contender, String(rounds), String(warmup)];
      const output = spawnSync(process.execPath, quick ? [...args, "quick"] : args, { encoding: "utf8" });
      if (output.status !== 0) throw new Error(`small-child ${name} "${contender}" failed: ${output.stderr}`);
      medians.get(contender)?.push(median(JSON.parse(output.stdout) as number[]));
    }
  }
  return Object.fromEntries(
    names.map((contender) => {
      const values = medians.get(contender) ?? [];
      return [contender, { ms: median(values), spread: [Math.min(...values), Math.max(...values)] }];
    }),
  );
}

/** All contenders interleaved in this process (the engine compiled for every kind of run at once). */
function oneProcess(workload: SmallWorkload, rounds: number, warmup: number): Record<string, Timing> {
  const names = Object.keys(workload.contenders);
  const samples = timeContenders(Object.values(workload.contenders), rounds, warmup);
  return Object.fromEntries(
    names.map((contender, index) => {
      const ms = median(samples[index] ?? []);
      return [contender, { ms, spread: [ms, ms] }];
    }),
  );
}

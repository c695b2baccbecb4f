// `npm run bench:before-after -- --checkout before=PATH --checkout after=. [--rounds 3] [--repeats 5] [section ...]`
//
// The before/after table: the same workloads (before-after-probe.ts) timed against two or more
// iterlab checkouts (say, a worktree of an older commit and this one), interleaved: each round runs every
// section once per checkout, in a rotated order, each in a fresh process; a checkout's figure is the median
// of its rounds' medians, and each ratio is a checkout's figure over the first checkout's, with the range of
// the rounds' own ratios (each measured minutes apart at most). Sections: engine, clustering, em, mdp,
// gauss-seidel, neural, and small (gradient descent, fixed point and Newton minimisation as in the peers bench,
// trace off; Newton minimisation and scalar Newton one-off runs) (all by default). With
// `--cold`, each workload runs once in a process of its own and that first run is the figure (a program that
// solves one problem and exits: first compilation and fresh memory included). See docs/guides/benchmarks.md.
import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const allSections = ["engine", "small", "clustering", "em", "mdp", "gauss-seidel", "neural"];
const { values: options, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    checkout: { type: "string", multiple: true },
    rounds: { type: "string", default: "3" },
    repeats: { type: "string", default: "5" },
    cold: { type: "boolean", default: false },
  },
});
const checkouts = (options.checkout ?? []).map((entry) => {
  const at = entry.indexOf("=");
  if (at < 1) throw new Error(`--checkout takes NAME=PATH, got ${entry}`);
  return { name: entry.slice(0, at), root: resolve(entry.slice(at + 1)) };
});
if (checkouts.length < 2) {
  console.error("give two checkouts or more: --checkout before=PATH --checkout after=PATH");
  process.exit(2);
}
const sections = positionals.length > 0 ? positionals : allSections;
const unknown = sections.filter((name) => !allSections.includes(name));
if (unknown.length > 0) {
  console.error(`unknown section ${unknown.join(", ")}; choose from ${allSections.join(", ")}`);
  process.exit(2);
}
const rounds = Number(options.rounds);
const probe = fileURLToPath(new URL("./before-after-probe.ts", import.meta.url));
const tsx = fileURLToPath(new URL("../../node_modules/.bin/tsx", import.meta.url));

/** Runs the probe in a fresh process against one checkout and returns its JSON line. */
function runProbe(root: string, section: string, extra: readonly string[]): Record<string, number> {
  const args = [probe, "--root", root, "--section", section, ...extra];
  const output = execFileSync(tsx, args, { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  return JSON.parse(output.trim().split("\n").at(-1) as string) as Record<string, number>;
}

/** figures[section][workload][checkout] = one median per round (null where the checkout lacks the workload). */
const figures = new Map<string, Map<string, (number | null)[][]>>();
for (let round = 0; round < rounds; round++) {
  for (const section of sections) {
    const rows = figures.get(section) ?? new Map<string, (number | null)[][]>();
    figures.set(section, rows);
    for (let turn = 0; turn < checkouts.length; turn++) {
      const index = (turn + round) % checkouts.length;
      const { root } = checkouts[index] as (typeof checkouts)[number];
      const record = (medians: Record<string, number>) => {
        for (const [workload, ms] of Object.entries(medians)) {
          if (workload === "#workloads") continue;
          const row = rows.get(workload) ?? checkouts.map(() => Array.from({ length: rounds }, () => null));
          rows.set(workload, row);
          (row[index] as (number | null)[])[round] = ms;
        }
      };
      if (!options.cold) {
        record(runProbe(root, section, ["--repeats", options.repeats as string]));
        continue;
      }
      // One process per workload; the first process also says how many there are.
      let count = 1;
      for (let workload = 0; workload < count; workload++) {
        const medians = runProbe(root, section, ["--cold", String(workload)]);
        count = medians["#workloads"] ?? 0;
        record(medians);
      }
    }
    console.error(`round ${round + 1}/${rounds}: ${section} done`);
  }
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};
const ms = (value: number): string => `${value.toFixed(1)} ms`;
const header = [
  "section",
  "workload",
  ...checkouts.map((c) => c.name),
  ...checkouts.slice(1).map((c) => `${c.name} / ${checkouts[0]?.name}`),
];
const lines = [`| ${header.join(" | ")} |`, `| ${header.map(() => "---").join(" | ")} |`];
for (const [section, rows] of figures) {
  for (const [workload, perCheckout] of rows) {
    const measured = perCheckout.map((values) => values.filter((v): v is number => v !== null));
    const cells = measured.map((values) => (values.length === 0 ? "-" : ms(median(values))));
    const base = measured[0] as number[];
    const ratios = measured.slice(1).map((values) => {
      const paired = values.flatMap((v, round) => {
        const before = perCheckout[0]?.[round];
        return before === null || before === undefined ? [] : [v / before];
      });
      if (paired.length === 0 || base.length === 0) return "-";
      const ratio = median(values) / median(base);
      return `${ratio.toFixed(2)}x (rounds ${Math.min(...paired).toFixed(2)}x to ${Math.max(...paired).toFixed(2)}x)`;
    });
    lines.push(`| ${section} | ${workload} | ${[...cells, ...ratios].join(" | ")} |`);
  }
}
const runs = options.cold ? "one cold run (a fresh process each)" : `${options.repeats} runs`;
console.log(
  `before/after, ${rounds} interleaved rounds of ${runs} (node ${process.version}, ${new Date().toISOString()})`,
);
console.log(checkouts.map((c) => `${c.name}: ${c.root}`).join("\n"));
console.log("");
console.log(lines.join("\n"));

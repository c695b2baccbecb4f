import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { clusteringRows } from "./clustering.js";
import type { PeerContext } from "./context.js";
import { kmeansRows } from "./kmeans.js";
import { linearRows } from "./linear.js";
import { machineInfo } from "./machine.js";
import { mdpRows } from "./mdp.js";
import { neuralRows } from "./neural.js";
import { optimizeRows } from "./optimize.js";
import {
  availableModules,
  debianPetscDir,
  debianPython,
  installPackages,
  peerPackages,
  runPeer,
} from "./python-peers.js";
import type { PeerModule, PeerResult, PeerThreads } from "./python-peers.js";
import { smallRows } from "./small.js";
import { formatPeerTable, mergePasses, ratio } from "./table.js";
import type { PeerRow } from "./table.js";

// `npm run bench:peers [-- --install] [--quick] [--passes N] [--json FILE] [--keep] [section ...]`: iterlab beside its
// peers (scikit-learn, PETSc, numpy, scipy.sparse, PyTorch from Debian's packages, run by /usr/bin/python3
// as child processes) on the same data, written to a temporary folder. Not part of CI.
const sections: Record<string, (context: PeerContext) => PeerRow[] | Promise<PeerRow[]>> = {
  linear: linearRows,
  clustering: clusteringRows,
  kmeans: kmeansRows,
  mdp: mdpRows,
  small: smallRows,
  optimize: optimizeRows,
  neural: neuralRows,
};
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const flagValue = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const jsonPath = flagValue("--json");
const passes = Number(flagValue("--passes") ?? 1);
const withValues = ["--json", "--passes"].filter((name) => args.includes(name));
const valueAt = new Set(withValues.map((name) => args.indexOf(name) + 1));
const asked = args.filter((arg, i) => !arg.startsWith("--") && !valueAt.has(i));
const unknown = asked.filter((name) => !(name in sections));
const sectionNames = Object.keys(sections).join(", ");
const problems = [
  ...(unknown.length > 0 ? [`unknown section ${unknown.join(", ")}; choose from ${sectionNames}`] : []),
  ...(args.includes("--json") && (jsonPath ?? "--").startsWith("--") ? ["--json needs a file name"] : []),
  ...(Number.isInteger(passes) && passes >= 1
    ? []
    : [`--passes must be an integer >= 1, got ${flagValue("--passes")}`]),
];
if (problems.length > 0) {
  console.error(problems.join("\n"));
  process.exit(2);
}

const log = (message: string) => console.error(`[bench:peers ${new Date().toISOString().slice(11, 19)}] ${message}`);
let modules = await availableModules();
const missing = peerPackages.map((entry) => entry.module).filter((module) => !modules.has(module));
if (missing.length > 0 && flag("--install")) {
  log(`installing ${missing.join(", ")} with apt-get`);
  log(await installPackages(missing));
  modules = await availableModules();
}
const skipped = peerPackages.filter((entry) => !modules.has(entry.module));
for (const entry of skipped) {
  log(`skipping ${entry.module} peers: ${entry.package} is not importable by ${debianPython} (add --install)`);
}

const directory = await mkdtemp(join(tmpdir(), "iterlab-peers-"));
const versions: Record<string, string> = { node: process.version };
const threadsUsed: Record<string, unknown> = {};
const context: PeerContext = {
  directory,
  threads: 2,
  quick: flag("--quick"),
  log,
  async peer(script: string, manifest: string, needs: readonly PeerModule[], threads: readonly PeerThreads[]) {
    const results = new Map<PeerThreads, PeerResult | string>();
    const absent = needs.filter((module) => !modules.has(module));
    for (const setting of threads) {
      if (absent.length > 0) {
        results.set(setting, `${absent.join(", ")} not installed`);
        continue;
      }
      try {
        const result = await runPeer(script, manifest, setting);
        Object.assign(versions, result.versions);
        threadsUsed[`${script} ${setting}`] = result.threadSettings;
        results.set(setting, result);
      } catch (error) {
        log((error as Error).message);
        results.set(setting, (error as Error).message.slice(0, 120));
      }
    }
    return results;
  },
};

const machine = machineInfo();
const started = new Date();
const machineLine = `${machine.model}, ${machine.cores} cores`;
log(`temporary data in ${directory}; ${machineLine}; PETSC_DIR ${debianPetscDir() ?? "(none)"}`);
const passRows: PeerRow[][] = [];
// The machine's load average (1, 5, 15 minutes) before each section and at the end: other work on a shared
// machine moves every figure, the multi-threaded ones most.
const load: Record<string, readonly number[]> = {};
const loadNow = () => loadavg().map((value) => Number(value.toFixed(2)));
try {
  for (let pass = 1; pass <= passes; pass++) {
    const rows: PeerRow[] = [];
    for (const [name, section] of Object.entries(sections)) {
      if (asked.length > 0 && !asked.includes(name)) continue;
      const key = passes === 1 ? name : `${name} (pass ${pass})`;
      load[key] = loadNow();
      log(`${key} (load average ${load[key]?.join(", ")})`);
      rows.push(...(await section(context)));
    }
    passRows.push(rows);
  }
  load.end = loadNow();
} finally {
  if (!flag("--keep")) await rm(directory, { recursive: true, force: true });
}
const nodeSees = `node sees ${machine.availableParallelism}`;
const when = started.toISOString();
console.log(`iterlab against its peers, ${when}; ${machineLine} (${nodeSees}); iterlab threads: ${context.threads}`);
const loads = Object.entries(load).map(([name, values]) => `${name} ${values.join("/")}`);
console.log(`load average (1, 5, 15 min) before each section: ${loads.join("; ")}`);
console.log(
  `versions: ${Object.entries(versions)
    .map(([name, version]) => `${name} ${version}`)
    .join(", ")}`,
);
const passNote = passes > 1 ? `; figures are medians of ${passes} passes, each pass's own ratio in the range` : "";
const ratioNote = "ratio = iterlab's time / the peer's time (below 1: iterlab is faster)";
console.log(`${ratioNote}; medians of repeated runs, warm-up excluded${passNote}\n`);
const rows = mergePasses(passRows);
console.log(formatPeerTable(rows));
if (skipped.length > 0) {
  const names = skipped.map((entry) => entry.package).join(", ");
  console.log(`\nskipped (not installed): ${names}; run with --install (as root)`);
}
if (jsonPath !== undefined) {
  const report = {
    date: started.toISOString(),
    machine,
    iterlabThreads: context.threads,
    loadAverage: load,
    versions,
    peerThreadSettings: threadsUsed,
    command: `npm run bench:peers -- ${args.join(" ")}`.trim(),
    passes,
    rows: rows.map((row) => ({ ...row, ratio: Number.isFinite(ratio(row)) ? ratio(row) : null })),
    passRows: passes > 1 ? passRows : undefined,
  };
  await writeFile(jsonPath, `${JSON.stringify(report, null, 2)}\n`);
  log(`wrote ${jsonPath}`);
}

import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { kernelPool, solve } from "../../../src/index.js";
import { givenCentroids, hamerlyKMeans, kmeans } from "../../../solvers/kmeans/index.js";
import { measureSideBySide } from "../measure.js";
import { blobs } from "./clustering.js";
import type { PeerContext } from "./context.js";
import { median, peerFigure, threadLabel } from "./context.js";
import { writeDataSet } from "./data-files.js";
import { debianPython, peerEnvironment, peerScripts } from "./python-peers.js";
import type { PeerResult } from "./python-peers.js";
import type { Figure, PeerRow } from "./table.js";

const run = promisify(execFile);

/** Issue 19: k-means time to convergence at most 0.5x scikit-learn's. */
const kmeansTarget = 0.5;

/** What one cold run printed: its first solve's (or fit's) time and iterations. */
export interface ColdRun {
  readonly ms: number;
  readonly iterations: number;
}

/** The first solve of a fresh Node process (kmeans-cold.ts), through the same loader as this bench. */
async function iterlabCold(manifest: string, algorithm: "lloyd" | "hamerly", threads: number): Promise<ColdRun> {
  const loader = fileURLToPath(new URL("../tsc-loader.mjs", import.meta.url));
  const script = fileURLToPath(new URL("./kmeans-cold.ts", import.meta.url));
  const args = ["--import", loader, script, manifest, algorithm, String(threads)];
  const { stdout } = await run(process.execPath, args, { maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split("\n").at(-1) as string) as ColdRun;
}

/** The first fit of a fresh Python process (sklearn_kmeans_cold.py), scikit-learn on its default threads. */
async function sklearnCold(manifest: string, algorithm: "lloyd" | "elkan"): Promise<ColdRun> {
  const script = `${peerScripts}/sklearn_kmeans_cold.py`;
  const options = { env: peerEnvironment("default"), cwd: peerScripts, maxBuffer: 1 << 20 };
  const { stdout } = await run(debianPython, [script, manifest, algorithm], options);
  return JSON.parse(stdout.trim().split("\n").at(-1) as string) as ColdRun;
}

/** The median of cold runs as a figure (with their iterations and range), or why there is none. */
export function coldFigure(runs: readonly ColdRun[], failure: string | undefined): Figure {
  if (runs.length === 0) return { missing: failure ?? "not run" };
  const times = runs.map((entry) => entry.ms);
  const range = `${Math.min(...times).toFixed(1)}-${Math.max(...times).toFixed(1)} ms`;
  return { ms: median(times), note: `${runs[0]?.iterations ?? "?"} iterations; ${runs.length} processes, ${range}` };
}

/**
 * k-means to convergence, Lloyd and Hamerly against scikit-learn's Lloyd and Elkan, 200,000 x 16 blobs, k = 8,
 * from the first 8 rows, measured two ways:
 * - warm: repeated runs in one process on each side (iterlab: `rounds` solves after one warm-up, Lloyd and
 *   Hamerly interleaved; scikit-learn: as many fits after one warm-up), medians. Each iterlab `solve` maps
 *   fresh kernel memory and starts its worker; scikit-learn's later fits reuse the heap pages of the earlier
 *   ones (glibc recycles them) and its OpenMP threads: a program that fits many times in one process;
 * - cold: the first solve (fit) on the whole data in a fresh process on each side, after the data is loaded,
 *   the modules imported and a small solve (fit) of 2,000 rows has paid the one-time set-up (compilation;
 *   scikit-learn's threadpoolctl scan and OpenMP start), `rounds` processes per contender, alternated,
 *   medians: a program that solves one large problem, where both sides map fresh memory.
 */
export async function kmeansRows(context: PeerContext): Promise<PeerRow[]> {
  const [n, d, k] = [200_000, 16, 8];
  const values = blobs(n, d, k, 2024);
  const start = Array.from({ length: k }, (_, j) => Array.from(values.subarray(j * d, (j + 1) * d)));
  const rounds = context.quick ? 2 : 5;
  const manifest = await writeDataSet(context.directory, "blobs-kmeans", {
    params: { rows: n, columns: d, k, repeats: rounds, kmeansAlgorithms: ["lloyd", "elkan"], covarianceTypes: [] },
    arrays: { x: values },
  });
  context.log(`blobs ${n} x ${d}: iterlab k-means, warm (${rounds} rounds)`);
  const iterations = { lloyd: 0, hamerly: 0 };
  const data = () => ({ data: { values, rows: n } });
  const options = { init: givenCentroids(start) };
  const threads = { threads: context.threads };
  // Beside the one-off solves, the same solves sharing a kernel pool: kernel memory stays mapped and the workers
  // up between solves, as scikit-learn's later fits reuse the heap pages and OpenMP threads of earlier ones.
  using pool = kernelPool();
  const pooled = { ...threads, kernelPool: pool };
  const [lloydWarm, hamerlyWarm, lloydPooled, hamerlyPooled] = measureSideBySide(
    [
      { name: "lloyd", run: () => (iterations.lloyd = solve(kmeans(options), data(), threads).iterations) },
      { name: "hamerly", run: () => (iterations.hamerly = solve(hamerlyKMeans(options), data(), threads).iterations) },
      { name: "lloyd, pool", run: () => solve(kmeans(options), data(), pooled).iterations },
      { name: "hamerly, pool", run: () => solve(hamerlyKMeans(options), data(), pooled).iterations },
    ],
    rounds,
    1,
  ).map((entry) => entry.medianMs) as [number, number, number, number];
  context.log("blobs: scikit-learn k-means, warm");
  const peers = await context.peer("sklearn_clustering.py", manifest, ["sklearn"], ["default", 1]);
  context.log(`blobs: k-means cold, ${rounds} fresh processes per contender, alternated`);
  const cold = { lloyd: [] as ColdRun[], hamerly: [] as ColdRun[], skLloyd: [] as ColdRun[], skElkan: [] as ColdRun[] };
  let iterlabFailure: string | undefined;
  let sklearnFailure: string | undefined;
  const attempt = async (runs: ColdRun[], side: "iterlab" | "sklearn", once: () => Promise<ColdRun>) => {
    if ((side === "iterlab" ? iterlabFailure : sklearnFailure) !== undefined) return;
    try {
      runs.push(await once());
    } catch (error) {
      const message = (error as Error).message.split("\n")[0]?.slice(0, 120) ?? "failed";
      if (side === "iterlab") iterlabFailure = message;
      else sklearnFailure = message;
      context.log(`cold k-means (${side}): ${message}`);
    }
  };
  for (let round = 0; round < rounds; round++) {
    await attempt(cold.lloyd, "iterlab", () => iterlabCold(manifest, "lloyd", context.threads));
    await attempt(cold.skLloyd, "sklearn", () => sklearnCold(manifest, "lloyd"));
    await attempt(cold.hamerly, "iterlab", () => iterlabCold(manifest, "hamerly", context.threads));
    await attempt(cold.skElkan, "sklearn", () => sklearnCold(manifest, "elkan"));
  }
  const version = (() => {
    const result = peers.get("default");
    return typeof result === "object" ? `scikit-learn ${result.versions["scikit-learn"] ?? "?"}` : "scikit-learn";
  })();
  const threadsUsed = `${context.threads} threads`;
  const rows: PeerRow[] = [];
  for (const [threadSetting, result] of peers) {
    const label = threadLabel(threadSetting, result);
    const iterationsOf = (key: string) => (peer: PeerResult) => `${peer.iterations?.[key] ?? "?"} iterations`;
    const warmRow = (algorithm: "lloyd" | "elkan", ms: number, workload: string): PeerRow => ({
      workload,
      peer: `${version} KMeans ${algorithm}, ${label}, warm repeats`,
      peerFigure: peerFigure(result, `kmeans-${algorithm}`, iterationsOf(`kmeans-${algorithm}`)),
      iterlabFigure: { ms, note: `${algorithm === "lloyd" ? iterations.lloyd : iterations.hamerly} iterations` },
      targetAtMost: kmeansTarget,
    });
    const same = "k-means to convergence, same data and start, warm repeats";
    rows.push(
      warmRow(
        "lloyd",
        lloydWarm,
        `k-means to convergence, ${n} x ${d} blobs, k = ${k}, first 8 rows as start, warm repeats; iterlab Lloyd, ${threadsUsed}`,
      ),
      warmRow("elkan", hamerlyWarm, `${same}; iterlab Hamerly, ${threadsUsed}`),
      warmRow("lloyd", lloydPooled, `${same} sharing a kernelPool(); iterlab Lloyd, ${threadsUsed}`),
      warmRow("elkan", hamerlyPooled, `${same} sharing a kernelPool(); iterlab Hamerly, ${threadsUsed}`),
    );
  }
  const coldRow = (algorithm: "lloyd" | "elkan", ours: readonly ColdRun[], theirs: readonly ColdRun[]): PeerRow => ({
    workload: `k-means to convergence, same data and start, first large solve of a fresh process; iterlab ${algorithm === "lloyd" ? "Lloyd" : "Hamerly"}, ${threadsUsed}`,
    peer: `${version} KMeans ${algorithm}, default threads, first large fit of a fresh process`,
    peerFigure: coldFigure(theirs, sklearnFailure),
    iterlabFigure: coldFigure(ours, iterlabFailure),
    targetAtMost: kmeansTarget,
  });
  rows.push(coldRow("lloyd", cold.lloyd, cold.skLloyd), coldRow("elkan", cold.hamerly, cold.skElkan));
  return rows;
}

import { Random, solve } from "../../../src/index.js";
import {
  diagonalCovariance,
  fullCovariance,
  gaussianMixture,
  givenParameters,
  sphericalCovariance,
  tiedCovariance,
} from "../../../solvers/gaussian-mixture/index.js";
import { measureSideBySide } from "../measure.js";
import type { PeerContext } from "./context.js";
import { peerFigure, threadLabel } from "./context.js";
import { writeDataSet } from "./data-files.js";
import { kmeansRows } from "./kmeans.js";
import type { PeerResult } from "./python-peers.js";
import type { PeerRow } from "./table.js";

/** Issue 19: EM per iteration at most 0.5x scikit-learn's, every covariance type. */
const emTarget = 0.5;

/**
 * `rows` points in `d` dimensions around `k` centres, as scikit-learn's `make_blobs` draws them by default:
 * centres uniform in [-10, 10]^d, standard deviation 1, equal counts, rows shuffled. Seeded.
 */
export function blobs(rows: number, d: number, k: number, seed: number): Float64Array {
  const random = new Random(seed);
  const centres = Array.from({ length: k * d }, () => -10 + 20 * random.float());
  const labels = Int32Array.from({ length: rows }, (_, i) => i % k);
  for (let i = rows - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [labels[i], labels[j]] = [labels[j] as number, labels[i] as number];
  }
  const values = new Float64Array(rows * d);
  for (let i = 0; i < rows; i++) {
    const centre = (labels[i] as number) * d;
    for (let t = 0; t < d; t++) values[i * d + t] = (centres[centre + t] as number) + random.normal();
  }
  return values;
}

/** Whether both ran the same EM: iterlab's mean log-likelihood after the same iterations against scikit-learn's. */
export function sameIterates(ours: number | undefined, peer: PeerResult | string | undefined, kind: string): string {
  const theirs = typeof peer === "object" ? peer.logLikelihoods?.[kind] : undefined;
  if (ours === undefined || theirs === undefined) return "log-likelihood not compared";
  const difference = Math.abs(ours - theirs);
  if (difference <= 1e-8 * Math.max(1, Math.abs(theirs))) return "same log-likelihood";
  return `log-likelihood ${ours.toFixed(6)} vs ${theirs.toFixed(6)}`;
}

const covariances = {
  full: fullCovariance,
  diag: diagonalCovariance,
  tied: tiedCovariance,
  spherical: sphericalCovariance,
};

/**
 * k-means to convergence ({@link kmeansRows}, also the section `kmeans` alone) and EM per iteration (the four
 * covariance types against GaussianMixture), 200,000 x 16 blobs, k = 8, both from the first 8 rows (EM: those
 * means, identity covariances, equal weights). iterlab on `context.threads` threads; scikit-learn with its
 * default threads and with one.
 */
export async function clusteringRows(context: PeerContext): Promise<PeerRow[]> {
  // k-means first, in a process that has not yet run EM (as before the k-means rows had a section of their own).
  const rows: PeerRow[] = await kmeansRows(context);
  const n = 200_000;
  const d = 16;
  const k = 8;
  const values = blobs(n, d, k, 2024);
  const start = Array.from({ length: k }, (_, j) => Array.from(values.subarray(j * d, (j + 1) * d)));
  const emLow = 1;
  const emSpan = context.quick ? 2 : 4;
  const emRounds = context.quick ? 1 : 3;
  const kinds = ["full", "diag", "tied", "spherical"] as const;
  const manifest = await writeDataSet(context.directory, "blobs", {
    params: {
      rows: n,
      columns: d,
      k,
      emRepeats: emRounds,
      emLow,
      emSpan,
      kmeansAlgorithms: [],
      covarianceTypes: kinds,
    },
    arrays: { x: values },
  });
  const data = () => ({ data: { values, rows: n } });
  const identity = Array.from({ length: d }, (_, a) => Array.from({ length: d }, (_, c) => (a === c ? 1 : 0)));
  const weights = start.map(() => 1 / k);
  const init = givenParameters({ weights, means: start, covariances: start.map(() => identity) });
  // EM on the context's threads and on one (the latter beside scikit-learn on one thread).
  const emMs: Record<string, number> = {};
  const emOneThreadMs: Record<string, number> = {};
  const emLogLikelihood: Record<string, number> = {};
  for (const kind of kinds) {
    context.log(`blobs: iterlab EM ${kind}`);
    const em = gaussianMixture({ k, covariance: covariances[kind](), init, absTolerance: 0 });
    const iterations = (threads: number, maxIterations: number) =>
      solve(em, data(), { threads, maxIterations }).state.logLikelihood;
    const [low, high, lowOne, highOne] = measureSideBySide(
      [
        { name: "low", run: () => iterations(context.threads, emLow) },
        { name: "high", run: () => (emLogLikelihood[kind] = iterations(context.threads, emLow + emSpan)) },
        { name: "low, 1 thread", run: () => iterations(1, emLow) },
        { name: "high, 1 thread", run: () => iterations(1, emLow + emSpan) },
      ],
      emRounds,
      1,
    );
    emMs[kind] = ((high?.medianMs ?? NaN) - (low?.medianMs ?? NaN)) / emSpan;
    emOneThreadMs[kind] = ((highOne?.medianMs ?? NaN) - (lowOne?.medianMs ?? NaN)) / emSpan;
  }
  context.log("blobs: scikit-learn");
  const peers = await context.peer("sklearn_clustering.py", manifest, ["sklearn"], ["default", 1]);
  const version = (() => {
    const result = peers.get("default");
    return typeof result === "object" ? `scikit-learn ${result.versions["scikit-learn"] ?? "?"}` : "scikit-learn";
  })();
  const threads = `${context.threads} threads`;
  for (const kind of kinds) {
    for (const [threadSetting, result] of peers) {
      // iterlab on the context's threads beside scikit-learn's default; on one thread beside its one thread.
      const one = threadSetting === 1;
      rows.push({
        workload: `EM, ${kind} covariances, k = ${k}, same data, per iteration (${one ? "1 thread" : threads})`,
        peer: `${version} GaussianMixture ${kind}, ${threadLabel(threadSetting, result)}`,
        peerFigure: peerFigure(result, `em-${kind}`),
        iterlabFigure: {
          ms: (one ? emOneThreadMs[kind] : emMs[kind]) ?? NaN,
          note: sameIterates(emLogLikelihood[kind], result, kind),
        },
        targetAtMost: emTarget,
      });
    }
  }
  return rows;
}

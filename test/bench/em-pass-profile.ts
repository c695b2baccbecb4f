// Where an EM iteration's time goes, kernel by kernel: `npx tsx test/bench/em-pass-profile.ts`. Each kernel of
// gmm.wat runs over 200,000 x 16 blobs (k = 8) in the resident passes' chunks, on one thread; the figure is
// the least process CPU time of ten runs (steadier than wall time on a shared machine). Not a test: figures only.
import { bindKernel, MemoryLayout } from "../../src/engine/internals.js";
import { lowerPairs } from "../../solvers/gaussian-mixture/tied-transform.js";
import { boundedLayout } from "../../solvers/gaussian-mixture/bounded-kernels.js";
import { compiledModule } from "../../solvers/gaussian-mixture/wasm-kernels.js";
import { blobs } from "./peers/clustering.js";

type Kernel = Record<string, (...args: number[]) => number>;

const [n, d, k] = [200_000, 16, 8];
const kPad = 8;
const perChunk = Math.floor(2 ** 19 / (8 * (d + k)));
const x = blobs(n, d, k, 2024);
const layout = new MemoryLayout();
const at = (bytes: number) => layout.take(bytes);
const [xAt, respAt, normsAt, mappedAt] = [at(n * d * 8), at(n * k * 8), at(n * 16), at(n * d * 8)];
const [meansTAt, factorsTAt, logDetsAt, logWeightsAt, meansAt] = [
  at(d * kPad * 8),
  at(d * kPad * 8),
  at(64),
  at(64),
  at(k * d * 8),
];
const [slotAt, matricesAt, scratchAt, pairsAt, basesAt, boundAt, tiedAt] = [
  at(8 * (4 + k + 2 * k * d)),
  at(k * d * d * 8),
  at(16 * 1024),
  at(k * d * d * 16),
  at(k * 8),
  at(k * 8),
  at(d * (d + 2) * 8),
];
const binding = bindKernel<Kernel>(compiledModule, layout.size, 1);
if (binding === undefined) throw new Error("no WebAssembly SIMD here");
const f64 = (offset: number, length: number) => new Float64Array(binding.buffer, offset, length);
f64(xAt, n * d).set(x);
f64(meansAt, k * d).set(x.subarray(0, k * d));
f64(meansTAt, d * kPad).set(
  Float64Array.from({ length: d * kPad }, (_, p) => x[(p % kPad) * d + Math.floor(p / kPad)] as number),
);
f64(factorsTAt, d * kPad).fill(0.5);
f64(logWeightsAt, k).fill(Math.log(1 / k));
// Full: factors 0.5 I (covariances 4 I): every component overlaps every point, so the bounded kernel skips none.
const factors = new Float64Array(k * d * d);
const covariances = new Float64Array(k * d * d);
for (let j = 0; j < k; j++)
  for (let t = 0; t < d; t++) {
    factors[j * d * d + t * d + t] = 0.5;
    covariances[j * d * d + t * d + t] = 4;
  }
const { pairFactors, groupFloats, c } = boundedLayout(factors, covariances, k, d);
f64(pairsAt, pairFactors.length).set(pairFactors);
f64(boundAt, k).set(c);
f64(tiedAt, d * (d + 2)).set(lowerPairs(factors.subarray(0, d * d), d));
const api = binding.exports;

/** The least CPU time (ms) of ten runs of `kernel` over every chunk. */
function chunked(kernel: (start: number, count: number) => void): string {
  let best = Number.POSITIVE_INFINITY;
  for (let run = 0; run < 10; run++) {
    const before = process.cpuUsage();
    for (let start = 0; start < n; start += perChunk) kernel(start, Math.min(perChunk, n - start));
    const used = process.cpuUsage(before);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return `${best.toFixed(1)} ms`;
}

const xs = (start: number) => xAt + start * d * 8;
const rs = (start: number) => respAt + start * k * 8;
const [totalsAt, firstAt, secondAt] = [slotAt + 32, slotAt + 32 + 8 * k, slotAt + 32 + 8 * k + 8 * k * d];
const rows: [string, (start: number, count: number) => void][] = [
  [
    "axisDistances (E: diagonal, spherical, tied)",
    (s, m) => api.axisDistances?.(xs(s), m, d, meansTAt, factorsTAt, kPad, k, -14.7, logDetsAt, rs(s)),
  ],
  ["lowerTransform (E: tied)", (s, m) => api.lowerTransform?.(xs(s), m, d, tiedAt, mappedAt + s * d * 8)],
  [
    "boundedLogDensities (E: full, nothing skipped)",
    (s, m) =>
      api.boundedLogDensities?.(
        xs(s),
        m,
        d,
        meansAt,
        pairsAt,
        groupFloats * 8,
        k,
        basesAt,
        logWeightsAt,
        boundAt,
        scratchAt,
        scratchAt + 256,
        rs(s),
      ),
  ],
  ["normalise (E: every type)", (s, m) => api.normalise?.(rs(s), m, k, logWeightsAt, normsAt + s * 16)],
  ["logNormParts (log-likelihood: every type)", (s, m) => api.logNormParts?.(normsAt + s * 16, m, slotAt + 8)],
  [
    "axisSums with squares (M: diagonal, spherical)",
    (s, m) => api.axisSums?.(xs(s), m, d, rs(s), k, meansAt, totalsAt, firstAt, secondAt),
  ],
  ["axisSums (M: tied)", (s, m) => api.axisSums?.(xs(s), m, d, rs(s), k, meansAt, totalsAt, firstAt, 0)],
  ["weightedSums (M: full)", (s, m) => api.weightedSums?.(xs(s), m, d, rs(s), k, totalsAt, firstAt)],
  ["tiledScatter (M: full)", (s, m) => api.tiledScatter?.(xs(s), m, d, rs(s), k, meansAt, 16, scratchAt, matricesAt)],
  ["scatter, packed (M: full, before)", (s, m) => api.scatter?.(xs(s), m, d, rs(s), k, meansAt, scratchAt, matricesAt)],
];
// Log-densities for the normalisation to work on.
api.axisDistances?.(xAt, n, d, meansTAt, factorsTAt, kPad, k, -14.7, logDetsAt, respAt);
for (const [name, kernel] of rows) console.log(`${name}: ${chunked(kernel)}`);
const responsibilities = f64(respAt, n * k);
console.log(`copying the responsibilities out (JavaScript): ${chunked((s) => s === 0 && responsibilities.slice())}`);
binding.dispose();
